"""HR's year (issue 16): the programme cockpit, the participant record, the bulk facilitator
assignment and the run day ("Alle til stede", the sign-in list)."""

from tests.personas import DO, EDIT

#            anon  hr   o_hr  exec fac  o_fac part peer outsider
RECORD = [302, 200, 404, 404, 200, 404, 404, 404, 404]  # HR, and the facilitator assigned to the leader
RUN_DAY_POST = [302, 302, 404, 403, 302, 404, 403, 403, 404]  # HR and the programme's facilitators


def _own(w):
    return {"pk": w.own_space.pk}


MATRIX = {
    "participant_record": (_own, RECORD, "Samlinger og oppmøte"),
    "programme_cockpit": (lambda w: {"pk": w.programme.pk}, EDIT, "Sjekkliste"),
}

POSTS = {
    "participants_assign_facilitator": (lambda w: {"pk": w.programme.pk}, {}, DO),
    "run_attendance_all": (lambda w: {"pk": w.run.pk}, {}, RUN_DAY_POST),
}

TESTED_ELSEWHERE = {
    "run_sign_in_pdf",  # a PDF: tests/test_run_day.py
}
