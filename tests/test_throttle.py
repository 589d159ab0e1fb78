import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse

from blog import throttle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LOCKED = "Too many failed sign-in attempts. Sign-in is blocked for 15 more minutes"


@pytest.fixture(autouse=True)
def limits(settings, monkeypatch):
    cache.clear()
    settings.LOGIN_SLOW_AFTER = 3
    settings.LOGIN_LOCK_AFTER = 5
    settings.LOGIN_LOCK_MINUTES = 15
    settings.LOGIN_DELAY_SECONDS = 1.0
    settings.BEHIND_PROXY = False
    pauses = []
    monkeypatch.setattr(throttle, "pause", pauses.append)
    return pauses


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


def test_failures_are_slowed_down_more_and_more(client, editor, limits):
    for _ in range(5):
        sign_in(client)
    # Three attempts are answered at once; after three failures each waits longer.
    assert limits == [1.0, 2.0]


def test_repeated_failures_for_one_name_from_one_address_lock_that_pair(client, editor):
    for _ in range(5):
        response = sign_in(client, ip="10.0.1.1")
    assert LOCKED in errors(response)
    # Even the right password is refused while locked, with the same message,
    # and the name typed is still in the form.
    response = sign_in(client, password="right-password-1", ip="10.0.1.1")
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert response.context["form"]["username"].value() == "editor"
    assert SESSION_KEY not in client.session


def test_failures_for_one_name_from_many_addresses_slow_it_but_never_lock_the_owner_out(
    client, editor, limits
):
    for number in range(12):
        sign_in(client, ip=f"10.0.4.{number}")
    limits.clear()
    response = sign_in(client, password="right-password-1", ip="10.9.9.9")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(editor.pk)
    # The attempt was held back, because the name is being guessed.
    assert limits and limits[0] > 0


def test_an_ipv6_subnet_counts_as_one_address(client, editor):
    for number in range(5):
        sign_in(client, username=f"guess{number}", ip=f"2001:db8:1:2::{number + 1:x}")
    response = sign_in(client, password="right-password-1", ip="2001:db8:1:2::ffff")
    assert LOCKED in errors(response)
    response = sign_in(client, password="right-password-1", ip="2001:db8:1:3::1")
    assert response.status_code == 302


def test_repeated_failures_from_one_address_lock_it_for_every_name(client, editor):
    for number in range(5):
        sign_in(client, username=f"guess{number}", ip="10.0.2.1")
    response = sign_in(client, password="right-password-1", ip="10.0.2.1")
    assert LOCKED in errors(response)
    # Another address still signs in.
    response = sign_in(client, password="right-password-1", ip="10.0.2.2")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(editor.pk)


def test_a_successful_sign_in_clears_the_user_names_failures(client, editor, limits):
    for number in range(4):
        sign_in(client, ip=f"10.0.3.{number}")
    assert sign_in(client, password="right-password-1", ip="10.0.3.9").status_code == 302
    client.logout()
    limits.clear()
    sign_in(client, ip="10.0.3.20")
    assert limits == []


def test_the_admin_speaks_chinese_when_language_code_is_zh_hans(client, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    response = client.get(reverse("admin:login"))
    assert "登录" in response.content.decode()
    assert 'lang="zh-hans"' in response.content.decode()
