"""The personas of the permission tests (see the `world` fixture) and what each kind of view gives them."""

PERSONAS = [
    "anonymous",
    "hr",
    "other_hr",
    "executive",
    "facilitator",
    "other_facilitator",
    "participant",
    "peer",
    "outsider",
]

# What each persona gets, in the order of PERSONAS.
SEE = [302, 200, 404, 200, 200, 404, 200, 200, 404]  # anyone in the programme reads it
EDIT = [302, 200, 404, 403, 403, 404, 403, 403, 404]  # only the municipality's HR changes it
DO = [302, 302, 404, 403, 403, 404, 403, 403, 404]  # an HR-only POST that redirects when done
STAFF = [302, 200, 404, 403, 200, 404, 403, 403, 404]  # HR and the programme's facilitators
ADMIN = [302, 200, 404, 404, 404, 404, 404, 404, 404]  # the municipality's HR pages
ANY_USER = [302, 200, 200, 200, 200, 200, 200, 200, 200]
HR_ANYWHERE = [302, 200, 200, 403, 403, 403, 403, 403, 403]
DECIDE = [302, 200, 404, 200, 403, 404, 403, 403, 404]  # the municipality's HR and its chief executive
