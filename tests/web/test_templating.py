"""Templates fail loudly on a name they were not given, and govuk-frontend's optional params stay optional."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from wsgi import create_app


@pytest.fixture
def env(settings):
    return create_app(settings).jinja_env


def test_an_undefined_name_is_an_error(env):
    with pytest.raises(UndefinedError):
        env.from_string("Reply by {{ deadline_typo }}").render()


def test_a_missing_attribute_of_an_object_is_an_error(env):
    class Case:
        reference = "CS-1"

    with pytest.raises(UndefinedError):
        env.from_string("{{ case.refrence }}").render(case=Case())


def test_a_govuk_macro_needs_only_the_params_it_is_given(env):
    template = env.from_string(
        '{% from "govuk_frontend_jinja/components/tag/macro.html" import govukTag %}{{ govukTag({"text": "Open"}) }}'
    )
    assert '<strong class="govuk-tag">' in template.render() and "Open" in template.render()
