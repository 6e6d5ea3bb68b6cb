"""CI only: an SMTP server that accepts every message and keeps it as a file in /tmp/mail (one .eml each).

Python 3.11's smtpd (deprecated, still in the standard library of the app image's Debian Python), so
the sink needs nothing installed: it runs in the app image itself.
"""

import asyncore
import pathlib
import smtpd
import sys
import uuid
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
MAILDIR = pathlib.Path(sys.argv[1])  # the compose file says where


class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        body = data if isinstance(data, bytes) else data.encode()
        (MAILDIR / f"{uuid.uuid4().hex}.eml").write_bytes(b"X-Sink-Rcpt: " + ",".join(rcpttos).encode() + b"\n" + body)


MAILDIR.mkdir(parents=True, exist_ok=True)
Sink(("0.0.0.0", 1025), None, decode_data=False)  # noqa: S104 (the containers' own network only)
print("smtp sink on :1025", flush=True)
asyncore.loop()
