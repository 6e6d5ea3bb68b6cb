"""The disclosure auditor over generated worlds and over the Bergen demo (issue 14).

Generated worlds: 1–3 runs of 3–60 leaders per gathering, 1–2 gatherings, 1–6 sectors, 3 leader
levels, some leaders never answering, the programme evaluation or not; answers arrive one by
one, and every role reads at several moments (always right before and right after one answer),
then the surveys close and every role reads every page. The auditor then checks, exactly, that
no group under the threshold is derivable from all of it together.

Cost: each example is a few seconds (most of it the reads through the test client); the
property runs 6 examples (about 30–60 s on the development machine). The Bergen demo check loads
336 leaders, answers a tenth of every survey and reads once (about 20 s).
"""

import random

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.disclosure.auditor import Auditor, close_surveys
from tests.disclosure.worlds import LEVELS, answers_for, build

SECTORS = ["Oppvekst", "Helse", "Teknisk", "Kultur", "Stab", "NAV"]
INTERIM = ("results", "overview", "lists")


@st.composite
def audit_worlds(draw):
    sectors = draw(st.integers(1, 6))
    runs = draw(st.integers(1, 3))
    leader = st.tuples(st.sampled_from(SECTORS[:sectors]), st.sampled_from(LEVELS))
    people = [draw(st.lists(leader, min_size=3, max_size=60)) for _ in range(runs)]
    return {
        "people": people,
        "gatherings": draw(st.integers(1, 2)),
        "evaluation": draw(st.booleans()),
        "share": draw(st.sampled_from([0.3, 0.6, 0.9, 1.0])),
        "seed": draw(st.integers(0, 2**16)),
        "moments": draw(st.integers(2, 4)),
    }


def _answer_one_by_one(auditor, audit, spec):
    rng = random.Random(spec["seed"])
    pending = []
    for runs in audit.runs.values():
        for run in runs:
            survey = audit.surveys[run.pk]
            pending += [(survey, p) for p in audit.people[run.pk] if rng.random() < spec["share"]]
    if audit.evaluation is not None:
        pending += [(audit.evaluation, p) for p in audit.everyone if rng.random() < spec["share"]]
    rng.shuffle(pending)
    # Read right before and right after a few single answers, and at the start.
    watched = set(rng.sample(range(len(pending)), min(spec["moments"], len(pending))))
    auditor.read_all(INTERIM)
    for index, (survey, participant) in enumerate(pending):
        if index in watched:
            auditor.read_all(INTERIM)
        auditor.answer(survey, participant.user, answers_for(survey, index))
        if index in watched:
            auditor.read_all(INTERIM)


@pytest.mark.django_db
@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(spec=audit_worlds())
def test_nothing_released_over_time_reveals_a_small_group(world, client, settings, spec):
    settings.ANONYMITY_THRESHOLD = 5
    with transaction.atomic():
        audit = build(world, spec["people"], gatherings=spec["gatherings"], evaluation=spec["evaluation"])
        roles = {"hr": world.hr, "facilitator": world.facilitator, "executive": world.executive}
        auditor = Auditor(audit.programme, roles, client, 5)
        _answer_one_by_one(auditor, audit, spec)
        close_surveys(audit.programme)
        auditor.read_all()
        auditor.check()
        # The audit saw something: the first gathering's total and the programme evaluation's total
        # are each the first cell of their moment, so each is shown once it holds the threshold.
        first = {audit.surveys[run.pk].pk for run in audit.runs[1]}
        evaluation = audit.evaluation.pk if audit.evaluation is not None else None
        if sum(a.survey in first for a in auditor.answered) >= 5 or (
            sum(a.survey == evaluation for a in auditor.answered) >= 5
        ):
            assert auditor.answer_cells, "nothing released at all"
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_bergen_demo_reveals_no_small_group(client, settings):
    """336 leaders in four gatherings of four runs; a tenth answer each survey (the issue's 33)."""
    from core.demo import load_bergen_demo
    from core.models import User
    from evaluation.demo import bulk_answers
    from evaluation.models import Response
    from programmes.models import Programme
    from tests.disclosure.auditor import Answered

    settings.ANONYMITY_THRESHOLD = 5
    load_bergen_demo()
    programme = Programme.objects.get(municipality__slug="bergen")
    bulk_answers(programme, rng=random.Random(14), share=0.1)
    close_surveys(programme)
    roles = {
        "hr": User.objects.get(email="hr@bergen.example.no"),
        "facilitator": User.objects.get(email="kari@lederkonsult.example.no"),
    }
    auditor = Auditor(programme, roles, client, 5)
    auditor.answered = [
        Answered(str(pk), survey_id, sector, level, None)
        for pk, survey_id, sector, level in Response.objects.filter(survey__programme=programme).values_list(
            "pk", "survey_id", "sector", "leader_level"
        )
    ]
    auditor.read_all(("results", "overview", "export", "report", "cases"))
    auditor.check()
    assert len(auditor.answer_cells["hr"]) >= 5  # the programme, gatherings and more are shown
