"""Prepares the load-test database after `load_demo`: a chief executive for Bergen, and the URLs each
role browses, written as JSON for locustfile.py. Run from the project root: python loadtest/prepare.py OUT."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lederprogram.settings")

import django  # noqa: E402

django.setup()

from django.urls import reverse  # noqa: E402

from core.demo import DEMO_PASSWORD, _user  # noqa: E402
from core.models import Municipality, MunicipalityRole  # noqa: E402
from participants.models import Facilitator, Participant  # noqa: E402
from programmes.models import Programme  # noqa: E402
from sessions.models import Gathering, Run  # noqa: E402

PARTICIPANTS = 40  # the locust users who log in as participants (leder0001 ...)


def main(out):
    bergen = Municipality.objects.get(slug="bergen")
    programme = Programme.objects.get(municipality=bergen)
    # The demo has no chief executive in Bergen; the load test browses as one.
    executive = _user("kommunedirektor@bergen.example.no", "Berit", "Direktør")
    if not executive.has_usable_password():
        executive.set_password(DEMO_PASSWORD)
        executive.save(update_fields=["password"])
    MunicipalityRole.objects.get_or_create(user=executive, municipality=bergen, role=MunicipalityRole.Role.EXECUTIVE)
    hr = MunicipalityRole.objects.get(municipality=bergen, role=MunicipalityRole.Role.HR).user
    facilitator = Facilitator.objects.filter(programme=programme).select_related("user").first().user

    gatherings = list(Gathering.objects.filter(programme=programme).order_by("number"))
    runs = list(Run.objects.filter(gathering__programme=programme).order_by("gathering__number", "number"))
    participants = list(
        Participant.objects.filter(programme=programme).select_related("user").order_by("user__email")[:PARTICIPANTS]
    )
    p = {"pk": programme.pk}
    staff_pages = {
        "home": reverse("home"),
        "programme_detail": reverse("programme_detail", kwargs=p),
        "programme_participants": reverse("programme_participants", kwargs=p),
        "attendance_overview": reverse("attendance_overview", kwargs=p),
        "programme_leader_status": reverse("programme_leader_status", kwargs=p),
        "peergroup_list": reverse("peergroup_list", kwargs=p),
        "gathering_runs": [reverse("gathering_runs", kwargs={"pk": g.pk}) for g in gatherings],
        "run_detail": [reverse("run_detail", kwargs={"pk": r.pk}) for r in runs],
        "run_attendance": [reverse("run_attendance", kwargs={"pk": r.pk}) for r in runs],
    }
    plan = {
        "password": DEMO_PASSWORD,
        "hr": {
            "emails": [hr.email],
            "pages": {
                **staff_pages,
                "people": reverse("people", kwargs={"pk": bergen.pk}),
                "audit_log": reverse("audit_log", kwargs={"pk": bergen.pk}),
                "evaluation_overview": reverse("evaluation_overview", kwargs=p),
                "evaluation_report": reverse("evaluation_report", kwargs=p),
                "evaluation_report_status": reverse("evaluation_report_status", kwargs=p),
            },
        },
        "facilitator": {"emails": [facilitator.email], "pages": staff_pages},
        "executive": {
            "emails": [executive.email],
            "pages": {
                "home": reverse("home"),
                "programme_detail": reverse("programme_detail", kwargs=p),
                "evaluation_report": reverse("evaluation_report", kwargs=p),
                "evaluation_report_status": reverse("evaluation_report_status", kwargs=p),
            },
        },
        "participant": {
            "emails": [x.user.email for x in participants],
            "pages": {
                "home": reverse("home"),
                "my_leader_space": reverse("my_leader_space"),
                "programme_detail": reverse("programme_detail", kwargs=p),
                "gathering_detail": [reverse("gathering_detail", kwargs={"pk": g.pk}) for g in gatherings],
                "calendar": reverse("calendar"),
                "peergroups_mine": reverse("peergroups_mine"),
                # Each participant's own plan: the locustfile picks the one of the person logged in.
                "plan": {x.user.email: reverse("plan", kwargs={"pk": x.pk}) for x in participants},
            },
        },
    }
    Path(out).write_text(json.dumps(plan, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
