"""The one way a lower layer learns what the apps above it contribute: a registry the apps fill.

Django's admin is the model. Core defines a `Registry` (reminder kinds, "Mine data" parts, erasure
parts, demo builders, bench pages, feed sources, start-page sections, audit labels, role sources);
each app registers its part in a module of its own beside its models (`peergroups/reminders.py`,
`peergroups/gdpr.py`, ...), and `CoreConfig.ready()` imports those modules in every installed app
with `autodiscover_modules`, as `admin.autodiscover()` imports every `admin.py`. So core never
imports an app, and an app's whole part of a cross-cutting feature is in that app.

Items are iterated by (`order`, registration): registration follows INSTALLED_APPS, and `order`
keeps a sequence that users or outputs see (the preferences page, the bench report) where the
apps' order would change it.
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

# The modules an app may have to contribute to core's registries (see the README's layout section).
CONTRIBUTION_MODULES = ("roles", "audit", "reminders", "gdpr", "demo", "bench", "calendar", "home", "cockpit", "record")


class Registry:
    def __init__(self, name):
        self.name = name
        self._entries = {}  # key -> (order, registration index, item)

    def register(self, item=None, *, key=None, order=100):
        """Add `item` (usable as a decorator, with or without arguments). Keys are unique: two apps
        claiming one key is a mistake to find at start-up, not a silent override."""

        def add(item):
            name = key or getattr(item, "key", None) or f"{item.__module__}.{item.__qualname__}"
            if name in self._entries:
                raise ImproperlyConfigured(f"{self.name}: {name!r} is registered twice")
            self._entries[name] = (order, len(self._entries), item)
            return item

        return add if item is None else add(item)

    def get(self, key, default=None):
        entry = self._entries.get(key)
        return default if entry is None else entry[2]

    def keys(self):
        return [name for name, _entry in self._sorted()]

    def items(self):
        return [(name, entry[2]) for name, entry in self._sorted()]

    def _sorted(self):
        return sorted(self._entries.items(), key=lambda pair: pair[1][:2])

    def __iter__(self):
        return iter([item for _name, item in self.items()])

    def __len__(self):
        return len(self._entries)

    def __contains__(self, key):
        return key in self._entries

    def __repr__(self):
        return f"<Registry {self.name}: {', '.join(self.keys())}>"


def autodiscover():
    """Import every installed app's contribution modules (called once, from CoreConfig.ready())."""
    autodiscover_modules(*CONTRIBUTION_MODULES)
