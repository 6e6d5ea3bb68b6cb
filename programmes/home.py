"""HR's start page: the most urgent cockpit items across the programmes they administer."""

from programmes.cockpit import cockpit_items

# How many items the start page shows; the cockpit of each programme has the rest.
TOP_ITEMS = 8


def context(user, dashboard):
    programmes = dashboard["hr_programmes"]
    if not programmes:
        return {}
    items = cockpit_items(programmes)
    for programme in programmes:
        programme.cockpit_count = sum(1 for item in items if item.programme is programme)
    return {"cockpit_top": items[:TOP_ITEMS], "cockpit_total": len(items)}
