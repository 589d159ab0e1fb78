"""This process's own copies of cached pages, in front of the shared cache.

A cache hit then costs one small read (the current generation) instead of
fetching the whole page from the shared cache every time: an Atom feed is
hundreds of kilobytes, and moving it out of Redis cost more than the rest
of the answer.

Exactness does not depend on this copy: every entry names the generation it
was rendered under and is used only when that is still the current one,
read from the shared cache on every request. A change elsewhere therefore
shows on the very next request here too; old copies are simply dropped.
"""

import threading

# Enough for every page of a blog readers actually open between two
# changes; the oldest copies go first beyond it.
MAX_BYTES = 64 * 1024 * 1024


def _size(entry):
    return len(entry.content) + len(entry.gzipped or b"")


class Pages:
    """Copies of entries by key, all of one generation, at most ``max_bytes`` of
    content (plain and gzipped)."""

    def __init__(self, max_bytes=MAX_BYTES):
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._generation = None
        self._entries = {}
        self._size = 0

    def get(self, key):
        """The copy at ``key``, of whatever generation, or None."""
        return self._entries.get(key)

    def put(self, key, entry):
        """Keep a copy of ``entry`` (dropping every copy of an older generation)."""
        size = _size(entry)
        if size > self.max_bytes:
            return
        with self._lock:
            if entry.generation != self._generation:
                self._entries.clear()
                self._size = 0
                self._generation = entry.generation
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= _size(old)
            while self._entries and self._size + size > self.max_bytes:
                oldest = next(iter(self._entries))
                self._size -= _size(self._entries.pop(oldest))
            self._entries[key] = entry
            self._size += size

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._size = 0
            self._generation = None


pages = Pages()
