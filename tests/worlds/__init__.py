"""Additions to the `world` fixture, one module per capability.

Each module defines `extend(world)`, which creates its objects and sets attributes on the
world namespace (never replacing one that exists). Modules run in name order, except that the
evaluation runs last: its surveys are made from what the others have added (programme goals).
"""

import importlib
import pkgutil

LAST = {"evaluation"}


def extend(world):
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: (i.name in LAST, i.name)):
        module = importlib.import_module(f"{__name__}.{info.name}")
        before = set(vars(world))
        module.extend(world)
        assert before <= set(vars(world))
    return world
