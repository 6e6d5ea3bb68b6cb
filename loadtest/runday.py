"""The end of a run day (make loadtest LOADTEST_SCENARIO=runday): 300 leaders arrive over two minutes,
log in through the form on their phones, answer the day's gathering feedback, open their plan and
calendar, and leave; meanwhile HR marks attendance on the four runs' sheets and builds the report.

Each leader logs in once, from an address of its own (the login limits are per address and per
account), and then stays idle until the end (a stopped user would be replaced while others arrive).
The summary (per page p50/p95/max and failures, the logins included) is locustfile.py's.
"""

import itertools
import json
import os
import random
import re

import gevent
import locustfile  # noqa: F401  (its listeners print the summary; its user classes are not ours)
from locust import HttpUser, between, task
from urllib3 import PoolManager

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"]).read())  # noqa: SIM115 (read once at import)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN_URL = "/konto/login/"
_addresses = itertools.count(10)
_leaders = itertools.count()


def _address():
    n = next(_addresses)
    return f"127.0.{n // 250}.{n % 250 + 2}"


class Person(HttpUser):
    abstract = True

    def __init__(self, *args, **kwargs):
        self.pool_manager = PoolManager(source_address=(_address(), 0))
        super().__init__(*args, **kwargs)

    def login(self, email):
        page = self.client.get(LOGIN_URL, name="login (form)")
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            LOGIN_URL,
            {"login": email, "password": PLAN["password"], "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + LOGIN_URL},
            name="login (post)",
            catch_response=True,
        ) as response:
            if response.url.rstrip("/").endswith(LOGIN_URL.rstrip("/")) or response.status_code != 200:
                response.failure(f"login failed for {email}: {response.status_code} {response.url}")

    def open(self, name, url):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            elif LOGIN_URL in response.url:
                response.failure("sent to the login page")
            return response

    def post(self, name, url, data, headers=None, leaves=False):
        """`leaves`: a valid form redirects elsewhere; ending on the same address means it was refused."""
        with self.client.post(
            url, data, headers={"Referer": self.host + url, **(headers or {})}, name=name, catch_response=True
        ) as response:
            if response.status_code != 200 or LOGIN_URL in response.url:
                response.failure(f"{response.status_code} {response.url}")
            elif leaves and response.url.endswith(url):
                response.failure(f"refused: stayed on {url}")
            return response


class HR(Person):
    """Bergen's HR on a laptop: down the attendance sheets, a mark every few seconds, and the report now and then."""

    fixed_count = 2
    wait_time = between(1, 4)

    def on_start(self):
        self.login(PLAN["hr"]["email"])

    @task(10)
    def mark_attendance(self):
        run = random.choice(PLAN["hr"]["runs"])
        page = self.open("run_attendance", run["attendance"])
        token = CSRF.search(page.text or "")
        if token:
            self.post(
                "attendance (mark)",
                run["attendance"],
                {
                    "participant": random.choice(run["participants"]),
                    "status": random.choice(["present"] * 9 + ["late"]),
                    "csrfmiddlewaretoken": token.group(1),
                },
                headers={"Accept": "application/json"},
            )

    @task(1)
    def build_report(self):
        page = self.open("evaluation_report", PLAN["hr"]["report"])
        token = CSRF.search(page.text or "")
        if token:
            self.post(
                "evaluation_report (build)",
                PLAN["hr"]["report"],
                {"recommendation": "Vi anbefaler opsjonen.", "csrfmiddlewaretoken": token.group(1)},
            )
        self.open("evaluation_report_status", PLAN["hr"]["report_status"])

    @task(1)
    def evaluation(self):
        self.open("evaluation_overview", PLAN["hr"]["evaluation"])


class Leader(Person):
    """A leader after the day: answers the feedback (half a minute on a phone), opens plan and calendar, leaves."""

    fixed_count = len(PLAN["leaders"])
    wait_time = between(2, 6)

    def on_start(self):
        self.me = PLAN["leaders"][next(_leaders) % len(PLAN["leaders"])]
        self.login(self.me["email"])

    @task
    def the_evening(self):
        form = self.open("feedback (form)", self.me["feedback"])
        token = CSRF.search(form.text or "")
        self.wait_between(15, 45)  # reading and tapping through the questions
        answers = {"csrfmiddlewaretoken": token.group(1) if token else ""}
        for name, kind in self.me["fields"].items():
            if kind == "die":
                answers[name] = random.randint(3, 6)
            elif kind == "scale5":
                answers[name] = random.randint(2, 5)
            elif kind == "text" and random.random() < 0.3:
                answers[name] = "Å lytte mer enn jeg snakker."
        self.post("feedback (post)", self.me["feedback"], answers, leaves=True)
        self.wait_between(2, 6)
        self.open("plan", self.me["plan"])
        self.wait_between(2, 6)
        self.open("calendar", PLAN["calendar"])
        # Gone home. Not StopUser: during the arrival locust would start a new user in its place.
        while True:
            gevent.sleep(3600)

    def wait_between(self, low, high):
        gevent.sleep(random.uniform(low, high))
