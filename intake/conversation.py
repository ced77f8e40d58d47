"""What both views share: the conversation engine for this request (router, teams, today).

Views -> this module and intake/drafts.py, intake/submission.py -> models. No rules about questions live here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from content.complainant import SOME_TEAM
from intake.engine import ConversationContext, Engine, RouteInfo
from intake.flow import ADULT, CHILD, Option
from intake.routing import get_router
from models.db import built_once_per_database
from models.teams import Team, directory_version
from settings import Settings

_ACTIVE_TEAMS = select(Team).where(Team.active).order_by(Team.name)
OFF_TOPIC_FOLLOW_UP = " If it's also about children's services, carry on and we'll pass it to the right team."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def active_teams(session: Session, version: int) -> tuple[tuple[Option, ...], dict[str, str]]:
    """The teams a person may choose from (a child or care leaver sees them in their own words: official names
    carry jargon) and each team's public name, kept per process until the directory's number changes."""

    def build() -> tuple[tuple[Option, ...], dict[str, str]]:
        active = session.exec(_ACTIVE_TEAMS).all()
        options = tuple(
            Option(team.slug, {ADULT: team.name, CHILD: _capital(team.public_name or SOME_TEAM)}) for team in active
        )
        return options, {team.slug: team.public_name for team in active}

    return built_once_per_database(session, "team-options", (version,), build)


def conversation_engine(session: Session, settings: Settings, at: datetime) -> Engine:
    """The engine for one request. The directory's number is read (once) only when a step needs the router or the
    team list: reading a conversation, and most answers, need neither. The router and team list are kept per
    process until that number changes."""
    directory: dict[str, Any] = {}

    def current() -> dict[str, Any]:
        if not directory:
            version = directory_version(session)
            directory["router"] = get_router(session, version)
            directory["teams"], directory["public_names"] = active_teams(session, version)
        return directory

    def route(text: str) -> RouteInfo:
        result = current()["router"].route(text)
        public_names = current()["public_names"]
        off_topic = result.off_topic
        return RouteInfo(
            team=result.team if result.decision == "auto" else None,
            team_name=result.team_name if result.decision == "auto" else None,
            public_name=(public_names.get(result.team) or None) if result.decision == "auto" and result.team else None,
            decision=result.decision,
            confidence=round(float(result.confidence), 1),
            off_topic=(off_topic.advice + OFF_TOPIC_FOLLOW_UP) if off_topic else "",
        )

    return Engine(
        ConversationContext(
            today=at.astimezone(settings.timezone).date(),
            route=route,
            teams=lambda: current()["teams"],
            settings=settings,
        )
    )
