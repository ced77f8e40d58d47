"""Ask a question: parse it, run it, phrase the answer. Used by the CLI, the JSON API and the staff page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session

from queries import lesson_actions
from queries.answers import (
    UNITS,
    Answer,
    Phrasing,
    corrections_note,
    did_you_mean,
    interpretation,
    question_text,
    sentence,
    unclear_answer,
)
from queries.engine import Engine, Scope
from queries.parser import Parser
from queries.periods import financial_year_of
from queries.query import Filters, Grouping, Measure, Query, query_to_dict, same_query
from queries.vocabulary import Vocabulary, cached_vocabulary
from queries.words import EXAMPLES


@dataclass
class Asker:
    """One vocabulary and parser for many questions (the CLI's --stdin reads a whole file with one)."""

    session: Session
    as_of: date
    scope: Scope | None = None
    closure_days: Iterable[date] = ()
    vocab: Vocabulary | None = None  # given by callers that already hold one; else the cached one is read

    def __post_init__(self):
        self.vocabulary: Vocabulary = self.vocab or cached_vocabulary(self.session)
        self.parser = Parser(self.vocabulary)
        self.phrasing = Phrasing(self.vocabulary)
        self.engine = Engine(
            self.session, self.vocabulary, as_of=self.as_of, scope=self.scope, closure_days=self.closure_days
        )

    def ask(self, question: str, context: Query | None = None) -> Answer:
        # Lesson actions are counted beside the parser, whose measures all count complaints.
        team_ids = self.scope.team_ids if self.scope is not None else None
        about_actions = lesson_actions.answer(self.session, question, self.as_of, team_ids)
        if about_actions is not None:
            return about_actions
        parsed = self.parser.parse(question, self.as_of, context)
        if not parsed.clear:
            return unclear_answer(parsed, self.could_ask(parsed.alternatives) or self._examples(parsed))
        query = parsed.query
        assert query is not None  # a clear reading always carries its query
        refusal = self._outside_scope(query)
        if refusal:
            return Answer(
                question, refusal, None, UNITS[query.measure], [], {"status": "not-allowed"}, None, False, True
            )
        missing = self.engine.never_recorded(query)
        if missing:
            return self._not_recorded(question, query, missing)
        result = self.engine.run(query)
        none_with_reasons = _no_reasons_recorded(result)
        if none_with_reasons:
            offered = self.could_ask([query.with_changes(group_by=None, measure=Measure.COUNT, limit=None)])
            reading = {"status": "not-recorded", "not_recorded": "reasons", "did_you_mean": offered}
            text = none_with_reasons + did_you_mean(offered)
            return Answer(question, text, None, UNITS[query.measure], [], reading, query, False)
        scoped = self.scope is not None and self.scope.team_ids is not None
        value = result.main.value
        text = sentence(result, self.phrasing, scoped)
        if query.headline is not None:
            # "Stage 1 vs stage 2": the one named first is the value; the sentence gives each side.
            rows = result.main.rows
            value = next((row.value for row in rows if row.key == query.headline), value)
            text += " Side by side: " + "; ".join(f"{row.label} {_shown(row.value)}" for row in rows) + "."
        answer = Answer(
            question=question,
            answer=text + corrections_note(parsed),
            value=value,
            unit="feedback" if query.feedback else UNITS[query.measure],
            rows=[row.as_dict() for row in result.rows],
            interpretation=interpretation(parsed, query, self.phrasing, as_of=self.as_of, scoped=scoped),
            query=query,
        )
        # Sent back as "context" by API clients asking a follow-up ("and last year?").
        answer.interpretation["query"] = query_to_dict(query)
        return answer

    def _not_recorded(self, question: str, query: Query, missing: str) -> Answer:
        """What these records have never held: named, with what can be asked instead, never a count of 0."""
        instead = _without_unrecorded(query)
        offered = [] if same_query(instead, query) else self.could_ask([instead])
        text = (
            f"I can't answer that from the data: these records have never held {missing}, so a count of 0 would "
            "not be true. Record them here (or import them) and ask again." + did_you_mean(offered)
        )
        reading = {"status": "not-recorded", "not_recorded": missing, "did_you_mean": offered}
        return Answer(question, text, None, UNITS[query.measure], [], reading, query, False)

    def _examples(self, parsed) -> list[str]:
        """Nothing near what was asked could be offered: some questions that can be answered, to click instead."""
        if parsed.unsupported or parsed.follow_up:
            return []
        # In the period asked about (or this year), so an example is never about a year these records do not hold.
        period = parsed.query.period if parsed.query is not None else financial_year_of(self.as_of)
        examples = [self.parser.parse(text, self.as_of).query for text in EXAMPLES[:3]]
        return self.could_ask(
            [query.with_changes(period=period, compare_with=None) for query in examples if query is not None]
        )

    def could_ask(self, queries: list[Query]) -> list[str]:
        """Questions for the queries that could be meant, each offered only if it reads back as exactly that query."""
        questions = []
        for query in queries[:3]:
            text = question_text(query, self.vocabulary)
            back = self.parser.parse(text, self.as_of)
            if back.clear and same_query(back.query, query):
                questions.append(text)
        return questions

    def _outside_scope(self, query: Query) -> str:
        if self.scope is None or self.scope.team_ids is None:
            return ""
        named = set(self.vocabulary.team_ids(query.filters.teams))
        if named - self.scope.team_ids:
            return "You can see your own team's figures only. Ask about your team, or ask a complaints officer."
        return ""


def _without_unrecorded(query: Query) -> Query:
    """The nearest question the records can answer: complaints instead of feedback, without the procedure or
    the Ombudsman's decisions."""
    if query.feedback:
        return Query(stages=(1,), period=query.period, filters=Filters(teams=query.filters.teams))
    filters = replace(query.filters, procedure=None, decisions=(), remedy=False)
    group = None if query.group_by in (Grouping.DECISION, Grouping.PROCEDURE) else query.group_by
    by_response = query.by_response and group is not None
    return query.with_changes(filters=filters, group_by=group, by_response=by_response)


def _no_reasons_recorded(result) -> str:
    """ "Top reasons" over stages none of which has a reason recorded: say so, never "there were no complaints"."""
    query, figure = result.query, result.main
    if query.group_by is not Grouping.REASON or query.live is not None:
        return ""
    if query.measure not in (Measure.TOP, Measure.COUNT) or any(row.value for row in figure.rows):
        return ""
    total = (figure.denominator if query.measure is Measure.TOP else figure.value) or 0
    if not total:
        return ""
    return (
        f"None of the {total} complaints counted {figure.period.phrase} has a reason (lesson learned) recorded, so I "
        "can't break them down by reason."
    )


def _shown(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def ask(
    session: Session,
    question: str,
    *,
    as_of: date,
    context: Query | None = None,
    scope: Scope | None = None,
    closure_days: Iterable[date] = (),
) -> Answer:
    return Asker(session, as_of, scope, closure_days).ask(question, context)
