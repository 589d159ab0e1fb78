"""Typed readers for environment variables.

Every reader names the variable in its error, so a wrong value stops the
process at start with a message an operator can act on.
"""

import os
import zoneinfo
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

DATABASE_CONNECT_TIMEOUT = 3  # seconds
CACHE_TIMEOUT = 0.5  # seconds
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def fail(name, value, expected):
    raise ImproperlyConfigured(f"{name}={value!r} is not valid: expected {expected}.")


def get_str(name, default=""):
    """The variable's value; unset, empty or blank means ``default``."""
    return os.environ.get(name, "").strip() or default


def get_file(name):
    """Return the stripped content of the file named by ``name``, or "" when unset."""
    path = get_str(name)
    if not path:
        return ""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError as exc:
        fail(name, path, f"a readable file ({exc.strerror})")


def read_if_exists(path):
    """The stripped content of ``path``, or "" when there is no such file."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def get_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    fail(name, raw, "one of 1/0, true/false, yes/no, on/off")


def get_int(name, default, minimum=1, maximum=10_000):
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        value = None
    if value is None or not minimum <= value <= maximum:
        fail(name, raw, f"a whole number from {minimum} to {maximum}")
    return value


def get_choice(name, default, choices, normalise=None):
    value = get_str(name, default) or default
    if normalise is not None:
        value = normalise(value)
    if value not in choices:
        fail(name, value, "one of " + ", ".join(choices))
    return value


def get_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def get_time_zone(name, default):
    value = get_str(name, default) or default
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        fail(name, value, "an IANA time zone such as Asia/Shanghai or UTC")
    return value


def get_site_url(name):
    """``https://host[:port]`` without a trailing slash, or "" when unset."""
    raw = get_str(name)
    if not raw:
        return ""
    parts = urlsplit(raw)
    try:
        parts.port  # noqa: B018 - a malformed port raises here
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
        or parts.username
    ):
        fail(name, raw, "a site address such as https://blog.example.com (no path)")
    return f"{parts.scheme}://{parts.netloc}"


def get_database(name, default_sqlite_path):
    raw = get_str(name)
    if not raw:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite_path),
        }
    scheme = urlsplit(raw).scheme
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        fail(name, raw, "a postgres://user@host:port/name or sqlite:///path URL")
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        fail(name, raw, f"a database URL ({exc})")
    if config["ENGINE"].endswith("sqlite3"):
        config.pop("CONN_MAX_AGE", None)
        config.pop("CONN_HEALTH_CHECKS", None)
    else:
        # A database that does not answer costs a request seconds, not minutes:
        # the page is a 503 soon enough for the reader to try again.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    return config


def get_cache(name):
    """Return Django's CACHES['default'] for locmem://, redis://, rediss:// or dummy://."""
    raw = get_str(name)
    if not raw or raw.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    scheme = urlsplit(raw).scheme
    if scheme in {"redis", "rediss"}:
        # Short timeouts: without its cache the blog goes on (see blog/outages.py),
        # so waiting long for it only makes every page slow.
        return {
            "BACKEND": "blog.cache.SharedClientRedisCache",
            "LOCATION": raw,
            "OPTIONS": {"socket_connect_timeout": CACHE_TIMEOUT, "socket_timeout": CACHE_TIMEOUT},
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    fail(name, raw, "redis://host:port/db, locmem:// or dummy://")


def get_email(name):
    """Return email settings from console://, smtp://user:pass@host:port or smtp+tls://…."""
    raw = get_str(name)
    if not raw or raw == "console://":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if raw == "locmem://":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    parts = urlsplit(raw)
    if parts.scheme not in {"smtp", "smtp+tls", "smtp+ssl"} or not parts.hostname:
        fail(name, raw, "console://, locmem:// or smtp[+tls|+ssl]://user:password@host:port")
    try:
        port = parts.port or 25
    except ValueError:
        fail(name, raw, "a numeric SMTP port")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parts.scheme == "smtp+ssl",
        "EMAIL_TIMEOUT": 10,
    }
