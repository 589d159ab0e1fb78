"""A reader's browser speaking to the WSGI handler as gunicorn does, for the
page cache's fast-path tests."""

from http.cookies import SimpleCookie

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from posts.pagecache.fastpath import FastPathHandler


class Answer:
    def __init__(self, status, headers, content, fast):
        self.status_code = int(status.split()[0])
        self.headers = dict(headers)
        self.content = content
        self.fast = fast
        self.cookies = SimpleCookie()
        for name, value in headers:
            if name == "Set-Cookie":
                self.cookies.load(value)

    def __getitem__(self, name):
        return self.headers[name]


class Reader:
    """A reader's browser speaking to the WSGI handler as gunicorn does."""

    def __init__(self):
        self.cookies = SimpleCookie()
        self.handler = FastPathHandler()  # as the test client, with the settings of now

    def get(self, path, **extra):
        if self.cookies:
            extra.setdefault(
                "HTTP_COOKIE", "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
            )
        request = RequestFactory().get(path, **extra)
        # As a server sends it: the request decoded its path into the environ.
        environ = {**request.environ, "PATH_INFO": request.path_info.encode().decode("latin-1")}
        started = []

        def note(**kwargs):
            started.append(True)

        # As Django's test client: the test's transaction must outlive the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        request_started.connect(note)
        answered = []
        try:
            body = self.handler(environ, lambda *status_headers: answered.extend(status_headers))
            content = b"".join(body)
            getattr(body, "close", lambda: None)()
        finally:
            request_started.disconnect(note)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        answer = Answer(*answered, content, fast=not started)
        self.cookies.update(answer.cookies)
        return answer
