"""What the shared world makes due for the reminders, and how engine tests set it aside.

Other capabilities' world modules add things that the reminder kinds see: an open programme
evaluation and a feedback survey (tests/worlds/evaluation.py), peer groups with a meeting and a
case (tests/worlds/peergroups.py), Ingrid's baseline, profile and plan (tests/worlds/leader_space.py).
The engine's own tests (send, commands, enqueue) count gathering reminders alone, so they call
`set_aside_other_reminders(world)`, which removes what would be due now besides those."""

import pytest
from django.utils import timezone

from core.models import Reminder
from core.reminders.services import reminders_scan
from evaluation.models import Survey
from tests.factories import set_aside_other_facilitators


def set_aside_other_reminders(world):
    """Only gathering runs and invitations are due in the world at the present time after this."""
    set_aside_other_facilitators(world)
    Survey.objects.filter(programme=world.programme).delete()


@pytest.mark.django_db
def test_the_world_has_an_open_evaluation_and_setting_it_aside_leaves_nothing_due_now(world, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    set_aside_other_facilitators(world)
    reminders_scan(now=timezone.now())
    assert sorted(Reminder.objects.values_list("kind", "recipient__email", "slot")) == [
        ("evaluation", "deltaker@vefsn.no", "open"),
        ("evaluation", "kollega@vefsn.no", "open"),
    ]

    Reminder.objects.all().delete()
    set_aside_other_reminders(world)
    assert reminders_scan(now=timezone.now()).created == 0
