"""Reading settings from the environment: the three shapes settings.py needs."""

import os


def env_bool(name, default=False):
    """True for 1/true/yes/on (any case), False for anything else; `default` when unset."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name, default))


def env_ints(name, default):
    """A comma-separated list of whole numbers ("7,1")."""
    return [int(part) for part in os.environ.get(name, default).split(",") if part.strip()]
