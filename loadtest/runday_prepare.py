"""Prepares the run-day burst (LOADTEST_SCENARIO=runday) after `load_demo`: Bergen's day (its one
gathering, seed 004) is held today in all four runs at once (or, before 08:00, yesterday), each ending a
few minutes ago, so the leaders' feedback is open; writes the URLs and form fields each locust user
needs as JSON for runday.py.
Run from the project root: python loadtest/runday_prepare.py OUT."""

import datetime
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lederprogram.settings")

import django  # noqa: E402

django.setup()

from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from core.demo import DEMO_PASSWORD  # noqa: E402
from core.models import Municipality, MunicipalityRole  # noqa: E402
from evaluation.models import Question  # noqa: E402
from evaluation.services import feedback_survey_ensure  # noqa: E402
from programmes.models import Programme  # noqa: E402
from sessions.models import Gathering, Run, RunAssignment  # noqa: E402

LEADERS = int(os.environ.get("LOADTEST_RUNDAY_LEADERS", "300"))


def main(out):
    bergen = Municipality.objects.get(slug="bergen")
    programme = Programme.objects.get(municipality=bergen)
    hr = MunicipalityRole.objects.get(municipality=bergen, role=MunicipalityRole.Role.HR).user
    gathering = Gathering.objects.get(programme=programme, number=1)

    now = timezone.localtime()
    ended = (now - datetime.timedelta(minutes=5)).replace(second=0, microsecond=0)
    if ended.time() < datetime.time(8):
        day, start, end = now.date() - datetime.timedelta(days=1), datetime.time(9), datetime.time(15, 30)
    else:
        day, start, end = now.date(), datetime.time(7), ended.time()
    Gathering.objects.filter(pk=gathering.pk).update(start_date=day)
    Run.objects.filter(gathering=gathering).update(date=day, start_time=start, end_time=end)
    runs = list(Run.objects.filter(gathering=gathering).order_by("number"))

    leaders = []
    for run in runs:
        survey = feedback_survey_ensure(run=run)
        fields = {f"q{q.pk}": q.kind for q in Question.objects.filter(survey=survey).order_by("position")}
        for assignment in RunAssignment.objects.filter(run=run).select_related("participant__user"):
            leaders.append(
                {
                    "email": assignment.participant.user.email,
                    "feedback": reverse("feedback_answer", kwargs={"pk": run.pk}),
                    "fields": fields,
                    "plan": reverse("plan", kwargs={"pk": assignment.participant.pk}),
                }
            )
    leaders.sort(key=lambda leader: leader["email"])
    plan = {
        "password": DEMO_PASSWORD,
        "leaders": leaders[:LEADERS],
        "hr": {
            "email": hr.email,
            "runs": [
                {
                    "attendance": reverse("run_attendance", kwargs={"pk": run.pk}),
                    "participants": list(
                        RunAssignment.objects.filter(run=run).order_by("pk").values_list("participant_id", flat=True)
                    ),
                }
                for run in runs
            ],
            "report": reverse("evaluation_report", kwargs={"pk": programme.pk}),
            "report_status": reverse("evaluation_report_status", kwargs={"pk": programme.pk}),
            "evaluation": reverse("evaluation_overview", kwargs={"pk": programme.pk}),
        },
        "calendar": reverse("calendar"),
    }
    Path(out).write_text(json.dumps(plan, indent=1))
    print(f"run day {day}: {len(runs)} runs ending {end:%H:%M}, {len(plan['leaders'])} leaders")


if __name__ == "__main__":
    main(sys.argv[1])
