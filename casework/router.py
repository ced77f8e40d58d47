"""The intake router, as casework uses it: the triage suggestions and POST /api/v1/route."""

from __future__ import annotations

from sqlmodel import Session

from intake import routing


def router_for(session: Session) -> routing.Router:
    # The routing package may offer a cached router (rebuilt when the directory changes); prefer it.
    cached = getattr(routing, "get_router", None)
    return cached(session) if cached is not None else routing.Router.from_session(session)
