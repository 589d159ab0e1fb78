import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse

from blog import throttle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

WAIT = "Please wait {} second"
LOCKED = "Too many failed sign-in attempts. Sign-in is blocked for 15 more minutes"


class Clock:
    def __init__(self):
        self.seconds = 1_800_000_000.0

    def __call__(self):
        return self.seconds


@pytest.fixture(autouse=True)
def clock(settings, monkeypatch):
    cache.clear()
    settings.LOGIN_SLOW_AFTER = 3
    settings.LOGIN_LOCK_AFTER = 5
    settings.LOGIN_LOCK_MINUTES = 15
    settings.LOGIN_DELAY_SECONDS = 1.0
    settings.BEHIND_PROXY = False
    clock = Clock()
    monkeypatch.setattr(throttle, "now", clock)
    return clock


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", password="right-password-1", is_staff=True
    )


def sign_in(client, username="editor", password="wrong", ip="10.0.0.1"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def errors(response):
    return " ".join(response.context["form"].non_field_errors())


def test_after_a_few_failures_attempts_must_wait_longer_each_time(client, editor, clock):
    for _ in range(3):
        assert sign_in(client).status_code == 200
    # The fourth attempt at once is refused without looking at the password:
    # nothing sleeps, the reader is told how long to wait.
    response = sign_in(client, password="right-password-1")
    assert response.status_code == 429
    assert WAIT.format(1) in errors(response)
    assert SESSION_KEY not in client.session
    clock.seconds += 1
    assert sign_in(client).status_code == 200
    response = sign_in(client)
    assert response.status_code == 429
    assert WAIT.format(2) in errors(response)
    clock.seconds += 2
    assert sign_in(client, password="right-password-1").status_code == 302


def test_no_worker_ever_sleeps(client, editor, monkeypatch):
    def no_sleep(seconds):
        raise AssertionError(f"slept {seconds} s in a worker")

    monkeypatch.setattr(time, "sleep", no_sleep)
    statuses = [sign_in(client).status_code for _ in range(8)]
    assert statuses == [200, 200, 200, 429, 429, 429, 429, 429]


def test_repeated_failures_for_one_name_from_one_address_lock_that_pair(client, editor, clock):
    for _ in range(5):
        response = sign_in(client, ip="10.0.1.1")
        clock.seconds += 10
    assert LOCKED in errors(response)
    # Even the right password is refused while locked, with the same message,
    # and the name typed is still in the form.
    response = sign_in(client, password="right-password-1", ip="10.0.1.1")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert response.context["form"]["username"].value() == "editor"
    assert SESSION_KEY not in client.session


def test_failures_for_one_name_from_many_addresses_slow_it_but_never_lock_the_owner_out(
    client, editor, clock
):
    for number in range(12):
        sign_in(client, ip=f"10.0.4.{number}")
        clock.seconds += 5
    # Right after one more failure elsewhere the name must pause…
    sign_in(client, ip="10.0.4.99")
    response = sign_in(client, password="right-password-1", ip="10.9.9.9")
    assert response.status_code == 429
    # …for a few seconds at most, never locked.
    clock.seconds += 5
    response = sign_in(client, password="right-password-1", ip="10.9.9.9")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(editor.pk)


def test_guessing_elsewhere_never_slows_the_owner_at_an_address_they_signed_in_from(
    client, editor, clock
):
    assert sign_in(client, password="right-password-1", ip="10.7.7.7").status_code == 302
    client.logout()
    for number in range(20):
        sign_in(client, ip=f"10.0.5.{number}")
        clock.seconds += 5
    sign_in(client, ip="10.0.5.99")
    response = sign_in(client, password="right-password-1", ip="10.7.7.7")
    assert response.status_code == 302


def test_an_empty_password_resets_nothing(client, editor, clock):
    for _ in range(3):
        sign_in(client, ip="10.0.6.1")
    clock.seconds += 1
    # Django does not even authenticate a form without a password: it must
    # not count as the success that clears the name's failures.
    assert sign_in(client, password="", ip="10.0.6.2").status_code == 200
    response = sign_in(client, ip="10.0.6.3")
    assert response.status_code == 200
    response = sign_in(client, ip="10.0.6.4")
    assert response.status_code == 429
    assert WAIT.format(2) in errors(response)


def test_without_the_cache_sign_in_works_unthrottled(client, editor, cache_away):
    assert [sign_in(client).status_code for _ in range(6)] == [200] * 6
    assert sign_in(client, password="right-password-1").status_code == 302


def test_an_ipv6_subnet_counts_as_one_address(client, editor, clock):
    for number in range(5):
        sign_in(client, username=f"guess{number}", ip=f"2001:db8:1:2::{number + 1:x}")
        clock.seconds += 10
    response = sign_in(client, password="right-password-1", ip="2001:db8:1:2::ffff")
    assert LOCKED in errors(response)
    response = sign_in(client, password="right-password-1", ip="2001:db8:1:3::1")
    assert response.status_code == 302


def test_repeated_failures_from_one_address_lock_it_for_every_name(client, editor, clock):
    for number in range(5):
        sign_in(client, username=f"guess{number}", ip="10.0.2.1")
        clock.seconds += 10
    response = sign_in(client, password="right-password-1", ip="10.0.2.1")
    assert LOCKED in errors(response)
    # Another address still signs in.
    response = sign_in(client, password="right-password-1", ip="10.0.2.2")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(editor.pk)


def test_a_successful_sign_in_clears_the_user_names_failures(client, editor, clock):
    for number in range(4):
        sign_in(client, ip=f"10.0.3.{number}")
        clock.seconds += 5
    assert sign_in(client, password="right-password-1", ip="10.0.3.9").status_code == 302
    client.logout()
    assert sign_in(client, ip="10.0.3.20").status_code == 200
    assert sign_in(client, ip="10.0.3.21").status_code == 200


def test_the_admin_speaks_chinese_when_language_code_is_zh_hans(client, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    response = client.get(reverse("admin:login"))
    assert "登录" in response.content.decode()
    assert 'lang="zh-hans"' in response.content.decode()
