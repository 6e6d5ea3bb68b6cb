import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pytest_collection_modifyitems(items):
    # pytest hands this hook every collected item, not only this folder's.
    here = Path(__file__).parent
    for item in items:
        if Path(item.path).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        # The flags keep Chromium from calling out to the network this machine does not have.
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def open_page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="nb-NO", **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Anything the Content-Security-Policy blocked (an inline script, a foreign source) fails the test.
    page.csp_violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.csp_violations.append(message.text),
    )
    return context, page


def close_page(context, page):
    violations = page.csp_violations
    context.close()
    assert violations == [], violations


def looker(page, prefix=""):
    """Take a screenshot for a person to look at, and scan the page with axe-core (WCAG 2.1 A/AA)."""
    ARTIFACTS.mkdir(exist_ok=True)
    axe = Axe()

    def _look(name):
        page.screenshot(path=str(ARTIFACTS / f"{prefix}{name}.png"), full_page=True)
        results = axe.run(page, options=WCAG_21_AA)
        assert results.violations_count == 0, f"{name}: {results.generate_report()}"

    return _look


@pytest.fixture
def page(browser, live_server):
    context, page = open_page(browser, live_server, viewport={"width": 1280, "height": 900})
    yield page
    close_page(context, page)


@pytest.fixture
def look(page):
    return looker(page)


@pytest.fixture
def phone(browser, live_server):
    context, page = open_page(
        browser, live_server, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    yield page
    close_page(context, page)


@pytest.fixture
def look_phone(phone):
    return looker(phone, prefix="phone-")
