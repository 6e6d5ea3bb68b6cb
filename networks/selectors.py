"""Reads for network programmes: who may see which share of one (deny by default).

The organiser reaches a network programme through the ordinary scope (programmes.selectors.in_scope)
and rules (core.rules.is_hr), as HR reaches a municipality's programme. A member municipality's HR
and executive reach it only here: the programme's shared content, their own people, and of the other
municipalities only what the organiser put in a panel or a pair (name and municipality)."""

from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from core.models import Municipality, Network, NetworkMember
from core.roles import roles_of
from participants.models import Participant
from programmes.models import Programme
from programmes.selectors import in_scope


def member_municipalities(user, network_id, *, roles=("hr", "executive")):
    """Ids of the user's municipalities (in the given municipality roles) that belong to the network."""
    held = frozenset().union(*(getattr(roles_of(user), r) for r in roles))
    if not held or network_id is None:
        return frozenset()
    # Kept on the user object for the request, as roles_of keeps the roles: a page asks several rules
    # (people, figures, theme days, attendance, import...) and each asks this.
    cache = getattr(user, "_network_members_cache", None)
    if cache is None:  # set through the request's lazy user onto the user itself, as roles_of does
        cache = user._network_members_cache = {}
    key = (network_id, held)
    if key not in cache:
        cache[key] = frozenset(
            NetworkMember.objects.filter(network_id=network_id, municipality_id__in=sorted(held)).values_list(
                "municipality_id", flat=True
            )
        )
    return cache[key]


def member_municipality_list(user, network_id, *, roles=("hr",)):
    """The user's member municipalities of the network (in these roles), as Municipality rows by name:
    what a member HR's forms offer and its actions cover."""
    from core.models import Municipality

    return Municipality.objects.filter(pk__in=sorted(member_municipalities(user, network_id, roles=roles))).order_by(
        "name"
    )


def network_programmes_visible_to(user):
    """Network programmes the user may open: as organiser, participant or facilitator (the ordinary
    scope), or as HR or executive of a member municipality."""
    roles = roles_of(user)
    if not roles.any:
        return Programme.objects.none()
    scope = in_scope(user)
    municipalities = roles.hr | roles.executive
    if municipalities:
        networks = NetworkMember.objects.filter(municipality_id__in=sorted(municipalities)).values("network_id")
        scope |= Q(network_id__in=networks)
    return Programme.objects.filter(scope, network__isnull=False).select_related("network")


def networks_visible_to(user):
    roles = roles_of(user)
    municipalities = roles.hr | roles.executive
    return Network.objects.filter(
        Q(pk__in=sorted(roles.organiser)) | Q(members__municipality_id__in=sorted(municipalities))
    ).distinct()


def people_managed_by(user, programme):
    """The leaders of a network programme whose data the user may see in full.

    The organiser: all of them. A member municipality's HR: those it sent, no one else."""
    rows = Participant.objects.filter(programme=programme).select_related("user", "home_municipality")
    if programme.network_id in roles_of(user).organiser:
        return rows
    return rows.filter(
        home_municipality_id__in=sorted(member_municipalities(user, programme.network_id, roles=("hr",)))
    )


def composition_people(programme):
    """The panels and pairs with each member's name and municipality: nothing else of them leaves here
    (no e-mail, job, unit, level, sector), so a member municipality's HR may be shown it."""
    from networks.models import Composition, CompositionMember

    compositions = list(Composition.objects.filter(programme=programme).select_related("gathering"))
    members = (
        CompositionMember.objects.filter(composition__programme=programme)
        .values_list(
            "composition_id",
            "group",
            "participant__user__first_name",
            "participant__user__last_name",
            "participant__home_municipality__name",
        )
        .order_by("composition_id", "group", "participant__user__first_name", "id")
    )
    by_composition = {c.pk: c for c in compositions}
    for c in compositions:
        c.groups = {}
    for composition_id, group, first, last, municipality in members:
        by_composition[composition_id].groups.setdefault(group, []).append(
            {"name": f"{first} {last}".strip(), "municipality": municipality}
        )
    for c in compositions:
        c.group_list = [c.groups[g] for g in sorted(c.groups)]
        # One line per group, escaped here: a round of pairs for 1,000 leaders is 500 lines, and the
        # template engine's inner loop cost more than the rest of the page (`make bench --world network`).
        c.group_lines = [
            format_html_join(" – ", "{} ({})", ((p["name"], p["municipality"]) for p in group))
            for group in c.group_list
        ]
    return compositions


def theme_day_overview(programme):
    """Per member municipality: its theme days and how many were held (the cockpit's held/not held)."""
    from networks.models import ThemeDay

    municipalities = list(Municipality.objects.filter(network_memberships__network_id=programme.network_id))
    days = {}
    for day in ThemeDay.objects.filter(programme=programme).select_related("after_gathering"):
        days.setdefault(day.municipality_id, []).append(day)
    held, not_held = _("held"), _("not held")
    return [
        {
            "municipality": m,
            "days": days.get(m.pk, []),
            # Escaped here, one cell per municipality: 110 of them were most of the page's template time.
            "text": format_html_join(
                "; ",
                "{} {} ({})",
                ((date_format(d.date, "j.n.Y"), d.title, held if d.held else not_held) for d in days.get(m.pk, [])),
            ),
            "held": sum(1 for d in days.get(m.pk, []) if d.held),
            "planned": len(days.get(m.pk, [])),
        }
        for m in municipalities
    ]


def participants_per_municipality(programme):
    """{municipality: number of leaders it sent}, every member municipality included (0 when none)."""
    counts = dict(
        Participant.objects.filter(programme=programme)
        .values_list("home_municipality_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    municipalities = Municipality.objects.filter(network_memberships__network_id=programme.network_id)
    return {m: counts.get(m.pk, 0) for m in municipalities}
