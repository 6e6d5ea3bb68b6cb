"""The import direction is a contract (pyproject.toml [tool.importlinter], also run by `make test`):
core imports no app, the apps form layers, and inside an app modules import each other one way."""

import contextlib
import io
import os

from django.conf import settings
from importlinter.cli import lint_imports


def test_the_import_contracts_hold():
    output = io.StringIO()
    cwd = os.getcwd()
    os.chdir(settings.BASE_DIR)
    try:
        with contextlib.redirect_stdout(output):
            exit_code = lint_imports(no_cache=True, no_logo=True)
    finally:
        os.chdir(cwd)

    report = output.getvalue()
    assert exit_code == 0, report
    assert "core is the foundation: it imports no app" in report
    assert "Contracts: 3 kept, 0 broken." in report
