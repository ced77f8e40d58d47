"""The intake router, as casework uses it: the triage suggestions and POST /api/v1/route."""

from __future__ import annotations

from sqlmodel import Session

from intake import routing


def router_for(session: Session) -> routing.Router:
    # The cached router, rebuilt when the team directory changes.
    return routing.get_router(session)
