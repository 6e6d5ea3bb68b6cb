"""The data subject's rights and the retention rule (GDPR art. 15, 17, 20 and 5(1)(e)).

- `personal_data(user)` is everything the service holds about one person, and nothing about anyone
  else; `personal_data_export` packs it (with their uploaded profile reports) as a zip and audits it.
- `person_erase` is HR's erasure of one person's working material in their municipality, and of the
  account itself when the person holds no role anywhere else.
- `programme_material_erase` removes a whole programme's working material; `material_purge_expired`
  does it for every programme that ended more than RETENTION_DAYS_AFTER_PROGRAMME_END days ago.

What must be kept stays: that a person took part in a programme (the Participant row, without the
free-text fields), their attendance, their peer-group membership and which meetings they came to.
Evaluation answers are not touched: they are stored without any link to a person.

The other apps' rows are reached here, with their models, so that one module holds the whole rule.
Audit rows hold no content by design; the two kinds that can hold something a person wrote or
typed (a failed login's e-mail address, the reason HR gave for moving a member) are scrubbed too.
"""

import datetime
import io
import json
import zipfile

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import (
    AuditEvent,
    CalendarFeed,
    Invitation,
    MailPreference,
    MunicipalityRole,
    Reminder,
    ReminderOptOut,
    User,
)
from core.roles import forget_roles
from core.services import audit_log

FORMAT = "lederprogram-personal-data/1"
JSON_NAME = "mine-data.json"
REPORTS_DIR = "profilrapporter"


def _dt(value):
    return timezone.localtime(value).isoformat() if value else None


def _d(value):
    return value.isoformat() if value else None


def _t(value):
    return value.strftime("%H:%M") if value else None


def _by_participant(rows, key="participant_id"):
    grouped = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


# --- The export (right of access and to data portability) -----------------------------------------


def _keeping_data(participant):
    keeping = getattr(participant, "plan_keeping", None)  # selected with the participation
    if keeping is None:
        return None
    return {"keep": keeping.keep, "decided_at": _dt(keeping.decided_at), "withdrawn_at": _dt(keeping.withdrawn_at)}


def personal_data(user):
    """Everything about `user`, as plain JSON-ready data. A fixed number of queries, however much there is.

    Names of other people appear in one place only: who read your profile, plan or cases (the law
    gives you that). Other members' cases, other participants' data and evaluation answers never do.
    """
    from evaluation.models import Respondent
    from participants.models import (
        Baseline,
        CascadeSession,
        DevelopmentPlan,
        Facilitator,
        Notice,
        Participant,
        PersonalityProfile,
        PlanAction,
        PlanCheckIn,
        PlanComment,
        PlanGoal,
        PlanVersion,
        ProfileConsent,
        ProfileFeedback,
    )
    from peergroups.models import Case, Meeting, PeerGroupMember
    from sessions.models import Attendance

    participations = list(
        Participant.objects.filter(user=user)
        .select_related("programme__municipality", "plan_keeping")
        .order_by("created_at", "pk")
    )
    ids = [p.pk for p in participations]
    attendance = _by_participant(
        Attendance.objects.filter(participant__in=ids)
        .select_related("run__gathering")
        .order_by("run__date", "run__start_time", "pk")
    )
    baselines = _by_participant(
        Baseline.objects.filter(participant__in=ids).prefetch_related("ratings__goal").order_by("submitted_at", "pk")
    )
    consents = {c.participant_id: c for c in ProfileConsent.objects.filter(participant__in=ids)}
    profiles = _by_participant(PersonalityProfile.objects.filter(participant__in=ids).order_by("taken_on", "pk"))
    feedback = {f.participant_id: f for f in ProfileFeedback.objects.filter(participant__in=ids)}
    plans = {p.participant_id: p for p in DevelopmentPlan.objects.filter(participant__in=ids)}
    plan_ids = [p.pk for p in plans.values()]
    goals = _by_participant(
        PlanGoal.objects.filter(plan__in=plan_ids)
        .select_related("programme_goal", "value")
        .order_by("created_at", "pk"),
        key="plan_id",
    )
    actions = _by_participant(
        PlanAction.objects.filter(goal__plan__in=plan_ids)
        .select_related("home_commitment_after")
        .order_by("created_at", "pk"),
        key="goal_id",
    )
    checkins = _by_participant(PlanCheckIn.objects.filter(plan__in=plan_ids).order_by("created_at", "pk"), "plan_id")
    comments = _by_participant(PlanComment.objects.filter(plan__in=plan_ids).order_by("created_at", "pk"), "plan_id")
    versions = _by_participant(PlanVersion.objects.filter(plan__in=plan_ids).order_by("number"), "plan_id")
    notices = _by_participant(Notice.objects.filter(participant__in=ids).order_by("created_at", "pk"))
    cascades = _by_participant(CascadeSession.objects.filter(participant__in=ids).order_by("held_on", "pk"))
    memberships = {
        m.participant_id: m for m in PeerGroupMember.objects.filter(participant__in=ids).select_related("group")
    }
    meetings = {}
    for row in (
        Meeting.attendees.through.objects.filter(participant__in=ids)
        .select_related("meeting")
        .order_by("meeting__date", "meeting__start_time", "meeting__pk")
    ):
        meetings.setdefault(row.participant_id, []).append(row.meeting)
    cases = _by_participant(
        Case.objects.filter(brought_by__in=ids)
        .select_related("group")
        .prefetch_related("themes", "values")
        .order_by("discussed_on", "pk"),
        key="brought_by_id",
    )
    answered = Respondent.objects.filter(user=user).select_related("survey").order_by("survey__opens_at", "survey__pk")
    answered_by_programme = {}
    for respondent in answered:
        answered_by_programme.setdefault(respondent.survey.programme_id, []).append(respondent.survey)

    def plan_data(plan):
        if plan is None:
            return None
        return {
            "created_at": _dt(plan.created_at),
            "updated_at": _dt(plan.updated_at),
            "goals": [
                {
                    "title": g.title,
                    "success_criteria": g.success_criteria,
                    "deadline": _d(g.deadline),
                    "programme_goal": g.programme_goal.text if g.programme_goal else "",
                    "value": g.value.name if g.value else "",
                    "ten_factors": list(g.ten_factors),
                    "competence_dimension": g.competence_dimension,
                    "status": g.status,
                    "is_draft": g.is_draft,
                    "source": g.source,
                    "created_at": _dt(g.created_at),
                    "actions": [
                        {
                            "text": a.text,
                            "due_date": _d(a.due_date),
                            "status": a.status,
                            "first_thing_at_home_after": str(a.home_commitment_after or "") or None,
                            "created_at": _dt(a.created_at),
                        }
                        for a in actions.get(g.pk, [])
                    ],
                }
                for g in goals.get(plan.pk, [])
            ],
            "checkins": [
                {"progress": c.progress, "reflection": c.reflection, "created_at": _dt(c.created_at)}
                for c in checkins.get(plan.pk, [])
            ],
            # The facilitator's comments on your plan; who wrote them is their data, when is yours.
            "comments_from_facilitator": [
                {"text": c.text, "created_at": _dt(c.created_at)} for c in comments.get(plan.pk, [])
            ],
            "versions": [
                {"number": v.number, "reason": v.reason, "created_at": _dt(v.created_at), "snapshot": v.snapshot}
                for v in versions.get(plan.pk, [])
            ],
        }

    def feedback_data(fb):
        if fb is None:
            return None
        return {
            "held_on": _d(fb.held_on),
            "strengths": fb.strengths,
            "development_areas": fb.development_areas,
            "your_comment": fb.participant_comment,
            "commented_at": _dt(fb.commented_at),
            "created_at": _dt(fb.created_at),
            "updated_at": _dt(fb.updated_at),
        }

    def participation_data(p):
        programme = p.programme
        membership = memberships.get(p.pk)
        return {
            "programme": {
                "name": programme.name,
                "municipality": programme.municipality.name,
                "start_date": _d(programme.start_date),
                "end_date": _d(programme.end_date),
            },
            "job_title": p.job_title,
            "leader_level": p.leader_level,
            "unit": p.unit,
            "sector": p.sector,
            "dietary_needs": p.dietary_needs,
            "created_at": _dt(p.created_at),
            # The way on: whether you chose to keep your plan after the programme (and when).
            "plan_kept_after_programme": _keeping_data(p),
            "attendance": [
                {
                    "gathering": str(a.run.gathering),
                    "date": _d(a.run.date),
                    "start_time": _t(a.run.start_time),
                    "end_time": _t(a.run.end_time),
                    "venue": a.run.venue,
                    "status": a.status,
                }
                for a in attendance.get(p.pk, [])
            ],
            "baselines": [
                {
                    "phase": b.phase,
                    "leadership_education": b.leadership_education,
                    "years_as_leader": b.years_as_leader,
                    "expectations": b.expectations,
                    "submitted_at": _dt(b.submitted_at),
                    "updated_at": _dt(b.updated_at),
                    "ratings": [
                        {"goal": r.goal.text, "dimension": r.dimension, "score": r.score}
                        for r in sorted(b.ratings.all(), key=lambda r: (r.goal.position, r.goal_id, r.dimension))
                    ],
                }
                for b in baselines.get(p.pk, [])
            ],
            "profile_consent": {"consented_at": _dt(consents[p.pk].consented_at)} if p.pk in consents else None,
            "profiles": [
                {
                    "instrument": pr.instrument,
                    "instrument_name": pr.instrument_name,
                    "type_label": pr.type_label,
                    "scores": pr.scores,
                    "answers": pr.answers,
                    "taken_on": _d(pr.taken_on),
                    "administered_by": pr.administered_by,
                    "report_file": f"{REPORTS_DIR}/{pr.pk}.pdf" if pr.report else None,
                    "created_at": _dt(pr.created_at),
                }
                for pr in profiles.get(p.pk, [])
            ],
            "feedback": feedback_data(feedback.get(p.pk)),
            "plan": plan_data(plans.get(p.pk)),
            "notices": [
                {"kind": n.kind, "created_at": _dt(n.created_at), "read_at": _dt(n.read_at)}
                for n in notices.get(p.pk, [])
            ],
            "passed_on_to_staff": [
                {"held_on": _d(c.held_on), "topic": c.topic, "staff_count": c.staff_count}
                for c in cascades.get(p.pk, [])
            ],
            "peer_group": (
                {
                    "name": membership.group.name,
                    # When and where only: who else came, and what was said, is the group's.
                    "meetings_attended": [
                        {
                            "date": _d(m.date),
                            "start_time": _t(m.start_time),
                            "end_time": _t(m.end_time),
                            "place": m.place,
                        }
                        for m in meetings.get(p.pk, [])
                    ],
                }
                if membership
                else None
            ),
            "cases_brought": [
                {
                    "group": c.group.name,
                    "discussed_on": _d(c.discussed_on),
                    "title": c.title,
                    "situation": c.situation,
                    "challenge": c.challenge,
                    "tried": c.tried,
                    "reflections": c.reflections,
                    "action": c.action,
                    "follow_up": c.follow_up,
                    "follow_up_on": _d(c.follow_up_on),
                    "themes": [str(t.label) for t in c.themes.all()],
                    "values": [v.name for v in c.values.all()],
                    "ten_factors": list(c.ten_factors),
                }
                for c in cases.get(p.pk, [])
            ],
            "evaluations_answered": [s.title for s in answered_by_programme.get(programme.pk, [])],
        }

    case_ids = [str(c.pk) for rows in cases.values() for c in rows]
    own_actions = AuditEvent.objects.filter(actor=user).order_by("created_at", "pk")
    reads = (
        AuditEvent.objects.filter(
            Q(action__endswith=".viewed", detail__participant__in=ids)
            | Q(action="case.read", target_type="peergroups.Case", target_id__in=case_ids)
        )
        .exclude(actor=user)
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    failed_logins = AuditEvent.objects.filter(
        action="auth.login_failed", target_type="core.User", target_id=str(user.pk)
    ).order_by("created_at", "pk")

    return {
        "format": FORMAT,
        "about": _(
            "Everything this service stores about you. Evaluation answers are not here: they are stored "
            "without any link to you, so nobody (not even the service) can tell which answers are yours. "
            "'evaluations_answered' only says which surveys you have answered."
        ),
        "user": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _dt(user.date_joined),
            "last_login": _dt(user.last_login),
        },
        "municipality_roles": [
            {"municipality": r.municipality.name, "role": r.role, "since": _dt(r.created_at)}
            for r in MunicipalityRole.objects.filter(user=user).select_related("municipality").order_by("pk")
        ],
        "facilitator_roles": [
            {"programme": f.programme.name, "organisation": f.organisation, "since": _dt(f.created_at)}
            for f in Facilitator.objects.filter(user=user).select_related("programme").order_by("pk")
        ],
        "participations": [participation_data(p) for p in participations],
        "reminders": [
            {
                "kind": r.kind,
                "subject": r.subject,
                "state": r.state,
                "created_at": _dt(r.created_at),
                "sent_at": _dt(r.sent_at),
            }
            for r in Reminder.objects.filter(recipient=user).order_by("created_at", "pk")
        ],
        "audit": {
            # What you did: the kind of action and on what, never details that may concern others.
            "your_actions": [
                {"action": e.action, "target_type": e.target_type, "target_id": e.target_id, "at": _dt(e.created_at)}
                for e in own_actions
            ],
            "failed_logins_to_your_account": [
                {"at": _dt(e.created_at), "ip": e.detail.get("ip")} for e in failed_logins
            ],
            "reads_of_your_data": [
                {"by": str(e.actor) if e.actor else None, "action": e.action, "at": _dt(e.created_at)} for e in reads
            ],
        },
    }


def personal_data_export(*, user):
    """The zip a person downloads: mine-data.json (UTF-8, indented) and their uploaded profile reports."""
    from participants.models import PersonalityProfile

    data = personal_data(user)
    data["exported_at"] = _dt(timezone.now())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(JSON_NAME, json.dumps(data, ensure_ascii=False, indent=2))
        for profile in PersonalityProfile.objects.filter(participant__user=user).exclude(report=""):
            try:
                with profile.report.open("rb") as report:
                    archive.writestr(f"{REPORTS_DIR}/{profile.pk}.pdf", report.read())
            except FileNotFoundError:
                continue
    audit_log(actor=user, action="gdpr.exported", target=user)
    return buffer.getvalue()


# --- Erasure ----------------------------------------------------------------------------------------

CASE_TEXT = ("situation", "challenge", "tried", "reflections", "action", "follow_up")


def _scrub_audit(participant_ids):
    """Free text that reached the audit log about these participants: HR's reason for a move."""
    rows = AuditEvent.objects.filter(
        action="peergroup.member_moved",
        target_type="participants.Participant",
        target_id__in=[str(pk) for pk in participant_ids],
        detail__has_key="reason",
    )
    changed = 0
    for event in rows:
        if not event.detail["reason"]:
            continue
        event.detail["reason"] = ""
        event.save(update_fields=["detail"])
        changed += 1
    return changed


def _delete_profiles(participants):
    """Profiles, their consent and their report files (deleted from storage once the transaction holds)."""
    from participants.models import PersonalityProfile, ProfileConsent

    profiles = PersonalityProfile.objects.filter(participant__in=participants)
    files = [p.report.name for p in profiles.exclude(report="")]
    storage = PersonalityProfile._meta.get_field("report").storage
    count = profiles.delete()[0]
    count += ProfileConsent.objects.filter(participant__in=participants).delete()[0]
    transaction.on_commit(lambda: [storage.delete(name) for name in files])
    return count


def _erase_working_material(participants, *, keep_kept_plans=False):
    """What both kinds of erasure remove: profile, feedback, plan with its whole history, notices.

    The retention erasure leaves the plans their leaders chose to keep (participants/way_on.py);
    erasing a person takes theirs too."""
    from participants.models import DevelopmentPlan, Notice, ProfileFeedback

    count = _delete_profiles(participants)
    count += ProfileFeedback.objects.filter(participant__in=participants).delete()[0]
    # Goals, actions, check-ins, comments and every version (snapshot) go with the plan.
    plans = DevelopmentPlan.objects.filter(participant__in=participants)
    if keep_kept_plans:
        from participants.way_on import plans_kept_from_retention

        plans = plans.exclude(pk__in=plans_kept_from_retention(participants))
    count += plans.delete()[0]
    count += Notice.objects.filter(participant__in=participants).delete()[0]
    return count


def municipalities_of(user):
    """Municipalities the user holds any role in (HR, executive, or in one of its programmes)."""
    from core.models import Municipality
    from core.roles import roles_of
    from programmes.models import Programme

    roles = roles_of(user)
    programmes = Programme.objects.filter(pk__in=roles.participant | roles.facilitator).values("municipality_id")
    return Municipality.objects.filter(Q(pk__in=roles.hr | roles.executive) | Q(pk__in=programmes))


def erasable_people(municipality):
    """Whom a municipality's HR may erase: the people holding a role in it or its programmes."""
    from core.selectors import people_of_municipality

    return people_of_municipality(municipality)


def _holds_roles_elsewhere(user, municipality):
    from participants.models import Facilitator, Participant

    return (
        MunicipalityRole.objects.filter(user=user).exclude(municipality=municipality).exists()
        or Participant.objects.filter(user=user).exclude(programme__municipality=municipality).exists()
        or Facilitator.objects.filter(user=user).exclude(programme__municipality=municipality).exists()
    )


@transaction.atomic
def person_erase(*, user, municipality, erased_by):
    """Erase one person's working material in `municipality`, and anonymise the account when the person
    holds no role in another municipality (else that municipality, a controller of its own, keeps it).

    Kept: the participations (without free text), attendance, peer-group membership and meetings
    attended. Returns whether the account was anonymised. The audit row names the user id only.
    """
    from django.core.exceptions import ValidationError

    from participants.models import Baseline, CascadeSession, Participant
    from peergroups.models import Case

    if user.pk == erased_by.pk:
        raise ValidationError(_("You cannot erase yourself."))
    user = User.objects.select_for_update().get(pk=user.pk)
    participants = list(Participant.objects.filter(user=user, programme__municipality=municipality))
    count = _erase_working_material(participants)
    count += Baseline.objects.filter(participant__in=participants).delete()[0]
    count += CascadeSession.objects.filter(participant__in=participants).delete()[0]
    # The case, with its text and follow-up, is the leader's: it goes, not only its text.
    count += Case.objects.filter(brought_by__in=participants).delete()[0]
    Participant.objects.filter(pk__in=[p.pk for p in participants]).update(
        job_title="", unit="", dietary_needs="", manager=None
    )
    scrubbed = _scrub_audit([p.pk for p in participants])
    MunicipalityRole.objects.filter(user=user, municipality=municipality).delete()

    anonymised = not _holds_roles_elsewhere(user, municipality)
    old_email = user.email
    invitations = Invitation.objects.filter(email=old_email)
    reminders = Reminder.objects.filter(recipient=user)
    if not anonymised:
        invitations = invitations.filter(municipality=municipality)
        reminders = reminders.filter(municipality=municipality)
    placeholder = f"slettet-{user.pk}@slettet.invalid"
    invitations.update(email=placeholder, first_name="", last_name="")
    count += reminders.delete()[0]
    if anonymised:
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator

        user.first_name = _("Erased person")
        user.last_name = ""
        user.email = placeholder
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        CalendarFeed.objects.filter(user=user).delete()
        ReminderOptOut.objects.filter(user=user).delete()
        MailPreference.objects.filter(user=user).delete()
        # A failed login's row keeps the address that was typed: it is the person's, and goes.
        for event in AuditEvent.objects.filter(
            action="auth.login_failed", target_type="core.User", target_id=str(user.pk), detail__has_key="email"
        ):
            event.detail.pop("email")
            event.save(update_fields=["detail"])
            scrubbed += 1
    forget_roles(user)
    audit_log(
        actor=erased_by,
        action="gdpr.person_erased",
        target_type="core.User",
        target_id=str(user.pk),
        municipality=municipality,
        rows=count,
        audit_rows_scrubbed=scrubbed,
        account_anonymised=anonymised,
    )
    return anonymised


@transaction.atomic
def programme_material_erase(*, programme, erased_by=None):
    """Remove a programme's working material and keep the record of who took part and who came.

    Gone: profiles (with files), feedback, plans with every version, check-in and comment, notices,
    the free text of baselines and the text of every case (title, situation ... follow-up) and of
    meeting summaries. Kept: participants, attendance, groups and meetings, baseline ratings and case
    themes (the programme's aggregate results are made from them). Running it again changes nothing;
    the audit row is written when something changed or a person asked for it.
    """
    from participants.models import Baseline, Participant
    from peergroups.models import Case, Meeting

    participants = Participant.objects.filter(programme=programme)
    count = _erase_working_material(participants, keep_kept_plans=True)
    count += Baseline.objects.filter(participant__programme=programme).exclude(expectations="").update(expectations="")
    has_text = Q(title__gt="")
    for field in CASE_TEXT:
        has_text |= Q(**{f"{field}__gt": ""})
    count += (
        Case.objects.filter(group__programme=programme)
        .filter(has_text)
        .update(title="", follow_up_on=None, **dict.fromkeys(CASE_TEXT, ""))
    )
    count += Meeting.objects.filter(group__programme=programme).exclude(summary="").update(summary="")
    scrubbed = _scrub_audit(participants.values_list("pk", flat=True))
    if count or scrubbed or erased_by is not None:
        audit_log(
            actor=erased_by,
            action="gdpr.programme_material_erased",
            target=programme,
            municipality=programme.municipality,
            rows=count,
            audit_rows_scrubbed=scrubbed,
        )
    return count + scrubbed


def material_purge_expired(*, today=None):
    """Daily (Celery beat, or `manage.py purge_expired_material`): erase the working material of every
    programme that ended more than RETENTION_DAYS_AFTER_PROGRAMME_END days ago. Idempotent."""
    from programmes.models import Programme

    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.RETENTION_DAYS_AFTER_PROGRAMME_END)
    total = 0
    for programme in Programme.objects.filter(end_date__lt=cutoff).select_related("municipality").order_by("pk"):
        total += programme_material_erase(programme=programme)
    return total
