"""Programme shapes, templates and the way on: who gets which page.

The shape of a programme and saving or copying it are HR's (EDIT). Templates: any HR sees the
built-in ones (another municipality's HR too), a municipality's own only its HR; nobody else has
templates at all (404 on one, 403 on the list). The way on is the leader's own page; what the group
said it would do first at home is the group's own content (members and its facilitator).
"""

from tests.permission_rows.leader_space import OWNER_ONLY, OWNER_POST
from tests.permission_rows.peergroups import CASE
from tests.personas import DO, EDIT, HR_ANYWHERE

#            anon  hr   o_hr  exec fac  o_fac part peer outsider
ANY_HR = [302, 200, 200, 404, 404, 404, 404, 404, 404]  # a built-in template: every municipality's HR
OWN_HR = [302, 200, 404, 404, 404, 404, 404, 404, 404]  # a municipality's own template
OWN_HR_DO = [302, 302, 404, 404, 404, 404, 404, 404, 404]


def _own(w):
    return {"pk": w.own_space.pk}


MATRIX = {
    "programme_shape": (lambda w: {"pk": w.programme.pk}, EDIT, "Samlinger og rekkefølge"),
    "template_list": (lambda w: {}, HR_ANYWHERE, "Programmaler"),
    "template_detail": (lambda w: {"pk": w.builtin_template.pk}, ANY_HR, "Selvbevissthet og teambygging"),
    "template_use": (lambda w: {"pk": w.builtin_template.pk}, ANY_HR, "Foreslå datoer"),
    "template_edit": (lambda w: {"pk": w.own_template.pk}, OWN_HR, "Endre malen"),
    "template_save": (lambda w: {"pk": w.programme.pk}, EDIT, "Lagre som mal"),
    "programme_copy": (lambda w: {"pk": w.programme.pk}, EDIT, "Kopier som neste kull"),
    "way_on": (_own, OWNER_ONLY, "Det første jeg gjør når jeg kommer hjem"),
    "peergroup_commitments": (lambda w: {"pk": w.pg_north.pk}, CASE, "Det vi sa vi skulle gjøre først hjemme"),
}

POSTS = {
    "gathering_add": (lambda w: {"pk": w.programme.pk}, {}, DO),
    "gathering_move": (lambda w: {"pk": w.gathering.pk}, {"direction": "down"}, DO),
    "gathering_remove": (lambda w: {"pk": w.extension_gathering.pk}, {}, DO),
    "template_delete": (lambda w: {"pk": w.own_template.pk}, {}, OWN_HR_DO),
    # An empty form: HR gets the form back with its errors (nothing saved), everyone else nothing.
    "template_edit": (lambda w: {"pk": w.own_template.pk}, {}, OWN_HR),
    "way_on_keep": (_own, {"keep": "yes"}, OWNER_POST),
    "home_commitment_create": (_own, {}, OWNER_POST),
}
