import datetime

from django.db.models import Q

from core.models import Municipality
from core.roles import roles_of
from programmes.models import Programme


def in_scope(user, path=""):
    """A Q for rows in the user's programmes; `path` leads from the model to its programme.

    Built from the roles already loaded for the request (core.roles): plain IN lists, no subquery.
    A network programme has no municipality, so HR and executives never reach it here; its
    organisers do (as HR does a municipality's programme). A member municipality's HR and executive
    see their share of it only through networks/selectors.py.
    """
    roles = roles_of(user)
    municipalities, programmes = roles.hr | roles.executive, roles.participant | roles.facilitator
    prefix = f"{path}__" if path else ""
    by_municipality = Q(**{f"{prefix}municipality_id__in": sorted(municipalities)})
    by_programme = Q(**{f"{path}_id__in" if path else "pk__in": sorted(programmes)})
    # An empty IN list is left out rather than compiled into a branch that can never match:
    # most people hold roles of one kind, and every scoped lookup on every page goes through here.
    if not programmes:
        scope = by_municipality
    elif not municipalities:
        scope = by_programme
    else:
        scope = by_municipality | by_programme
    if roles.organiser:
        by_network = Q(**{f"{prefix}network_id__in": sorted(roles.organiser)})
        scope = by_network if not (programmes or municipalities) else scope | by_network
    return scope


def programmes_visible_to(user):
    """Programmes the user has any role in: HR or executive of the municipality, participant, facilitator."""
    if not roles_of(user).any:
        return Programme.objects.none()
    return Programme.objects.filter(in_scope(user)).select_related("municipality", "extension_decision")


def programmes_administered_by(user):
    roles = roles_of(user)
    mine = Q(municipality_id__in=roles.hr)
    if roles.organiser:
        mine |= Q(network_id__in=roles.organiser)
    return Programme.objects.filter(mine).select_related("municipality", "extension_decision")


def programmes_open_to(user, municipality):
    """Programmes the municipality's HR may send people to: its own, and its networks' programmes.

    The networks are read in a subquery, so the invite page asks the database no more often."""
    from core.models import NetworkMember

    if municipality.pk not in roles_of(user).hr:
        return Programme.objects.none()
    networks = NetworkMember.objects.filter(municipality=municipality).values("network_id")
    return Programme.objects.filter(Q(municipality=municipality) | Q(network_id__in=networks)).select_related(
        "municipality", "extension_decision"
    )


def programme_with_details(queryset):
    """Prefetches what a programme page shows: goals, values, gatherings and who decided the extension."""
    return queryset.select_related("extension_decision__decided_by").prefetch_related("goals", "values", "gatherings")


def gatherings_with_next_run(today):
    """A Prefetch of a programme's gatherings, each with `next_run_date`: its first run from yesterday
    on (a two-day run that began yesterday is still on), or None. The gathering model is sessions',
    reached through the relation, so programmes imports no app above it."""
    from django.db.models import Min, Prefetch

    gatherings = Programme._meta.get_field("gatherings").related_model.objects.annotate(
        next_run_date=Min("runs__date", filter=Q(runs__date__gte=today - datetime.timedelta(days=1)))
    )
    return Prefetch("gatherings", queryset=gatherings)


def held_until(gathering):
    """The last day a gathering is known to be on: its own last day, or a run still ahead's last day
    (with `next_run_date` from gatherings_with_next_run; without it, its own days)."""
    run = getattr(gathering, "next_run_date", None)
    own = gathering.end_date
    if run is None:
        return own
    end = run + datetime.timedelta(days=gathering.days - 1)
    return end if own is None else max(own, end)


def _still_ahead(gathering, today):
    """Whether a dated gathering has a day today or later: its own, or a run's (Bergen's spring run
    after the autumn ones)."""
    return gathering.start_date is not None and held_until(gathering) >= today


def home_dashboard(user):
    """What a user's start page shows, for every role they hold, in a fixed number of queries.

    A leader's own run of each next gathering is set on the programmes by sessions/home.py."""
    from django.db.models import Count
    from django.utils import timezone

    from core.models import Invitation
    from core.roles import roles_of

    roles = roles_of(user)
    today = timezone.localdate()
    # Only the gatherings: the start page shows no goals or values, and each prefetch is a query. A
    # gathering held in runs (Bergen's one day, four times) is still ahead while a run is: each comes
    # with its next run's date, in the same query (its model is sessions', reached through the relation).
    programmes = list(
        programmes_visible_to(user)
        .prefetch_related(gatherings_with_next_run(today))
        .annotate(participant_count=Count("participants"))
    )
    for programme in programmes:
        active = [g for g in programme.gatherings.all() if g.is_active]
        programme.upcoming_gatherings = [g for g in active if _still_ahead(g, today)]
        programme.next_gathering = next(iter(programme.upcoming_gatherings), None)
        # Its own days are over but a run is ahead: the start page shows that run's date.
        programme.next_run_date = (
            programme.next_gathering.next_run_date
            if programme.next_gathering is not None and programme.next_gathering.end_date < today
            else None
        )
        programme.undated_gatherings = [g for g in active if g.start_date is None]
        has_extension = any(g.kind == g.Kind.EXTENSION for g in programme.gatherings.all())
        decision = getattr(programme, "extension_decision", None)
        programme.extension_pending = has_extension and decision is None
    open_invitations = 0
    if roles.is_hr:
        open_invitations = Invitation.objects.filter(
            municipality_id__in=roles.hr, accepted_at__isnull=True, expires_at__gt=timezone.now()
        ).count()

    def having(ids, key):
        return [p for p in programmes if key(p) in ids]

    return {
        "hr_programmes": having(roles.hr, lambda p: p.municipality_id),
        "executive_programmes": having(roles.executive, lambda p: p.municipality_id),
        "participant_programmes": having(roles.participant, lambda p: p.pk),
        "facilitator_programmes": having(roles.facilitator, lambda p: p.pk),
        "hr_municipalities": sorted(
            {p.municipality for p in programmes if p.municipality_id in roles.hr}, key=lambda m: m.name
        )
        or list(Municipality.objects.filter(pk__in=roles.hr)),
        "open_invitations": open_invitations,
    }


def municipalities_of(user):
    """Municipalities the user holds any role in (HR, executive, or in one of its programmes)."""
    roles = roles_of(user)
    programmes = Programme.objects.filter(pk__in=roles.participant | roles.facilitator).values("municipality_id")
    return Municipality.objects.filter(Q(pk__in=roles.hr | roles.executive) | Q(pk__in=programmes))


def templates_visible_to(user):
    """The built-in templates and those of the municipalities the user is HR of; nothing for others."""
    from programmes.models import ProgrammeTemplate

    hr = roles_of(user).hr
    if not hr:
        return ProgrammeTemplate.objects.none()
    return ProgrammeTemplate.objects.filter(
        Q(municipality__isnull=True) | Q(municipality_id__in=sorted(hr))
    ).select_related("municipality")
