"""The extension decision from the evidence (issue 17, item 4): it shows the ranked needs, the
extension question's answers, the report's recommendation and attendance; it waits for the
evaluation unless a reason is given (audited); a person decides; a yes proposes themes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from evaluation import services
from programmes.models import ExtensionDecision
from sessions.models import Gathering
from tests.conftest import main_text
from tests.test_evaluation_report import evaluation_answers

pytestmark = pytest.mark.django_db


def _url(world):
    return reverse("extension_decision", kwargs={"pk": world.programme.pk})


def _publish(world, answers=6):
    evaluation_answers(world, answers)
    services.survey_close(survey=world.programme_survey, closed_by=world.hr)


def _yes(world, **extra):
    return {
        "run_extension": "yes",
        "decided_on": "2027-06-15",
        "decided_by": world.executive.pk,
        "decision_body": "Kommunestyret",
        "reference": "2027/118",
        "rationale": "Behovene taler for det.",
        **extra,
    }


def test_before_the_evaluation_is_published_a_decision_needs_a_stated_reason(client, world):
    client.force_login(world.hr)
    page = main_text(client.get(_url(world)))
    assert "Programevalueringen er åpen til" in page
    assert "Hvorfor beslutte før evalueringen er publisert?" in page

    response = client.post(_url(world), _yes(world))
    assert "Evalueringen er ikke publisert ennå." in response.content.decode()
    assert not ExtensionDecision.objects.filter(programme=world.programme).exists()
    assert not AuditEvent.objects.filter(action__startswith="programme.extension").exists()

    client.post(_url(world), _yes(world, override_reason="Budsjettet vedtas i juni."))
    decision = ExtensionDecision.objects.get(programme=world.programme)
    assert (decision.run_extension, decision.override_reason, decision.decided_by, decision.recorded_by) == (
        True,
        "Budsjettet vedtas i juni.",
        world.executive,
        world.hr,
    )
    override = AuditEvent.objects.get(action="programme.extension_override")
    assert (override.actor, override.target_id, override.municipality) == (
        world.hr,
        str(world.programme.pk),
        world.vefsn,
    )
    decided = AuditEvent.objects.get(action="programme.extension_decided")
    assert decided.detail == {
        "run_extension": True,
        "decided_by": world.executive.pk,
        "on_behalf": True,
        "reference": "2027/118",
        "override": True,
    }
    page = main_text(client.get(reverse("programme_detail", kwargs={"pk": world.programme.pk})))
    assert "Registrert før evalueringen var publisert: Budsjettet vedtas i juni." in page


def test_the_page_shows_the_evidence_once_the_evaluation_is_published(client, world):
    _publish(world, answers=8)
    client.force_login(world.executive)
    page = main_text(client.get(_url(world)))
    # Every evaluation answer ranks [2, 0, 1]: Vanskelige samtaler first (3 points each).
    needs = page[page.index("Veien videre: prioriterte utviklingsbehov") : page.index("Ønsker deltakerne å fortsette?")]
    assert "Rangert av 8 som svarte" in needs
    assert needs.index("Vanskelige samtaler (24 poeng)") < needs.index("Digital omstilling (16 poeng)")
    assert needs.index("Digital omstilling (16 poeng)") < needs.index("Økonomistyring (8 poeng)")
    # Answers 1..7 of 0..7 with index % 4 != 0 say yes: 6 of 8 = 75 %.
    assert "75 % av 8 som svarte, ønsker å fortsette med flere samlinger." in page
    assert "Vi anbefaler opsjonen." in page  # the ready report's recommendation
    assert "Hvorfor beslutte før evalueringen er publisert?" not in page


def test_with_too_few_answers_the_evidence_says_it_is_not_available(client, world):
    _publish(world, answers=3)
    client.force_login(world.hr)
    page = main_text(client.get(_url(world)))
    assert "Ikke tilgjengelig: evalueringen er ikke publisert, eller for få har rangert behovene." in page
    assert "Vanskelige samtaler" not in page
    assert "som svarte, ønsker å fortsette" not in page


def test_the_chief_executive_records_their_own_decision_and_a_yes_proposes_themes(client, world):
    _publish(world, answers=8)
    extension = list(world.programme.gatherings.filter(kind=Gathering.Kind.EXTENSION).order_by("number"))
    extension[1].topics = ["Allerede planlagt"]
    extension[1].save()
    client.force_login(world.executive)
    response = client.post(_url(world), _yes(world))
    assert response["Location"] == reverse("programme_detail", kwargs={"pk": world.programme.pk})
    decision = ExtensionDecision.objects.get(programme=world.programme)
    assert (decision.decided_by, decision.recorded_by, decision.override_reason) == (
        world.executive,
        world.executive,
        "",
    )
    topics = dict(world.programme.gatherings.filter(kind="extension").values_list("number", "topics"))
    # The gathering without topics gets the ranked needs (three needs, one open gathering); the
    # other keeps what HR wrote.
    assert topics == {5: ["Vanskelige samtaler", "Digital omstilling", "Økonomistyring"], 6: ["Allerede planlagt"]}
    assert AuditEvent.objects.get(action="programme.extension_decided").detail["on_behalf"] is False
    assert not AuditEvent.objects.filter(action="programme.extension_override").exists()


def test_decided_by_must_be_the_chief_executive_or_the_person_recording(client, world):
    _publish(world)
    client.force_login(world.hr)
    for stranger in (world.other_hr, world.participant, world.facilitator):
        response = client.post(_url(world), _yes(world, decided_by=stranger.pk))
        assert "Velg et gyldig valg" in response.content.decode()
    assert not ExtensionDecision.objects.exists()
    client.post(_url(world), _yes(world, decided_by=world.hr.pk))
    decision = ExtensionDecision.objects.get()
    assert (decision.decided_by, decision.recorded_by) == (world.hr, world.hr)


def test_deadline_passing_publishes_the_evaluation_without_a_close_click(client, world, time_machine):
    evaluation_answers(world, 6)
    time_machine.move_to(world.programme_survey.closes_at + datetime.timedelta(minutes=1))
    assert world.programme_survey.closes_at < timezone.now()
    client.force_login(world.hr)
    page = main_text(client.get(_url(world)))
    assert "Programevalueringen er åpen til" not in page
    assert "Rangert av 6 som svarte" in page


@pytest.mark.parametrize("answers", [6, 30])
def test_the_decision_page_costs_a_fixed_number_of_queries(client, world, django_assert_num_queries, answers):
    _publish(world, answers=answers)
    client.force_login(world.hr)
    client.get(_url(world))
    # The baseline for before/after is read as last released (participants/release.py): one more;
    # attendance too (evaluation/attendance.py): one more again.
    with django_assert_num_queries(22):
        page = main_text(client.get(_url(world)))
    assert f"Rangert av {answers} som svarte" in page
