"""Evaluation demo data: Vefsn's past gathering has feedback; the programme under way has not been
evaluated as a whole yet (it has only held gathering 1). The evaluation stays visible through an
earlier, completed cohort ("Lederutviklingsprogram Vefsn 2024–2026" when loaded in 2026): its
gatherings held with attendance and feedback, its programme evaluation closed with answers given
through the services (so the anonymity engine releases the results), a built report and the chief
executive's recorded decision on the extension (demo_earlier.py). How answers are made, and the bulk
answers `make bench` uses at Bergen's scale, are in demo_answers.py.

Every word here is data a Norwegian municipality's leaders would write, so it is in Norwegian.
"""

import random

from django.utils import timezone

from core.demo import VEFSN
from evaluation.demo_answers import (  # noqa: F401  (bench.py, tests and bench_national read them here)
    NEEDS,
    _approve_texts,
    _ensure_run,
    _gathering_feedback,
    _hr_of,
    bulk_answers,
    close_surveys,
)
from evaluation.demo_earlier import load_earlier_cohort


def load_vefsn(programme):
    """Feedback on the gatherings held so far; no programme evaluation yet (it comes after gathering 4)."""
    from evaluation.models import Survey

    if Survey.objects.filter(programme=programme).exists():
        return
    hr = _hr_of(programme)
    rng = random.Random(6)
    today = timezone.localdate()
    past = [g for g in programme.gatherings.order_by("number") if g.start_date and g.end_date < today]
    for number, gathering in enumerate(past):
        _gathering_feedback(_ensure_run(gathering, hr), rng, number)
    _approve_texts(programme)


@VEFSN.register(order=60)
def vefsn_evaluation(demo):
    load_vefsn(demo.programme)


@VEFSN.register(order=70)
def vefsn_earlier_cohort(demo):
    load_earlier_cohort(demo)
