"""The start page's programme sections (core/home.py runs them in order): the user's programmes per
role first, and last HR's most urgent cockpit items across the programmes they administer."""

from core.home import START_PAGE
from programmes.cockpit import cockpit_items
from programmes.selectors import home_dashboard

# How many items the start page shows; the cockpit of each programme has the rest.
TOP_ITEMS = 8


@START_PAGE.register(order=10)
def dashboard(user, page):
    return {"dashboard": home_dashboard(user)}


# Last: the other sections set what the cockpit's sources reuse (e.g. evaluation's latest reports).
@START_PAGE.register(order=900)
def cockpit(user, page):
    programmes = page["dashboard"]["hr_programmes"]
    if not programmes:
        return {}
    items = cockpit_items(programmes)
    for programme in programmes:
        programme.cockpit_count = sum(1 for item in items if item.programme is programme)
    return {"cockpit_top": items[:TOP_ITEMS], "cockpit_total": len(items)}
