"""A network programme's evaluation results, pooled through the anonymity engine (issue 19, item 4).

The world: the network "Helgeland lederprogram" (tests/network_world.py) with Vefsn (6 leaders),
Bindal (5) and Grane (2) as members. With a threshold of 5, Grane's answers are never stored with
its name (too few leaders), and Bindal's results must stay hidden: the network's 13 minus Vefsn's 6
minus Bindal's 5 would be Grane's 2. The disclosure auditor reads everything every persona reaches
(the results page with every filter typed by hand, the overview, the export, the report, the network
figures page) at two moments and checks, exactly, that no group under the threshold can be derived.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core import disclosure
from evaluation import services
from evaluation.models import Response, Survey
from tests.disclosure.auditor import Auditor, Leak
from tests.disclosure.worlds import answers_for
from tests.network_world import build_evaluated

K = 5


def _close(survey):
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=2), closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def _auditor(net, client):
    roles = {
        "organiser": net.organiser,
        "exec_a": net.exec_a,
        "exec_b": net.exec_b,
        "exec_grane": net.exec_grane,
        "hr_a": net.hr_a,
        "facilitator": net.facilitator,
    }
    return Auditor(net.programme, roles, client, K)


def _answer_everything(auditor, net):
    for index, leader in enumerate(net.leaders):
        auditor.answer(net.feedback, leader.user, answers_for(net.feedback, index))
    _close(net.feedback)
    auditor.read_all()
    for index, leader in enumerate(net.leaders):
        auditor.answer(net.evaluation, leader.user, answers_for(net.evaluation, index))
    _close(net.evaluation)
    auditor.read_all()


@pytest.mark.django_db
def test_answers_keep_the_home_municipality_only_where_enough_leaders_come_from_it(settings):
    settings.ANONYMITY_THRESHOLD = K
    net = build_evaluated()
    for leader in net.leaders:
        services.survey_answer(survey=net.feedback, user=leader.user, answers=answers_for(net.feedback))
    stored = sorted(
        (str(m) if m else "")
        for m in Response.objects.filter(survey=net.feedback).values_list("municipality_id", flat=True)
    )
    expected = sorted([str(net.vefsn.pk)] * 6 + [str(net.bindal.pk)] * 5 + [""] * 2)
    assert stored == expected


@pytest.mark.django_db
def test_no_municipality_can_be_worked_out_from_the_network_minus_the_others(client, settings):
    settings.ANONYMITY_THRESHOLD = K
    net = build_evaluated()
    auditor = _auditor(net, client)
    _answer_everything(auditor, net)
    auditor.check()

    # The organiser: the network's 13, Vefsn's 6 offered as a filter, Bindal's 5 never (13 - 6 - 5 = 2).
    client.force_login(net.organiser)
    page = client.get(reverse("evaluation_results", kwargs={"pk": net.programme.pk}))
    assert page.context["results"].count == 13
    assert page.context["filter_choices"] == [("municipality", str(net.vefsn.pk), "Vefsn kommune")]
    refused = client.get(
        reverse("evaluation_results", kwargs={"pk": net.programme.pk}), {"filter": f"municipality:{net.bindal.pk}"}
    )
    assert refused.context["results"].refused and refused.context["results"].count is None
    for typed in ("municipality:abc", "municipality:99999999999999999999", f"municipality:{net.grane.pk}"):
        page = client.get(reverse("evaluation_results", kwargs={"pk": net.programme.pk}), {"filter": typed})
        assert page.status_code == 200 and page.context["results"].refused, typed

    # Vefsn's executive: the network's figures and Vefsn's own.
    client.force_login(net.exec_a)
    page = client.get(reverse("network_figures", kwargs={"pk": net.programme.pk}))
    assert page.context["results"].count == 13
    assert page.context["results"].evaluation.count == 13
    [(municipality, own)] = page.context["own_results"]
    assert municipality == net.vefsn
    assert (own.count, own.evaluation.count, own.die.n) == (6, 6, 6)

    # Bindal's and Grane's executives: the network's figures, their own only as "too few".
    for executive, municipality in ((net.exec_b, net.bindal), (net.exec_grane, net.grane)):
        client.force_login(executive)
        page = client.get(reverse("network_figures", kwargs={"pk": net.programme.pk}))
        assert page.context["results"].count == 13
        assert page.context["own_results"] == [(municipality, None)]
        assert "For få til å vises alene" in page.content.decode()
        # The results page itself is not theirs (the organiser's, as HR of the programme).
        assert client.get(reverse("evaluation_results", kwargs={"pk": net.programme.pk})).status_code == 404

    # The auditor saw the figures page as every executive, and Vefsn's share as Vefsn's.
    assert any("network figures: Vefsn kommune" in where for where in auditor.answer_cells["exec_a"].values())
    assert not any("Vefsn" in where for where in auditor.answer_cells["exec_b"].values())


@pytest.mark.django_db
def test_the_auditor_catches_a_naive_release_of_every_municipality_with_enough_answers(client, settings, monkeypatch):
    """The same world with an engine that shows every cell of at least k: Bindal's 5 beside the
    network's 13 and Vefsn's 6 give Grane's 2, and the auditor says so."""
    settings.ANONYMITY_THRESHOLD = K

    def naive(counts, moments, k=None):
        plan = disclosure.Plan(k or K)
        for moment in moments:
            for cell in moment:
                n = sum(counts.get(a, 0) for a in cell.atoms)
                if n >= plan.k:
                    plan.released[cell.key] = n
        return plan

    monkeypatch.setattr(disclosure, "release_plan", naive)
    net = build_evaluated()
    auditor = _auditor(net, client)
    _answer_everything(auditor, net)
    with pytest.raises(Leak, match="group of 2"):
        auditor.check()


@pytest.mark.django_db
def test_attendance_per_municipality_never_gives_a_small_one_by_subtraction(client, settings):
    """Vefsn 6, Bindal 5 and Grane 2 leaders at a run held yesterday, 12 came. The network's 12 of 13
    and Vefsn's 6 of 6 are shown; Bindal's 5 would give Grane's 2, so it is hidden, and Grane's is."""
    from sessions.models import Attendance

    settings.ANONYMITY_THRESHOLD = K
    net = build_evaluated()
    run = net.feedback.run
    absent = next(p for p in net.leaders if p.home_municipality_id == net.bindal.pk)
    Attendance.objects.bulk_create(
        Attendance(run=run, participant=p, status="absent" if p == absent else "present", marked_by=net.organiser)
        for p in net.leaders
    )
    url = reverse("network_figures", kwargs={"pk": net.programme.pk})
    client.force_login(net.organiser)
    page = client.get(url)
    attendance = page.context["attendance"]
    assert attendance["overall"] == (12, 13, 92)
    assert [row for _gathering, row in attendance["gatherings"]] == [(12, 13, 92)]
    assert {s.municipality.slug: s.attendance for s in page.context["shares"]} == {
        "vefsn": (6, 6, 100),
        "bindal": None,
        "grane": None,
    }
    # What the organiser is shown holds no small group in its span; the naive release would.
    counts = {"vefsn": 6, "bindal": 5, "grane": 2}
    network = frozenset(counts)
    assert disclosure.small_group_in_span(counts, [network, frozenset(["vefsn"])], K) is None
    naive = [network, frozenset(["vefsn"]), frozenset(["bindal"])]
    assert disclosure.small_group_in_span(counts, naive, K) == frozenset(["grane"])

    client.force_login(net.exec_a)
    text = client.get(url).content.decode()
    assert "6 av 6 (100 %)" in text and "12 av 13 (92 %)" in text
    client.force_login(net.exec_b)
    page = client.get(url)
    assert [(s.municipality, s.attendance) for s in page.context["shares"]] == [(net.bindal, None)]
    assert "6 av 6" not in page.content.decode()
