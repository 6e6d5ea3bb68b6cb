"""`make bench` (issue 3, item 8): the pages that list or count participants, at 30, 336 and 5,000.

Builds three Bergen-like programmes in a fresh test database (the developer's database is never
touched), then for each page prints the number of queries at every size and, at 336, the median
server time beside a bare "floor" view that renders a plain table of the same byte length in the
site's layout, through the same middleware (see lederprogram/bench_urls.py). Target: the same query count
at every size and median ≤ 2 × floor. A report, not a test:
it exits 0 whether or not the targets are met.

Core runs the bench; what it measures is the apps' (core/bench.py): each registers its pages and its
steps of the world in its own bench.py.
"""

import gc
import os
import statistics
import sys
import time
import warnings

from django.conf import settings
from django.conf import settings as django_settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from core.bench import FIRST_LINES, LAST_LINES, PAGES, WORLD

SIZES = (30, 336, 5000)
TIMED_SIZE = 336
WARMUP = 2
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
            choices=["bergen", "national", "network"],
            default="bergen",
            help="national: a Vefsn and a Bergen alone, then inside 357 municipalities and 50,000 participants "
            "(lederprogram/bench_national.py; builds for minutes). network: network programmes of 3, 20 and 110 "
            "municipalities (lederprogram/bench_network.py).",
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
            ROOT_URLCONF="lederprogram.bench_urls",
            DEBUG=False,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            # Enrolled HR users pass the two-step check on a session flag; the bench users have no TOTP.
            MFA_REQUIRED=False,
            # The test database is new on every run and its calendar clocks count from the same numbers,
            # so the cache kept from the last run would answer the rebuilt lines' polls (one query, not
            # four): this run's keys are its own. The cache itself is the configured one, as full as it is.
            CACHES={
                alias: {**config, "KEY_PREFIX": f"bench-{os.getpid()}-{time.time_ns()}"}
                for alias, config in settings.CACHES.items()
            },
        )
        with bench_settings:
            test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False, serialize=False)
            try:
                where = "in-memory" if connection.vendor == "sqlite" else test_name
                self.stdout.write(
                    f"BENCH database={connection.vendor} ({where}) sizes={'/'.join(map(str, SIZES))} "
                    f"timed_at={TIMED_SIZE} repeat={repeat}"
                )
                if options["world"] != "bergen":
                    # Another world is the project's, named in settings (core imports no app).
                    from django.utils.module_loading import import_string

                    report = import_string(django_settings.BENCH_WORLDS[options["world"]])
                    report(self, pages=pages, repeat=repeat, plans=options["plans"])
                    return
                if not options["page"]:
                    # First, while the reminders it finds are only its own.
                    for line in FIRST_LINES:
                        self.stdout.write(line())
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
        """The apps' last lines: the evaluation report at Bergen's scale against raw WeasyPrint (issue 6)."""
        for line in LAST_LINES:
            self.stdout.write(line(world))


def _get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise CommandError(f"GET {url} answered {response.status_code}.")
    return response


def _timed_get(client, url):
    started = time.perf_counter()
    _get(client, url)
    return time.perf_counter() - started


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
    """Bergen's shape at any size (core/bench.py): core makes the municipality, its HR and the
    facilitator's account, the apps' WORLD steps the programme, leaders, gatherings, runs and
    answers, and core then the facilitator's and the last leader's calendar feeds."""
    import random

    from django.contrib.auth.hashers import make_password

    from core.models import CalendarFeed, Municipality, MunicipalityRole, User

    rng = random.Random(size)
    password = make_password("bench-passord-2026")  # one hash for everyone: 5,000 would take minutes
    domain = f"bench{size}.example.no"
    municipality = Municipality.objects.create(name=f"Bergen {size}", slug=f"bergen-{size}")
    hr = User.objects.create(email=f"hr@{domain}", first_name="Bente", last_name="HR-rådgiver", password=password)
    MunicipalityRole.objects.create(user=hr, municipality=municipality, role=MunicipalityRole.Role.HR)
    facilitator = User.objects.create(
        email=f"veileder@{domain}", first_name="Kari", last_name="Veileder", password=password
    )
    world = World(
        size=size, rng=rng, password=password, domain=domain, municipality=municipality, hr=hr, facilitator=facilitator
    )
    for build in WORLD:
        build(world)
    facilitator_feed = CalendarFeed.objects.create(user=facilitator, token=f"bench-{size}-facilitator")
    participant_feed = CalendarFeed.objects.create(user=world.participants[-1].user, token=f"bench-{size}-participant")
    world.facilitator_token = facilitator_feed.token
    world.participant_token = participant_feed.token
    return world
