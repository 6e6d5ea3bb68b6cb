"""core.cache.FileBasedCache: Django's cache in files, without counting the directory before every
write (issue 21), and never fuller than MAX_ENTRIES before it culls."""

from unittest import mock

from core.cache import FileBasedCache


def test_writes_count_the_directory_only_when_it_may_be_full(tmp_path):
    cache = FileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 20000}})
    with mock.patch.object(cache, "_list_cache_files", wraps=cache._list_cache_files) as listed:
        for number in range(300):
            cache.set(f"key-{number}", number)
    assert listed.call_count == 1  # room for 20,000: the next count is 1,000 writes away
    assert [cache.get(f"key-{number}") for number in (0, 150, 299)] == [0, 150, 299]


def test_it_never_holds_more_than_max_entries_and_culls_as_django_does(tmp_path):
    cache = FileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 60, "CULL_FREQUENCY": 3}})
    sizes = []
    with mock.patch.object(cache, "_list_cache_files", wraps=cache._list_cache_files) as listed:
        for number in range(400):
            cache.set(f"key-{number}", number)
            sizes.append(len(list(tmp_path.glob("*.djcache"))))
    assert max(sizes) == 60
    assert sizes[:61] == [*range(1, 61), 41]  # full, then a third culled before the next write
    assert listed.call_count < 400  # fewer counts than writes
