"""Writes on peer groups, their meetings and cases.

Groups are proposed by the composer and can be rearranged freely until HR confirms them. Once
confirmed in an active programme they are fixed: a move needs a reason, and every move is in the
audit log. No audit row ever holds a case's text, only which case and who.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import AuditEvent
from core.services import audit_log
from participants.models import Participant
from peergroups import composer
from peergroups.models import Case, CaseTheme, Meeting, PeerGroup, PeerGroupMember, PeerGroupSetup


def setup_of(programme):
    setup, _created = PeerGroupSetup.objects.get_or_create(programme=programme)
    return setup


def groups_are_fixed(programme, setup=None):
    setup = setup if setup is not None else PeerGroupSetup.objects.filter(programme=programme).first()
    return setup is not None and setup.confirmed_at is not None and programme.status == programme.Status.ACTIVE


def themes_ensure_defaults(*, programme):
    """The default theme list, once per programme (HR's own themes come after it)."""
    existing = set(CaseTheme.objects.filter(programme=programme).exclude(code="").values_list("code", flat=True))
    CaseTheme.objects.bulk_create(
        CaseTheme(programme=programme, code=code, position=position)
        for position, code in enumerate(CaseTheme.DEFAULTS)
        if code not in existing
    )


def _compose_error_message(n, min_size, max_size):
    if min_size < 2 or max_size < min_size:
        return _("The largest group must be at least as large as the smallest, and a group has at least two members.")
    return _("%(count)s participants cannot be split into groups of %(min)s to %(max)s. Change the group sizes.") % {
        "count": n,
        "min": min_size,
        "max": max_size,
    }


@transaction.atomic
def groups_compose(*, programme, composed_by, min_size, max_size, seed):
    """Replace the programme's proposal with a new one from the composer.

    Only while the groups are not confirmed, and never over groups that have met or hold cases.
    """
    setup = PeerGroupSetup.objects.select_for_update().get(pk=setup_of(programme).pk)
    if setup.confirmed_at is not None:
        raise ValidationError(_("The groups are confirmed. Move people one by one instead."))
    if (
        Meeting.objects.filter(group__programme=programme).exists()
        or Case.objects.filter(group__programme=programme).exists()
    ):
        raise ValidationError(_("The groups have meetings or cases already, so they cannot be composed again."))
    participants = list(Participant.objects.filter(programme=programme).order_by("user__first_name", "pk"))
    try:
        groups = composer.compose(participants, min_size=min_size, max_size=max_size, seed=seed)
    except composer.ComposeError:
        raise ValidationError(_compose_error_message(len(participants), min_size, max_size)) from None
    setup.min_size, setup.max_size, setup.seed = min_size, max_size, seed
    setup.full_clean()
    setup.save()
    previous = {g.number: g.facilitator_id for g in PeerGroup.objects.filter(programme=programme)}
    PeerGroup.objects.filter(programme=programme).delete()
    facilitators = list(programme.facilitators.order_by("pk").values_list("pk", flat=True))
    created = PeerGroup.objects.bulk_create(
        PeerGroup(
            programme=programme,
            number=number,
            name=_("Group %(number)s") % {"number": number},
            # Keep a facilitator HR chose for a group number; share the rest out in turn.
            facilitator_id=previous.get(number)
            or (facilitators[(number - 1) % len(facilitators)] if facilitators else None),
        )
        for number in range(1, len(groups) + 1)
    )
    PeerGroupMember.objects.bulk_create(
        PeerGroupMember(group=group, participant=p)
        for group, members in zip(created, groups, strict=True)
        for p in members
    )
    themes_ensure_defaults(programme=programme)
    audit_log(
        actor=composed_by,
        action="peergroups.composed",
        target=programme,
        municipality=programme.municipality,
        groups=len(created),
        seed=seed,
        min_size=min_size,
        max_size=max_size,
    )
    return created


def _manager_conflicts(participant, group):
    """Members of `group` (other than the participant) who are their manager or direct report."""
    return [
        m.participant
        for m in group.members.select_related("participant__user")
        if m.participant_id != participant.pk
        and (m.participant_id == participant.manager_id or m.participant.manager_id == participant.pk)
    ]


@transaction.atomic
def group_move_member(*, participant, group, moved_by, reason=""):
    """Put a participant in `group` (moving them from their current group, if any).

    Refused if it seats them with their own manager or a direct report. Once the groups are fixed
    a reason is required; every move is logged with where from, where to and the reason.
    """
    programme = group.programme
    if participant.programme_id != programme.pk:
        raise ValidationError(_("The participant is not in this programme."))
    setup = setup_of(programme)
    fixed = groups_are_fixed(programme, setup)
    reason = reason.strip()
    if fixed and not reason:
        raise ValidationError({"reason": _("The groups are fixed: give a reason for the move.")})
    current = PeerGroupMember.objects.select_for_update().filter(participant=participant).first()
    if current is not None and current.group_id == group.pk:
        return current
    conflicts = _manager_conflicts(participant, group)
    if conflicts:
        raise ValidationError(
            _("%(name)s cannot be in the same group as their own manager or a direct report (%(others)s).")
            % {"name": participant.user, "others": ", ".join(str(p.user) for p in conflicts)}
        )
    from_group = current.group_id if current else None
    if current is None:
        current = PeerGroupMember(participant=participant)
    current.group = group
    current.save()
    audit_log(
        actor=moved_by,
        action="peergroup.member_moved",
        target=participant,
        municipality=programme.municipality,
        from_group=from_group,
        to_group=group.pk,
        fixed=fixed,
        reason=reason,
    )
    return current


@transaction.atomic
def groups_confirm(*, programme, confirmed_by):
    """Fix the proposal. Refused while a group breaks the manager rule or its size is out of bounds."""
    setup = PeerGroupSetup.objects.select_for_update().get(pk=setup_of(programme).pk)
    if setup.confirmed_at is not None:
        return setup
    groups = list(PeerGroup.objects.filter(programme=programme).prefetch_related("members__participant"))
    if not groups:
        raise ValidationError(_("Compose the groups first."))
    for group in groups:
        members = [m.participant for m in group.members.all()]
        if composer.violations([members]):
            raise ValidationError(
                _("%(group)s has a leader together with their own manager or a direct report.") % {"group": group}
            )
        if not setup.min_size <= len(members) <= setup.max_size:
            raise ValidationError(
                _("%(group)s has %(count)s members; groups must have %(min)s to %(max)s.")
                % {"group": group, "count": len(members), "min": setup.min_size, "max": setup.max_size}
            )
    setup.confirmed_at = timezone.now()
    setup.confirmed_by = confirmed_by
    setup.save(update_fields=["confirmed_at", "confirmed_by"])
    audit_log(
        actor=confirmed_by,
        action="peergroups.confirmed",
        target=programme,
        municipality=programme.municipality,
        groups=len(groups),
    )
    return setup


@transaction.atomic
def group_update(*, group, updated_by, name, facilitator):
    if facilitator is not None and facilitator.programme_id != group.programme_id:
        raise ValidationError({"facilitator": _("The facilitator does not serve this programme.")})
    renamed = group.name != name
    group.name = name
    group.facilitator = facilitator
    group.full_clean()
    group.save()
    if renamed:  # the name is the meetings' calendar summary: clients replace them
        group.meetings.update(sequence=F("sequence") + 1)
    audit_log(
        actor=updated_by,
        action="peergroup.updated",
        target=group,
        municipality=group.programme.municipality,
        facilitator=facilitator.pk if facilitator else None,
    )
    return group


# --- Meetings ----------------------------------------------------------------------------------

CALENDAR_FIELDS = ("date", "start_time", "end_time", "place", "video_link")


@transaction.atomic
def meeting_save(*, group, saved_by, meeting=None, attendees=None, **fields):
    """Add or change a meeting. `attendees` (members who came), if given, records attendance."""
    meeting = meeting or Meeting(group=group, created_by=saved_by)
    if meeting.pk and any(getattr(meeting, name) != value for name, value in fields.items() if name in CALENDAR_FIELDS):
        meeting.sequence += 1
    for name, value in fields.items():
        setattr(meeting, name, value)
    if not (meeting.place or meeting.video_link):
        raise ValidationError({"place": _("Give a place or a video link.")})
    if attendees is not None:
        member_ids = set(group.members.values_list("participant_id", flat=True))
        if any(p.pk not in member_ids for p in attendees):
            raise ValidationError({"attendees": _("Only the group's members can be marked as present.")})
        meeting.attendance_recorded = True
    meeting.full_clean()
    meeting.save()
    if attendees is not None:
        meeting.attendees.set(attendees)
    audit_log(actor=saved_by, action="meeting.saved", target=meeting, municipality=group.programme.municipality)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting, deleted_by):
    if meeting.cases.exists():
        raise ValidationError(_("Cases are linked to this meeting, so it cannot be deleted."))
    group = meeting.group
    audit_log(actor=deleted_by, action="meeting.deleted", target=meeting, municipality=group.programme.municipality)
    meeting.delete()


# --- Cases -------------------------------------------------------------------------------------

CASE_FIELDS = (
    "title",
    "situation",
    "challenge",
    "tried",
    "reflections",
    "action",
    "discussed_on",
    "meeting",
    "brought_by",
    "ten_factors",
)


@transaction.atomic
def case_save(*, group, saved_by, case=None, themes=(), values=(), **fields):
    """Log a new case or edit one. Links must be the group's and the programme's own."""
    unknown = set(fields) - set(CASE_FIELDS)
    if unknown:
        raise TypeError(f"unknown case fields: {sorted(unknown)}")
    brought_by = fields.get("brought_by")
    if brought_by is not None and not group.members.filter(participant=brought_by).exists():
        raise ValidationError({"brought_by": _("The leader who brings a case must be a member of the group.")})
    meeting = fields.get("meeting")
    if meeting is not None and meeting.group_id != group.pk:
        raise ValidationError({"meeting": _("Choose one of this group's meetings.")})
    if any(t.programme_id != group.programme_id for t in themes) or any(
        v.programme_id != group.programme_id for v in values
    ):
        raise ValidationError(_("Themes and values must be the programme's own."))
    created = case is None
    if not created and case.counted_as is None:
        from peergroups.case_counts import is_counted

        old_themes = sorted(case.themes.values_list("pk", flat=True))
        moved = fields.get("discussed_on", case.discussed_on) != case.discussed_on
        if (moved or sorted(t.pk for t in themes) != old_themes) and is_counted(case):
            # Released statistics stay as they were: the case keeps counting as it was then.
            case.counted_as = {"themes": old_themes, "discussed_on": case.discussed_on.isoformat()}
    case = case or Case(group=group, created_by=saved_by)
    for name, value in fields.items():
        setattr(case, name, value)
    case.full_clean()
    case.save()
    case.themes.set(themes)
    case.values.set(values)
    # Which case and who, never what it says.
    audit_log(
        actor=saved_by,
        action="case.created" if created else "case.updated",
        target=case,
        municipality=group.programme.municipality,
        group=group.pk,
    )
    return case


@transaction.atomic
def case_follow_up(*, case, saved_by, follow_up, follow_up_on):
    if not follow_up.strip():
        raise ValidationError({"follow_up": _("Write what happened.")})
    case.follow_up = follow_up.strip()
    case.follow_up_on = follow_up_on
    if case.follow_up_written_at is None:
        case.follow_up_written_at = timezone.now()
    case.full_clean()
    case.save(update_fields=["follow_up", "follow_up_on", "follow_up_written_at", "updated_at"])
    audit_log(actor=saved_by, action="case.followed_up", target=case, municipality=case.group.programme.municipality)
    return case


def case_reads_record(*, reader, cases, via):
    """Record, in one insert, that a group's facilitator read these cases (members' reads are not
    logged: the cases are theirs). Which case and where, never its text."""
    now = timezone.now()
    rows = [
        AuditEvent(
            actor=reader,
            municipality_id=case.group.programme.municipality_id,
            action="case.read",
            target_type=Case._meta.label,
            target_id=str(case.pk),
            detail={"via": via, "group": case.group_id},
            created_at=now,
        )
        for case in cases
        if case.group.facilitator_id is not None and case.group.facilitator.user_id == reader.pk
    ]
    AuditEvent.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def theme_add(*, programme, added_by, name):
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Write the theme.")})
    themes_ensure_defaults(programme=programme)
    labels = {str(t.label).casefold() for t in CaseTheme.objects.filter(programme=programme)}
    if name.casefold() in labels:
        raise ValidationError({"name": _("The programme already has this theme.")})
    position = CaseTheme.objects.filter(programme=programme).count()
    theme = CaseTheme.objects.create(programme=programme, name=name, position=position)
    audit_log(actor=added_by, action="theme.added", target=theme, municipality=programme.municipality)
    return theme
