"""The leader's own space: baseline, personality profile, feedback, development plan, train the trainers.

One module per capability (overview, baseline, profile, plan, cascade, and the programme's aggregates
in programme.py); common.py holds what they share.

Every page is looked up among the participations the user may open (their own, or those assigned to
them as facilitator); anyone else gets 404. Reads of a profile or a plan by someone other than its
owner are written to the audit log (who, when, which; never the content).
"""
