"""A programme's evaluation results, read in a fixed number of queries and passed through the
anonymity engine's release plan. The results page, the Excel export and the executive's report all
use this."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.frameworks import CompetenceDimension
from evaluation import anonymity
from evaluation.anonymity import FILTER_FIELDS
from evaluation.models import Answer, Question, Survey


@dataclass
class RunResult:
    run: object
    count: int | None
    die: anonymity.Stat


@dataclass
class TopicResult:
    topic: str
    stat: anonymity.Stat


@dataclass
class GatheringResult:
    gathering: object
    count: int | None
    die: anonymity.Stat
    runs: list = field(default_factory=list)
    topics: list = field(default_factory=list)  # most useful first; hidden ones last
    released: bool = True  # False while the feedback of one of its runs is still open


@dataclass
class GoalResult:
    text: str
    stat: anonymity.Stat


@dataclass
class SelfAssessment:
    goal: str
    goal_id: int | None
    dimensions: list  # [(label, Stat, baseline mean or None)]


@dataclass
class EvaluationResult:
    survey: object
    count: int | None
    main_goal: anonymity.Stat
    goals: list
    self_assessment: list
    needs: anonymity.Ranked
    extension: anonymity.Stat
    levels: dict  # question key -> Kirkpatrick level, shown beside each section
    released: bool = True  # False while the survey is open

    @property
    def has_baseline(self):
        return any(baseline is not None for row in self.self_assessment for _l, _s, baseline in row.dimensions)


@dataclass
class Results:
    filter: tuple | None
    filter_label: str
    refused: str
    count: int | None  # feedback responses programme-wide
    die: anonymity.Stat
    gatherings: list
    evaluation: EvaluationResult | None
    texts: list  # [(question label, Texts)]
    plan: object  # the EvaluationPlan every number above came from

    @property
    def has_feedback(self):
        return bool(self.gatherings)


def filter_choices(programme, plan=None):
    """The filters a reader may pick: each sector, leader level and home municipality the release plan
    shows programme-wide (stored with an answer only for groups of at least the threshold's size)."""
    plan = plan or anonymity.release_plan(programme)
    labels = _filter_labels(plan.filters)
    return [(name, value, labels[name, value]) for name, value in plan.filters]


def _filter_labels(filters):
    """{(name, value): what a reader reads}: a leader level's name, a municipality's name (one query,
    only when a municipality is among them), a sector as stored."""
    from core.models import Municipality
    from participants.models import Participant

    levels = dict(Participant.LeaderLevel.choices)
    # Only ids: a filter typed by hand ("municipality:abc") is refused with its text as typed.
    ids = sorted({v for name, v in filters if name == "municipality" and v.isdigit() and len(v) <= 18})
    names = {}
    if ids:
        names = {str(pk): name for pk, name in Municipality.objects.filter(pk__in=ids).values_list("pk", "name")}
    labels = {"leader_level": lambda value: str(levels.get(value, value)), "municipality": names.get}
    return {(name, value): labels.get(name, str)(value) or value for name, value in filters}


def parse_filter(raw):
    """`sector:Oppvekst` → ("sector", "Oppvekst"); anything else → None."""
    if not raw or ":" not in raw:
        return None
    name, value = raw.split(":", 1)
    if name not in FILTER_FIELDS or not value:
        return None
    return name, value


def shared_reads(programme):
    """What the results read whatever the filter: the plan's inputs (surveys and answer counts, see
    anonymity.plan_inputs) and the questions. A page with the results of several filters reads it once."""
    surveys, atoms = anonymity.plan_inputs(programme)
    return surveys, atoms, list(Question.objects.filter(survey__programme=programme).select_related("goal"))


def programme_results(  # noqa: PLR0913
    programme,
    *,
    filter=None,  # noqa: A002 - the page's word
    audience=anonymity.AUDIENCE_STAFF,
    plan=None,
    inputs=None,
    summary=False,
):
    """The released results, read in a fixed number of queries. Every count comes from the
    release plan (evaluation.anonymity.release_plan); answers are read only from released surveys.
    `inputs` are `shared_reads(programme)` when already read (results of several filters).
    `summary`: for a page that shows die rolls and goal attainment only (a network's figures): the
    self-assessment is not compared with the baseline and the development needs are not ranked."""
    surveys, atoms, questions = inputs or shared_reads(programme)
    plan = plan or anonymity.release_plan(programme, surveys=surveys, atoms=atoms)
    if filter and filter not in plan.filters:
        refused = _("This filter would show a group of fewer than %(k)s respondents, so it is not allowed.") % {
            "k": anonymity.threshold()
        }
        return Results(filter, _filter_label(filter), refused, None, anonymity.HIDDEN, [], None, [], plan)
    suffix = (filter,) if filter else ()
    answer_filter = Q(**{f"response__{filter[0]}": filter[1]}) if filter else Q()
    distributions = defaultdict(Counter)
    for question_id, value, count in (
        Answer.objects.filter(answer_filter, question__survey_id__in=plan.surveys, value__isnull=False)
        .values_list("question_id", "value")
        .annotate(c=Count("id"))
        .order_by()
    ):
        distributions[question_id][value] = count

    feedback = [s for s in surveys if s.kind == Survey.Kind.FEEDBACK]
    evaluation_survey = next((s for s in surveys if s.kind == Survey.Kind.PROGRAMME), None)
    questions_of = defaultdict(list)
    for question in questions:
        questions_of[question.survey_id].append(question)

    def merged(surveys_, key, topic=None):
        total = Counter()
        for survey in surveys_:
            for question in questions_of[survey.pk]:
                if question.key == key and (topic is None or question.topic == topic):
                    total.update(distributions.get(question.pk, {}))
        return total

    # --- Gathering feedback: programme → gatherings → runs (no runs under a filter) ---
    by_gathering = defaultdict(list)
    for survey in feedback:
        by_gathering[survey.run.gathering_id].append(survey)
    die_scale = Question.SCALES[Question.Kind.DIE]
    gathering_results = []
    for gathering in sorted(programme.gatherings.all(), key=lambda g: g.number):
        runs = sorted(by_gathering.get(gathering.pk, []), key=lambda s: s.run.number)
        if not runs:
            continue
        released = gathering.pk in plan.gatherings
        shown = plan.shown("gathering", gathering.pk, *suffix)
        run_results = []
        if not filter:
            run_results = [
                RunResult(
                    s.run,
                    plan.count("run", s.pk),
                    anonymity.stat(plan.shown("run", s.pk), merged([s], "die"), die_scale),
                )
                for s in runs
            ]
        topics = []
        for topic in dict.fromkeys(q.topic for s in runs for q in questions_of[s.pk] if q.key == "topic"):
            topics.append(
                TopicResult(
                    topic, anonymity.stat(shown, merged(runs, "topic", topic), Question.SCALES[Question.Kind.SCALE5])
                )
            )
        topics.sort(key=lambda t: (not t.stat.shown, -(t.stat.mean or 0), t.topic))
        gathering_results.append(
            GatheringResult(
                gathering,
                plan.count("gathering", gathering.pk, *suffix),
                anonymity.stat(shown, merged(runs, "die"), die_scale),
                run_results,
                topics,
                released,
            )
        )
    released_feedback = [s for s in feedback if s.pk in plan.surveys]
    programme_die = anonymity.stat(plan.shown("programme", *suffix), merged(released_feedback, "die"), die_scale)

    # --- The programme evaluation: one cell (and one per filter) ---
    evaluation = None
    if evaluation_survey is not None:
        evaluation = _evaluation_result(
            programme,
            evaluation_survey,
            plan,
            suffix,
            questions_of[evaluation_survey.pk],
            distributions,
            answer_filter,
            summary,
        )

    texts = [] if filter else _texts(programme, plan, feedback, evaluation_survey, audience)
    return Results(
        filter,
        _filter_label(filter),
        "",
        plan.count("programme", *suffix),
        programme_die,
        gathering_results,
        evaluation,
        texts,
        plan,
    )


def _filter_label(filter):  # noqa: A002
    return _filter_labels([filter])[filter] if filter else ""


def _evaluation_result(programme, survey, plan, suffix, questions, distributions, answer_filter, summary=False):  # noqa: PLR0913
    from evaluation import facts

    by_key = defaultdict(list)
    for question in questions:
        by_key[question.key].append(question)
    die, five = Question.SCALES[Question.Kind.DIE], Question.SCALES[Question.Kind.SCALE5]

    shown = plan.shown("evaluation", *suffix)

    def one(question, scale):
        return anonymity.stat(shown, Counter(distributions.get(question.pk, {})), scale)

    main = by_key[Question.Key.MAIN_GOAL]
    baseline = None if summary else facts.baseline(programme)
    baseline_means = {}
    if baseline:
        for goal in baseline.get("goals", []):
            for dimension, values in goal.get("dimensions", {}).items():
                baseline_means[(goal.get("goal_id"), dimension)] = values.get("mean")
    self_rows = {}
    for question in by_key[Question.Key.SELF]:
        row = self_rows.setdefault(
            question.goal_id, SelfAssessment(question.goal.text if question.goal else "", question.goal_id, [])
        )
        label = str(CompetenceDimension(question.dimension).label) if question.dimension else ""
        row.dimensions.append((label, one(question, five), baseline_means.get((question.goal_id, question.dimension))))
    needs_question = next(iter(by_key[Question.Key.NEEDS]), None)
    needs = anonymity.Ranked(shown=False)
    if needs_question is not None and shown and not summary:
        rankings = Answer.objects.filter(answer_filter, question=needs_question).values_list("ranking", flat=True)
        needs = anonymity.ranking(shown, list(rankings), needs_question.options)
    extension = next(iter(by_key[Question.Key.EXTENSION]), None)
    return EvaluationResult(
        survey=survey,
        count=plan.count("evaluation", *suffix),
        released=plan.evaluation,
        main_goal=one(main[0], die) if main else anonymity.HIDDEN,
        goals=[GoalResult(q.text, one(q, die)) for q in by_key[Question.Key.GOAL]],
        self_assessment=list(self_rows.values()),
        needs=needs,
        extension=one(extension, Question.SCALES[Question.Kind.YES_NO]) if extension else anonymity.HIDDEN,
        levels={q.key: q.level for q in questions},
    )


TEXT_LABELS = {
    Question.Key.TAKEAWAY: Question.Key.TAKEAWAY.label,
    Question.Key.COMMENT: Question.Key.COMMENT.label,
    Question.Key.FREE: gettext_lazy("Other comments on the programme"),
}


def text_sources(plan, feedback):
    """The surveys whose free text may be read, by HR for screening and by anyone once approved:
    released ones only, and of gathering feedback only where the plan shows the gathering. So a
    text never appears while answers come in, and a batch of new texts comes from at least k
    people (never from the one who just answered)."""
    gathering_of = {s.pk: s.run.gathering_id for s in feedback}
    return {
        pk
        for pk in plan.surveys
        if (plan.shown("gathering", gathering_of[pk]) if pk in gathering_of else plan.shown("evaluation"))
    }


def _texts(programme, plan, feedback, evaluation_survey, audience):
    """Free text per question kind, across the whole programme (never per gathering or run), only
    from released surveys: a gathering's texts appear together when its feedback is released, and
    only if the plan shows that gathering (so a batch of new texts comes from at least k people)."""
    gathering_of = {s.pk: s.run.gathering_id for s in feedback}
    sources = text_sources(plan, feedback)
    rows = defaultdict(list)
    for key, response_id, text, screening in Answer.objects.filter(
        question__survey_id__in=sources, question__kind=Question.Kind.TEXT, screening="approved"
    ).values_list("question__key", "response_id", "text", "screening"):
        rows[key].append((str(response_id), text, screening))
    text_gatherings = {gathering_of[pk] for pk in sources if pk in gathering_of}
    feedback_n = sum(plan.count("gathering", g) or 0 for g in text_gatherings)
    evaluation_n = plan.count("evaluation") or 0
    result = []
    for key, respondents in (
        (Question.Key.TAKEAWAY, feedback_n),
        (Question.Key.COMMENT, feedback_n),
        (Question.Key.FREE, evaluation_n),
    ):
        if not respondents:
            continue
        result.append((TEXT_LABELS[key], anonymity.texts(rows[key], respondents=respondents, audience=audience)))
    return result
