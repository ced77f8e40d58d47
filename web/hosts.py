"""Refuse requests for any host but ours, before Flask builds anything for them.

Flask's TRUSTED_HOSTS check alone leaves the request without a URL adapter, so the error page (which links to
the home page) would fail with a 500; here the refusal is a plain 400 that names nothing the visitor sent.
"""

from __future__ import annotations

from collections.abc import Iterable

from werkzeug.exceptions import SecurityError
from werkzeug.wrappers import Response
from werkzeug.wsgi import get_host

REFUSED = "This address is not one this service answers to. Use the link the council gave you.\n"


class TrustedHostsMiddleware:
    def __init__(self, app, trusted_hosts: Iterable[str]):
        self.app = app
        self.trusted_hosts = list(trusted_hosts)

    def __call__(self, environ, start_response):
        try:
            get_host(environ, self.trusted_hosts)
        except SecurityError:
            response = Response(REFUSED, status=400, mimetype="text/plain")
            response.headers["Cache-Control"] = "no-store"
            return response(environ, start_response)
        return self.app(environ, start_response)
