"""`make bench` with `--world national` (issue 21): is a municipality's page as cheap in an instance for
the whole sector as alone?

The bench's Vefsn-sized (30) and Bergen-sized (336) municipalities (core bench.build_world) are built
in an empty test database and every page line is measured; then the rest of the nation is built
around them with bulk inserts: 357 municipalities in all and 50,000 participants, each municipality
with its programme, gatherings and runs, everyone assigned, attendance for the first gathering, peer
groups with a meeting and a case, a development plan with a goal for everyone, and the first
gathering's feedback (and, in every other municipality, the programme evaluation) answered. Then the
same lines are measured again. Target: the same query count, and the median at most 1.2 × alone.

It lives here, at the top of the layers, because it builds the rows of every app; core's bench
command only hands over to it.
"""

import copy
import datetime
import gc
import math
import random
import statistics
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

MUNICIPALITIES = 357
PARTICIPANTS = 50_000
MEASURED = (30, 336)  # a Vefsn and a Bergen, built by core's bench.build_world
TARGET_RATIO = 1.2
RUN_CAPACITY = 100


def nation_sizes(municipalities=MUNICIPALITIES, participants=PARTICIPANTS, measured=MEASURED):
    """Participants per municipality for the others: Norway's are mostly small and a few are cities,
    so sizes fall off as a power law (the largest some 4,000), scaled to the total."""
    others = municipalities - len(measured)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(others)]
    left = participants - sum(measured)
    sizes = [max(8, math.floor(left * w / sum(weights))) for w in weights]
    sizes[-1] += left - sum(sizes)  # the rounding lands on the smallest, so the total is exact
    return sizes


@transaction.atomic
def build_nation(sizes, *, seed=357):
    """Every other municipality of the nation, in bulk inserts; returns the number of participants."""
    from django.contrib.auth.hashers import make_password

    from core.models import Municipality, MunicipalityRole, User
    from participants.demo import bulk_leaders
    from participants.models import DevelopmentPlan, Facilitator, PlanGoal
    from peergroups.models import Case, Meeting, PeerGroup, PeerGroupMember
    from programmes import services as programme_services
    from programmes.models import Programme
    from sessions.models import Attendance, Gathering, Run, RunAssignment

    rng = random.Random(seed)
    password = make_password("bench-passord-2026")
    today = timezone.localdate()
    start = today - datetime.timedelta(days=75)
    municipalities = Municipality.objects.bulk_create(
        Municipality(name=f"Kommune {n:03d}", slug=f"kommune-{n:03d}") for n in range(len(sizes))
    )
    staff = User.objects.bulk_create(
        User(email=f"{role}@kommune-{n:03d}.example.no", first_name=role.title(), last_name=f"K{n}", password=password)
        for n in range(len(sizes))
        for role in ("hr", "veileder")
    )
    MunicipalityRole.objects.bulk_create(
        MunicipalityRole(user=staff[2 * n], municipality=m, role=MunicipalityRole.Role.HR)
        for n, m in enumerate(municipalities)
    )
    total = 0
    for n, (municipality, size) in enumerate(zip(municipalities, sizes, strict=True)):
        hr, facilitator_user = staff[2 * n], staff[2 * n + 1]
        programme = programme_services.programme_create(
            created_by=hr,
            municipality=municipality,
            name=f"Lederprogram {municipality.name}",
            start_date=start,
            end_date=start.replace(year=start.year + 2),
            main_goal="Felles lederskap",
            goals=["Trygge ledere", "Ledere som lærer videre"],
            values=["åpenhet", "respekt"],
            status=Programme.Status.ACTIVE,
        )
        facilitator = Facilitator.objects.create(programme=programme, user=facilitator_user, organisation="Konsult")
        participants = bulk_leaders(
            programme=programme,
            count=size,
            units=max(1, round(size * 58 / 336)),
            domain=f"kommune-{n:03d}.example.no",
            rng=rng,
            password=password,
            facilitator=facilitator_user,
        )
        gatherings = list(programme.gatherings.order_by("number"))
        runs_per_gathering = math.ceil(size / RUN_CAPACITY)
        runs = []
        for number, gathering in enumerate(gatherings):
            gathering.start_date = today + datetime.timedelta(days=-40 + 60 * number)
            gathering.topics = ["Lederrollen", "Lederutfordringer siden sist"]
            runs += [
                Run(
                    gathering=gathering,
                    number=r + 1,
                    date=gathering.start_date + datetime.timedelta(days=r),
                    start_time=datetime.time(9),
                    end_time=datetime.time(15, 30),
                    venue="Rådhuset",
                    capacity=RUN_CAPACITY,
                )
                for r in range(runs_per_gathering)
            ]
        Gathering.objects.bulk_update(gatherings, ["start_date", "topics"])
        runs = Run.objects.bulk_create(runs)
        by_gathering = {g.pk: [r for r in runs if r.gathering_id == g.pk] for g in gatherings}
        assignments = [
            RunAssignment(run=by_gathering[g.pk][i % runs_per_gathering], gathering=g, participant=p)
            for g in gatherings
            for i, p in enumerate(participants)
        ]
        RunAssignment.objects.bulk_create(assignments, batch_size=2000)
        statuses = ["present"] * 88 + ["late"] * 5 + ["excused"] * 4 + ["absent"] * 3
        Attendance.objects.bulk_create(
            (
                Attendance(run=a.run, participant=a.participant, status=rng.choice(statuses), marked_by=hr)
                for a in assignments
                if a.gathering_id == gatherings[0].pk
            ),
            batch_size=2000,
        )
        groups = PeerGroup.objects.bulk_create(
            PeerGroup(programme=programme, number=g + 1, name=f"Gruppe {g + 1}", facilitator=facilitator)
            for g in range(max(1, size // 6))
        )
        PeerGroupMember.objects.bulk_create(
            (PeerGroupMember(group=groups[i % len(groups)], participant=p) for i, p in enumerate(participants)),
            batch_size=2000,
        )
        meetings = Meeting.objects.bulk_create(
            Meeting(
                group=group,
                date=today - datetime.timedelta(days=20),
                start_time=datetime.time(14),
                end_time=datetime.time(15, 30),
                place="Møterom 1",
                created_by=facilitator_user,
            )
            for group in groups
        )
        Case.objects.bulk_create(
            Case(
                group=group,
                meeting=meeting,
                brought_by=participants[i % size],
                discussed_on=meeting.date,
                created_at=timezone.make_aware(datetime.datetime.combine(meeting.date, datetime.time(16))),
                title="Sykefravær i en travel turnus",
                situation="En avdeling med høyt fravær.",
                challenge="Hvordan følge opp uten å presse?",
                created_by=facilitator_user,
            )
            for i, (group, meeting) in enumerate(zip(groups, meetings, strict=True))
        )
        plans = DevelopmentPlan.objects.bulk_create(
            (DevelopmentPlan(participant=p) for p in participants), batch_size=2000
        )
        PlanGoal.objects.bulk_create(
            (PlanGoal(plan=plan, title="Tydeligere delegering") for plan in plans), batch_size=2000
        )
        _answers(programme, gatherings[0], participants, rng=rng, programme_evaluation=n % 2 == 0)
        total += size
    return total


def _answers(programme, first_gathering, participants, *, rng, programme_evaluation):
    """The first gathering's feedback from everyone assigned, and the programme evaluation if asked."""
    from evaluation import services
    from evaluation.demo import NEEDS
    from evaluation.models import Answer, Question, Respondent, Response
    from sessions.models import Run

    by_pk = {p.pk: p for p in participants}

    def fill(survey, people):
        questions = list(survey.questions.all())
        respondents, responses, answers = [], [], []
        for participant in people:
            respondents.append(Respondent(survey=survey, user_id=participant.user_id))
            response = Response(survey=survey, sector=participant.sector, leader_level=participant.leader_level)
            responses.append(response)
            for question in questions:
                if question.kind == Question.Kind.RANKING:
                    order = list(range(len(question.options)))
                    answers.append(Answer(response=response, question=question, ranking=order))
                elif question.kind != Question.Kind.TEXT:
                    answers.append(Answer(response=response, question=question, value=rng.choice(list(question.scale))))
        Respondent.objects.bulk_create(respondents, batch_size=2000)
        Response.objects.bulk_create(responses, batch_size=2000)
        Answer.objects.bulk_create(answers, batch_size=5000)

    for run in Run.objects.filter(gathering=first_gathering).select_related("gathering"):
        survey = services.feedback_survey_ensure(run=run)
        fill(survey, [by_pk[pk] for pk in run.assignments.values_list("participant_id", flat=True)])
    if programme_evaluation:
        survey = services.programme_evaluation_create(
            programme=programme,
            created_by=None,
            needs=NEEDS,
            closes_on=timezone.localdate() + datetime.timedelta(days=7),
        )
        fill(survey, participants)


def report_national(command, *, pages, repeat, plans=None):
    """Measure every page line alone and in the nation, in turns; print one line per page and size.

    The measured municipalities are built in the test database, which is then copied; the nation is
    built around them in the copy. Each page is then timed in the two databases in turns (alone,
    nation, nation, alone, …), so a machine that slows down or speeds up while the bench runs (a
    shared virtual machine does, by half) slows both sides alike instead of the second.
    """
    from core.management.commands import bench

    progress = command._progress
    started = time.perf_counter()
    worlds = {size: bench.build_world(size) for size in MEASURED}
    progress(f"built the measured municipalities ({MEASURED}) in {time.perf_counter() - started:.1f} s")
    _analyze()
    databases = _Databases()
    try:
        databases.use("nation")
        sizes = nation_sizes()
        started = time.perf_counter()
        built = build_nation(sizes)
        _analyze()
        build_seconds = time.perf_counter() - started
        progress(
            f"built the nation around them in a copy of the database: {len(sizes)} municipalities, "
            f"{built} participants, {build_seconds:.0f} s"
        )
        # The bench process holds every object that built the nation; a web worker holds none of them.
        gc.collect()
        gc.freeze()

        failing_queries, failing_ratio = [], []
        for page in pages:
            for size in MEASURED:
                measured = _measure_in_turns(page, worlds[size], repeat, databases)
                (a_queries, a_median, a_floor), (queries, median, floor) = measured["alone"], measured["nation"]
                ratio = median / a_median
                # The floor is measured beside each page, which takes out what the request cycle adds.
                floor_ratio = (median / floor) / (a_median / a_floor)
                name = f"{page['name']}@{size}"
                if queries != a_queries:
                    failing_queries.append(name)
                if ratio > TARGET_RATIO:
                    failing_ratio.append(name)
                command.stdout.write(
                    f"BENCH national {page['name']} size={size} queries={a_queries}/{queries} "
                    f"median_ms={a_median:.1f}/{median:.1f} floor_ms={a_floor:.1f}/{floor:.1f} "
                    f"ratio={ratio:.2f} floor_ratio={floor_ratio:.2f}"
                )
        if plans:
            databases.use("nation")
            with open(plans, "w") as out:
                for page in pages:
                    for size in MEASURED:
                        out.write(_explain(page, worlds[size], size))
            progress(f"query plans of every page in the nation: {plans}")
    finally:
        databases.close()
    met = not failing_queries and not failing_ratio
    command.stdout.write(
        f"BENCH national summary municipalities={len(sizes) + len(MEASURED)} participants={built + sum(MEASURED)} "
        f"built_s={build_seconds:.0f} "
        f"same_queries={'yes' if not failing_queries else 'no: ' + ','.join(failing_queries)} "
        f"ratio<={TARGET_RATIO:g}={'yes' if not failing_ratio else 'no: ' + ','.join(failing_ratio)} "
        f"target={'met' if met else 'not met'}"
    )


class _Databases:
    """The test database ("alone") and a copy of it ("nation"), each behind its own connection, and
    `use(which)` to make one of them Django's default connection (and the caches' keys its own).

    PostgreSQL copies the database with CREATE DATABASE … TEMPLATE; SQLite's in-memory test database
    with the backup API. Both connections stay open, so switching costs nothing in the timed requests.
    """

    def __init__(self):
        from django.core.cache import caches
        from django.db import DEFAULT_DB_ALIAS, connections

        self._connections = connections
        self._caches = caches
        self._alias = DEFAULT_DB_ALIAS
        alone = connections[DEFAULT_DB_ALIAS]
        nation = connections.create_connection(DEFAULT_DB_ALIAS)
        nation.settings_dict = copy.deepcopy(alone.settings_dict)
        name = alone.settings_dict["NAME"]
        if alone.vendor == "postgresql":
            copy_name = f"{name}_nation"
            alone.close()  # a template database may have no other session
            with alone._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')
                cursor.execute(f'CREATE DATABASE "{copy_name}" TEMPLATE "{name}"')
            nation.settings_dict["NAME"] = copy_name
        elif alone.vendor == "sqlite" and alone.is_in_memory_db():
            nation.settings_dict["NAME"] = f"file:memorydb_bench_nation_{time.time_ns()}?mode=memory&cache=shared"
            alone.ensure_connection()
            nation.ensure_connection()
            alone.connection.backup(nation.connection)
        else:
            raise NotImplementedError(f"The national bench copies PostgreSQL or in-memory SQLite, not {name!r}.")
        self._wrappers = {"alone": alone, "nation": nation}
        self.sides = tuple(self._wrappers)
        # Each database's calendar clocks count from the same numbers: a body cached from one must not
        # answer the other.
        self._prefixes = {
            which: {alias: f"{caches[alias].key_prefix}-{which}" for alias in caches.settings}
            for which in self._wrappers
        }
        self.current = None

    def use(self, which):
        if which == self.current:
            return
        setattr(self._connections._connections, self._alias, self._wrappers[which])
        for alias, prefix in self._prefixes[which].items():
            self._caches[alias].key_prefix = prefix
        self.current = which

    def close(self):
        """Back to the test database alone (which the bench destroys); the copy is dropped."""
        self.use("alone")
        nation = self._wrappers["nation"]
        if nation.vendor == "postgresql":
            nation.close()
            alone = self._wrappers["alone"]
            alone.close()
            with alone._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{nation.settings_dict["NAME"]}"')
        else:
            # An in-memory SQLite database lives while a connection holds it; Django keeps those open.
            nation.connection.close()


def _analyze():
    # As the bench does: a live PostgreSQL has planner statistics from autovacuum.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _explain(page, world, size):
    """The plan of every SELECT a page makes, as the database runs it (PostgreSQL: with timings)."""
    from core.management.commands import bench

    page.get("before_each", lambda world: None)(world)
    with CaptureQueriesContext(connection) as queries:
        bench._get(world.client_for(page), page["url"](world))
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    explain = "EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    text = [f"=== {page['name']} size={size} ({len(queries)} queries)"]
    with connection.cursor() as cursor:
        for sql in selects:
            cursor.execute(explain + sql)
            text += ["--- " + sql, *("    " + " | ".join(map(str, row)) for row in cursor.fetchall())]
    return "\n".join(text) + "\n\n"


def _measure_in_turns(page, world, repeat, databases):
    """{"alone": (queries, median ms, floor ms), "nation": (…)} of one page line for one world: the same
    requests as core's bench makes, in each of `databases.sides`, in turns."""
    from core.management.commands.bench import WARMUP, _get, _timed_get

    prepare = page.get("before_each", lambda world: None)
    client = world.client_for(page)
    url = page["url"](world)
    sides = databases.sides
    queries, floor_urls = {}, {}
    for which in sides:
        databases.use(which)
        for _ in range(WARMUP):
            prepare(world)
            _get(client, url)
        prepare(world)
        with CaptureQueriesContext(connection) as captured:
            size_bytes = len(_get(client, url).content)
        queries[which] = len(captured)  # now: the next request empties the log it reads (request_started)
        floor_urls[which] = reverse("bench_floor_public" if page["public"] else "bench_floor") + f"?bytes={size_bytes}"
        _get(client, floor_urls[which])
    page_times = {which: [] for which in sides}
    floor_times = {which: [] for which in sides}
    for turn in range(repeat):
        # alone, nation, nation, alone, …: neither side is always the one right after a switch.
        for which in sides if turn % 2 == 0 else reversed(sides):
            databases.use(which)
            prepare(world)
            page_times[which].append(_timed_get(client, url))
            floor_times[which].append(_timed_get(client, floor_urls[which]))
    medians = {which: statistics.median(page_times[which]) * 1000 for which in sides}
    floors = {which: statistics.median(floor_times[which]) * 1000 for which in sides}
    return {which: (queries[which], medians[which], floors[which]) for which in sides}


def _measure(page, world, repeat):
    """(queries, median ms, floor ms) of one page line for one world in one database, as core's bench
    measures it (the network world's bench uses it)."""
    return _measure_in_turns(page, world, repeat, _OneDatabase())["alone"]


class _OneDatabase:
    """The test database alone, for _measure_in_turns: nothing to switch."""

    sides = ("alone",)

    def use(self, which):
        pass
