"""The site's CSP header, built once per settings change (blog.csp)."""

import pytest
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from blog.csp import CSPMiddleware

pytestmark = pytest.mark.django_db


def headers_from(middleware_class, view=lambda request: HttpResponse("x")):
    request = RequestFactory().get("/")
    middleware = middleware_class(view)
    response = middleware(request)
    return {name: value for name, value in response.headers.items() if "Security-Policy" in name}


def test_the_header_is_django_csps_own(client):
    ours = headers_from(CSPMiddleware)
    assert ours == headers_from(DjangoCSPMiddleware)
    assert "frame-ancestors 'none'" in ours["Content-Security-Policy"]
    assert client.get("/")["Content-Security-Policy"] == ours["Content-Security-Policy"]


def test_a_settings_change_changes_the_header():
    headers_from(CSPMiddleware)  # built once
    report_only = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp/"}}
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=report_only):
        ours = headers_from(CSPMiddleware)
        assert ours == headers_from(DjangoCSPMiddleware)
        assert "report-uri /csp/" in ours["Content-Security-Policy-Report-Only"]
    assert "Content-Security-Policy-Report-Only" not in headers_from(CSPMiddleware)


def test_a_view_with_its_own_policy_keeps_it():
    view = csp_update({"img-src": ["data:"]})(lambda request: HttpResponse("x"))
    ours = headers_from(CSPMiddleware, view)
    assert ours == headers_from(DjangoCSPMiddleware, view)
    assert "data:" in ours["Content-Security-Policy"]
