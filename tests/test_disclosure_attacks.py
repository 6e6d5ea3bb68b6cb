"""The five attacks of issue 14, each replayed through the disclosure auditor (tests/disclosure/).

Each test builds the attack's world, reads what the attacker's role can reach through the views,
and asserts the auditor finds nothing: no group under the threshold is derivable. On the code
before issue 14 (f92853c) every one of these fails with `Leak` (see the README's evaluation
section and the issue note for the run). Threshold 5 throughout."""

import datetime

import pytest

from peergroups.models import Case, CaseTheme, PeerGroup
from peergroups.services import themes_ensure_defaults
from tests.disclosure.auditor import Auditor, close_surveys
from tests.disclosure.worlds import answers_for, build

pytestmark = pytest.mark.django_db

SECTORS = ["Oppvekst", "Helse", "Teknisk", "Kultur", "Stab", "NAV"]


@pytest.fixture(autouse=True)
def _threshold(settings):
    settings.ANONYMITY_THRESHOLD = 5


def auditor(world, client, audit, roles=("hr", "facilitator", "executive")):
    return Auditor(audit.programme, {role: getattr(world, role) for role in roles}, client, 5)


def answer_run(auditor_, audit, run, people):
    survey = audit.surveys[run.pk]
    for index, participant in enumerate(people):
        auditor_.answer(survey, participant.user, answers_for(survey, index))


def test_attack_1_subtraction_across_filter_values(world, client):
    """33 answers: five sectors answer 6 each, the sixth 3 (of its 5 leaders). Whole minus the five
    shown sectors would be the three."""
    people = [(sector, "unit") for sector in SECTORS[:5] for _ in range(6)] + [(SECTORS[5], "unit")] * 5
    audit = build(world, [people], evaluation=False)
    (run,) = audit.runs[1]
    leaders = audit.people[run.pk]
    a = auditor(world, client, audit, roles=("hr",))
    answer_run(a, audit, run, leaders[:33])
    close_surveys(audit.programme)
    a.read("hr", pages=("results",))
    a.check()


def _runs_3_10_10_10(world, client, roles):
    """A gathering of four runs with 3, 10, 10 and 10 answers (each run has 12 leaders, all in one
    sector, so no filter adds anything: the leak needs the other page)."""
    people = [[("Oppvekst", "unit")] * 12 for _ in range(4)]
    audit = build(world, people, evaluation=False)
    a = auditor(world, client, audit, roles=roles)
    for run, n in zip(audit.runs[1], (3, 10, 10, 10), strict=True):
        answer_run(a, audit, run, audit.people[run.pk][:n])
    close_surveys(audit.programme)
    return a


def test_attack_2_counts_on_another_page_undo_the_suppression(world, client):
    """Results hide run 2 to protect run 1 (3 answers); the overview must not print 10 for runs 2–4."""
    a = _runs_3_10_10_10(world, client, roles=("facilitator",))
    a.read("facilitator", pages=("results", "overview"))
    a.check()


def test_attack_3_lists_name_who_answered(world, client):
    """The non-respondent list of run 1, set against its participants, names its three respondents."""
    a = _runs_3_10_10_10(world, client, roles=("hr",))
    a.read("hr", pages=("results", "lists"))
    a.check()


def test_attack_4_before_and_after_one_answer(world, client):
    """HR reads results and lists, one leader answers, HR reads again."""
    people = [[(SECTORS[i % 2], "unit") for i in range(12)]]
    audit = build(world, people, evaluation=False)
    (run,) = audit.runs[1]
    leaders = audit.people[run.pk]
    a = auditor(world, client, audit, roles=("hr", "facilitator"))
    answer_run(a, audit, run, leaders[:10])
    a.read_all(pages=("results", "overview", "lists"))
    answer_run(a, audit, run, leaders[10:11])
    a.read_all(pages=("results", "overview", "lists"))
    a.check()


def _cases_4_and_5(world):
    audit = build(world, [[("Oppvekst", "unit")] * 5], evaluation=False)
    programme = audit.programme
    first, second = programme.gatherings.get(number=1), programme.gatherings.get(number=2)
    first.start_date, second.start_date = datetime.date(2026, 9, 1), datetime.date(2026, 11, 1)
    first.save()
    second.save()
    themes_ensure_defaults(programme=programme)
    from participants.models import Facilitator

    group = PeerGroup.objects.create(
        programme=programme,
        number=1,
        name="Gruppe 1",
        facilitator=Facilitator.objects.get(programme=programme, user=world.facilitator),
    )
    conflict = CaseTheme.objects.get(programme=programme, code="conflict")
    for n, day in enumerate([datetime.date(2026, 8, 20)] * 4 + [datetime.date(2026, 10, 1)] * 5):
        case = Case.objects.create(group=group, title=f"Sak {n}", situation="x", challenge="y", discussed_on=day)
        case.themes.add(conflict)
    return audit


def test_attack_5_case_themes_by_period(world, client):
    """Theme C has 9 cases: 4 before gathering 1 and 5 between gathering 1 and 2. The programme's
    theme page and the case round of gathering 2 must not combine to the 4."""
    audit = _cases_4_and_5(world)
    a = auditor(world, client, audit, roles=("facilitator",))
    a.read("facilitator", pages=("themes", "round 2"))
    a.check()


def test_attack_5_each_case_round_counts_only_its_own_period(world, client):
    """The case round of gathering 1 counts the 4 before it, not the 5 after (an upper date bound)."""
    audit = _cases_4_and_5(world)
    a = auditor(world, client, audit, roles=("facilitator",))
    a.read("facilitator", pages=("round 1",))
    a.check()


def test_case_counts_on_every_page_and_role_leave_nothing_derivable(world, client):
    audit = _cases_4_and_5(world)
    a = auditor(world, client, audit)
    a.read_all(pages=("cases", "report"))
    a.check()


def test_case_counts_do_not_move_one_case_at_a_time(world, client):
    """A reader who watches the theme page and the case rounds while the facilitators log cases must
    not see one case arrive: cases are counted from the first day of the gathering that ends their
    period, so a new case in the running period moves nothing (issue 14, time)."""
    audit = _cases_4_and_5(world)
    programme = audit.programme
    third = programme.gatherings.get(number=3)
    third.start_date = datetime.date.today() + datetime.timedelta(days=30)
    third.save()
    group = PeerGroup.objects.get(programme=programme)
    conflict = CaseTheme.objects.get(programme=programme, code="conflict")
    stress = CaseTheme.objects.get(programme=programme, code="stress")
    # Five stress cases in the closed period (the theme is shown), then more arrive after gathering 2.
    for n in range(5):
        case = Case.objects.create(
            group=group, title=f"Stress {n}", situation="x", challenge="y", discussed_on=datetime.date(2026, 10, 2)
        )
        case.themes.add(stress)
    a = auditor(world, client, audit)
    a.read_all(pages=("cases", "report"))
    for n in range(3):
        case = Case.objects.create(
            group=group, title=f"Ny {n}", situation="x", challenge="y", discussed_on=datetime.date.today()
        )
        case.themes.add(conflict, stress)
        a.read_all(pages=("cases", "report"))
    a.check()
