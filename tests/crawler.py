"""A crawler for the tests: follows every link of ours on every page a person reaches from the start page.

Each link's shape (the path with its numbers as N, and the names of its query parameters) is followed
at most SHAPE_LIMIT times, so a calendar's "next month" or thirty participants' pages end; every link
on every page reached is still read and remembered with the page it was found on.
"""

import re
from collections import Counter
from urllib.parse import parse_qsl, urljoin, urlsplit

SHAPE_LIMIT = 4
PAGE_LIMIT = 800
# Not pages: files, Django's admin (staff only, its own guard), the language switch (a form) and
# logging out (which would end the crawl).
SKIP = ("/static/", "/media/", "/admin/", "/i18n/", "/konto/logout/")
HREF = re.compile(r"""<a\b[^>]*?\bhref=["']([^"']+)["']""", re.IGNORECASE)


def shape(url):
    parts = urlsplit(url)
    return re.sub(r"\d+", "N", parts.path), tuple(sorted({key for key, _ in parse_qsl(parts.query)}))


def links_of(page_url, body):
    for href in HREF.findall(body):
        href = href.replace("&amp;", "&")
        if href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        url = urljoin(page_url, href)
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver":
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIP):
            yield path


def crawl(client, start="/", on_page=None):
    """Visit what `client` reaches from `start`. Returns {url: (status, found_on)}; `on_page(url, response)`
    is called for every HTML page."""
    answers, found_on, followed = {}, {start: "(start)"}, Counter()
    queue = [start]
    while queue and len(answers) < PAGE_LIMIT:
        url = queue.pop(0)
        if url in answers:
            continue
        response = client.get(url)
        answers[url] = (response.status_code, found_on[url])
        targets = []
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            targets = [response["Location"]]
        elif response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            body = response.content.decode()
            if on_page:
                on_page(url, response)
            targets = list(links_of(url, body))
        for target in targets:
            if target in answers or target in found_on:
                continue
            if followed[shape(target)] >= SHAPE_LIMIT:
                continue
            followed[shape(target)] += 1
            found_on[target] = url
            queue.append(target)
    return answers
