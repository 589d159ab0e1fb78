"""Fixtures for the site-wide tests: headless Chromium (see tests/browser.py)."""

from tests.browser import browser, new_page  # noqa: F401 (fixtures)
