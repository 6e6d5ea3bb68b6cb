"""50 people browsing the Bergen demo as their roles while HR builds evaluation reports (make loadtest).

Every user logs in through the real login form and keeps its session. Each user connects from its own
loopback address (127.0.0.10, .11, ...): the login rate limit is per IP address (30 a minute), and 50
people of a municipality do not share one address with each other and with nobody else.
"""

import collections
import itertools
import json
import os
import random
import re

from locust import HttpUser, between, events, task
from locust.stats import StatsEntry
from urllib3 import PoolManager

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"]).read())  # noqa: SIM115 (read once at import)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN_URL = "/konto/login/"
_addresses = itertools.count(10)
_logins = collections.defaultdict(itertools.count)


class Role(HttpUser):
    abstract = True
    role = ""
    wait_time = between(2, 6)  # a person reads a page before opening the next

    def __init__(self, *args, **kwargs):
        self.pool_manager = PoolManager(source_address=(f"127.0.0.{next(_addresses)}", 0))
        super().__init__(*args, **kwargs)
        self.pages = PLAN[self.role]["pages"]

    def on_start(self):
        # Participants are different people; the HR, facilitator and executive users share their one login.
        emails = PLAN[self.role]["emails"]
        self.email = emails[next(_logins[self.role]) % len(emails)]
        page = self.client.get(LOGIN_URL, name="login (form)")
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            LOGIN_URL,
            {"login": self.email, "password": PLAN["password"], "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + LOGIN_URL},
            name="login (post)",
            catch_response=True,
        ) as response:
            if response.url.rstrip("/").endswith(LOGIN_URL.rstrip("/")) or response.status_code != 200:
                response.failure(f"login failed for {self.email}: {response.status_code} {response.url}")

    def open(self, name, url=None):
        url = url or self.pages[name]
        if isinstance(url, list):
            url = random.choice(url)
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            elif LOGIN_URL in response.url:
                response.failure("sent to the login page")
            return response


class HR(Role):
    role = "hr"
    fixed_count = 3

    @task(3)
    def home(self):
        self.open("home")

    @task(2)
    def programme(self):
        self.open("programme_detail")

    @task(3)
    def participants(self):
        self.open("programme_participants")

    @task(2)
    def runs(self):
        self.open("gathering_runs")

    @task(2)
    def attendance(self):
        self.open("run_attendance")

    @task(1)
    def attendance_overview(self):
        self.open("attendance_overview")

    @task(1)
    def people(self):
        self.open("people")

    @task(1)
    def audit_log(self):
        self.open("audit_log")

    @task(1)
    def leader_status(self):
        self.open("programme_leader_status")

    @task(1)
    def evaluation(self):
        self.open("evaluation_overview")

    @task(2)
    def build_report(self):
        """The report form's POST: queues a PDF build for the Celery worker (or says one is running)."""
        page = self.open("evaluation_report")
        match = CSRF.search(page.text or "")
        if not match:
            return
        with self.client.post(
            self.pages["evaluation_report"],
            {"recommendation": "Vi anbefaler opsjonen.", "csrfmiddlewaretoken": match.group(1)},
            headers={"Referer": self.host + self.pages["evaluation_report"]},
            name="evaluation_report (build)",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or LOGIN_URL in response.url:
                response.failure(f"{response.status_code} {response.url}")
        self.open("evaluation_report_status")


class Facilitator(Role):
    role = "facilitator"
    fixed_count = 5

    @task(2)
    def home(self):
        self.open("home")

    @task(2)
    def programme(self):
        self.open("programme_detail")

    @task(2)
    def participants(self):
        self.open("programme_participants")

    @task(2)
    def runs(self):
        self.open("gathering_runs")

    @task(2)
    def run_page(self):
        self.open("run_detail")

    @task(3)
    def attendance(self):
        self.open("run_attendance")

    @task(1)
    def peergroups(self):
        self.open("peergroup_list")


class Executive(Role):
    role = "executive"
    fixed_count = 2

    @task(2)
    def home(self):
        self.open("home")

    @task(1)
    def programme(self):
        self.open("programme_detail")

    @task(2)
    def report(self):
        self.open("evaluation_report")
        self.open("evaluation_report_status")


class Participant(Role):
    role = "participant"
    fixed_count = 40

    @task(4)
    def home(self):
        self.open("home")

    @task(3)
    def leader_space(self):
        self.open("my_leader_space")

    @task(2)
    def plan(self):
        self.open("plan", self.pages["plan"][self.email])

    @task(2)
    def programme(self):
        self.open("programme_detail")

    @task(2)
    def gathering(self):
        self.open("gathering_detail")

    @task(1)
    def calendar(self):
        self.open("calendar")

    @task(1)
    def peergroups(self):
        self.open("peergroups_mine")


# Requests after the last user has logged in: the steady state, without the ramp-up's logins.
_steady = {}


@events.request.add_listener
def _record_steady(request_type, name, response_time, exception, **kwargs):
    from locust.runners import STATE_RUNNING

    runner = kwargs.get("context", {}).get("runner") or _steady.get("runner")
    if runner is None or runner.state != STATE_RUNNING:
        return
    entry = _steady.setdefault("entry", StatsEntry(runner.stats, "steady", None))
    entry.log(response_time, kwargs.get("response_length") or 0)
    if exception:
        entry.log_error(exception)


@events.init.add_listener
def _remember_runner(environment, **_kwargs):
    _steady["runner"] = environment.runner


@events.quitting.add_listener
def summary(environment, **_kwargs):
    stats = environment.stats
    rows = sorted(stats.entries.values(), key=lambda e: e.get_response_time_percentile(0.95), reverse=True)
    print(f"\n{'page':<34}{'requests':>9}{'failures':>9}{'p50_ms':>8}{'p95_ms':>8}{'max_ms':>8}")
    for e in rows:
        p50, p95 = e.get_response_time_percentile(0.5), e.get_response_time_percentile(0.95)
        print(f"{e.name:<34}{e.num_requests:>9}{e.num_failures:>9}{p50:>8.0f}{p95:>8.0f}{e.max_response_time:>8.0f}")
    for error in stats.errors.values():
        print(f"FAILURE {error.occurrences}x {error.method} {error.name}: {error.error}")
    # The pages alone, without the logins of the ramp-up (a login hashes its password on purpose slowly).
    pages = StatsEntry(stats, "pages without login", None)
    for e in stats.entries.values():
        if not e.name.startswith("login"):
            pages.extend(e)
    print(
        f"pages without login: requests={pages.num_requests} failures={pages.num_failures} "
        f"p50_ms={pages.get_response_time_percentile(0.5):.0f} p95_ms={pages.get_response_time_percentile(0.95):.0f}"
    )
    steady = _steady.get("entry")
    if steady is not None and steady.num_requests:
        print(
            f"after all {os.environ.get('LOADTEST_USERS', '?')} users had logged in: requests={steady.num_requests} "
            f"failures={steady.num_failures} p50_ms={steady.get_response_time_percentile(0.5):.0f} "
            f"p95_ms={steady.get_response_time_percentile(0.95):.0f}"
        )
    total = stats.total
    print(
        f"LOADTEST users={os.environ.get('LOADTEST_USERS', '?')} "
        f"duration={os.environ.get('LOADTEST_DURATION', '?')} requests={total.num_requests} "
        f"failures={total.num_failures} p50_ms={total.get_response_time_percentile(0.5):.0f} "
        f"p95_ms={total.get_response_time_percentile(0.95):.0f}"
    )
