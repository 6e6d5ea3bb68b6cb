"""`make bench` (issue 3, item 8): the pages that list or count participants, at 30, 336 and 5,000.

Builds three Bergen-like programmes in a fresh test database (the developer's database is never
touched), then for each page prints the number of queries at every size and, at 336, the median
server time beside a bare "floor" view that renders a plain table of the same byte length in the
site's layout, through the same middleware (see core/bench_urls.py). Target: the same query count
at every size and median ≤ 2 × floor. A report, not a test:
it exits 0 whether or not the targets are met.
"""

import gc
import math
import statistics
import sys
import time
import warnings
from datetime import time as datetime_time
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

SIZES = (30, 336, 5000)
TIMED_SIZE = 336
WARMUP = 2
RUN_CAPACITY = 100
TARGET_RATIO = 2.0


class Command(BaseCommand):
    help = (
        "Measures the participant pages at 30, 336 and 5,000 participants in a fresh test database: "
        "queries per size, and median time against a bare view of the same size. A report; always exits 0."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=15, help="Timed requests per page (default 15).")
        parser.add_argument(
            "--page",
            action="append",
            choices=[page["name"] for page in PAGES],
            help="Measure only this page (may be repeated); the reminder scan and report PDF lines are left out.",
        )
        parser.add_argument(
            "--world",
            choices=["bergen", "national"],
            default="bergen",
            help="national: a Vefsn and a Bergen alone, then inside 357 municipalities and 50,000 participants "
            "(lederprogram/bench_national.py; builds for minutes).",
        )
        parser.add_argument("--plans", help="With --world national: write every page's query plans to this file.")

    def handle(self, *args, **options):
        repeat = options["repeat"]
        pages = [page for page in PAGES if not options["page"] or page["name"] in options["page"]]
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        # WhiteNoise warns that collectstatic has not run; the bench serves no static files.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        if connection.vendor != "sqlite":
            # Not pytest's test_<name>: a test run going on at the same time keeps its database.
            connection.settings_dict["TEST"]["NAME"] = f"test_{connection.settings_dict['NAME']}_bench"
        old_name = connection.settings_dict["NAME"]
        # Not setup_test_environment(): it instruments template rendering, which would slow the pages
        # and not the floor. The test client only needs its host allowed, and no mail may leave.
        bench_settings = override_settings(
            ROOT_URLCONF="core.bench_urls",
            DEBUG=False,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            # Enrolled HR users pass the two-step check on a session flag; the bench users have no TOTP.
            MFA_REQUIRED=False,
        )
        with bench_settings:
            test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False, serialize=False)
            try:
                where = "in-memory" if connection.vendor == "sqlite" else test_name
                self.stdout.write(
                    f"BENCH database={connection.vendor} ({where}) sizes={'/'.join(map(str, SIZES))} "
                    f"timed_at={TIMED_SIZE} repeat={repeat}"
                )
                if options["world"] == "national":
                    from lederprogram.bench_national import report_national

                    report_national(self, pages=pages, repeat=repeat, plans=options["plans"])
                    return
                if not options["page"]:
                    # First, while the reminders it finds are only its own.
                    self.stdout.write(bench_reminder_scan(REMINDER_RECIPIENTS))
                worlds = {}
                for size in SIZES:
                    started = time.perf_counter()
                    worlds[size] = build_world(size)
                    self._progress(f"built {size} participants in {time.perf_counter() - started:.1f} s")
                # A live PostgreSQL database has its planner statistics from autovacuum; one just bulk-loaded
                # has none yet and would be planned on guesses. SQLite never gathers statistics by itself
                # (nothing here runs ANALYZE on it), so it is measured as it runs: without.
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                # The bench process holds every object that built 5,366 participants; a web worker holds
                # none of them. Frozen, the garbage collector stops walking them during the timed requests.
                gc.collect()
                gc.freeze()
                self._report(worlds, repeat, pages)
                if not options["page"]:
                    self._report_pdf(worlds[TIMED_SIZE])
            finally:
                connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)

    def _progress(self, text):
        sys.stderr.write(f"bench: {text}\n")
        sys.stderr.flush()

    def _report(self, worlds, repeat, pages):
        failing_queries, failing_ratio = [], []
        for page in pages:
            if not page.get("target", True):
                continue
            counts, ratio = self._measure(page, worlds, repeat)
            if len(set(counts)) != 1:
                failing_queries.append(page["name"])
            if ratio > TARGET_RATIO:
                failing_ratio.append(page["name"])
        met = not failing_queries and not failing_ratio
        self.stdout.write(
            f"BENCH summary same_queries={'yes' if not failing_queries else 'no: ' + ','.join(failing_queries)} "
            f"ratio<={TARGET_RATIO:g}={'yes' if not failing_ratio else 'no: ' + ','.join(failing_ratio)} "
            f"target={'met' if met else 'not met'}"
        )
        # Reported beside the target, not in it: what the first poll after a change costs (see PAGES).
        for page in pages:
            if not page.get("target", True):
                self._measure(page, worlds, repeat)

    def _measure(self, page, worlds, repeat):
        """Print the page's line; returns its query counts per size and its ratio."""
        prepare = page.get("before_each", lambda world: None)
        counts = []
        for size in SIZES:
            world = worlds[size]
            client = world.client_for(page)
            url = page["url"](world)
            for _ in range(WARMUP):
                prepare(world)
                _get(client, url)
            prepare(world)
            with CaptureQueriesContext(connection) as queries:
                _get(client, url)
            counts.append(len(queries))
        world = worlds[TIMED_SIZE]
        client = world.client_for(page)
        url = page["url"](world)
        size_bytes = len(_get(client, url).content)
        floor_url = reverse("bench_floor_public" if page["public"] else "bench_floor") + f"?bytes={size_bytes}"
        # The page floor pads with an HTML comment, so it may fall a few bytes short.
        if not 0 <= size_bytes - len(_get(client, floor_url).content) < 8:
            raise CommandError(f"The floor view did not answer {size_bytes} bytes.")
        for _ in range(WARMUP):
            prepare(world)
            _get(client, url)
            _get(client, floor_url)
        page_times, floor_times = [], []
        for _ in range(repeat):
            prepare(world)
            page_times.append(_timed_get(client, url))
            floor_times.append(_timed_get(client, floor_url))
        median_ms = statistics.median(page_times) * 1000
        floor_ms = statistics.median(floor_times) * 1000
        ratio = round(median_ms / floor_ms, 1)
        self.stdout.write(
            f"BENCH {page['name']} queries={'/'.join(map(str, counts))} "
            f"median_ms={median_ms:.1f} floor_ms={floor_ms:.1f} ratio={ratio} bytes={size_bytes}"
        )
        return counts, ratio

    def _report_pdf(self, world):
        """The evaluation report at Bergen's scale: whole build against raw WeasyPrint (issue 6)."""
        from evaluation.bench import report_pdf_line

        self.stdout.write(report_pdf_line(world.programme))


def _get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise CommandError(f"GET {url} answered {response.status_code}.")
    return response


def _timed_get(client, url):
    started = time.perf_counter()
    _get(client, url)
    return time.perf_counter() - started


PAGES = [
    {
        "name": "participant_list",
        "public": False,
        "url": lambda w: reverse("programme_participants", kwargs={"pk": w.programme.pk}),
    },
    {
        "name": "run_assignment",
        "public": False,
        "url": lambda w: reverse("gathering_runs", kwargs={"pk": w.gathering.pk}),
    },
    {
        "name": "attendance_sheet",
        "public": False,
        "url": lambda w: reverse("run_attendance", kwargs={"pk": w.run.pk}),
    },
    {"name": "hr_home", "public": False, "url": lambda w: reverse("home")},
    {
        "name": "evaluation_results",
        "public": False,
        "url": lambda w: reverse("evaluation_results", kwargs={"pk": w.programme.pk}),
    },
    {
        "name": "ical_feed",
        "public": True,
        "url": lambda w: reverse("calendar_feed", kwargs={"token": w.facilitator_token}),
    },
    {
        "name": "ical_feed_participant",
        "public": True,
        "url": lambda w: reverse("calendar_feed", kwargs={"token": w.participant_token}),
    },
    # A poll is served from the cache until something a feed shows changes (core/calendar_clock.py).
    # The rebuilt lines change one of the feed's runs before every request (untimed): the first poll
    # after a change, which builds the feed again with the other events' texts from the cache.
    {
        "name": "ical_feed_rebuilt",
        "public": True,
        "url": lambda w: reverse("calendar_feed", kwargs={"token": w.facilitator_token}),
        "before_each": lambda w: _change_one_event(w.facilitator_token),
    },
    {
        "name": "ical_feed_participant_rebuilt",
        "public": True,
        "url": lambda w: reverse("calendar_feed", kwargs={"token": w.participant_token}),
        "before_each": lambda w: _change_one_event(w.participant_token),
    },
    # With the cache emptied (after a restart of the cache, say): every event is serialised. Reported
    # after the summary, outside the target.
    {
        "name": "ical_feed_cold",
        "public": True,
        "url": lambda w: reverse("calendar_feed", kwargs={"token": w.facilitator_token}),
        "before_each": lambda w: _empty_cache(),
        "target": False,
    },
    {
        "name": "ical_feed_participant_cold",
        "public": True,
        "url": lambda w: reverse("calendar_feed", kwargs={"token": w.participant_token}),
        "before_each": lambda w: _empty_cache(),
        "target": False,
    },
]


def _change_one_event(token):
    """Move one run of the feed (a new SEQUENCE, as a changed time would), committed at once."""
    from django.db.models import F

    from core.models import CalendarFeed
    from sessions.calendar import runs_in_feed_of
    from sessions.models import Run

    run = runs_in_feed_of(CalendarFeed.objects.get(token=token).user).first()
    Run.objects.filter(pk=run.pk).update(sequence=F("sequence") + 1)


def _empty_cache():
    from django.core.cache import cache

    cache.clear()


class World:
    """One municipality with one HR user, one facilitator and one programme of `size` participants."""

    def __init__(self, **fields):
        self.__dict__.update(fields)
        self.hr_client = Client()
        self.hr_client.force_login(self.hr)
        self.public_client = Client()

    def client_for(self, page):
        return self.public_client if page["public"] else self.hr_client


@transaction.atomic
def build_world(size):
    """Bergen's shape at any size: about one unit leader to five department leaders, each
    department leader reporting to a unit leader; four gatherings with runs of 100, everyone
    assigned; attendance marked for most of the first run."""
    import random

    from django.contrib.auth.hashers import make_password

    from core.demo import bulk_leaders
    from core.models import CalendarFeed, Municipality, MunicipalityRole, User
    from participants.models import Facilitator
    from programmes import services as programme_services
    from programmes.models import Programme
    from sessions import services as gathering_services
    from sessions.models import Attendance, Run

    rng = random.Random(size)
    password = make_password("bench-passord-2026")  # one hash for everyone: 5,000 would take minutes
    domain = f"bench{size}.example.no"
    municipality = Municipality.objects.create(name=f"Bergen {size}", slug=f"bergen-{size}")
    hr = User.objects.create(email=f"hr@{domain}", first_name="Bente", last_name="HR-rådgiver", password=password)
    MunicipalityRole.objects.create(user=hr, municipality=municipality, role=MunicipalityRole.Role.HR)
    facilitator = User.objects.create(
        email=f"veileder@{domain}", first_name="Kari", last_name="Veileder", password=password
    )

    today = timezone.localdate()
    start = today - timedelta(days=75)
    programme = programme_services.programme_create(
        created_by=hr,
        municipality=municipality,
        name=f"Lederutvikling i helse og omsorg ({size})",
        start_date=start,
        end_date=start.replace(year=start.year + 2),
        main_goal="Aktivt medarbeiderskap og «train the trainers».",
        goals=["Aktivt medarbeiderskap", "Ledere som lærer videre til egne ansatte"],
        values=["åpenhet", "samarbeid", "respekt"],
        status=Programme.Status.ACTIVE,
    )
    Facilitator.objects.create(programme=programme, user=facilitator, organisation="Lederkonsult AS")

    participants = bulk_leaders(
        programme=programme,
        count=size,
        units=max(1, round(size * 58 / 336)),
        domain=domain,
        rng=rng,
        password=password,
        facilitator=facilitator,
    )

    runs_per_gathering = math.ceil(size / RUN_CAPACITY)
    gatherings = list(programme.gatherings.order_by("number"))
    for number, gathering in enumerate(gatherings):
        gathering.start_date = today + timedelta(days=-40 + 60 * number)
        gathering.venue = "Grieghallen"
        gathering.topics = ["Aktivt medarbeiderskap", "Lederutfordringer siden sist"]
        gathering.save()
        for n in range(runs_per_gathering):
            gathering_services.run_create(
                gathering=gathering,
                created_by=hr,
                date=gathering.start_date + timedelta(days=n),
                start_time=datetime_time(9),
                end_time=datetime_time(15, 30),
                venue="Grieghallen",
                capacity=RUN_CAPACITY,
            )
        gathering_services.runs_assign_participants(gathering=gathering, assigned_by=hr)

    run = Run.objects.filter(gathering=gatherings[0]).order_by("number").first()
    statuses = ["present"] * 88 + ["late"] * 5 + ["excused"] * 4 + ["absent"] * 3
    assignments = list(run.assignments.select_related("participant"))
    Attendance.objects.bulk_create(
        Attendance(run=run, participant=a.participant, status=rng.choice(statuses), marked_by=hr)
        for a in assignments[: len(assignments) * 2 // 3]
    )
    # Everyone answers every run's feedback and the programme evaluation (issue 6).
    from evaluation.demo import bulk_answers

    bulk_answers(programme, rng=rng)
    facilitator_feed = CalendarFeed.objects.create(user=facilitator, token=f"bench-{size}-facilitator")
    participant_feed = CalendarFeed.objects.create(user=participants[-1].user, token=f"bench-{size}-participant")
    return World(
        size=size,
        hr=hr,
        programme=programme,
        gathering=gatherings[0],
        run=run,
        facilitator_token=facilitator_feed.token,
        participant_token=participant_feed.token,
    )


# --- Reminders (issue 7) -----------------------------------------------------------------------

REMINDER_RECIPIENTS = 10_000


@transaction.atomic
def build_reminder_world(size, *, slug="paminnelser"):
    """A programme whose first gathering's run, three days from now, has `size` participants:
    `size` gathering reminders are due. Bulk inserts only; returns the run."""
    from core.models import Municipality, User
    from participants.models import Participant
    from programmes.models import Programme
    from sessions.models import Gathering, Run, RunAssignment

    municipality = Municipality.objects.create(name=f"Påminnelser {size} ({slug})", slug=f"{slug}-{size}")
    today = timezone.localdate()
    programme = Programme.objects.create(
        municipality=municipality,
        name=f"Påminnelser {size}",
        start_date=today - timedelta(days=30),
        end_date=today + timedelta(days=700),
        main_goal="Ledere som møter forberedt",
        status=Programme.Status.ACTIVE,
    )
    gathering = Gathering.objects.create(programme=programme, number=1, title="Meg som leder")
    run = Run.objects.create(
        gathering=gathering,
        number=1,
        date=today + timedelta(days=3),
        start_time=datetime_time(9),
        end_time=datetime_time(15),
        venue="Grieghallen",
        capacity=size,
    )
    domain = f"{slug}{size}.example.no"
    User.objects.bulk_create(
        User(email=f"leder{i:05d}@{domain}", first_name="Leder", last_name=str(i)) for i in range(size)
    )
    users = User.objects.filter(email__endswith=f"@{domain}")
    Participant.objects.bulk_create(Participant(programme=programme, user=user) for user in users)
    RunAssignment.objects.bulk_create(
        RunAssignment(run=run, gathering=gathering, participant=participant)
        for participant in Participant.objects.filter(programme=programme)
    )
    return run


def bench_reminder_scan(size):
    """Time one scan that finds `size` reminders due, creates their rows and queues their sends
    (on Celery's in-memory broker, so that the bench measures us and not Redis)."""
    from core.reminders.services import reminders_scan
    from lederprogram.celery import app

    build_reminder_world(size)
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = "memory://localhost/", False
    app._pool = None
    try:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = reminders_scan()
            elapsed_ms = (time.perf_counter() - started) * 1000
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        app._pool = None
    return (
        f"BENCH reminder_scan recipients={result.created} queries={len(queries)} ms={elapsed_ms:.0f} "
        f"enqueued={result.enqueued}"
    )
