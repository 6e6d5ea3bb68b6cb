"""What `make bench` (core/management/commands/bench.py) measures, filled by the apps' bench.py
(core/registry.py): the pages, the steps that build a world, and extra report lines.

- PAGES: dicts `name`, `public` (no login), `url(world)`, optional `before_each()` and `target`
  (False: reported after the summary, outside the target); `order` keeps the report's sequence.
- WORLD: fn(world) steps that build one Bergen-like world of `world.size` participants, in order;
  each adds what the pages' URLs need (world.programme, world.gathering, world.run, ...). Core
  makes the municipality and the accounts before them and the calendar feeds after them.
- FIRST_LINES: fn() -> str, printed before the worlds are built (while the database holds only
  what they make); LAST_LINES: fn(world at TIMED_SIZE) -> str, printed last. Both are left out
  when --page is given.
"""

from django.urls import reverse

from core.registry import Registry

PAGES = Registry("bench pages")
WORLD = Registry("bench world builders")
FIRST_LINES = Registry("bench lines before the worlds")
LAST_LINES = Registry("bench lines after the pages")


PAGES.register({"name": "hr_home", "public": False, "url": lambda w: reverse("home")}, key="hr_home", order=40)
