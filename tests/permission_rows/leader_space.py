"""The leader's own space: a profile or a plan is seen by its owner and their assigned facilitator only.

Everyone else – a peer, HR, the executive, another municipality – gets 404 on the object pages.
"""

from tests.personas import EDIT, STAFF

#          anon  hr   o_hr  exec fac  o_fac part peer outsider
OWN_SPACE = [302, 404, 404, 404, 200, 404, 200, 404, 404]  # the owner and their assigned facilitator
OWNER_ONLY = [302, 404, 404, 404, 403, 404, 200, 404, 404]  # the owner's own writes
FACILITATOR_ONLY = [302, 404, 404, 404, 200, 404, 403, 404, 404]  # the assigned facilitator's writes
OWNER_POST = [302, 404, 404, 404, 403, 404, 302, 404, 404]
FACILITATOR_POST = [302, 404, 404, 404, 302, 404, 403, 404, 404]


def _own(w):
    return {"pk": w.own_space.pk}


MATRIX = {
    "leader_space": (_own, OWN_SPACE, "Lederprogram Vefsn"),
    "baseline": (_own, OWNER_ONLY, "Kartlegging"),
    "baseline_end": (_own, OWNER_ONLY, "Egenvurdering ved slutten"),
    "profile": (_own, OWN_SPACE, "Ekstroversjon"),
    "profile_consent": (_own, OWNER_ONLY, "Hvem ser profilen"),
    "profile_ipip": (_own, OWNER_ONLY, "Er midtpunktet på festen."),
    "profile_external": (_own, OWNER_ONLY, "DiSC"),
    "profile_feedback": (_own, FACILITATOR_ONLY, "Delegere mer"),
    "plan": (_own, OWN_SPACE, "Delegere oppgaver i teamet"),
    "plan_goal_create": (_own, OWNER_ONLY, "Slik viser det seg at jeg har lykkes"),
    "plan_goal_update": (lambda w: {"pk": w.plan_goal.pk}, OWNER_ONLY, "Delegere oppgaver i teamet"),
    "plan_action_create": (lambda w: {"pk": w.plan_goal.pk}, OWNER_ONLY, "Delegere oppgaver i teamet"),
    "plan_action_update": (lambda w: {"pk": w.plan_action.pk}, OWNER_ONLY, "Ukentlig delegeringsliste"),
    "plan_checkin": (_own, OWNER_ONLY, "Refleksjon"),
    "plan_version": (lambda w: {"pk": w.plan_version.pk}, OWN_SPACE, "Delegere oppgaver i teamet"),
    "cascade": (_own, OWNER_ONLY, "Medarbeiderskap"),
    "programme_leader_status": (lambda w: {"pk": w.programme.pk}, EDIT, "Status for lederutviklingen"),
    "programme_needs": (lambda w: {"pk": w.programme.pk}, STAFF, "Ledelse overfor ansatte"),
    "programme_cascade": (lambda w: {"pk": w.programme.pk}, EDIT, "Videreformidlet til ansatte"),
}

POSTS = {
    "profile_consent_withdraw": (_own, {}, OWNER_POST),
    "profile_feedback_comment": (_own, {"comment": "Takk"}, OWNER_POST),
    "plan_from_feedback": (_own, {}, OWNER_POST),
    "plan_comment": (_own, {"text": "Bra jobba"}, FACILITATOR_POST),
    "plan_goal_delete": (lambda w: {"pk": w.plan_goal.pk}, {}, OWNER_POST),
    "plan_action_delete": (lambda w: {"pk": w.plan_action.pk}, {}, OWNER_POST),
    "cascade_delete": (lambda w: {"pk": w.cascade_session.pk}, {}, OWNER_POST),
}

TESTED_ELSEWHERE = {
    "my_leader_space",  # redirects a participant to their own space: tests/test_leader_space.py
    "profile_report",  # a file: tests/test_profile.py
    "plan_pdf",  # a PDF: tests/test_plan.py
}
