"""A programme's evaluation results, read in a fixed number of queries and passed through the
anonymity engine. The results page, the Excel export and the executive's report all use this."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from core.frameworks import CompetenceDimension
from evaluation import anonymity
from evaluation.anonymity import Group
from evaluation.models import Answer, Question, Response, Survey

FILTER_FIELDS = ("sector", "leader_level")


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
    trees: list  # the decided groups, for tests that check the rules hold

    @property
    def has_feedback(self):
        return bool(self.gatherings)


def filter_choices(programme):
    """The filters HR may pick: each kept sector and leader level (kept only for groups of at least
    the threshold's size when the answer was stored)."""
    from participants.models import Participant

    rows = (
        Response.objects.filter(survey__programme=programme).values_list("sector", "leader_level").distinct().order_by()
    )
    sectors, levels = set(), set()
    for sector, level in rows:
        if sector:
            sectors.add(sector)
        if level:
            levels.add(level)
    labels = dict(Participant.LeaderLevel.choices)
    return [("sector", s, s) for s in sorted(sectors)] + [
        ("leader_level", level, str(labels.get(level, level))) for level in sorted(levels)
    ]


def parse_filter(raw):
    """`sector:Oppvekst` → ("sector", "Oppvekst"); anything else → None."""
    if not raw or ":" not in raw:
        return None
    name, value = raw.split(":", 1)
    if name not in FILTER_FIELDS or not value:
        return None
    return name, value


def programme_results(programme, *, filter=None, audience=anonymity.AUDIENCE_STAFF):  # noqa: A002 - the page's word
    surveys = list(Survey.objects.filter(programme=programme).select_related("run__gathering"))
    questions = list(Question.objects.filter(survey__programme=programme).select_related("goal"))
    response_filter = Q(**{filter[0]: filter[1]}) if filter else Q()
    counts = {
        row["survey_id"]: (row["n"], row["f"])
        for row in Response.objects.filter(survey__programme=programme)
        .values("survey_id")
        .annotate(n=Count("id"), f=Count("id", filter=response_filter))
        .order_by()
    }
    answer_filter = Q(**{f"response__{filter[0]}": filter[1]}) if filter else Q()
    distributions = defaultdict(Counter)
    for question_id, value, count in (
        Answer.objects.filter(answer_filter, question__survey__programme=programme, value__isnull=False)
        .values_list("question_id", "value")
        .annotate(c=Count("id"))
        .order_by()
    ):
        distributions[question_id][value] = count

    def n_of(survey):
        total, filtered = counts.get(survey.pk, (0, 0))
        return (filtered, total - filtered) if filter else (total, None)

    feedback = [s for s in surveys if s.kind == Survey.Kind.FEEDBACK]
    evaluation_survey = next((s for s in surveys if s.kind == Survey.Kind.PROGRAMME), None)
    questions_of = defaultdict(list)
    for question in questions:
        questions_of[question.survey_id].append(question)

    refused = ""
    if filter:
        for total, filtered in _roots(feedback, evaluation_survey, counts):
            try:
                anonymity.check_filter(total=total, filtered=filtered)
            except anonymity.FilterRefused as error:
                refused = str(error)
    if refused:
        return Results(filter, _filter_label(filter), refused, None, anonymity.HIDDEN, [], None, [], [])

    # --- Gathering feedback: programme → gatherings → runs (no runs under a filter) ---
    gatherings = sorted(programme.gatherings.all(), key=lambda g: g.number)
    by_gathering = defaultdict(list)
    for survey in feedback:
        by_gathering[survey.run.gathering_id].append(survey)
    root = Group("programme", 0, 0 if filter else None)
    gathering_groups = {}
    for gathering in gatherings:
        runs = sorted(by_gathering.get(gathering.pk, []), key=lambda s: s.run.number)
        if not runs:
            continue
        children = [] if filter else [Group(survey, *n_of(survey)) for survey in runs]
        n = sum(n_of(s)[0] for s in runs)
        complement = sum(n_of(s)[1] for s in runs) if filter else None
        group = Group(gathering, n, complement, children)
        gathering_groups[gathering.pk] = (group, runs)
        root.children.append(group)
    root.n = sum(g.n for g in root.children)
    if filter:
        root.complement = sum(g.complement for g in root.children)
    anonymity.decide(root)

    def merged(surveys_, key, topic=None):
        total = Counter()
        for survey in surveys_:
            for question in questions_of[survey.pk]:
                if question.key == key and (topic is None or question.topic == topic):
                    total.update(distributions.get(question.pk, {}))
        return total

    die_scale = Question.SCALES[Question.Kind.DIE]
    gathering_results = []
    for gathering in gatherings:
        if gathering.pk not in gathering_groups:
            continue
        group, runs = gathering_groups[gathering.pk]
        run_results = [
            RunResult(s.run, anonymity.group_count(g), anonymity.stat(g, merged([s], "die"), die_scale))
            for s, g in zip(runs, group.children, strict=False)
        ]
        topics = []
        for topic in dict.fromkeys(q.topic for s in runs for q in questions_of[s.pk] if q.key == "topic"):
            topics.append(
                TopicResult(
                    topic,
                    anonymity.stat(group, merged(runs, "topic", topic), Question.SCALES[Question.Kind.SCALE5]),
                )
            )
        topics.sort(key=lambda t: (not t.stat.shown, -(t.stat.mean or 0), t.topic))
        gathering_results.append(
            GatheringResult(
                gathering,
                anonymity.group_count(group),
                anonymity.stat(group, merged(runs, "die"), die_scale),
                run_results,
                topics,
            )
        )
    programme_die = anonymity.stat(root, merged(feedback, "die"), die_scale)
    trees = [root]

    # --- The programme evaluation: one group ---
    evaluation = None
    if evaluation_survey is not None:
        group = anonymity.decide(Group(evaluation_survey, *n_of(evaluation_survey)))
        trees.append(group)
        evaluation = _evaluation_result(
            programme, evaluation_survey, group, questions_of[evaluation_survey.pk], distributions, answer_filter
        )

    texts = [] if filter else _texts(programme, feedback, evaluation_survey, counts, audience)
    return Results(
        filter,
        _filter_label(filter),
        "",
        anonymity.group_count(root),
        programme_die,
        gathering_results,
        evaluation,
        texts,
        trees,
    )


def _roots(feedback, evaluation_survey, counts):
    """(total, filtered) of each kind of survey that has answers."""
    roots = []
    total = sum(counts.get(s.pk, (0, 0))[0] for s in feedback)
    if total:
        roots.append((total, sum(counts.get(s.pk, (0, 0))[1] for s in feedback)))
    if evaluation_survey is not None and counts.get(evaluation_survey.pk, (0, 0))[0]:
        roots.append(counts[evaluation_survey.pk])
    return roots


def _filter_label(filter):  # noqa: A002
    if not filter:
        return ""
    from participants.models import Participant

    name, value = filter
    if name == "leader_level":
        return str(dict(Participant.LeaderLevel.choices).get(value, value))
    return value


def _evaluation_result(programme, survey, group, questions, distributions, answer_filter):
    from evaluation import facts

    by_key = defaultdict(list)
    for question in questions:
        by_key[question.key].append(question)
    die, five = Question.SCALES[Question.Kind.DIE], Question.SCALES[Question.Kind.SCALE5]

    def one(question, scale):
        return anonymity.stat(group, Counter(distributions.get(question.pk, {})), scale)

    main = by_key[Question.Key.MAIN_GOAL]
    baseline = facts.baseline(programme)
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
    if needs_question is not None:
        rankings = Answer.objects.filter(answer_filter, question=needs_question).values_list("ranking", flat=True)
        needs = anonymity.ranking(group, list(rankings), needs_question.options)
    extension = next(iter(by_key[Question.Key.EXTENSION]), None)
    return EvaluationResult(
        survey=survey,
        count=anonymity.group_count(group),
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


def _texts(programme, feedback, evaluation_survey, counts, audience):
    """Free text per question kind, across the whole programme (never per gathering or run)."""
    rows = defaultdict(list)
    for key, response_id, text, screening in Answer.objects.filter(
        question__survey__programme=programme, question__kind=Question.Kind.TEXT, screening="approved"
    ).values_list("question__key", "response_id", "text", "screening"):
        rows[key].append((str(response_id), text, screening))
    feedback_n = sum(counts.get(s.pk, (0, 0))[0] for s in feedback)
    evaluation_n = counts.get(evaluation_survey.pk, (0, 0))[0] if evaluation_survey else 0
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
