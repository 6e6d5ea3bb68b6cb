"""Rows of the permission matrix, one module per capability (see tests/test_permissions.py).

Each module may define MATRIX, POSTS (same shapes as in test_permissions.py) and TESTED_ELSEWHERE.
"""

import importlib
import pkgutil


def collect():
    matrix, posts, elsewhere = {}, {}, set()
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for target, rows in ((matrix, getattr(module, "MATRIX", {})), (posts, getattr(module, "POSTS", {}))):
            assert not set(target) & set(rows), f"{info.name} repeats a row"
            target.update(rows)
        elsewhere |= set(getattr(module, "TESTED_ELSEWHERE", ()))
    return matrix, posts, elsewhere
