"""Health check of the web container: the login page answers 200 from gunicorn on port 8000.

It asks as the site's first allowed host and as if through the TLS proxy (X-Forwarded-Proto), so
ALLOWED_HOSTS and, with DJANGO_ENV=production, the HTTPS redirect let it through exactly as they let
a visitor through. Standard library only: it runs every few seconds.
"""

import os
import sys
import urllib.request

host = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1").split(",")[0].strip() or "127.0.0.1"
request = urllib.request.Request(
    "http://127.0.0.1:8000/konto/login/", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=8) as response:  # noqa: S310 (a fixed local URL)
        sys.exit(0 if response.status == 200 else 1)
except Exception as error:  # noqa: BLE001 (any failure is "unhealthy")
    print(f"unhealthy: {error}", file=sys.stderr)
    sys.exit(1)
