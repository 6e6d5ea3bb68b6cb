"""The participants' part of `make bench` (core/bench.py): the participant list, and the world's leaders."""

from django.urls import reverse

from core.bench import PAGES, WORLD
from participants.demo import bulk_leaders
from participants.models import Facilitator

PAGES.register(
    {
        "name": "participant_list",
        "public": False,
        "url": lambda w: reverse("programme_participants", kwargs={"pk": w.programme.pk}),
    },
    key="participant_list",
    order=10,
)
# The list as HR uses it at Bergen's size: a search, a filter and the second page (issue 16).
PAGES.register(
    {
        "name": "participant_list_filtered",
        "public": False,
        "url": lambda w: (
            reverse("programme_participants", kwargs={"pk": w.programme.pk}) + "?q=e&leader_level=department&side=2"
        ),
    },
    key="participant_list_filtered",
    order=11,
)


@WORLD.register(order=30)
def leaders(world):
    """About one unit leader to five department leaders, each department leader reporting to a unit leader."""
    size, programme = world.size, world.programme
    Facilitator.objects.create(programme=programme, user=world.facilitator, organisation="Lederkonsult AS")

    world.participants = bulk_leaders(
        programme=programme,
        count=size,
        units=max(1, round(size * 58 / 336)),
        domain=world.domain,
        rng=world.rng,
        password=world.password,
        facilitator=world.facilitator,
    )
