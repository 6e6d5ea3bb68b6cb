"""The start page's part of the gatherings: a leader's own run of each programme's next gathering.

Set on the dashboard's programme objects (core/home.py runs this after programmes' dashboard), one
query for a leader and none for anyone else.
"""

from core.home import START_PAGE
from core.roles import roles_of
from sessions.models import RunAssignment


@START_PAGE.register(order=20)
def own_runs(user, page):
    if roles_of(user).is_participant:
        # The dashboard's lists hold the same programme objects; each is set once.
        dashboard = page["dashboard"]
        programmes = {
            p.pk: p
            for key in ("hr_programmes", "executive_programmes", "participant_programmes", "facilitator_programmes")
            for p in dashboard[key]
        }.values()
        own_runs = {
            a.gathering_id: a.run
            for a in RunAssignment.objects.filter(participant__user=user).select_related("run__gathering")
        }
        for programme in programmes:
            if programme.next_gathering is not None:
                programme.next_run = own_runs.get(programme.next_gathering.pk)
    return {}
