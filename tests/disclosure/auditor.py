"""The disclosure auditor (issue 14): reads everything the product releases about a world, as each
role and at every moment, and checks with exact linear algebra that nothing combines to a group of
fewer than the threshold.

It knows nothing of the release plan. It reads the views (results page with every filter a reader
could type, the evaluation overview, the non-respondent lists, the Excel export, the report's
context, the case-theme page and every case round, and a network programme's figures page: the
network's results and the reader's own municipality's, issue 19), and maps each number it finds to the *cell*
it claims to be: the set of responses (or cases) it counts, by the page's own documented meaning
(a gathering's count: every answer to its runs' feedback; the programme's: every answer of the
gatherings the page shows as released; a case round: the cases of its own window). It asserts each
number equals the true size of that cell, so a page that counts something else (a missing date
bound) fails loudly instead of being audited under a wrong name.

Every response (every case) is its own atom, so time is in the model: a cell read before an answer
and the same cell read after it differ by that one person. Atoms that every cell holds or leaves
alike are merged into classes (exact: a combination of cells cannot tell them apart), and
`core.disclosure.small_group_in_span` then searches, with rank over the rationals, for a union of
classes holding 1..k-1 atoms whose indicator lies in the span of the cells. Its search is checked
against brute force in tests/test_evaluation_anonymity.py.

The guarantee audited (README, /personvern/):

* G1, answers: for every role, no group of 1..k-1 respondents has any sum of its answers in the
  span of every answer-bearing cell that role has seen, at any moment.
* G2, counts: for every role, no such group has its count in the span of the counts that role has
  seen, except that HR, who reminds, may see how many have answered an *open* survey and who has
  not (the product states this; no answer of an open survey is released, so G1 still holds).
* Cases: no group of 1..k-1 cases has its count in the span of the theme, case and case-round
  counts any role sees.

This module must also run against the code before issue 14 (it reads only views and contexts both
versions have), to prove each of the issue's five attacks makes it fail there.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from core import disclosure

ALL_RUNS = "Alle gjennomføringer"


class Leak(AssertionError):
    pass


def close_surveys(programme):
    """Close every survey of the programme a moment ago (the auditor's own copy, so it also runs on
    the code before issue 14)."""
    from django.db.models.functions import Least

    from evaluation import services
    from evaluation.models import Survey

    services.feedback_surveys_ensure(programme=programme)
    now = timezone.now()
    surveys = Survey.objects.filter(programme=programme)
    surveys.update(opens_at=Least("opens_at", now - datetime.timedelta(days=2)))
    surveys.update(closes_at=now - datetime.timedelta(seconds=1))


@dataclass
class Answered:
    response: str  # the Response's id: the atom
    survey: int
    sector: str  # as stored with the answer
    level: str
    user: int
    municipality: str = ""  # a network programme's home municipality as stored ("" when not kept)

    def stored(self, name):
        return {"sector": self.sector, "leader_level": self.level, "municipality": self.municipality}[name]


@dataclass
class Auditor:
    programme: object
    roles: dict  # role name -> user
    client: object
    k: int
    answered: list = field(default_factory=list)
    answer_cells: dict = field(default_factory=dict)  # role -> {frozenset of atoms: where}
    count_cells: dict = field(default_factory=dict)
    case_cells: dict = field(default_factory=dict)
    reads: int = 0

    # --- the world changes --------------------------------------------------------------------------

    def answer(self, survey, user, answers):
        from evaluation import services

        response = services.survey_answer(survey=survey, user=user, answers=answers)
        municipality = str(getattr(response, "municipality_id", None) or "")
        self.answered.append(
            Answered(str(response.pk), survey.pk, response.sector, response.leader_level, user.pk, municipality)
        )
        return response

    # --- what a cell holds --------------------------------------------------------------------------

    def _atoms(self, surveys, flt=None):
        ids = {s.pk for s in surveys}
        return frozenset(
            a.response for a in self.answered if a.survey in ids and (flt is None or a.stored(flt[0]) == flt[1])
        )

    def _add(self, book, role, atoms, shown, where):
        if len(atoms) != shown:
            raise Leak(f"{where} shows {shown}, but the cell it names holds {len(atoms)}")
        book.setdefault(role, {}).setdefault(atoms, f"{where} (read {self.reads + 1})")

    def _surveys(self):
        from evaluation.models import Survey

        surveys = list(Survey.objects.filter(programme=self.programme).select_related("run__gathering"))
        feedback = [s for s in surveys if s.kind == "feedback"]
        runs_of = {}
        for s in feedback:
            runs_of.setdefault(s.run.gathering_id, []).append(s)
        evaluation = next((s for s in surveys if s.kind == "programme"), None)
        return surveys, runs_of, evaluation

    # --- reading everything a role can reach --------------------------------------------------------

    PAGES = ("results", "overview", "lists", "export", "report", "cases", "figures")

    def read(self, role, pages=PAGES):
        """Read what `role` can reach (`pages` narrows it, to show which page a leak needs)."""
        user = self.roles[role]
        self.client.force_login(user)
        surveys, runs_of, evaluation = self._surveys()
        pk = self.programme.pk
        if "results" in pages and user.has_perm("evaluation.view_results", self.programme):
            base = self.client.get(reverse("evaluation_results", kwargs={"pk": pk}))
            self._read_results(role, base.context["results"], None, runs_of, evaluation, "results page")
            # Every filter a reader could type by hand, offered or not.
            for flt in sorted(
                {("sector", a.sector) for a in self.answered if a.sector}
                | {("leader_level", a.level) for a in self.answered if a.level}
                | {("municipality", a.municipality) for a in self.answered if a.municipality}
                | {(name, value) for name, value, _label in base.context["filter_choices"]}
            ):
                response = self.client.get(reverse("evaluation_results", kwargs={"pk": pk}), {"filter": ":".join(flt)})
                results = response.context["results"]
                if results.filter != flt:  # a filter ignored shows the unfiltered page: read it as such
                    self._read_results(role, results, None, runs_of, evaluation, "results page")
                else:
                    self._read_results(role, results, flt, runs_of, evaluation, f"results page {flt}")
        if "overview" in pages and user.has_perm("evaluation.view_results", self.programme):
            self._read_overview(role, runs_of, evaluation)
        if "lists" in pages and user.has_perm("evaluation.view_non_respondents", self.programme):
            self._read_lists(role, surveys)
        if "export" in pages and user.has_perm("evaluation.export_results", self.programme):
            self._read_export(role, runs_of)
        if "report" in pages and user.has_perm("evaluation.view_report", self.programme):
            from evaluation.report import report_context

            context = report_context(self.programme, recommendation="Anbefaling")
            self._read_results(role, context["results"], None, runs_of, evaluation, "report")
            self._read_case_facts(role, context)
        if "figures" in pages and user.has_perm("networks.view_figures", self.programme):
            self._read_figures(role, runs_of, evaluation)
        self._read_cases(role, pages)
        self.reads += 1

    def _read_figures(self, role, runs_of, evaluation):
        """A network programme's figures page: the network's results, and each of the reader's own
        municipalities' (issue 19), read as the results page's cells with a municipality filter."""
        response = self.client.get(reverse("network_figures", kwargs={"pk": self.programme.pk}))
        self._read_results(role, response.context["results"], None, runs_of, evaluation, "network figures")
        for municipality, results in response.context["own_results"]:
            if results is not None:
                flt = ("municipality", str(municipality.pk))
                self._read_results(role, results, flt, runs_of, evaluation, f"network figures: {municipality}")

    def read_all(self, pages=PAGES):
        for role in self.roles:
            self.read(role, pages)

    def _read_results(self, role, results, flt, runs_of, evaluation, where):
        if getattr(results, "refused", ""):
            return
        released = []
        for g in results.gatherings:
            runs = runs_of.get(g.gathering.pk, [])
            if not getattr(g, "released", True):
                continue
            released += runs
            if g.count is not None:
                atoms = self._atoms(runs, flt)
                self._add(self.answer_cells, role, atoms, g.count, f"{where}: {g.gathering}")
                self._add(self.count_cells, role, atoms, g.count, f"{where}: {g.gathering}")
            for run in g.runs:
                if run.count is not None:
                    (survey,) = [s for s in runs if s.run_id == run.run.pk]
                    atoms = self._atoms([survey], flt)
                    self._add(self.answer_cells, role, atoms, run.count, f"{where}: {g.gathering} run {run.run.number}")
                    self._add(self.count_cells, role, atoms, run.count, f"{where}: {g.gathering} run {run.run.number}")
        if results.count is not None:
            atoms = self._atoms(released, flt)
            self._add(self.answer_cells, role, atoms, results.count, f"{where}: programme")
            self._add(self.count_cells, role, atoms, results.count, f"{where}: programme")
        ev = results.evaluation
        if ev is not None and getattr(ev, "released", True) and ev.count is not None:
            atoms = self._atoms([evaluation], flt)
            self._add(self.answer_cells, role, atoms, ev.count, f"{where}: evaluation")
            self._add(self.count_cells, role, atoms, ev.count, f"{where}: evaluation")

    def _live_for(self, role, survey):
        """HR may see how many have answered an open survey (and who has not): stated policy."""
        return role == "hr" and survey.is_open()

    def _read_overview(self, role, runs_of, evaluation):
        response = self.client.get(reverse("evaluation_overview", kwargs={"pk": self.programme.pk}))
        rows = list(response.context["feedback"])
        if response.context["evaluation"] is not None:
            rows.append(response.context["evaluation"])
        for survey in rows:
            shown = survey.answered_shown
            if not shown.shown or self._live_for(role, survey):
                continue
            self._add(self.count_cells, role, self._atoms([survey]), shown.value, f"overview: {survey}")

    def _read_lists(self, role, surveys):
        """A list of who has not answered names, against the participant list, who has: each of
        them is a group of one. Allowed only for HR on an open survey (stated policy)."""
        for survey in surveys:
            response = self.client.get(reverse("non_respondents", kwargs={"pk": survey.pk}))
            if response.status_code != 200 or not response.context.get("is_open", True):
                continue  # no list shown
            if self._live_for(role, survey):
                continue
            listed = {p.pk for p in response.context["people"]}
            for a in self._respondents(survey):
                if a.user not in listed:
                    self._add(self.count_cells, role, frozenset([a.response]), 1, f"non-respondents of {survey}")

    def _respondents(self, survey):
        return [a for a in self.answered if a.survey == survey.pk]

    def _read_export(self, role, runs_of):
        from openpyxl import load_workbook

        response = self.client.get(reverse("evaluation_results_export", kwargs={"pk": self.programme.pk}))
        workbook = load_workbook(io.BytesIO(response.content))
        by_name = {str(s.run.gathering): runs for runs in runs_of.values() for s in runs}
        for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True):
            gathering, run, n = row[0], row[1], row[2]
            if not isinstance(n, int) or gathering not in by_name:
                continue
            runs = (
                by_name[gathering] if run == ALL_RUNS else [s for s in by_name[gathering] if str(s.run.number) == run]
            )
            atoms = self._atoms(runs)
            self._add(self.answer_cells, role, atoms, n, f"export: {gathering} {run}")
            self._add(self.count_cells, role, atoms, n, f"export: {gathering} {run}")

    # --- cases ----------------------------------------------------------------------------------------

    def _cases(self):
        """The cases the pages may count, by the documented rule: a case counts from the day after a
        day that closes its period has come (a dated gathering's first or last day on or after the
        case, or the programme's end); a case logged later than its date from the day after the next
        such day after it was logged; a follow-up likewise from its date and when it was written. A
        case logged in a later period than its own is in the totals only, never in a case round."""
        import datetime

        from django.utils import timezone

        from peergroups.models import Case

        today = datetime.date.today()
        days = sorted(
            {
                d
                for g in self.programme.gatherings.all()
                if g.start_date is not None and g.is_active
                for d in (g.start_date, g.end_date)
            }
        )
        ended = self.programme.end_date < today

        def counted(day):
            return ended or any(day <= d < today for d in days)

        cases = {}
        for case in Case.objects.filter(group__programme=self.programme).prefetch_related("themes"):
            logged = max(case.discussed_on, timezone.localdate(case.created_at))
            if not counted(logged):
                continue
            written = timezone.localdate(case.follow_up_written_at) if case.follow_up_written_at else logged
            follow = max(case.follow_up_on or logged, written, logged)
            in_round = not any(case.discussed_on <= d < logged for d in days)
            cases[case.pk] = (
                case.discussed_on if in_round else None,
                {str(t.label) for t in case.themes.all()},
                bool(case.follow_up) and counted(follow),
            )
        return cases

    def _case_cell(self, role, test, shown, where):
        atoms = frozenset(pk for pk, case in self._cases().items() if test(*case))
        self._add(self.case_cells, role, atoms, shown, where)

    def _read_cases(self, role, pages):
        """`pages` "cases" reads the theme page and every case round; "themes" or "round N" one."""
        user = self.roles[role]
        if {"cases", "themes"} & set(pages) and user.has_perm("peergroups.view_theme_counts", self.programme):
            response = self.client.get(reverse("peergroup_themes", kwargs={"pk": self.programme.pk}))
            for label, n in response.context["theme_counts"]:
                self._case_cell(role, lambda _d, themes, _f, label=label: label in themes, n, f"themes page: {label}")
        gatherings = list(self.programme.gatherings.order_by("number"))
        for gathering in gatherings:
            if not user.has_perm("peergroups.view_case_round", gathering.programme):
                break
            if "cases" not in pages and f"round {gathering.number}" not in pages:
                continue
            response = self.client.get(reverse("case_round", kwargs={"pk": gathering.pk}))
            if response.status_code != 200:
                continue
            low, high = _window(gathering, gatherings)
            for label, n in response.context["theme_counts"]:
                self._case_cell(
                    role,
                    lambda d, themes, _f, label=label, low=low, high=high: (
                        d is not None and label in themes and (low is None or d > low) and (high is None or d <= high)
                    ),
                    n,
                    f"case round of {gathering}: {label}",
                )

    def _read_case_facts(self, role, context):
        for label, n in context.get("case_themes") or []:
            self._case_cell(role, lambda _d, themes, _f, label=label: label in themes, n, f"report: {label}")
        peers = context.get("peers") or {}
        for name, test in (("cases", lambda _d, _t, _f: True), ("cases_with_follow_up", lambda _d, _t, f: f)):
            fact = peers.get(name)
            if fact is not None and fact.shown and fact.value is not None:
                self._case_cell(role, test, fact.value, f"report: {name}")

    # --- the check ----------------------------------------------------------------------------------

    def check(self):
        for kind, book in (("answers", self.answer_cells), ("counts", self.count_cells), ("cases", self.case_cells)):
            for role, cells in book.items():
                found = small_group(list(cells), self.k)
                if found is not None:
                    where = sorted({cells[c] for c in cells if c & found})
                    raise Leak(
                        f"{role} can derive the {kind} of a group of {len(found)} "
                        f"from {len(cells)} cells, among them: {where[:6]}"
                    )


def _window(gathering, gatherings):
    """A case round's documented window: after the previous dated gathering's last day, up to and
    including this one's first day."""
    earlier = [g for g in gatherings if g.number < gathering.number and g.start_date is not None and g.is_active]
    previous = max(earlier, key=lambda g: g.number) if earlier else None
    return (previous.end_date if previous else None), gathering.start_date


def small_group(cells, k):
    """A set of atoms holding 1..k-1 atoms whose indicator lies in the span of `cells`, or None.

    Atoms held by exactly the same cells are merged first (a combination of cells cannot tell them
    apart), which keeps the exact search small at any number of moments."""
    signature = {}
    for index, cell in enumerate(cells):
        for atom in cell:
            signature.setdefault(atom, []).append(index)
    classes = {}
    for atom, indexes in signature.items():
        classes.setdefault(tuple(indexes), set()).add(atom)
    counts = {key: len(atoms) for key, atoms in classes.items()}
    class_cells = [frozenset(key for key in classes if index in key) for index in range(len(cells))]
    found = disclosure.small_group_in_span(counts, class_cells, k)
    if found is None:
        return None
    return frozenset(atom for key in found for atom in classes[key])
