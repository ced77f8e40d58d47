"""Reading the values people type into spreadsheets: dates in the ways councils write them, yes and no, money,
who complained and the outcome in everyday words, and the equalities answers.

Each reader returns the value or raises ValueError with a message for the line's problem.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from models.complaints import ComplainantRole, OmbudsmanDecision, Outcome, Procedure
from models.equalities import EQUALITIES

# Dates before this are typing mistakes (year 0001, 1900 from an empty Excel cell), not complaints we can hold.
EARLIEST_DATE = date(1990, 1, 1)
DATE_HELP = "use YYYY-MM-DD or DD/MM/YYYY"  # YYYY/MM/DD, DD-MM-YYYY and DD.MM.YYYY are read too
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
# Day first, the UK way: 05/04/2022, 5-4-2022, 05.04.2022, and Excel's "05/04/2022 00:00".
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")


class DateReading:
    """A date read from the file, and whether its day and month could have been the other way round."""

    __slots__ = ("ambiguous", "day")

    def __init__(self, day: date, ambiguous: bool):
        self.day, self.ambiguous = day, ambiguous


def read_date(value: str, today: date | None) -> DateReading:
    """A date as councils write it. "04/05/2022" is 4 May (the UK way) and marked ambiguous: it could be 5 April.

    A day after `today` is refused (None: a deadline, which may be ahead)."""
    value = value.strip()
    iso = _ISO.match(value)
    day_first = None if iso else _DAY_FIRST.match(value)
    try:
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            reading = DateReading(date(year, month, day), False)
        elif day_first:
            day, month, year = (int(part) for part in day_first.groups())
            reading = DateReading(date(year, month, day), day != month and day <= 12 and month <= 12)
        else:
            raise ValueError
    except ValueError:
        raise ValueError(f"{value!r} is not a date ({DATE_HELP})") from None
    if reading.day < EARLIEST_DATE:
        raise ValueError(f"{value!r} is before 1990; check the year")
    if today is not None and reading.day > today:
        raise ValueError(f"{value!r} is in the future")
    return reading


TRUE_WORDS, FALSE_WORDS = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}


def read_flag(value: str) -> bool | None:
    lowered = value.strip().lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    if not lowered:
        return None
    raise ValueError(f"{value!r} is not yes or no")


def read_money(value: str) -> Decimal | None:
    """Pounds: "250", "£1,250.50", "1250.5"; empty is None."""
    cleaned = value.strip().replace("£", "").replace(",", "").strip()
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not an amount in pounds, like 250 or 1250.50") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("100000000"):
        raise ValueError(f"{value!r} is not an amount in pounds, like 250 or 1250.50")
    return amount.quantize(Decimal("0.01"))


def _words(value: str) -> str:
    """Lower case, with hyphens, underscores and repeated spaces as one space: "Partially-Upheld" is "partially
    upheld"."""
    return " ".join(re.sub(r"[-_]", " ", value.lower()).split())


def _table(pairs: dict[str, str]) -> dict[str, str]:
    return {_words(key): value for key, value in pairs.items()}


ROLE_WORDS = _table(
    {role.value: role.value for role in ComplainantRole}
    | {role.label: role.value for role in ComplainantRole}
    | {
        "young person": ComplainantRole.CHILD,
        "child": ComplainantRole.CHILD,
        "looked after child": ComplainantRole.CHILD,
        "parent": ComplainantRole.PARENT,
        "parent or carer": ComplainantRole.PARENT,
        "family": ComplainantRole.PARENT,
        "family member": ComplainantRole.PARENT,
        "relative": ComplainantRole.PARENT,
        "grandparent": ComplainantRole.PARENT,
        "foster carer": ComplainantRole.FOSTER_CARER,
        "carer": ComplainantRole.FOSTER_CARER,
        "care leaver": ComplainantRole.CARE_LEAVER,
        "special guardian": ComplainantRole.GUARDIAN_ADOPTER,
        "guardian": ComplainantRole.GUARDIAN_ADOPTER,
        "adopter": ComplainantRole.GUARDIAN_ADOPTER,
        "adoptive parent": ComplainantRole.GUARDIAN_ADOPTER,
        "advocate": ComplainantRole.ADVOCATE,
        "other": ComplainantRole.OTHER,
        "not known": ComplainantRole.NOT_RECORDED,
        "unknown": ComplainantRole.NOT_RECORDED,
        "not recorded": ComplainantRole.NOT_RECORDED,
    }
)
OUTCOME_WORDS = _table(
    {outcome.value: outcome.value for outcome in Outcome}
    | {outcome.label: outcome.value for outcome in Outcome}
    | {
        "partly upheld": Outcome.PARTIALLY_UPHELD,
        "part upheld": Outcome.PARTIALLY_UPHELD,
        "partial": Outcome.PARTIALLY_UPHELD,
        "not upheld": Outcome.NOT_UPHELD,
        "no finding": Outcome.NOT_UPHELD,
        "resolved": Outcome.RESOLVED_EARLY,
    }
)
DECISION_WORDS = _table(
    {decision.value: decision.value for decision in OmbudsmanDecision}
    | {
        "partially upheld": OmbudsmanDecision.PARTLY_UPHELD,
        "fault and injustice": OmbudsmanDecision.UPHELD,
        "no fault": OmbudsmanDecision.NOT_UPHELD,
        "closed after initial enquiries": OmbudsmanDecision.CLOSED_AFTER_INITIAL_ENQUIRIES,
        "not investigated": OmbudsmanDecision.NOT_INVESTIGATED,
        "premature": OmbudsmanDecision.PREMATURE,
        "referred back for local resolution": OmbudsmanDecision.PREMATURE,
    }
)
PROCEDURE_WORDS = _table({p.value: p.value for p in Procedure} | {"corporate complaint": Procedure.CORPORATE})


def _choice(table: dict[str, str], value: str, what: str, allowed) -> str:
    found = table.get(_words(value))
    if found is None:
        raise ValueError(f"unknown {what} {value!r} (use one of: {', '.join(allowed)})")
    return str(found)


def read_role(value: str) -> str:
    return _choice(ROLE_WORDS, value, "complainant_role", [r.value for r in ComplainantRole])


def read_outcome(value: str) -> str:
    return _choice(OUTCOME_WORDS, value, "outcome", [o.value for o in Outcome])


def read_decision(value: str) -> str:
    return _choice(DECISION_WORDS, value, "ombudsman_decision", [d.value for d in OmbudsmanDecision])


def read_procedure(value: str) -> str:
    return _choice(PROCEDURE_WORDS, value, "procedure", [p.value for p in Procedure])


def read_equality(column: str, value: str) -> str:
    """One equalities answer: the slug, or its words ("Prefer not to say", "White"); "" when empty."""
    if not value.strip():
        return ""
    values = EQUALITIES[column]
    table = _table({slug: slug for slug, _ in values} | {label: slug for slug, label in values})
    return _choice(table, value, column, [slug for slug, _ in values])
