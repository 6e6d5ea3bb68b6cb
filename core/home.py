"""The start page's sections (core.views.HomeView), filled by the apps' home.py (core/registry.py).

Each section is fn(user, context) -> dict, merged into the page's context in `order`: programmes'
dashboard first (10: the user's programmes per role, which the later sections annotate), then
the gatherings' own runs (20), then the leader's space, peer groups and evaluation. Each shows
in its own templates <app>/_home_*.html, included by core/home.html.
"""

from core.registry import Registry

START_PAGE = Registry("start-page sections")

# The programme cockpit's items (programmes/cockpit.py): each app's cockpit.py registers
# fn(programmes, today) -> [Item], asking the database a fixed number of times for all programmes.
COCKPIT = Registry("cockpit items")

# The participant record's parts that a higher app knows (participants/record_views.py): each
# registers fn(participant) -> dict merged into the record page's context (sessions: their runs).
PARTICIPANT_RECORD = Registry("participant record parts")
