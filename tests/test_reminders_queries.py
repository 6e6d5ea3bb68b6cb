"""The scan asks the database the same number of times for 100 due reminders as for 10,000."""

import pytest

from core.management.commands.bench import build_reminder_world
from core.models import Reminder
from core.reminders.services import reminders_scan


@pytest.fixture
def queued(settings):
    from lederprogram.celery import app

    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False


@pytest.mark.django_db
@pytest.mark.parametrize("size", [100, 10_000])
def test_scan_query_count_is_the_same_for_100_and_10000(world, queued, django_assert_num_queries, size):
    build_reminder_world(size)
    # 5 INSERT ... SELECT (invitations; each run offset for participants and facilitators),
    # giving up on rows that keep dying, stamping the rows to queue, reading their ids.
    with django_assert_num_queries(8):
        result = reminders_scan()
    assert (result.created, result.enqueued) == (size, size)
    assert Reminder.objects.filter(state="pending", enqueued_at__isnull=False).count() == size
    with django_assert_num_queries(8):
        assert reminders_scan().created == 0
