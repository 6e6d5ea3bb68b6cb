from tests.personas import ADMIN

MATRIX = {
    "audit_log": (lambda w: {"pk": w.vefsn.pk}, ADMIN, "Revisjonslogg for Vefsn kommune"),
}
