"""How the app's templates treat a name they were not given: as an error, so a typo cannot render blank.

govuk-frontend-jinja's macros take one `params` dict whose keys are all optional (`params.classes`,
`params.attributes`, ...) and test them with `{% if params.classes %}`. So a key missing from a dict stays
lenient (falsy, renders empty), as those macros expect, and so do the names they test without defining
(`caller`; `undefined` and `null`, a Nunjucks habit). Everything else is strict: an undefined variable, a
macro argument not passed, or an attribute an object does not have (`c.stauts`) raises instead.
"""

from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined, Undefined
from jinja2.utils import missing

LENIENT_NAMES = frozenset({"caller", "undefined", "null"})


class StrictUndefinedExceptParams(StrictUndefined):
    __slots__ = ()

    def __new__(cls, hint: str | None = None, obj: Any = missing, name: str | None = None, exc: Any = None):
        if isinstance(obj, dict) or (obj is missing and name in LENIENT_NAMES):
            # A key missing from a dict: govuk-frontend's optional params (see the module's docstring).
            return Undefined(hint=hint, obj=obj, name=name, **({"exc": exc} if exc is not None else {}))
        return super().__new__(cls)
