"""Fixtures for the site-wide tests: headless Chromium (see tests/browser.py)."""

from tests.browser import chromium, new_page  # noqa: F401 (fixtures)
