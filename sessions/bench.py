"""The gatherings' part of `make bench` (core/bench.py): the run assignment, attendance sheet and
calendar feed pages, the world's gatherings and runs, and the reminder scan at 10,000 recipients."""

import math
import time
from datetime import time as datetime_time
from datetime import timedelta

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.bench import FIRST_LINES, PAGES, WORLD
from sessions import services as gathering_services
from sessions.models import Attendance, Run

RUN_CAPACITY = 100


def _empty_cache():
    from django.core.cache import cache

    cache.clear()


# The order keeps the report's sequence (participant_list 10, hr_home 40, evaluation_results 50).
for order, page in zip(
    (20, 30, 60, 70, 80, 90),
    [
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
        # These lines empty the cache before every request, untimed: the poll that builds the feed from
        # scratch, as the first one after a change to it does. Printed after the summary, outside the target.
        {
            "name": "ical_feed_rebuilt",
            "public": True,
            "url": lambda w: reverse("calendar_feed", kwargs={"token": w.facilitator_token}),
            "before_each": lambda: _empty_cache(),
            "target": False,
        },
        {
            "name": "ical_feed_participant_rebuilt",
            "public": True,
            "url": lambda w: reverse("calendar_feed", kwargs={"token": w.participant_token}),
            "before_each": lambda: _empty_cache(),
            "target": False,
        },
    ],
    strict=True,
):
    PAGES.register(page, key=page["name"], order=order)


@WORLD.register(order=40)
def gatherings(world):
    """Four gatherings with runs of 100, everyone assigned; attendance marked for most of the first run."""
    rng, hr, programme, size = world.rng, world.hr, world.programme, world.size
    today = timezone.localdate()
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
    world.gathering, world.run = gatherings[0], run


# --- Reminders (issue 7) -----------------------------------------------------------------------

REMINDER_RECIPIENTS = 10_000


@transaction.atomic
def build_reminder_world(size, *, slug="paminnelser"):
    """A programme whose first gathering's run, three days from now, has `size` participants:
    `size` gathering reminders are due. Bulk inserts only; returns the run."""
    from core.models import Municipality, User
    from participants.models import Participant
    from programmes.models import Programme
    from sessions.models import Gathering, RunAssignment

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
    from celery import current_app

    from core.reminders.services import reminders_scan

    app = current_app._get_current_object()  # the project's (lederprogram/celery.py)

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


FIRST_LINES.register(lambda: bench_reminder_scan(REMINDER_RECIPIENTS), key="reminder_scan")
