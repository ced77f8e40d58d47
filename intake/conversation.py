"""What both views share: the conversation engine for this request (router, teams, today).

Views -> this module and intake/drafts.py, intake/submission.py -> models. No rules about questions live here.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from intake.engine import ConversationContext, Engine, RouteInfo
from intake.flow import Option
from intake.routing import get_router
from models.db import built_once_per_database
from models.teams import Team, directory_version
from settings import Settings

_ACTIVE_TEAMS = select(Team).where(Team.active).order_by(Team.name)
OFF_TOPIC_FOLLOW_UP = " If it's also about children's services, carry on and we'll pass it to the right team."


def active_teams(session: Session, version: int) -> tuple[Option, ...]:
    """The teams a person may choose from, kept per process until the directory's number changes."""

    def build() -> tuple[Option, ...]:
        return tuple(Option(team.slug, team.name) for team in session.exec(_ACTIVE_TEAMS))

    return built_once_per_database(session, "team-options", (version,), build)


def conversation_engine(session: Session, settings: Settings, at: datetime) -> Engine:
    """The engine for one request: the directory's number is read once; the router and team list are kept."""
    version = directory_version(session)
    router = get_router(session, version)

    def route(text: str) -> RouteInfo:
        result = router.route(text)
        off_topic = result.off_topic
        return RouteInfo(
            team=result.team if result.decision == "auto" else None,
            team_name=result.team_name if result.decision == "auto" else None,
            decision=result.decision,
            confidence=round(float(result.confidence), 1),
            off_topic=(off_topic.advice + OFF_TOPIC_FOLLOW_UP) if off_topic else "",
        )

    return Engine(
        ConversationContext(
            today=at.astimezone(settings.timezone).date(),
            route=route,
            teams=active_teams(session, version),
            settings=settings,
        )
    )
