"""The programmes' part of `make bench` (core/bench.py): the world's programme."""

from datetime import timedelta

from django.utils import timezone

from core.bench import WORLD
from programmes import services as programme_services
from programmes.models import Programme


@WORLD.register(order=20)
def programme(world):
    size, hr, municipality = world.size, world.hr, world.municipality
    today = timezone.localdate()
    start = today - timedelta(days=75)
    world.programme = programme_services.programme_create(
        created_by=hr,
        municipality=municipality,
        name=f"Lederutvikling i helse og omsorg ({size})",
        start_date=start,
        end_date=start.replace(year=start.year + 2),
        main_goal="Aktivt medarbeiderskap og «train the trainers».",
        goals=["Aktivt medarbeiderskap", "Ledere som lærer videre til egne ansatte"],
        values=["åpenhet", "samarbeid", "respekt"],
        status=Programme.Status.ACTIVE,
    )
