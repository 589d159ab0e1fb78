from django.test import RequestFactory

from blog.http import client_ip


def request_from(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_the_client_address_comes_from_our_proxy_only_when_behind_one(settings):
    request = request_from("172.18.0.5", "6.6.6.6, 203.0.113.7")
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "172.18.0.5"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "203.0.113.7"


def test_garbage_addresses_are_never_returned(settings):
    settings.BEHIND_PROXY = True
    assert client_ip(request_from("172.18.0.5", "not-an-ip")) == "172.18.0.5"
    assert client_ip(request_from("172.18.0.5", "")) == "172.18.0.5"
    assert client_ip(request_from("junk", "also junk")) is None
    assert client_ip(request_from("::1")) == "::1"
