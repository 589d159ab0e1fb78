"""Settings come from the environment and fail loudly, naming the variable."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from blog import env

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.mark.parametrize(
    ("reader", "name", "value"),
    [
        (lambda: env.get_bool("DJANGO_DEBUG"), "DJANGO_DEBUG", "maybe"),
        (lambda: env.get_int("POSTS_PER_PAGE", 10), "POSTS_PER_PAGE", "ten"),
        (lambda: env.get_int("POSTS_PER_PAGE", 10), "POSTS_PER_PAGE", "0"),
        (
            lambda: env.get_choice("COMMENT_MODERATION", "known", ["all", "known"]),
            "COMMENT_MODERATION",
            "some",
        ),
        (lambda: env.get_time_zone("TIME_ZONE", "UTC"), "TIME_ZONE", "Mars/Olympus"),
        (lambda: env.get_database("DATABASE_URL", "x"), "DATABASE_URL", "mysql://db/x"),
        (lambda: env.get_cache("CACHE_URL"), "CACHE_URL", "memcached://x"),
        (lambda: env.get_email("EMAIL_URL"), "EMAIL_URL", "smtp://"),
        (lambda: env.get_email("EMAIL_URL"), "EMAIL_URL", "smtp://host:port"),
    ],
)
def test_wrong_values_name_the_variable(monkeypatch, reader, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        reader()


def test_readers_parse_good_values(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "Yes")
    monkeypatch.setenv("POSTS_PER_PAGE", " 7 ")
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "a.example, b.example,")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5433/blog")
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://me%40x.org:s3cret@mail.x.org:587")
    assert env.get_bool("DJANGO_DEBUG") is True
    assert env.get_int("POSTS_PER_PAGE", 10) == 7
    assert env.get_list("DJANGO_ALLOWED_HOSTS", []) == ["a.example", "b.example"]
    database = env.get_database("DATABASE_URL", "unused")
    assert (database["ENGINE"], database["NAME"], database["PORT"]) == (
        "django.db.backends.postgresql",
        "blog",
        5433,
    )
    assert env.get_cache("CACHE_URL") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }
    email = env.get_email("EMAIL_URL")
    assert (email["EMAIL_HOST"], email["EMAIL_PORT"], email["EMAIL_HOST_USER"]) == (
        "mail.x.org",
        587,
        "me@x.org",
    )
    assert email["EMAIL_USE_TLS"] is True


def test_defaults_are_local_and_safe(monkeypatch):
    for name in ["DATABASE_URL", "CACHE_URL", "EMAIL_URL"]:
        monkeypatch.delenv(name, raising=False)
    assert env.get_database("DATABASE_URL", "/tmp/x.sqlite3")["ENGINE"].endswith("sqlite3")
    assert env.get_cache("CACHE_URL")["BACKEND"].endswith("LocMemCache")
    assert env.get_email("EMAIL_URL")["EMAIL_BACKEND"].endswith("console.EmailBackend")


def run_check(**overrides):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "POSTS_", "COMMENT_", "TIME_ZONE", "LANGUAGE_CODE"))
    }
    environment.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_process_refuses_to_start_with_a_wrong_value():
    result = run_check(DJANGO_SECRET_KEY="k" * 50, LANGUAGE_CODE="fr")
    assert result.returncode != 0
    assert "LANGUAGE_CODE='fr' is not valid" in result.stderr


def test_secret_key_required_without_debug():
    result = run_check()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr
    assert run_check(DJANGO_DEBUG="1").returncode == 0


def test_deploy_check_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SECRET_KEY": "p" * 20 + "roduction-" + "x9" * 20,
            "DJANGO_ALLOWED_HOSTS": "blog.example.com",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
