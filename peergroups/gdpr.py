"""The peer groups' part of the data subject's rights and the retention rule (registered with core/gdpr.py).

"Mine data" holds the person's group with the times and places of the meetings they came to, and the
cases they brought; erasing the person deletes those cases, erasing a programme's material empties
case texts and meeting summaries. Membership and meetings attended are kept.
"""

from django.db.models import Q

from core.gdpr import EXPORT_PARTS, PERSON_ERASE_PARTS, PROGRAMME_ERASE_PARTS, _by_participant, _d, _t
from core.models import AuditEvent
from peergroups.models import Case, Meeting, PeerGroupMember


@EXPORT_PARTS.register
def peer_group_export(export):
    """Each participation's group and meetings attended (when and where only), and the cases brought."""
    ids = list(export.participations)
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
    for pk, participation in export.participations.items():
        membership = memberships.get(pk)
        participation.update(
            {
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
                            for m in meetings.get(pk, [])
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
                    for c in cases.get(pk, [])
                ],
            }
        )
    case_ids = [str(c.pk) for rows in cases.values() for c in rows]
    export.reads.append(Q(action="case.read", target_type="peergroups.Case", target_id__in=case_ids))


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


@PERSON_ERASE_PARTS.register
def person_erase_cases(erasure):
    # The case, with its text and follow-up, is the leader's: it goes, not only its text.
    erasure.rows += Case.objects.filter(brought_by__in=erasure.participants).delete()[0]
    erasure.scrubbed += _scrub_audit([p.pk for p in erasure.participants])


@PROGRAMME_ERASE_PARTS.register
def programme_erase_case_texts(erasure):
    """Case texts and meeting summaries; the cases' themes and the meetings stay."""
    programme = erasure.programme
    count = 0
    has_text = Q(title__gt="")
    for field in CASE_TEXT:
        has_text |= Q(**{f"{field}__gt": ""})
    count += (
        Case.objects.filter(group__programme=programme)
        .filter(has_text)
        .update(title="", follow_up_on=None, **dict.fromkeys(CASE_TEXT, ""))
    )
    count += Meeting.objects.filter(group__programme=programme).exclude(summary="").update(summary="")
    erasure.rows += count
    erasure.scrubbed += _scrub_audit(erasure.participants.values_list("pk", flat=True))
