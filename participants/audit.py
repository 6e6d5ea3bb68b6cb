"""What the participants app's audit-log action codes mean to a reader (registered with core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from core.audit import register_labels

register_labels(
    {
        "participants.imported": _("Participants imported"),
        "participants.exported": _("Participant list exported"),
        "participants.invited": _("Participants invited"),
        "participant.updated": _("Participant's job data changed"),
        "participant.facilitator_changed": _("Participant's facilitator changed"),
        "baseline.submitted": _("Baseline mapping submitted"),
        "baseline.viewed": _("Baseline mapping read by someone else"),
        "profile.consent_given": _("Consent to a personality profile given"),
        "profile.consent_withdrawn": _("Consent to a personality profile withdrawn"),
        "profile.recorded": _("Personality profile recorded"),
        "profile.viewed": _("Personality profile read by someone else"),
        "profile_report.viewed": _("Profile report read by someone else"),
        "profiles.purged": _("Profiles deleted after the programme"),
        "feedback.recorded": _("Feedback conversation recorded"),
        "feedback.commented": _("Comment on feedback"),
        "plan.viewed": _("Development plan read by someone else"),
        "plan_pdf.viewed": _("Development plan PDF read by someone else"),
        "plan.goal_added": _("Plan goal added"),
        "plan.goal_changed": _("Plan goal changed"),
        "plan.goal_deleted": _("Plan goal deleted"),
        "plan.action_deleted": _("Plan action deleted"),
        "plan.kept": _("Chose to keep the plan after the programme"),
        "plan.keeping_declined": _("Chose to let the plan be erased after the programme"),
        "plan.action_added": _("Plan action added"),
        "plan.action_changed": _("Plan action changed"),
        "plan.checkin": _("Plan check-in"),
        "plan.commented": _("Comment on a plan"),
        "plan.drafted_from_feedback": _("Plan goals drafted from feedback"),
        "cascade.logged": _("Train-the-trainers entry logged"),
        "cascade.deleted": _("Train-the-trainers entry deleted"),
    }
)
