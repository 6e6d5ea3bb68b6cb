PUBLIC = [200] * 9  # everyone, logged in or not

MATRIX = {
    "privacy": (lambda w: {}, PUBLIC, "Personvern i lederprogrammet"),
    "accessibility": (lambda w: {}, PUBLIC, "Tilgjengelighetserklæring"),
}
