"""GDPR (core/gdpr.py): 'My data' is every logged-in person's own; erasure is the municipality's HR's."""

from tests.personas import ANY_USER, DO, EDIT

MATRIX = {
    "my_data": (lambda w: {}, ANY_USER, "Last ned mine data"),
    "person_erase": (lambda w: {"pk": w.vefsn.pk, "user_pk": w.peer.pk}, EDIT, "kollega@vefsn.no"),
    "programme_material_erase": (
        lambda w: {"pk": w.programme.pk},
        EDIT,
        "Slett arbeidsmaterialet i Lederprogram Vefsn",
    ),
}

POSTS = {
    "person_erase": (
        lambda w: {"pk": w.vefsn.pk, "user_pk": w.participant.pk},
        {"confirm": "Ingrid Deltakersen"},
        DO,
    ),
    "programme_material_erase": (lambda w: {"pk": w.programme.pk}, {"confirm": "Lederprogram Vefsn"}, DO),
}

TESTED_ELSEWHERE = {
    "my_data_download",  # a zip of the person's own data: tests/test_gdpr.py, every persona
}
