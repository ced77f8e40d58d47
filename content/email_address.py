"""Is this one email address? email-validator reads it by the RFCs (syntax only: no DNS, which needs the
network); a hand-written pattern let "a,victim@evil.example" through, which a mail server reads as two."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email


def one_email_address(text: str, *, allow_test_domain: bool = False) -> str | None:
    """The address, normalised (the domain in lower case), or None when `text` is not exactly one address.

    No display names, quoted local parts or IP-address domains: nothing a person types by accident.
    `allow_test_domain` accepts the reserved ".test" domain, which the tests' addresses use and which no mail
    server delivers to.
    """
    try:
        checked = validate_email(text, check_deliverability=False, test_environment=allow_test_domain)
    except EmailNotValidError:
        return None
    return checked.normalized
