"""Behind a proxy, the visitor's address (which rate limits count by) and scheme come from its headers;
with no proxy configured, those headers are ignored, since any visitor could send them."""

from __future__ import annotations

import dataclasses

import pytest
from flask import request

from settings import Settings, SettingsError
from wsgi import create_app

FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}


def probe(settings, hops: int) -> str:
    app = create_app(dataclasses.replace(settings, proxy_hops=hops))
    app.add_url_rule("/_probe", "probe", lambda: f"{request.remote_addr} {request.scheme}")
    response = app.test_client().get("/_probe", headers=FORWARDED, environ_base={"REMOTE_ADDR": "10.0.0.1"})
    return response.get_data(as_text=True)


def test_behind_one_proxy_the_visitor_is_the_forwarded_address(settings):
    assert probe(settings, 1) == "203.0.113.9 https"


def test_with_no_proxy_forwarded_headers_are_not_believed(settings):
    assert probe(settings, 0) == "10.0.0.1 http"


def test_proxy_hops_is_read_from_the_environment(tmp_path):
    assert Settings.from_env({"INSTANCE_PATH": str(tmp_path), "PROXY_HOPS": "2"}).proxy_hops == 2
    assert Settings.from_env({"INSTANCE_PATH": str(tmp_path)}).proxy_hops == 0
    with pytest.raises(SettingsError, match="PROXY_HOPS"):
        Settings.from_env({"INSTANCE_PATH": str(tmp_path), "PROXY_HOPS": "one"})
