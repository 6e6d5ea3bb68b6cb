"""The demo: Vefsn (seed 000) with a second municipality, and Bergen at scale (seed 004), loaded idempotently.

Core makes the municipalities, the accounts of HR, the executives and the facilitators, and their
municipality roles; each app adds its part in its own demo.py, registered in VEFSN or BERGEN
(core/registry.py) and run in `order`: the programme (programmes, 10), its gatherings (sessions, 20),
facilitators and participants (participants, 30), then each capability's data (participants 40,
sessions' runs 40, peergroups 50, evaluation 60). They share a `Demo` namespace: what core made, and
what each builder adds for the next (`programme`, `first_participant`, ...).

Every word here is data a Norwegian municipality would type, so it is in Norwegian.
"""

import datetime
import random
from types import SimpleNamespace

from django.db import transaction

from core.models import Municipality, MunicipalityRole, User
from core.registry import Registry

DEMO_PASSWORD = "demo-passord-2026"

# fn(demo): each app's part of the Vefsn and Bindal demo, and of Bergen's.
VEFSN = Registry("Vefsn demo builders")
BERGEN = Registry("Bergen demo builders")


def working_day(date, *, days=1, back=False):
    """The first date on or after `date` (before it, with `back`) whose `days` days are all working
    days: the demo plans gatherings, runs and peer meetings as a municipality would, never on a
    weekend, a public holiday, julaften or nyttårsaften (core/calendar_sense.py)."""
    from core.calendar_sense import non_working_days

    step = datetime.timedelta(days=-1 if back else 1)
    while non_working_days(date, days):
        date += step
    return date


class Demo(SimpleNamespace):
    """What the builders share. A builder sets `stop` when the demo is there already (idempotent)."""

    stop = False


def _user(email, first_name, last_name):
    user, created = User.objects.get_or_create(email=email, defaults={"first_name": first_name, "last_name": last_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def load_demo():
    """Create the demo once; running it again changes nothing. Returns the logins to print."""
    vefsn, _ = Municipality.objects.get_or_create(slug="vefsn", defaults={"name": "Vefsn kommune"})
    bindal, _ = Municipality.objects.get_or_create(slug="bindal", defaults={"name": "Bindal kommune"})

    hr = _user("hr@vefsn.example.no", "Hanne", "Rådgiver")
    executive = _user("kommunedirektor@vefsn.example.no", "Kjell", "Direktør")
    facilitator_1 = _user("kari@lederkonsult.example.no", "Kari", "Veileder")
    facilitator_2 = _user("ola@lederkonsult.example.no", "Ola", "Kursholder")
    MunicipalityRole.objects.get_or_create(user=hr, municipality=vefsn, role=MunicipalityRole.Role.HR)
    MunicipalityRole.objects.get_or_create(user=executive, municipality=vefsn, role=MunicipalityRole.Role.EXECUTIVE)

    bindal_hr = _user("hr@bindal.example.no", "Berit", "Personalrådgiver")
    bindal_executive = _user("kommunedirektor@bindal.example.no", "Bjarne", "Direktør")
    MunicipalityRole.objects.get_or_create(user=bindal_hr, municipality=bindal, role=MunicipalityRole.Role.HR)
    MunicipalityRole.objects.get_or_create(
        user=bindal_executive, municipality=bindal, role=MunicipalityRole.Role.EXECUTIVE
    )

    demo = Demo(
        vefsn=vefsn,
        bindal=bindal,
        hr=hr,
        executive=executive,
        facilitators=[facilitator_1, facilitator_2],
        bindal_hr=bindal_hr,
        bindal_executive=bindal_executive,
    )
    for build in VEFSN:
        build(demo)
        if demo.stop:
            break

    return [
        ("HR-rådgiver, Vefsn", hr.email),
        ("Kommunedirektør, Vefsn", executive.email),
        ("Prosessveileder (Vefsn og Bindal)", facilitator_1.email),
        ("Prosessveileder, Vefsn", facilitator_2.email),
        ("Deltaker, Vefsn", demo.first_participant.user.email),
        ("HR-rådgiver, Bindal", bindal_hr.email),
        *getattr(demo, "network_logins", []),
    ]


# --- Bergen: the same programme at scale (seed 004) -----------------------------------------------


@transaction.atomic
def load_bergen_demo():
    """Bergen's health and care department: 336 leaders, four gatherings of four runs each.

    Made with bulk inserts and one password hash, so it loads in seconds. Attendance is filled in
    for the runs that have already been held. Idempotent like the Vefsn demo.
    """
    bergen, _ = Municipality.objects.get_or_create(slug="bergen", defaults={"name": "Bergen kommune"})
    hr = _user("hr@bergen.example.no", "Bente", "HR-rådgiver")
    MunicipalityRole.objects.get_or_create(user=hr, municipality=bergen, role=MunicipalityRole.Role.HR)
    # One generator for the whole demo, drawn from in the builders' order: the same data every time.
    demo = Demo(municipality=bergen, hr=hr, rng=random.Random(4))
    for build in BERGEN:
        build(demo)
        if demo.stop:
            break
    return [("HR-rådgiver, Bergen (336 deltakere)", hr.email)]
