"""The answer staff read: one sentence that states the figure and how the question was understood."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from content.dates import plain_date
from queries.engine import OUTCOME_LABELS, Figure, Result, split_subject
from queries.parser import ParseResult
from queries.query import STAGE_KEYS, STAGE_NAMES, Filters, Grouping, Live, Measure, Query
from queries.vocabulary import Vocabulary

UNITS = {
    Measure.COUNT: "complaints",
    Measure.TOP: "complaints",
    Measure.SHARE: "percent",
    Measure.ON_TIME: "percent",
    Measure.AVERAGE_DAYS: "working days",
    Measure.MEDIAN_DAYS: "working days",
    Measure.LATE: "percent",
    Measure.LATE_COUNT: "complaints",
}
LIVE_WORDS = {
    Live.OPEN: "open (waiting for a response)",
    Live.OVERDUE: "overdue (open past their deadline; an agreed extension moves the deadline)",
    Live.DUE_TODAY: "due today",
    Live.TRIAGE: "waiting in triage for a team",
}
STATUTORY_DAYS = {1: 10, 2: 25}
ROLE_PLURALS = {
    "child": "children or young people",
    "care-leaver": "care leavers",
    "parent": "parents or families",
    "foster-carer": "foster carers",
    "guardian-adopter": "special guardians or adopters",
    "advocate": "advocates",
    "other": "other people",
}
GROUP_NAMES = {
    Grouping.TEAM: "team",
    Grouping.OUTCOME: "outcome",
    Grouping.MONTH: "month",
    Grouping.QUARTER: "quarter of the financial year",
    Grouping.REASON: "reason (lesson learned)",
    Grouping.STAGE: "stage",
    Grouping.ROLE: "who complained",
    Grouping.DANGER: "kind of danger",
    Grouping.OFFICER: "officer",
    Grouping.PROCEDURE: "procedure (statutory or corporate)",
    Grouping.DECISION: "the Ombudsman's decision",
    Grouping.KIND: "kind",
}
FEEDBACK_WORDS = {
    "compliment": "compliments",
    "enquiry": "enquiries",
    "mp-enquiry": "MP enquiries",
    "councillor-enquiry": "councillor enquiries",
    "pre-complaint": "pre-complaints",
    "professional-complaint": "professional complaints",
}
DECISION_WORDS = {
    "upheld": "upheld",
    "partly-upheld": "partly upheld",
    "not-upheld": "not upheld",
    "closed-after-initial-enquiries": "closed after initial enquiries",
    "premature": "premature (sent back to the council)",
    "not-investigated": "not investigated",
}


@dataclass
class Answer:
    question: str
    answer: str
    value: float | int | None
    unit: str
    rows: list[dict] = field(default_factory=list)
    interpretation: dict = field(default_factory=dict)
    query: Query | None = None  # kept for follow-ups; not part of the JSON
    clear: bool = True
    refused: bool = False  # a manager asked about another team

    def as_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "value": self.value,
            "unit": self.unit,
            "rows": self.rows,
            "interpretation": self.interpretation,
        }


def whole_percent(value: float | None) -> str:
    # Half up, as people round: 40.9 is 41%, 12.5 is 13%.
    return "no figure" if value is None else f"{int(value + 0.5)}%"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def unclear_answer(parsed: ParseResult, questions: list[str] | None = None) -> Answer:
    """ "I'm not sure ..." with what could be asked instead, as questions the page shows as links."""
    questions = questions or []
    interpretation = {
        "status": "unclear",
        "not_understood": parsed.unplaced,
        "ambiguous": [{"words": words, "could_be": options} for words, options in parsed.ambiguous],
        "problems": parsed.problems,
        "suggestions": parsed.suggestions,
        "corrections": [{"from": a, "to": b} for a, b in parsed.corrections],
        "did_you_mean": questions,
    }
    text = parsed.message() + did_you_mean(questions)
    return Answer(parsed.question, text, None, "complaints", [], interpretation, parsed.query, False)


class Phrasing:
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab

    def stages(self, query: Query) -> str:
        procedure = f"{query.filters.procedure} " if query.filters.procedure else ""  # never dropped unsaid
        if not query.stages:
            return f"{procedure}complaints at any stage"
        names = [STAGE_NAMES[s] for s in query.stages]
        if names == ["Ombudsman"]:
            decided = self.decisions(query.filters)
            return f"Ombudsman {decided}" if decided else f"{procedure}Ombudsman complaints"
        return procedure + " and ".join(names) + " complaints"

    @staticmethod
    def decisions(filters: Filters) -> str:
        if not (filters.decisions or filters.remedy):
            return ""
        kinds = " or ".join(DECISION_WORDS[d] for d in filters.decisions if d in DECISION_WORDS)
        text = f"decisions ({kinds})" if kinds else "decisions"
        return text + (" that asked for a remedy" if filters.remedy else "")

    def teams(self, filters: Filters) -> str:
        if filters.teams:
            names = [self.vocab.team_name(slug) for slug in filters.teams]
            return "for " + " or ".join(names)
        if filters.lac is True:
            return "for LAC teams"
        if filters.lac is False:
            return "for teams outside LAC"
        return ""

    def roles(self, filters: Filters) -> str:
        if not filters.roles:
            return ""
        return "from " + " or ".join(ROLE_PLURALS[r] for r in filters.roles)

    def learning(self, filters: Filters) -> str:
        if not filters.learning:
            return ""
        labels = [self.vocab.learning.get(slug, (0, slug))[1] for slug in filters.learning]
        return "with the lesson " + " or ".join(f"'{label}'" for label in labels)

    def outcomes(self, filters: Filters) -> str:
        if not filters.outcomes:
            return ""
        return "that were " + " or ".join(OUTCOME_LABELS[o].lower() for o in filters.outcomes)

    def flagged(self, filters: Filters) -> str:
        return "flagged for safeguarding" if filters.safeguarding else ""

    def extended(self, filters: Filters) -> str:
        return "whose deadline was extended" if filters.extended else ""

    def escalated(self, filters: Filters) -> str:
        return "that went on to the next stage" if filters.escalated else ""

    def subject(self, query: Query, filters: Filters) -> str:
        """ "stage 1 complaints from parents for Leaving Care" (no period, no outcome)."""
        if query.feedback:
            kinds = " and ".join(FEEDBACK_WORDS[kind] for kind in query.feedback)
            return " ".join(part for part in (kinds, self.teams(filters)) if part)
        parts = [
            self.stages(query),
            self.flagged(filters),
            self.roles(filters),
            "made through an advocate" if filters.via_advocate else "",
            self.teams(filters),
            self.learning(filters),
            self.extended(filters),
            self.escalated(filters),
            _answered_word(query, filters),
        ]
        return " ".join(part for part in parts if part)

    def share_of(self, filters: Filters) -> str:
        if filters.outcomes:
            return "were " + " or ".join(OUTCOME_LABELS[o].lower() for o in filters.outcomes)
        if filters.learning:
            return "recorded " + self.learning(filters).removeprefix("with ")
        if filters.extended:
            return "had their deadline extended"
        if filters.escalated:
            return "went on to the next stage"
        if filters.safeguarding:
            return "were " + self.flagged(filters)
        if filters.roles:
            return "came " + self.roles(filters)
        if filters.via_advocate:
            return "were made through an advocate"
        if filters.procedure:
            return f"were {filters.procedure}"
        return "were " + self.teams(filters)


def _answered_word(query: Query, filters: Filters) -> str:
    if not query.by_response:
        return ""
    if filters.decisions or filters.remedy:
        return "made"  # "Ombudsman decisions (upheld) made in 2022/23"
    return "decided" if query.group_by is Grouping.DECISION else "answered"


def live_words(query: Query, as_of) -> str:
    if query.live is Live.OVERDUE and not query.count_extensions:
        return "past their statutory deadline (extensions ignored)"
    if query.live is Live.DUE_THIS_WEEK:
        sunday = as_of + timedelta(days=6 - as_of.weekday())
        return f"due from today to Sunday {plain_date(sunday)} (not yet overdue)"
    if query.live is Live.DUE_TOMORROW:
        return f"due tomorrow ({plain_date(as_of + timedelta(days=1))})"
    if query.live is Live.DUE_NEXT_7_DAYS:
        return f"due from today to {plain_date(as_of + timedelta(days=7))} (the next 7 days; not yet overdue)"
    if query.live is Live.DUE_NEXT_WEEK:
        monday = as_of + timedelta(days=7 - as_of.weekday())
        return f"due next week ({plain_date(monday)} to {plain_date(monday + timedelta(days=6))})"
    assert query.live is not None  # the caseload's words for a caseload query
    return LIVE_WORDS[query.live]


def _live_sentence(query: Query, figure: Figure, phrasing: Phrasing) -> str:
    subject = phrasing.subject(query, query.filters).replace("complaints at any stage", "complaints")
    day = plain_date(figure.period.start)
    what = live_words(query, figure.period.start)
    if query.measure is Measure.TOP:
        if not figure.value:
            return f"No {subject} are {what} on {day}."
        leaders = [row for row in figure.rows if row.value == figure.value]
        names = _and_list([row.label for row in leaders[:3]])
        return f"{names} had the most {subject} {what} on {day}: {figure.value}{' each' if len(leaders) > 1 else ''}."
    count = figure.value
    noun = subject if count != 1 else subject.replace("complaints", "complaint", 1)
    return f"{count} {noun} {'is' if count == 1 else 'are'} {what} on {day}."


def sentence(result: Result, phrasing: Phrasing, scoped: bool) -> str:
    query = result.query
    if query.live is not None:
        text = _live_sentence(query, result.main, phrasing)
        if query.group_by is not None and query.measure is not Measure.TOP and result.main.rows:
            text += f" The table shows them by {GROUP_NAMES[query.group_by]}."
        elif result.main.rows:
            text += " The table lists them."
        return text + (" These are your team's figures only." if scoped else "")
    text = _main_sentence(query, result.main, phrasing)
    if result.other is not None:
        text = text.rstrip(".") + f", compared with {_short(query, result.other)} in {result.other.period.phrase[3:]}."
        if result.main.period.kind == "since" or result.other.period.kind == "since":
            text = text.replace(" in from ", " from ")
    if query.group_by is not None and query.measure is not Measure.TOP and result.main.rows:
        text += f" The table shows them by {GROUP_NAMES[query.group_by]}."
    if scoped:
        text += " These are your team's figures only."
    return text


def corrections_note(parsed: ParseResult) -> str:
    """ "I read 'compliants' as 'complaints'." so a wrong guess at a typo is seen at once, not buried."""
    if not parsed.corrections:
        return ""
    readings = ", ".join(f"'{a}' as '{b}'" for a, b in parsed.corrections)
    return f" (I read {readings}.)"


def _short(query: Query, figure: Figure) -> str:
    if query.measure in (Measure.SHARE, Measure.ON_TIME, Measure.LATE):
        return f"{whole_percent(figure.value)} ({figure.numerator} of {figure.denominator})"
    if query.measure in (Measure.AVERAGE_DAYS, Measure.MEDIAN_DAYS):
        return "no answered complaints" if figure.value is None else f"{figure.value} working days"
    return str(figure.value)


def _main_sentence(query: Query, figure: Figure, phrasing: Phrasing) -> str:
    filters = query.filters
    subject = phrasing.subject(query, filters)
    when = figure.period.phrase
    if query.measure is Measure.TOP:
        return _top_sentence(query, figure, subject, when)
    if query.measure is Measure.SHARE:
        subject_filters, base = split_subject(filters)
        if subject_filters.is_empty():
            return f"The {figure.denominator} {phrasing.subject(query, base)} {when}, as percentages of the total."
        decided = " decided (upheld, partially upheld or not upheld)" if figure.undecided else ""
        text = (
            f"{figure.numerator} of {figure.denominator} {phrasing.subject(query, base)}{decided} {when} "
            f"{phrasing.share_of(subject_filters)}: {whole_percent(figure.value)}."
        )
        if figure.undecided:
            left = "is" if figure.undecided == 1 else "are"
            text += f" {figure.undecided} not decided (no outcome yet, withdrawn or resolved early) {left} left out."
        return text
    if query.measure is Measure.ON_TIME:
        return _on_time_sentence(query, figure, subject, when, phrasing)
    if query.measure in (Measure.LATE, Measure.LATE_COUNT):
        return _late_sentence(query, figure, subject, when, phrasing)
    if query.measure is Measure.MEDIAN_DAYS:
        if figure.value is None:
            return f"None of the {subject} received {when} {phrasing.outcomes(filters)} has been answered yet."
        return (
            f"Half of the {figure.denominator} answered {subject} received {when} took {figure.value} working days "
            "or fewer to answer (the median; counted from the day of receipt)."
        )
    if query.measure is Measure.AVERAGE_DAYS:
        if figure.value is None:
            return f"None of the {subject} received {when} {phrasing.outcomes(filters)} has been answered yet."
        return (
            f"{_capital(subject)} received {when} took {figure.value} working days on average to answer "
            f"({figure.denominator} answered; counted from the day of receipt)."
        )
    count = figure.value
    verb = "was" if count == 1 else "were"
    if query.feedback:
        return f"There {verb} {count} {subject} {'answered' if query.by_response else 'received'} {when}."
    noun = subject if count != 1 else subject.replace("complaints", "complaint", 1)
    outcome = phrasing.outcomes(filters)
    return f"There {verb} {count} {noun} {when}{' ' + outcome if outcome else ''}."


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _reading(query: Query) -> str:
    """Which of the two on-time readings an answer used, in words (docs/reporting.md, "Counting a stage")."""
    if query.by_response and query.count_extensions:
        return (
            " This is the reading councils publish and the annual report gives: the stages closed in the period. "
            "Ask 'received' instead of 'closed' for the stages received in it."
        )
    if query.by_response:
        return (
            " This counts the stages closed in the period against the statutory date only; the published figure "
            "counts agreed extensions too: ask '% closed in time'."
        )
    return (
        " This counts the stages received in the period; the annual report's published figure counts those closed "
        "in it, with agreed extensions: ask '% closed in time'."
    )


def _on_time_sentence(query: Query, figure: Figure, subject: str, when: str, phrasing: Phrasing) -> str:
    subject = subject.removesuffix(" answered")
    verb = "closed" if query.by_response else "received"
    if not figure.denominator:
        return f"None of the {subject} {verb} {when} can be judged on time or late yet."
    if query.count_extensions:
        how = "on time (by their deadline, counting agreed extensions)"
    elif len(query.stages) == 1 and query.stages[0] in STATUTORY_DAYS:
        how = f"within {STATUTORY_DAYS[query.stages[0]]} working days"
    else:
        how = "on time (by the statutory deadline; extensions not counted)"
    outcome = phrasing.outcomes(query.filters)
    return (
        f"{figure.numerator} of {figure.denominator} {subject} {verb} {when}{' ' + outcome if outcome else ''} "
        f"were answered {how}: {whole_percent(figure.value)}." + _reading(query)
    )


def _late_sentence(query: Query, figure: Figure, subject: str, when: str, phrasing: Phrasing) -> str:
    subject = subject.removesuffix(" answered")
    verb = "closed" if query.by_response else "received"
    if not figure.denominator:
        return f"None of the {subject} {verb} {when} can be judged on time or late yet."
    deadline = "their deadline counting agreed extensions" if query.count_extensions else "the statutory deadline"
    outcome = phrasing.outcomes(query.filters)
    text = (
        f"{figure.numerator} of {figure.denominator} {subject} {verb} {when}{' ' + outcome if outcome else ''} "
        f"were late (answered after {deadline}, or still open past it)"
    )
    return text + (f": {whole_percent(figure.value)}." if query.measure is Measure.LATE else ".") + _reading(query)


def _top_sentence(query: Query, figure: Figure, subject: str, when: str) -> str:
    if not figure.rows or not figure.value:
        return f"There were no {subject} {when}."
    leaders = [row for row in figure.rows if row.value == figure.value]
    names = _and_list([row.label for row in leaders[:3]])
    each = " each" if len(leaders) > 1 else ""
    if query.group_by is Grouping.REASON:
        what = "lessons were" if len(leaders) > 1 else "lesson was"
        return (
            f"Among {figure.denominator} {subject} {when}, the most common {what} {names}: "
            f"{figure.value} complaints{each}."
        )
    if query.group_by is Grouping.OUTCOME:
        return f"The most common outcome of {subject} {when} was {names.lower()}: {figure.value}{each}."
    if query.group_by is Grouping.ROLE:
        names = _and_list([ROLE_PLURALS.get(row.key, row.label) for row in leaders[:3]])
        return f"Most {subject} {when} came from {names}: {figure.value}{each}."
    return f"{names} had the most {subject} {when}: {figure.value}{each}."


def interpretation(parsed: ParseResult, query: Query, phrasing: Phrasing, *, as_of, scoped: bool) -> dict:
    filters = query.filters
    subject, base = split_subject(filters) if query.measure is Measure.SHARE else (Filters(), filters)
    data = {
        "status": "ok",
        "measure": query.measure.value,
        "stages": [STAGE_KEYS[s] for s in query.stages] or ["all"],
        "period": query.period.as_dict() if query.period else None,
        "compare_with": query.compare_with.as_dict() if query.compare_with else None,
        "filters": {
            "teams": [{"key": slug, "label": phrasing.vocab.team_name(slug)} for slug in filters.teams],
            "lac": filters.lac,
            "outcomes": list(filters.outcomes),
            "learning": list(filters.learning),
            "roles": list(filters.roles),
            "safeguarding": filters.safeguarding,
            "extended": filters.extended,
            "procedure": filters.procedure,
            "ombudsman_decisions": list(filters.decisions),
            "remedy": filters.remedy,
            "via_advocate": filters.via_advocate,
        },
        "feedback": list(query.feedback),
        "group_by": query.group_by.value if query.group_by else None,
        "as_of": as_of.isoformat(),
        "counted_by": "the date each stage was answered" if query.by_response else "the date each stage was received",
        "understood": parsed.understood,
        "corrections": [{"from": a, "to": b} for a, b in parsed.corrections],
        "notes": list(parsed.notes),
        "follow_up": parsed.follow_up,
        "your_team_only": scoped,
    }
    if query.measure is Measure.SHARE:
        data["share_of"] = phrasing.subject(query, base)
        data["share_is"] = phrasing.share_of(subject) if not subject.is_empty() else "each group's part of the total"
    if query.live is not None:
        data["live"] = query.live.value
        data["counted_by"] = f"the caseload on {plain_date(as_of)}: {live_words(query, as_of)}"
    if query.measure in (Measure.ON_TIME, Measure.LATE, Measure.LATE_COUNT):
        data["on_time_rule"] = (
            "answered by the agreed extended deadline, or the statutory one when not extended"
            if query.count_extensions
            else "answered by the statutory deadline (extensions not counted)"
        ) + "; open complaints past their deadline count as late; open ones not yet due are left out"
    if query.limit:
        data["limit"] = query.limit
    return data


# -- "Did you mean": a question the parser reads back as exactly the query it stands for ----------------------
_MEASURE_WORDS = {
    Measure.COUNT: "how many",
    Measure.SHARE: "percentage of",
    Measure.TOP: "top",
    Measure.ON_TIME: "percentage of",
    Measure.LATE: "percentage of",
    Measure.LATE_COUNT: "how many",
    Measure.AVERAGE_DAYS: "average working days to respond for",
    Measure.MEDIAN_DAYS: "median working days to respond for",
}
_MEASURE_TAILS = {
    Measure.ON_TIME: "answered on time",
    Measure.LATE: "answered late",
    Measure.LATE_COUNT: "answered late",
}
_LIVE_PHRASES = {
    Live.OPEN: "open",
    Live.OVERDUE: "overdue",
    Live.DUE_TODAY: "due today",
    Live.DUE_THIS_WEEK: "due this week",
    Live.DUE_NEXT_WEEK: "due next week",
    Live.DUE_TOMORROW: "due tomorrow",
    Live.DUE_NEXT_7_DAYS: "due in the next 7 days",
    Live.TRIAGE: "in triage",
}
_ROLE_PHRASES = {
    "child": "from children",
    "care-leaver": "from care leavers",
    "parent": "from parents",
    "foster-carer": "from foster carers",
    "guardian-adopter": "from special guardians",
    "advocate": "from advocates",
    "other": "from other complainants",
}
_GROUP_PHRASES = {
    Grouping.TEAM: "by team",
    Grouping.OUTCOME: "by outcome",
    Grouping.MONTH: "by month",
    Grouping.QUARTER: "by quarter",
    Grouping.REASON: "by reason",
    Grouping.STAGE: "by stage",
    Grouping.ROLE: "by complainant",
    Grouping.DANGER: "by kind of danger",
    Grouping.OFFICER: "by officer",
    Grouping.PROCEDURE: "by procedure",
    Grouping.DECISION: "by decision",
    Grouping.KIND: "",
}


_TOP_WORDS = {
    Grouping.TEAM: "which team had the most",
    Grouping.MONTH: "which month had the most",
    Grouping.QUARTER: "which quarter had the most",
    Grouping.REASON: "top reasons for",
    Grouping.OUTCOME: "most common outcome of",
}


def question_text(query: Query, vocab: Vocabulary) -> str:
    """The query as a short question in the words the parser knows ("How many stage 1 complaints in 2022/23?")."""
    f = query.filters
    if not query.stages:
        stages = "" if query.live else "all stages"  # the caseload is every stage unless one is named
    else:
        numbered = [str(s) for s in query.stages if s != 4]
        stages = " and ".join(
            filter(None, ["stage " + " and ".join(numbered) if numbered else "", "ombudsman" * (4 in query.stages)])
        )
    top = _MEASURE_WORDS[query.measure]
    group = query.group_by
    if query.measure is Measure.TOP and query.limit:
        top = f"top {query.limit}"
    elif query.measure is Measure.TOP and group in _TOP_WORDS:
        top, group = _TOP_WORDS[group], None  # "Which team had the most stage 1 complaints in 2022/23?"
    if query.feedback:
        return _feedback_question(query, vocab)
    parts = [
        top,
        f.procedure or "",
        stages,
        _LIVE_PHRASES[query.live] if query.live else "",
        "" if _decided_words(f.decisions) else "complaints",
        _MEASURE_TAILS.get(query.measure, ""),
        "including extensions" if query.count_extensions and not query.live else "",
        " ".join(_ROLE_PHRASES[r] for r in f.roles),
        ("for " + " and ".join(vocab.team_name(slug) for slug in f.teams)) if f.teams else "",
        {True: "for LAC", False: "non LAC", None: ""}[f.lac],
        " or ".join(OUTCOME_LABELS[o].lower() for o in f.outcomes),
        " or ".join(vocab.learning[slug][1] for slug in f.learning if slug in vocab.learning),
        "flagged for safeguarding" if f.safeguarding else "",
        "extended deadline" if f.extended else "",
        "through an advocate" if f.via_advocate else "",
        " or ".join(_DECISION_PHRASES[d] for d in f.decisions if d in _DECISION_PHRASES),
        _decided_words(f.decisions),
        "remedies" if f.remedy else "",
        "escalated" if f.escalated else "",
        "ignoring extensions" if query.live and not query.count_extensions else "",
        "answered" if query.by_response and not (f.decisions or f.remedy or group is Grouping.DECISION) else "",
        _GROUP_PHRASES[group] if group else "",
        "" if query.live else _period_words(query.period),
        f"compared with {_period_words(query.compare_with)}" if query.compare_with else "",
    ]
    text = " ".join(part for part in parts if part)
    return _capital(text) + "?"


def _feedback_question(query: Query, vocab: Vocabulary) -> str:
    """ "How many compliments in 2022/23?" """
    group = query.group_by if query.group_by is not Grouping.KIND else None
    parts = [
        "which team had the most" if query.measure is Measure.TOP else "how many",
        " and ".join(FEEDBACK_WORDS[kind].lower() for kind in query.feedback),
        ("for " + " and ".join(vocab.team_name(slug) for slug in query.filters.teams)) if query.filters.teams else "",
        "answered" if query.by_response else "",
        _GROUP_PHRASES[group] if group and query.measure is not Measure.TOP else "",
        _period_words(query.period),
        f"compared with {_period_words(query.compare_with)}" if query.compare_with else "",
    ]
    return _capital(" ".join(part for part in parts if part)) + "?"


def _decided_words(decisions: tuple[str, ...]) -> str:
    """ "decisions upheld or partly upheld": the Ombudsman's findings, read back as decisions, not outcomes."""
    found = [DECISION_WORDS[d] for d in ("upheld", "partly-upheld", "not-upheld") if d in decisions]
    if found == ["upheld"]:
        found = ["fully upheld"]  # "upheld" alone at the Ombudsman could include partly upheld
    return "decisions " + " or ".join(found) if found else ""


_DECISION_PHRASES = {
    "premature": "premature",
    "closed-after-initial-enquiries": "closed after initial enquiries",
    "not-investigated": "not investigated",
}


def _period_words(period) -> str:
    if period.kind == "since":
        return period.label
    if period.kind == "rolling":
        return "in " + period.label
    if period.kind in ("range", "as-of"):
        return f"from {plain_date(period.start)} to {plain_date(period.end)}"
    return "in " + period.label


def did_you_mean(questions: list[str]) -> str:
    if not questions:
        return ""
    return " Did you mean: " + "; or ".join(q.rstrip("?") for q in questions) + "?"
