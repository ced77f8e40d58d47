"""What both views share: the conversation engine for this request (router, teams, today).

Views -> this module and intake/drafts.py, intake/submission.py -> models. No rules about questions live here.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from content.complainant import SOME_TEAM
from intake.engine import ConversationContext, Engine, RouteInfo
from intake.flow import ADULT, CHILD, Option
from intake.routing import get_router
from models.teams import Team
from settings import Settings

OFF_TOPIC_FOLLOW_UP = " If it's also about children's services, carry on and we'll pass it to the right team."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def conversation_engine(session: Session, settings: Settings, at: datetime) -> Engine:
    router = get_router(session)
    active = session.exec(select(Team).where(Team.active).order_by(Team.name)).all()
    public_names = {team.slug: team.public_name for team in active}

    def route(text: str) -> RouteInfo:
        result = router.route(text)
        off_topic = result.off_topic
        return RouteInfo(
            team=result.team if result.decision == "auto" else None,
            team_name=result.team_name if result.decision == "auto" else None,
            public_name=(public_names.get(result.team) or None) if result.decision == "auto" and result.team else None,
            decision=result.decision,
            confidence=round(float(result.confidence), 1),
            off_topic=(off_topic.advice + OFF_TOPIC_FOLLOW_UP) if off_topic else "",
        )

    # A child or care leaver chooses from the teams in their own words (official names carry jargon).
    teams = tuple(
        Option(team.slug, {ADULT: team.name, CHILD: _capital(team.public_name or SOME_TEAM)}) for team in active
    )
    return Engine(
        ConversationContext(today=at.astimezone(settings.timezone).date(), route=route, teams=teams, settings=settings)
    )
