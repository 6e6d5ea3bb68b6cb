"""The journey `make deploy-test` drives through the running compose stack (see .ci/deploy-test).

Only through the web port published on 127.0.0.1 and `docker-compose` itself (stop/start the worker,
read the SMTP sink's files, read beat's log). Standard library only: it runs on the host's python3.

    python3 .ci/stack/journey.py first    # after the first `up`: everything, state kept in a file
    python3 .ci/stack/journey.py again    # after `down` + `up`: the data is still there
"""

import base64
import datetime
import email
import email.header
import hashlib
import hmac
import http.cookiejar
import json
import os
import re
import shlex
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ.get("DEPLOY_TEST_URL", "http://127.0.0.1:18000")
COMPOSE = shlex.split(os.environ["COMPOSE"])
STATE = os.environ.get("DEPLOY_TEST_STATE", "/tmp/lederprogram-deploy-test.json")  # noqa: S108 (CI only)
PASSWORD = "demo-passord-2026"  # noqa: S105 (the demo's published password, a throwaway stack)
VEFSN_HR = "hr@vefsn.example.no"
BINDAL_HR = "hr@bindal.example.no"


def step(text):
    print(f"[journey {time.strftime('%H:%M:%S')}] {text}", flush=True)


def compose(*args, capture=False):
    result = subprocess.run([*COMPOSE, *args], check=True, capture_output=capture, text=True)  # noqa: S603
    return result.stdout if capture else None


def totp(secret, at=None):
    """RFC 6238 as authenticator apps do it: SHA-1, 30 s steps, 6 digits."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}", counter


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser: cookies, CSRF token from the cookie, redirects seen, not followed."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, path, data=None):
        body = None
        if data is not None:
            token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}, doseq=True).encode()
        request = urllib.request.Request(BASE + path, data=body, headers={"Referer": BASE + path})  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as answer:
                return answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers, answer.read()

    def get(self, path, expect=200):
        status, headers, body = self.request(path)
        if expect is not None and status != expect:
            raise AssertionError(f"GET {path}: {status}, expected {expect}: {body[:300]!r}")
        return status, headers, body

    def post(self, path, data):
        if not any(c.name == "csrftoken" for c in self.jar):
            self.get(path, expect=None)  # the form page sets the CSRF cookie
        return self.request(path, data)


def log_in(email_address, secrets):
    """Log in with the password, then two-step login: set it up the first time (the secret shown on
    the set-up page), afterwards the code from the secret kept from then."""
    browser = Browser()
    status, headers, _ = browser.post("/konto/login/", {"login": email_address, "password": PASSWORD})
    assert status == 302, f"login of {email_address}: {status}"
    if headers["Location"].startswith("/konto/2fa/authenticate/"):
        code = _fresh_code(secrets, email_address)
        status, headers, _ = browser.post("/konto/2fa/authenticate/", {"code": code})
        assert status == 302, f"two-step login of {email_address}: {status}"
    status, headers, _ = browser.get("/", expect=None)
    if status == 302 and headers["Location"] == "/konto/2fa/totp/activate/":
        status, headers, page = browser.get("/konto/2fa/totp/activate/", expect=None)
        if status == 302 and headers["Location"].startswith("/konto/reauthenticate/"):
            # allauth asks for the password again before an authenticator is added.
            status, headers, _ = browser.post(headers["Location"], {"password": PASSWORD})
            assert status == 302, f"re-authentication of {email_address}: {status}"
            _, _, page = browser.get("/konto/2fa/totp/activate/")
        secret = re.search(rb'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page)
        secret = secret or re.search(rb'value="([A-Z2-7]{16,})"[^>]*id="authenticator_secret"', page)
        assert secret, "no authenticator secret on the set-up page"
        secrets[email_address] = {"secret": secret.group(1).decode(), "used": -1}
        code = _fresh_code(secrets, email_address)
        status, headers, _ = browser.post("/konto/2fa/totp/activate/", {"code": code})
        assert status == 302, f"two-step set-up of {email_address}: {status}"
        step(f"{email_address}: two-step login set up")
    _, _, home = browser.get("/")
    assert b'lang="nb"' in home
    return browser


def _fresh_code(secrets, email_address):
    """A code of a 30-second step not used before: allauth refuses a code the second time."""
    entry = secrets[email_address]
    while True:
        code, counter = totp(entry["secret"])
        if counter > entry["used"]:
            entry["used"] = counter
            return code
        time.sleep(1)


def programme_id(browser, name_part):
    _, _, page = browser.get("/programmer/")
    for pk, text in re.findall(rb'href="/programmer/(\d+)/"[^>]*>([^<]+)<', page):
        if name_part.encode() in text:
            return int(pk)
    raise AssertionError(f"no programme {name_part!r} on the programme list")


def report_status(browser, pk):
    _, _, body = browser.get(f"/programmer/{pk}/evaluering/rapport/status/")
    return json.loads(body)


def mails():
    listing = compose("exec", "-T", "smtp", "sh", "-c", "cat /tmp/mail/*.eml 2>/dev/null; true", capture=True)
    found = []
    for raw in listing.split("X-Sink-Rcpt: ")[1:]:
        rcpt, _, message = raw.partition("\n")
        parsed = email.message_from_string(message)
        subject = str(email.header.make_header(email.header.decode_header(parsed["Subject"] or "")))
        found.append((rcpt.strip(), subject))
    return found


def evaluation_mails():
    """The evaluation reminders ("Vi vil gjerne ha svarene dine: ...") the sink has received."""
    return [m for m in mails() if "Vi vil gjerne ha svarene" in m[1]]


def wait_for(what, check, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def first():
    secrets = {}
    hr = log_in(VEFSN_HR, secrets)
    vefsn = programme_id(hr, "Vefsn")
    step(f"logged in as Vefsn's HR; programme {vefsn}")

    # The worker is away while HR asks for the report: the task waits on Redis, nothing is lost.
    compose("stop", "worker")
    status, headers, _ = hr.post(
        f"/programmer/{vefsn}/evaluering/rapport/", {"recommendation": "Vi anbefaler opsjonen."}
    )
    assert status == 302, f"report request: {status}"
    time.sleep(5)
    assert report_status(hr, vefsn)["state"] == "queued", report_status(hr, vefsn)
    step("report requested while the worker is stopped: queued")
    compose("start", "worker")
    ready = wait_for("the report", lambda: report_status(hr, vefsn).get("download_url"), 300)
    step(f"worker started again and built the report: {ready}")
    _, headers, pdf = hr.get(ready)
    assert headers["Content-Type"] == "application/pdf" and pdf.startswith(b"%PDF-"), headers
    assert len(pdf) > 10_000, len(pdf)
    step(f"PDF downloaded: {len(pdf)} bytes")

    # Beat's scan finds the evaluation Bindal's HR opens, the worker sends, the sink receives.
    bindal_hr = log_in(BINDAL_HR, secrets)
    bindal = programme_id(bindal_hr, "Bindal")
    closes = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
    needs = "Endringsledelse\nSamhandling\nKommunikasjon"
    status, _, body = bindal_hr.post(f"/programmer/{bindal}/evaluering/ny/", {"needs": needs, "closes_on": closes})
    assert status == 302, f"evaluation open: {status} {body[:500]!r}"
    step("Bindal's HR opened the programme evaluation")
    compose("restart", "worker")
    step("worker restarted while beat scans")
    wait_for("reminder mails at the sink", evaluation_mails, 180)
    time.sleep(25)  # two more scans: nothing is sent twice
    wanted = evaluation_mails()
    recipients = [rcpt for rcpt, _ in wanted]
    assert len(recipients) == len(set(recipients)), recipients
    assert all(r.endswith("bindal.example.no") for r in recipients), recipients
    beat_log = compose("logs", "--no-color", "beat", capture=True)
    assert "core.tasks.scan_reminders" in beat_log, "beat never sent a scan"
    step(f"reminder mails at the sink, once each: {recipients} ({wanted[0][1]!r})")

    with open(STATE, "w") as out:
        json.dump(
            {
                "secrets": secrets,
                "report": ready,
                "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
                "bindal": bindal,
                "reminded": sorted(recipients),
            },
            out,
        )


def again():
    with open(STATE) as source:
        state = json.load(source)
    secrets = state["secrets"]
    hr = log_in(VEFSN_HR, secrets)  # the authenticator set up before `down` is still there
    _, _, pdf = hr.get(state["report"])
    assert hashlib.sha256(pdf).hexdigest() == state["pdf_sha256"], "the report is not the same file"
    step("after down + up: logged in with the same authenticator, same PDF downloaded")
    bindal_hr = log_in(BINDAL_HR, secrets)
    _, _, page = bindal_hr.get(f"/programmer/{state['bindal']}/evaluering/")
    assert b"Endringsledelse" in page or b"evaluering" in page
    time.sleep(25)  # beat scans again after the restart: the reminders already sent stay sent
    resent = evaluation_mails()
    assert resent == [], resent
    step("after down + up: the evaluation is there, no reminder sent again")


if __name__ == "__main__":
    {"first": first, "again": again}[sys.argv[1]]()
