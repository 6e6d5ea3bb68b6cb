"""Peer groups: who gets which page (personas in tests/personas.py; world in tests/worlds/peergroups.py).

Ingrid (participant) is in Gruppe Nord with the world's facilitator; the peer is in Gruppe Sør. A
case, its group's meeting forms and case list answer 404 to everyone but the group and its
facilitator: HR, the executive, another group's member and other municipalities alike.
"""

from tests.personas import ANY_USER, STAFF

# The group's members and its facilitator; everyone else 404.
CASE = [302, 404, 404, 404, 200, 404, 200, 404, 404]
# A group's page: HR and the programme's facilitators see who is in it; members their own group.
GROUP = [302, 200, 404, 404, 200, 404, 200, 404, 404]
GROUP_EDIT = [302, 200, 404, 404, 403, 404, 403, 404, 404]
# Counts per theme (above the threshold): HR, the executive and facilitators.
THEMES = [302, 200, 404, 200, 200, 404, 403, 403, 404]
# The case round at a gathering: facilitators only.
ROUND = [302, 403, 404, 403, 200, 404, 403, 403, 404]
# HR's or a facilitator's POST that redirects when done.
STAFF_DO = [302, 302, 404, 403, 302, 404, 403, 403, 404]
# A POST on the group's own content: its members and facilitator are redirected, everyone else 404.
CASE_DO = [302, 404, 404, 404, 302, 404, 302, 404, 404]

TITLE = "Turnus som ingen vil ha"

MATRIX = {
    "peergroups_mine": (lambda w: {}, ANY_USER, "Kollegagrupper"),
    "peergroup_list": (lambda w: {"pk": w.programme.pk}, STAFF, "Gruppe Nord"),
    "peergroup_compose": (lambda w: {"pk": w.programme.pk}, STAFF, "Gruppe Sør"),
    "peergroup_themes": (lambda w: {"pk": w.programme.pk}, THEMES, "Saker per tema"),
    "peergroup_detail": (lambda w: {"pk": w.pg_north.pk}, GROUP, "Gruppe Nord"),
    "peergroup_update": (lambda w: {"pk": w.pg_north.pk}, GROUP_EDIT, "Gruppe Nord"),
    "meeting_create": (lambda w: {"pk": w.pg_north.pk}, CASE, "Nytt møte"),
    "meeting_update": (lambda w: {"pk": w.pg_meeting.pk}, CASE, "Vi snakket om turnus"),
    "meeting_delete": (lambda w: {"pk": w.pg_meeting.pk}, CASE, "kan ikke slettes"),
    "case_list": (lambda w: {"pk": w.pg_north.pk}, CASE, TITLE),
    "case_create": (lambda w: {"pk": w.pg_north.pk}, CASE, "Ikke skriv navn"),
    "case_detail": (lambda w: {"pk": w.pg_case.pk}, CASE, "Hvordan fordele helgevakter"),
    "case_update": (lambda w: {"pk": w.pg_case.pk}, CASE, "Hvordan fordele helgevakter"),
    "case_follow_up": (lambda w: {"pk": w.pg_case.pk}, CASE, TITLE),
    "case_round": (lambda w: {"pk": w.programme.gatherings.get(number=2).pk}, ROUND, TITLE),
}

POSTS = {
    "peergroup_confirm": (lambda w: {"pk": w.programme.pk}, {}, STAFF_DO),
    "peergroup_move": (lambda w: {"pk": w.programme.pk}, {}, STAFF_DO),
    "meeting_delete": (lambda w: {"pk": w.pg_meeting.pk}, {}, CASE_DO),
}
