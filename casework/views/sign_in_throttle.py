"""Failed sign-ins counted per account and address, in the rate limiter's shared store.

The old lock-out was per account: anyone who knew a staff email could lock that person out by typing five wrong
passwords, and the page said "locked", which told them the account existed. Now failures count twice:
- per account and address (5 in 15 minutes): the person at that computer waits; the staff member, elsewhere,
  can still sign in. One stranger at one address cannot make more than 20 guesses an hour at any account.
- per account from everywhere (30 an hour): slows guessing from many addresses at once.
Both count by the email as typed (hashed), whether or not an account has it, so being slowed down says nothing
about who works here. The store is the one the other limits use: shared by every worker (README.md).
"""

from __future__ import annotations

import hashlib

from flask import request
from limits import parse

from extensions import limiter

PER_ACCOUNT_AND_ADDRESS = parse("5 per 15 minutes")
PER_ACCOUNT = parse("30 per hour")


def _keys(email: str) -> list[tuple]:
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return [
        (PER_ACCOUNT_AND_ADDRESS, "sign-in-failures", account, request.remote_addr or ""),
        (PER_ACCOUNT, "sign-in-failures", account),
    ]


def slowed_down(email: str) -> bool:
    """Whether attempts at `email` from here wait for now (always False when rate limits are off)."""
    if not limiter.enabled:
        return False
    return not all(limiter.limiter.test(item, *identifiers) for item, *identifiers in _keys(email))


def count_failure(email: str) -> None:
    if limiter.enabled:
        for item, *identifiers in _keys(email):
            limiter.limiter.hit(item, *identifiers)
