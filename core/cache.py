"""The cache in files used without Redis (lederprogram/settings.py)."""

from django.core.cache.backends import filebased


class FileBasedCache(filebased.FileBasedCache):
    """Django's FileBasedCache, without a listing of the whole directory before every write.

    Django's `set()` counts the cache's files (its `_cull`) every time, to see whether MAX_ENTRIES is
    reached, so a write costs more the more the cache holds: 2.4 ms at 555 files on the bench
    machine, a fifth of a calendar feed's rebuild (issue 21). A count of n files says that at least
    MAX_ENTRIES - n more writes are needed before the cache is full, so this one counts again only
    after a tenth of that room has been written by this process (at most CHECK_EVERY writes): at 600
    files of 20,000 it counts once per 1,000 writes, near the limit before every write, as Django
    does. One process never goes past MAX_ENTRIES before a cull; ten processes writing at once at most
    as far as Django's own count, which is not exact either when processes write at the same time. A
    full cache is culled as Django culls it (a third of the entries at random, with the default
    CULL_FREQUENCY). Each thread has its own instance (django.core.cache.caches), and so its own count.
    """

    CHECK_EVERY = 1000
    CHECK_SHARE = 10

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes_before_count = 0

    def _cull(self):
        if self._writes_before_count > 0:
            self._writes_before_count -= 1
            return
        room = self._max_entries - len(self._list_cache_files())
        if room <= 0:
            super()._cull()  # counts once more, and removes entries
            return  # and counts again before the next write
        self._writes_before_count = min(self.CHECK_EVERY, room // self.CHECK_SHARE)
