"""What both views share: the conversation engine for this request (router, teams, today).

Views -> this module and intake/drafts.py, intake/submission.py -> models. No rules about questions live here.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from intake.engine import ConversationContext, Engine, RouteInfo
from intake.flow import Option
from intake.routing import get_router
from models.teams import Team
from settings import Settings

OFF_TOPIC_FOLLOW_UP = " If it's also about children's services, carry on and we'll pass it to the right team."


def conversation_engine(session: Session, settings: Settings, at: datetime) -> Engine:
    router = get_router(session)

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

    teams = tuple(
        Option(team.slug, team.name) for team in session.exec(select(Team).where(Team.active).order_by(Team.name))
    )
    return Engine(
        ConversationContext(today=at.astimezone(settings.timezone).date(), route=route, teams=teams, settings=settings)
    )
