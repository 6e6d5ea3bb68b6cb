"""What the audit log's action codes mean to a reader, and which rows a municipality's HR may read."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Codes written by services.audit_log; a code without a label is shown as it is.
ACTION_LABELS = {
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Failed login"),
    "access.denied": _("Denied access"),
    "role.granted": _("Role granted"),
    "invitation.accepted": _("Invitation accepted"),
    "invitation.resent": _("Invitation sent again"),
    "programme.created": _("Programme created"),
    "programme.updated": _("Programme changed"),
    "programme.extension_decided": _("Extension decided"),
    "gathering.added": _("Gathering added"),
    "gathering.updated": _("Gathering changed"),
    # Programme shapes and templates (issue 18)
    "gathering.removed": _("Gathering removed"),
    "gathering.moved": _("Gathering moved"),
    "programme.template_saved": _("Programme saved as a template"),
    "programme.template_deleted": _("Programme template deleted"),
    "programme.created_from_template": _("Programme created from a template"),
    "plan.kept": _("Chose to keep the plan after the programme"),
    "plan.keeping_declined": _("Chose to let the plan be erased after the programme"),
    "agenda.saved": _("Agenda item saved"),
    "agenda.deleted": _("Agenda item deleted"),
    "run.created": _("Run created"),
    "run.updated": _("Run changed"),
    "run.deleted": _("Run deleted"),
    "runs.assigned": _("Participants assigned to runs"),
    "run.participant_moved": _("Participant moved to another run"),
    "participants.imported": _("Participants imported"),
    "participants.exported": _("Participant list exported"),
    "participants.invited": _("Participants invited"),
    "calendar_feed.renewed": _("Calendar link renewed"),
    # The leader's own space
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
    "plan.action_added": _("Plan action added"),
    "plan.action_changed": _("Plan action changed"),
    "plan.checkin": _("Plan check-in"),
    "plan.commented": _("Comment on a plan"),
    "plan.drafted_from_feedback": _("Plan goals drafted from feedback"),
    "cascade.logged": _("Train-the-trainers entry logged"),
    "cascade.deleted": _("Train-the-trainers entry deleted"),
    # Peer groups
    "peergroups.composed": _("Peer groups proposed"),
    "peergroups.confirmed": _("Peer groups confirmed"),
    "peergroup.updated": _("Peer group changed"),
    "peergroup.member_moved": _("Peer group member moved"),
    "meeting.saved": _("Peer group meeting saved"),
    "meeting.deleted": _("Peer group meeting deleted"),
    "case.created": _("Case logged"),
    "case.followed_up": _("Case followed up"),
    "case.read": _("Case read by the facilitator"),
    "theme.added": _("Case theme added"),
    # Evaluation
    "evaluation.created": _("Programme evaluation opened"),
    "evaluation.closed": _("Evaluation closed"),
    "evaluation.exported": _("Evaluation results exported"),
    "evaluation.ten_factor_saved": _("10-faktor averages saved"),
    "report.requested": _("Report build requested"),
    "report.downloaded": _("Report downloaded"),
    # Reminders and privacy
    "reminders.preferences_set": _("Reminder choices saved"),
    "gdpr.exported": _("Own data downloaded"),
    "gdpr.person_erased": _("Person erased"),
    "gdpr.programme_material_erased": _("Programme working material erased"),
}


def action_label(code):
    return ACTION_LABELS.get(code, code)


def events_of_municipality(municipality):
    """Rows about the municipality, and rows of anything done by people who hold a role in it."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    from core.models import AuditEvent, MunicipalityRole
    from participants.models import Facilitator, Participant

    people = [
        MunicipalityRole.objects.filter(municipality=municipality).values("user_id"),
        Participant.objects.filter(programme__municipality=municipality).values("user_id"),
        Facilitator.objects.filter(programme__municipality=municipality).values("user_id"),
    ]
    done_by_people = Q()
    for ids in people:
        done_by_people |= Q(actor__in=ids)
        # A failed login has no actor, only the account that was tried.
        done_by_people |= Q(
            action="auth.login_failed",
            target_type="core.User",
            target_id__in=ids.annotate(key=Cast("user_id", CharField())).values("key"),
        )
    return AuditEvent.objects.filter(Q(municipality=municipality) | done_by_people).select_related("actor")
