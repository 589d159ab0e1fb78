"""The full-page cache for anonymous readers, and what keeps it exact.

- ``generation``: a site-wide generation in the shared cache, part of every
  cached page's key and bumped on every change readers could see, and the
  deadline no cached page outlives (the next scheduled publication);
  ``remember`` caches page fragments (the sidebar) under the same rules.
- ``holes``: per-reader values (CSRF token, one-use comment token) kept out
  of cached pages as placeholders, filled in per response.
- ``middleware``: serves and stores reader pages, answers conditional GETs.
- ``fastpath``: answers hits for readers without a session before the
  session, auth and URL layers run.
- ``invalidation``: the receivers that bump the generation.
"""
