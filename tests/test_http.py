from django.test import RequestFactory

from blog.http import absolute_url, client_ip, site_url


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


def request_to(host, server_port="80", secure=False):
    return RequestFactory().get("/", HTTP_HOST=host, SERVER_PORT=server_port, secure=secure)


def test_site_url_is_the_host_asked_for_without_a_foreign_port(settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["localhost", "[::1]"]
    # The port this server listens on stays; any other one the Host header
    # names is left out of absolute URLs, as is a default port.
    assert site_url(request_to("localhost:8000", server_port="8000")) == "http://localhost:8000"
    assert site_url(request_to("localhost:6666", server_port="8000")) == "http://localhost"
    assert site_url(request_to("localhost:80", server_port="80")) == "http://localhost"
    assert site_url(request_to("[::1]:8000", server_port="8000")) == "http://[::1]:8000"
    assert site_url(request_to("localhost", secure=True)) == "https://localhost"


def test_site_url_setting_wins_over_any_host(settings):
    settings.SITE_URL = "https://blog.example.com"
    settings.ALLOWED_HOSTS = ["localhost"]
    request = request_to("localhost:6666", server_port="8000")
    assert site_url(request) == "https://blog.example.com"
    assert absolute_url(request, "/atom.xml") == "https://blog.example.com/atom.xml"


def test_absolute_urls_are_percent_encoded_once(settings):
    settings.SITE_URL = "https://blog.example.com"
    request = request_to("localhost")
    assert (
        absolute_url(request, "/tags/容器/") == "https://blog.example.com/tags/%E5%AE%B9%E5%99%A8/"
    )
    encoded = "/tags/%E5%AE%B9%E5%99%A8/"
    assert absolute_url(request, encoded) == "https://blog.example.com" + encoded
