"""The cockpit's participant items: no facilitators, leaders without a facilitator, invitations not
sent or not accepted, baselines and profiles missing, feedback conversations to hold. Two queries for
any number of programmes: one grouped count over the participants, one over the facilitators."""

import datetime

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.home import COCKPIT
from programmes.cockpit import Item, Severity, soon

# Baselines are wanted before the first gathering; profiles before the second (feedback grounds the plan).
BASELINE_BY_GATHERING = 1
PROFILE_BY_GATHERING = 2


def _counts(ids):
    from core.models import Invitation
    from participants.models import Baseline, Participant, PersonalityProfile, ProfileFeedback

    open_invitation = Invitation.objects.filter(
        programme_id=OuterRef("programme_id"),
        email=OuterRef("user__email"),
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    rows = (
        Participant.objects.filter(programme_id__in=ids)
        .annotate(
            invited=Exists(open_invitation),
            has_baseline=Exists(Baseline.objects.filter(participant=OuterRef("pk"), phase=Baseline.Phase.BASELINE)),
            has_profile=Exists(PersonalityProfile.objects.filter(participant=OuterRef("pk"))),
            has_feedback=Exists(ProfileFeedback.objects.filter(participant=OuterRef("pk"))),
        )
        .values("programme_id")
        .annotate(
            total=Count("pk"),
            no_facilitator=Count("pk", filter=Q(facilitator__isnull=True)),
            inactive=Count("pk", filter=Q(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)),
            waiting=Count("pk", filter=Q(user__password__startswith=UNUSABLE_PASSWORD_PREFIX, invited=True)),
            no_baseline=Count("pk", filter=Q(has_baseline=False)),
            no_profile=Count("pk", filter=Q(has_profile=False)),
            no_feedback=Count("pk", filter=Q(has_profile=True, has_feedback=False)),
        )
        .order_by()
    )
    return {row["programme_id"]: row for row in rows}


def _gathering_date(programme, number):
    return next((g.start_date for g in programme.gatherings.all() if g.number == number), None)


@COCKPIT.register(key="participants", order=30)
def items(programmes, today):
    from participants.models import Facilitator

    ids = [p.pk for p in programmes]
    counts = _counts(ids)
    facilitators = dict(
        Facilitator.objects.filter(programme_id__in=ids).values_list("programme_id").annotate(n=Count("id")).order_by()
    )
    found = []
    for programme in programmes:
        row = counts.get(programme.pk)
        participants_url = reverse("programme_participants", args=[programme.pk])
        status_url = reverse("programme_leader_status", args=[programme.pk])
        first = _gathering_date(programme, 1)
        if row is None:
            found.append(
                Item(
                    programme=programme,
                    key="participants.none",
                    severity=soon(first, today, 30, 90) if first else Severity.WARNING,
                    title=_("The programme has no participants"),
                    url=reverse("participant_import", args=[programme.pk]),
                    action=_("Import participants"),
                    due=first,
                )
            )
            continue
        if not facilitators.get(programme.pk):
            found.append(
                Item(
                    programme=programme,
                    key="participants.no_facilitators",
                    severity=Severity.URGENT,
                    title=_("The programme has no facilitators"),
                    detail=_("Without one, nobody can give the leaders feedback on their profiles."),
                    url=reverse("invite", args=[programme.municipality_id])
                    + f"?role=facilitator&programme={programme.pk}",
                    action=_("Invite a facilitator"),
                )
            )
        elif row["no_facilitator"]:
            found.append(
                Item(
                    programme=programme,
                    key="participants.no_facilitator",
                    severity=Severity.URGENT
                    if first and first <= today + datetime.timedelta(days=30)
                    else Severity.WARNING,
                    title=ngettext(
                        "%(count)s leader has no facilitator",
                        "%(count)s leaders have no facilitator",
                        row["no_facilitator"],
                    )
                    % {"count": row["no_facilitator"]},
                    detail=_("Nobody can give them feedback on the profile or read their plan."),
                    url=f"{participants_url}?facilitator=none",
                    action=_("Assign facilitators"),
                    due=first,
                )
            )
        not_invited = row["inactive"] - row["waiting"]
        if not_invited:
            found.append(
                Item(
                    programme=programme,
                    key="participants.not_invited",
                    severity=soon(first, today, 30) if first else Severity.WARNING,
                    title=ngettext(
                        "%(count)s leader has not been invited",
                        "%(count)s leaders have not been invited",
                        not_invited,
                    )
                    % {"count": not_invited},
                    detail=_("Never invited, or the invitation has expired."),
                    url=f"{participants_url}?status=not_invited",
                    action=_("Send the invitations"),
                    due=first,
                )
            )
        if row["waiting"]:
            found.append(
                Item(
                    programme=programme,
                    key="participants.not_accepted",
                    severity=Severity.INFO,
                    title=ngettext(
                        "%(count)s invitation has not been accepted",
                        "%(count)s invitations have not been accepted",
                        row["waiting"],
                    )
                    % {"count": row["waiting"]},
                    url=f"{participants_url}?status=invited",
                    action=_("See who"),
                    due=first,
                )
            )
        for what, number, title, key in (
            (
                "no_baseline",
                BASELINE_BY_GATHERING,
                _("%(missing)s of %(total)s leaders have not filled in the baseline mapping"),
                "participants.no_baseline",
            ),
            (
                "no_profile",
                PROFILE_BY_GATHERING,
                _("%(missing)s of %(total)s leaders have not recorded a personality profile"),
                "participants.no_profile",
            ),
        ):
            if row[what]:
                due = _gathering_date(programme, number)
                found.append(
                    Item(
                        programme=programme,
                        key=key,
                        severity=soon(due, today, 14, 45) if due else Severity.INFO,
                        title=title % {"missing": row[what], "total": row["total"]},
                        detail=_("The leaders fill it in themselves; the reminders go out on their own."),
                        url=status_url,
                        action=_("See the status"),
                        due=due,
                    )
                )
        if row["no_feedback"]:
            found.append(
                Item(
                    programme=programme,
                    key="participants.no_feedback",
                    severity=Severity.INFO,
                    title=ngettext(
                        "%(count)s profile awaits the feedback conversation",
                        "%(count)s profiles await the feedback conversation",
                        row["no_feedback"],
                    )
                    % {"count": row["no_feedback"]},
                    detail=_("Held by each leader's facilitator, who records it."),
                    url=status_url,
                    action=_("See the status"),
                )
            )
    return found
