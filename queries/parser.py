"""A staff question in their own words -> a typed Query, or a clear "I'm not sure" naming what was not understood.

Order: fix typos word by word against the known words, read periods and stage numbers with patterns, then
match the longest known phrases; what is left is tried once more fuzzily, and anything still left over makes
the question unclear. Nothing is guessed: ambiguous words (two teams, a bare "2017") are asked about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from content.dates import plain_date
from queries.periods import MONTH_WORDS, Period, PeriodMention, financial_year_of, find_periods
from queries.query import STAGE_KEYS, Filters, Grouping, Live, Measure, Query
from queries.vocabulary import Concept, Vocabulary, tokens
from queries.words import EXAMPLES, NOISE, NUMBER_WORDS, POPULATION

MAX_QUESTION = 500  # characters read; staff questions are a line, and the parser must stay fast
PERIOD_WORDS = frozenset(
    str.split(
        """this last year years quarter month months since financial fiscal calendar ending ended previous current so
    far date ytd prior before within working days day weeks week top reporting"""
    )
)
_STAGE_NUMBER = r"(?:[123]|one|two|three|iii|ii|i)"
# "escalation rate from stage 1 to stage 2": from one stage to the next, not stages 1 and 2
_FROM_TO_RE = re.compile(r"\b(?:from\s+)?stage\s*(?P<a>[12]|one|two)\s+(?:to|into)\s+stage\s*(?P<b>[23]|two|three)\b")
_ESCALATION_HINT = re.compile(r"\b(?:escalat\w*|progress\w*|went\s+on|moved\s+on|went|moved)\b")
_STAGES_RE = re.compile(
    rf"\b(?:stages?|stg|st)\s*-?\s*(?P<list>{_STAGE_NUMBER}(?:\s*(?:,|and|&|or|\+|to)\s*(?:stage\s*)?(?:[123]|one|two|three))*)(?:'?s)?\b"
)
_S_NUMBER_RE = re.compile(r"\bs(?P<n>[123])\b")  # "s1", "s2": staff shorthand
_ORDINAL_STAGE_RE = re.compile(r"\b(?P<n>first|second|third)\s+stage\b")
# "within 10 working days" is on time; "due within 7 days" is the caseload (words.py), so "due " is not read here
_WITHIN_DAYS_RE = re.compile(r"(?<!due )\b(?:within|in|inside)\s+(?:the\s+)?(?P<days>\d{1,3})\s+(?:working\s+)?days?\b")
_TOP_N_RE = re.compile(r"\btop\s+(?P<n>\d{1,2})\b")
_FOLLOW_UP_RE = re.compile(r"^\s*(?:and|what about|how about|same|now|only|just|then|also|ok|okay|what of)\b")
_MEASURE_ORDER = (
    Measure.MEDIAN_DAYS,
    Measure.AVERAGE_DAYS,
    Measure.ON_TIME,
    Measure.SHARE,
    Measure.TOP,
    Measure.COUNT,
)
# Concepts that only switch something on.
_FLAGS = {"compare": "compare", "extensions": "extensions", "extended": "extended", "safeguarding": "safeguarding",
          "now": "now", "statutory-date": "statutory_date"}  # fmt: skip
_PEOPLE_WORDS = frozenset(("children", "child", "young", "people", "leavers", "families"))
_POPULATION_VERBS = frozenset(("do we have", "have we got", "are there"))
# Words about answering: with a count they would mean "answered in the period", which is not how figures count
RESPONSE_WORDS = frozenset(
    ("answered", "answer", "answers", "responded", "replied", "response", "responses", "reply", "respond")
    + ("handled", "dealt", "close", "closed", "closing", "completed", "complete", "concluded", "finalised")
)
# "escalated to stage 2", "went on to the Ombudsman": stages that went on to the next one
_ESCALATED_RE = re.compile(
    r"\b(?:escalated|escalate|escalating|progressed|went\s+on|went|moved\s+on|moved|going\s+on|got|taken)\s+"
    r"(?:on\s+)?(?:to|into)\s+(?:a\s+|the\s+)?(?:stage\s*(?P<n>2|3|two|three)|(?P<ombudsman>(?:local\s+government\s+(?:and\s+social\s+care\s+)?)?ombudsman|lgsco|lgo))\b"
)


@dataclass
class ParseResult:
    question: str
    query: Query | None = None
    unplaced: list[str] = field(default_factory=list)
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)  # (words, what they could mean)
    problems: list[str] = field(default_factory=list)  # other reasons the question is unclear
    suggestions: list[str] = field(default_factory=list)
    corrections: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    understood: list[str] = field(default_factory=list)  # the phrases recognised, for the interpretation
    fillers: list[str] = field(default_factory=list)  # words read as carrying no meaning ("how", "the", "please")
    unsupported: list[tuple[str, str]] = field(default_factory=list)  # (words, what the data does not hold)
    # What could be answered instead: the query with the unclear words left out, or one per choice of team or period
    alternatives: list[Query] = field(default_factory=list)
    team_choices: list[tuple[str, ...]] = field(default_factory=list)
    period_choices: list[str] = field(default_factory=list)
    follow_up: bool = False
    words: list[str] = field(default_factory=list)  # the question's words as read (typos corrected)

    @property
    def clear(self) -> bool:
        return self.query is not None and not (self.unplaced or self.ambiguous or self.problems or self.unsupported)

    def message(self) -> str:
        """ "I'm not sure what you meant by ..." with what it could be; empty when the question is clear."""
        if self.clear:
            return ""
        parts = []
        if self.unplaced:
            words = ", ".join(f"'{word}'" for word in self.unplaced)
            parts.append(f"I'm not sure what you meant by {words}.")
        for words, options in self.ambiguous:
            parts.append(f"I'm not sure what you meant by '{words}': it could be {_or_list(options)}.")
        for words, what in self.unsupported:
            parts.append(f"I can't answer '{words}' from the data: it does not hold {what}.")
        parts.extend(self.problems)
        if not parts:
            parts.append("I'm not sure what you want to know.")
        return " ".join(parts)


def _or_list(options: list[str]) -> str:
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]


DANGER_NOTE = (
    "A complaint can be flagged for more than one kind of danger, so the rows can add up to more than the total; "
    'flags from before the kinds were recorded show as "Kind not recorded".'
)
SAFEGUARDING_NOTE = (
    "Safeguarding flags: complaints whose words suggested a child may be at risk (or where they pressed "
    '"I don\'t feel safe"), counted once each by the day the complaint was received; conversations never sent '
    "are not complaints and are not counted."
)


@dataclass
class _Found:
    """What the words of a question named, before it becomes a Query."""

    measures: set[Measure] = field(default_factory=set)
    stages: list[int] = field(default_factory=list)
    all_stages: bool = False
    groups: list[Grouping] = field(default_factory=list)
    no_group: bool = False
    compare: bool = False
    extensions: bool = False
    within_days: int | None = None
    limit: int | None = None
    teams: list[str] = field(default_factory=list)
    all_teams: bool = False
    lac: bool | None = None
    outcomes: list[str] = field(default_factory=list)
    learning: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    safeguarding: bool = False
    periods: list[PeriodMention] = field(default_factory=list)
    mentions_complaints: bool = False
    late: bool = False
    extended: bool = False
    live: list[Live] = field(default_factory=list)
    now: bool = False
    response_words: list[str] = field(default_factory=list)
    escalated: bool = False
    escalated_to: int | None = None
    statutory_date: bool = False
    implied_stages: list[int] = field(default_factory=list)  # "investigations" (stage 2), "panels" (stage 3)
    unsupported: list[tuple[str, str]] = field(default_factory=list)
    young_people: bool = False  # "young people": children and care leavers together, one group
    late_words: list[str] = field(default_factory=list)
    team_words: list[str] = field(default_factory=list)  # the words that named a team ("children in need")
    maybe_teams: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (words, slugs) to settle
    procedures: list[str] = field(default_factory=list)  # "statutory", "corporate"
    feedback: list[str] = field(default_factory=list)  # compliments, enquiries...: not complaints
    decisions: list[str] = field(default_factory=list)  # the Ombudsman's decisions
    remedy: bool = False
    via_advocate: bool = False
    investigated: bool = False  # "investigated": the Ombudsman's only when the Ombudsman is named
    ombudsman_upheld: bool = False  # "Ombudsman ... upheld": upheld only, or with partly upheld?

    def about_the_ombudsman_decisions(self) -> bool:
        return bool(self.decisions or self.remedy or Grouping.DECISION in self.groups)

    def given(self) -> bool:
        return bool(
            self.measures
            or self.stages
            or self.all_stages
            or self.groups
            or self.no_group
            or self.compare
            or self.teams
            or self.all_teams
            or self.lac is not None
            or self.outcomes
            or self.learning
            or self.roles
            or self.safeguarding
            or self.periods
            or self.late
            or self.extended
            or self.live
            or self.escalated
            or self.implied_stages
            or self.procedures
            or self.feedback
            or self.decisions
            or self.remedy
            or self.via_advocate
        )


class Parser:
    def __init__(self, vocabulary: Vocabulary):
        self.vocab = vocabulary
        self._known = sorted(
            vocabulary.known_words | PERIOD_WORDS | set(MONTH_WORDS) | set(NUMBER_WORDS) | {"stage", "stages"}
        )
        self._known_set = frozenset(self._known)
        self._phrase_texts = [" ".join(key) for key in vocabulary.phrases]
        self._phrase_keys = list(vocabulary.phrases)

    # -- the steps --------------------------------------------------------------------------------------------
    def parse(self, question: str, as_of: date, context: Query | None = None) -> ParseResult:
        question = question if isinstance(question, str) else ""
        result = ParseResult(question=question)
        text = self._correct_words(_lower(_shorten(question)), result)
        result.words = tokens(text)
        found = _Found()
        text = self._read_periods(text, as_of, found, result)
        text = self._read_patterns(text, found, result)
        self._read_phrases(tokens(text), found, result)
        follows = context is not None and (_FOLLOW_UP_RE.match(_lower(question)) or _looks_like_follow_up(found))
        if follows and found.live and context is not None and context.live is None:
            follows = False  # "and which are overdue?" after a year's figures: today's caseload, asked afresh
        if follows and context is not None:
            result.follow_up = True
            result.query = self._follow_up(context, found, result)
        else:
            result.query = self._new_query(found, as_of, result)
        _check_days(found, result)
        if not result.clear:
            result.suggestions = self._suggestions(result)
            result.alternatives = _alternatives(result, found, as_of)
        return result

    def _correct_words(self, text: str, result: ParseResult) -> str:
        """Replace misspelt words by the known word one or two edits away ("compliants" -> "complaints")."""

        def fix(match: re.Match) -> str:
            word = match.group(0)
            if len(word) < 5 or word in self._known_set:
                return word
            allowed = 1 if len(word) <= 7 else 2
            found = process.extract(word, self._known, scorer=OSA.distance, score_cutoff=allowed, limit=8)
            # Of the nearest, a missing, extra or swapped letter is likelier than a different one
            # ("complaits" is "complaints", not "complains").
            best = min(
                found, key=lambda m: (m[1], len(m[0]) == len(word) and sorted(m[0]) != sorted(word)), default=None
            )
            if best is None or not _likely_typo(word, best[0]):
                return word
            if best[0] in NOISE and len(best[0]) <= 5 and sorted(best[0]) != sorted(word):
                # "black" is not "back": a word read as a filler would be dropped unseen, so only swapped letters
                # ("whcih") are read as one.
                return word
            result.corrections.append((word, best[0]))
            return best[0]

        return re.sub(r"[a-z]+", fix, text)

    def _read_periods(self, text: str, as_of: date, found: _Found, result: ParseResult) -> str:
        for mention in find_periods(text, as_of):
            if mention.period is None:
                options = list(mention.ambiguous)
                if len(options) == 1:
                    result.problems.append(f"'{mention.text.strip()}' has not happened yet on {as_of.isoformat()}.")
                else:
                    result.ambiguous.append((mention.text.strip(), options))
                    result.period_choices = options
            else:
                found.periods.append(mention)
                result.understood.append(mention.text.strip())
            text = text[: mention.span[0]] + " " * (mention.span[1] - mention.span[0]) + text[mention.span[1] :]
        return text

    def _read_patterns(self, text: str, found: _Found, result: ParseResult) -> str:
        def stages(match: re.Match) -> str:
            result.understood.append(match.group(0).strip())
            for part in re.findall(_STAGE_NUMBER, match.group("list")):
                number = int(part) if part.isdigit() else NUMBER_WORDS[part]
                if number not in found.stages:
                    found.stages.append(number)
            if re.search(r"\bto\b", match.group("list")) and found.stages == [1, 3]:
                found.stages = [1, 2, 3]
            return " "

        def ordinal(match: re.Match) -> str:
            result.understood.append(match.group(0).strip())
            number = match.group("n")
            found.stages.append(int(number) if number.isdigit() else NUMBER_WORDS[number])
            return " "

        def within(match: re.Match) -> str:
            result.understood.append(match.group(0).strip())
            found.measures.add(Measure.ON_TIME)
            found.within_days = int(match.group("days"))
            return " "

        def top(match: re.Match) -> str:
            result.understood.append(match.group(0).strip())
            found.measures.add(Measure.TOP)
            found.limit = max(1, int(match.group("n")))
            return " "

        def escalated(match: re.Match) -> str:
            result.understood.append(match.group(0).strip())
            found.escalated = True
            number = match.group("n")
            found.escalated_to = (
                4 if match.group("ombudsman") else (int(number) if number.isdigit() else NUMBER_WORDS[number])
            )
            return " "

        def from_to(match: re.Match) -> str:
            result.understood.append(match.group(0).strip())
            first, second = (int(n) if n.isdigit() else NUMBER_WORDS[n] for n in (match.group("a"), match.group("b")))
            found.stages.append(first)
            found.escalated, found.escalated_to = True, second
            if second != first + 1:
                result.problems.append("Ask how many went on from one stage to the next, one stage at a time.")
            return " "

        text = _ESCALATED_RE.sub(escalated, text)
        if _ESCALATION_HINT.search(text):
            text = _FROM_TO_RE.sub(from_to, text)
        text = _STAGES_RE.sub(stages, text)
        text = _ORDINAL_STAGE_RE.sub(ordinal, _S_NUMBER_RE.sub(ordinal, text))
        text = _WITHIN_DAYS_RE.sub(within, text)
        return _TOP_N_RE.sub(top, text)

    def _read_phrases(self, words: list[str], found: _Found, result: ParseResult) -> None:
        leftovers: list[list[str]] = []
        run: list[str] = []
        i = 0
        while i < len(words):
            concept, length = self._longest(words, i)
            if concept is not None:
                self._apply(concept, " ".join(words[i : i + length]), found, result)
                i += length
                if run:
                    leftovers.append(run)
                    run = []
                continue
            word = words[i]
            if word in ("complaint", "complaints", "complained", "cases"):
                found.mentions_complaints = True
            if word in RESPONSE_WORDS:
                found.response_words.append(word)
            if word in NOISE:
                result.fillers.append(word)
                if run:
                    leftovers.append(run)
                    run = []
            else:
                run.append(word)
            i += 1
        if run:
            leftovers.append(run)
        for run in leftovers:
            self._fuzzy_run(run, found, result)
        for words_, what in found.unsupported:
            # "How many complaints do we have": about complaints after all, not how many children there are.
            about_complaints = found.mentions_complaints or found.stages or found.live
            if what != POPULATION or words_ not in _POPULATION_VERBS or not about_complaints:
                result.unsupported.append((words_, what))
        for words_, slugs in found.maybe_teams:
            # "the adoption and SGO team": "adoption" could be two teams, "SGO" names one of them; that settles it.
            if not set(slugs) & set(found.teams):
                result.ambiguous.append((words_, [self.vocab.team_name(slug) for slug in slugs]))
                result.team_choices.append(slugs)

    def _longest(self, words: list[str], start: int) -> tuple[Concept | None, int]:
        for length in range(min(self.vocab.max_len, len(words) - start), 0, -1):
            concept = self.vocab.phrases.get(tuple(words[start : start + length]))
            if concept is not None:
                return concept, length
        return None, 0

    def _fuzzy_run(self, run: list[str], found: _Found, result: ParseResult) -> None:
        """Words no phrase matched exactly: try them, longest window first, against phrases fuzzily."""
        i = 0
        while i < len(run):
            for length in range(min(3, len(run) - i), 0, -1):
                window = " ".join(run[i : i + length])
                match = self._fuzzy_phrase(window)
                if match is not None:
                    key, score = match
                    result.corrections.append((window, " ".join(key)))
                    self._apply(self.vocab.phrases[key], window, found, result)
                    i += length
                    break
            else:
                result.unplaced.append(run[i])
                i += 1

    def _fuzzy_phrase(self, window: str) -> tuple[tuple[str, ...], float] | None:
        if len(window) < 5 or window.isdigit():
            return None
        digits = re.findall(r"\d+", window)
        best = process.extract(window, self._phrase_texts, scorer=fuzz.ratio, score_cutoff=88, limit=3)
        for text, score, index in best:
            # "permanence 1" and "permanence 2" are different teams, however alike they look.
            # ... and "unjustified" is not "justified": a first letter is rarely mistyped.
            if re.findall(r"\d+", text) == digits and len(text) >= 5 and text[0] == window[0]:
                return self._phrase_keys[index], score
        return None

    def _apply(self, concept: Concept, words: str, found: _Found, result: ParseResult) -> None:
        result.understood.append(words)
        kind, value = concept.kind, concept.value
        if kind in _FLAGS:
            setattr(found, _FLAGS[kind], True)
        elif kind == "measure":
            found.measures.add(Measure(value))
        elif kind == "group":
            self._apply_group(words, value, found)
        elif kind == "stages":
            found.all_stages = True
        elif kind in ("stage", "stage-word"):
            (found.stages if kind == "stage" else found.implied_stages).append(int(value))
        elif kind == "lac":
            found.lac = value == "yes"
        elif kind == "teams":
            found.all_teams = True
        elif kind == "ambiguous":
            found.maybe_teams.append((words, tuple(value.split("|"))))
        elif kind in ("late", "escalated"):
            setattr(found, kind, True)
            found.late_words += [words] if kind == "late" else []
            if value == "rate":
                found.measures.add(Measure.SHARE)
        elif kind == "ask":
            result.problems.append(value)
        elif kind in _FACT_KINDS or kind == "live":
            _apply_fact(kind, value, found)
        elif kind in ("unsupported", "population-verb"):
            found.unsupported.append((words, POPULATION if kind == "population-verb" else value))
        else:
            found.young_people = found.young_people or kind == "roles"
            found.team_words += [words] if kind == "team" else []
            kind, values = ("role", value.split("|")) if kind == "roles" else (kind, [value])
            target = {"team": found.teams, "outcome": found.outcomes, "learning": found.learning, "role": found.roles}
            target[kind].extend(v for v in values if v not in target[kind])

    @staticmethod
    def _apply_group(words: str, value: str, found: _Found) -> None:
        if words.split()[0] in ("top", "main") or "most" in words.split():
            found.measures.add(Measure.TOP)  # "top reasons", "top trends"
        if value == "none":
            found.no_group = True
        elif Grouping(value) not in found.groups:
            found.groups.append(Grouping(value))

    # -- building the query -----------------------------------------------------------------------------------
    def _new_query(self, found: _Found, as_of: date, result: ParseResult) -> Query | None:
        said_what = found.mentions_complaints or not _nothing_but_count(found)
        if not said_what and not (result.unplaced or result.ambiguous or result.unsupported):
            result.problems.append("I'm not sure what you want to know.")
            return None
        if found.escalated and 4 in found.stages and found.escalated_to is None:
            result.problems.append("The Ombudsman is the last stage: no complaint goes on from it.")
        if found.now and not found.live and not found.periods:
            # "how many are with leaving care right now": today's caseload; "late right now": overdue
            found.live = [Live.OVERDUE] if found.late else [Live.OPEN]
            found.late = False
        if found.live and not (found.periods and found.live == [Live.OVERDUE] and not found.now):
            return self._live_query(found, as_of, result)
        if found.live:
            found.late = True  # "overdue in 2022/23": answered late or still open past the deadline
        _check_words(found, result)
        period, compare_with = self._periods(found, as_of, result)
        if period is None:
            return None
        if found.feedback:
            return self._feedback_query(found, period, compare_with, result)
        at_the_ombudsman = found.about_the_ombudsman_decisions() or 4 in found.stages or found.escalated_to == 4
        if at_the_ombudsman and found.outcomes == ["upheld"] and not _says_fully(result.understood):
            # The report's Ombudsman "upheld" counts partly upheld decisions too; "upheld" alone could be either.
            result.problems.append(
                "At the Ombudsman, 'upheld' could be upheld only or upheld and partly upheld (as the annual report "
                "counts them): ask for one."
            )
            found.ombudsman_upheld = True
        stages = self._stages(found, result)
        measure = _measure(found, result)
        query = Query(
            measure=measure,
            stages=stages,
            period=period,
            compare_with=compare_with,
            filters=self._filters(found, result, Filters()),
            group_by=self._group(found, result),
            limit=found.limit,
            count_extensions=found.extensions and found.within_days is None,
        )
        query = _day_counted_by(query, found, result)
        if query.group_by is Grouping.OFFICER:
            result.problems.append("Complaints are shown by officer only for the caseload today (open, overdue, due).")
        if found.compare and query.compare_with is None and query.group_by is not None:
            query = query.with_changes(headline=_first_named(found, query.group_by))
        if query.group_by is Grouping.DANGER and not query.filters.safeguarding:
            query = query.with_changes(filters=replace(query.filters, safeguarding=True))
        if query.filters.safeguarding:
            result.notes.append(SAFEGUARDING_NOTE)
        if query.group_by is Grouping.DANGER:
            result.notes.append(DANGER_NOTE)
        return _check(query, result)

    def _feedback_query(
        self, found: _Found, period: Period, compare_with: Period | None, result: ParseResult
    ) -> Query | None:
        """ "How many compliments in 2022/23": feedback that is not a complaint, counted on its own."""
        mixed = _about_complaints_only(found)
        if mixed:
            result.problems.append(
                "Compliments and enquiries are not complaints: I can count them (by team, month or quarter), "
                "but not with stages, outcomes, deadlines or who made them."
            )
        group = self._group(found, result)
        if group not in (None, Grouping.TEAM, Grouping.MONTH, Grouping.QUARTER):
            result.problems.append("I can show compliments and enquiries by team, month or quarter.")
            group = None
        if group is None and len(found.feedback) > 1:
            group = Grouping.KIND
        query = Query(
            measure=Measure.TOP if Measure.TOP in found.measures else Measure.COUNT,
            stages=(),
            period=period,
            compare_with=compare_with,
            filters=Filters(teams=tuple(found.teams)),
            group_by=group,
            limit=found.limit,
            by_response=bool(found.response_words) and not found.mentions_complaints,
            feedback=tuple(found.feedback),
        )
        return _check(query, result)

    def _live_query(self, found: _Found, as_of: date, result: ParseResult) -> Query | None:
        """ "Overdue right now", "due this week by team", "which team has the most open": the caseload today."""
        kinds: list[Live] = [kind for kind in found.live if kind is not Live.OPEN] or [Live.OPEN]
        if len(kinds) > 1:
            names = [kind.value.replace("-", " ") for kind in kinds]
            result.problems.append(f"Ask about one of {_or_list(names)} at a time.")
        if found.periods:
            result.problems.append(
                f"The caseload is counted as it stands on {plain_date(as_of)}, not over a period: "
                "ask without a period, or ask how many were received in the period."
            )
        if found.compare:
            result.problems.append("I can't compare today's caseload with another day: no history of it is kept.")
        other = found.measures - {Measure.COUNT, Measure.TOP}
        if other or found.late or found.within_days is not None:
            result.problems.append(
                "For the caseload today I can count complaints (open, overdue, due today, this week or next week, "
                "in triage), by team or by officer."
            )
        group = self._group(found, result)
        if group in (Grouping.MONTH, Grouping.QUARTER, Grouping.REASON, Grouping.OUTCOME, Grouping.DANGER):
            result.problems.append(f"Open complaints have no {group.value} yet to break them down by.")
            group = None
        query = Query(
            measure=Measure.TOP if Measure.TOP in found.measures else Measure.COUNT,
            stages=tuple(sorted(set(found.stages))) if found.stages and not found.all_stages else (),
            period=Period(as_of, as_of, f"on {plain_date(as_of)}", "as-of"),
            filters=self._filters(found, result, Filters()),
            group_by=group or (Grouping.TEAM if Measure.TOP in found.measures else None),
            limit=found.limit,
            live=kinds[0],
            count_extensions=not found.statutory_date,  # on the queue an agreed extension moves the deadline
        )
        if query.filters.safeguarding:
            result.notes.append(SAFEGUARDING_NOTE)
        return query

    def _periods(self, found: _Found, as_of: date, result: ParseResult) -> tuple[Period | None, Period | None]:
        mentions = found.periods
        if len(mentions) > 2:
            result.problems.append("I can compare two periods at a time; ask about two of them.")
            return None, None
        if not mentions:
            period = financial_year_of(as_of)
            result.notes.append(f"No period was given, so this financial year ({period.label}).")
            return period, (period.year_before() if found.compare else None)
        if len(mentions) == 1:
            period = _placed(mentions[0])
            # "stage 1 vs stage 2 in 2022/23", "leaving care compared with early help": the comparison is the table
            side_by_side = len(set(found.stages)) > 1 or len(found.teams) > 1 or len(found.roles) > 1
            return period, (period.year_before() if found.compare and not side_by_side else None)
        first, second = mentions
        if second.relative_to_other or (second.last_year and not first.last_year):
            return _placed(first), _placed(first).year_before()
        if first.relative_to_other:
            return _placed(second), _placed(second).year_before()
        return _placed(first), _placed(second)

    def _stages(self, found: _Found, result: ParseResult) -> tuple[int, ...]:
        if found.about_the_ombudsman_decisions():
            # "Ombudsman decisions upheld": the decision, not the stage's outcome column
            names = {"upheld": "upheld", "partially-upheld": "partly-upheld", "not-upheld": "not-upheld"}
            found.decisions += [names[o] for o in found.outcomes if o in names and names[o] not in found.decisions]
            if set(found.outcomes) - set(names):
                result.problems.append("The Ombudsman's decisions are upheld, partly upheld or not upheld.")
            found.outcomes = []
            if found.all_stages or (found.escalated and found.escalated_to is None):
                result.problems.append("Decisions and remedies are the Ombudsman's: ask about the Ombudsman alone.")
            if found.investigated and 4 not in found.stages and found.escalated_to != 4:
                result.problems.append(
                    "'Investigated' could be stage 2 investigations or the Ombudsman's: ask 'how many stage 2 "
                    "investigations' or 'how many did the Ombudsman investigate'."
                )
            if (found.stages and found.stages != [4]) or found.implied_stages or found.escalated_to not in (None, 4):
                result.problems.append("Decisions and remedies are the Ombudsman's: ask about the Ombudsman alone.")
            found.escalated = False
            return (4,)
        if found.all_stages or (Grouping.STAGE in found.groups and not found.stages and not found.implied_stages):
            return ()  # "complaints by stage": every stage
        if found.escalated_to is not None and not found.stages and Measure.SHARE not in found.measures:
            # "How many went to the Ombudsman": the Ombudsman's complaints, received in the period
            found.escalated = False
            return (found.escalated_to,)
        if found.escalated_to is not None:
            # "stage 1 complaints escalated to stage 2": the stage 1s that went on to stage 2
            earlier = found.escalated_to - 1
            if found.stages and found.stages != [earlier]:
                result.problems.append("Ask which stage's complaints went on to the next stage, one stage at a time.")
            return (earlier,)
        if found.implied_stages:
            named = set(found.stages)
            if named and not named <= set(found.implied_stages):
                result.problems.append("The stage named and the kind of stage do not match: ask about one of them.")
            return tuple(sorted(named | set(found.implied_stages)))
        if not found.stages:
            result.notes.append("No stage was given, so stage 1 (every complaint starts at stage 1).")
            return (1,)
        return tuple(sorted(set(found.stages)))

    def _filters(self, found: _Found, result: ParseResult, base: Filters) -> Filters:
        teams = tuple(found.teams) if found.teams else base.teams
        lac = found.lac if found.lac is not None else base.lac
        if found.teams:
            lac = None if found.lac is None else found.lac
        elif found.lac is not None:
            teams = ()
        if found.all_teams:
            teams, lac = (), None
        if teams and lac is not None:
            chosen_lac = {slug for slug in teams if self.vocab.teams[slug].is_lac} if lac else set()
            if lac and chosen_lac != set(teams):
                result.problems.append("Some of the teams named are not LAC teams; ask about them or about LAC.")
            lac = None
        return Filters(
            teams=teams,
            lac=lac,
            outcomes=tuple(found.outcomes) or base.outcomes,
            learning=tuple(found.learning) or base.learning,
            roles=tuple(found.roles) or base.roles,
            safeguarding=found.safeguarding or base.safeguarding,
            extended=found.extended or base.extended,
            escalated=found.escalated or base.escalated,
            procedure=(found.procedures[0] if len(found.procedures) == 1 else None) or base.procedure,
            decisions=tuple(found.decisions) or base.decisions,
            remedy=found.remedy or base.remedy,
            via_advocate=found.via_advocate or base.via_advocate,
        )

    def _group(self, found: _Found, result: ParseResult) -> Grouping | None:
        groups = list(found.groups)
        # "outcomes" next to a named outcome, or "reasons" next to a named reason, is the filter, not a table.
        if Grouping.DECISION in groups and found.decisions:
            groups.remove(Grouping.DECISION)
        if Grouping.OUTCOME in groups and found.about_the_ombudsman_decisions():
            groups[groups.index(Grouping.OUTCOME)] = Grouping.DECISION  # "Ombudsman outcomes" are its decisions
            groups = list(dict.fromkeys(groups))
        if Grouping.OUTCOME in groups and found.outcomes:
            groups.remove(Grouping.OUTCOME)
        if Grouping.REASON in groups and found.learning:
            groups.remove(Grouping.REASON)
        if Grouping.REASON in groups and found.safeguarding:
            # "safeguarding flags by category": the kinds of danger, not the lessons learned.
            groups[groups.index(Grouping.REASON)] = Grouping.DANGER
        if Grouping.TEAM in groups and len(groups) > 1 and Measure.TOP in found.measures:
            groups.remove(Grouping.TEAM)  # "which team ... most reasons" is unusual; "top reasons" is the table
        if len(groups) > 1:
            names = [group.value for group in groups]
            result.problems.append(f"I can break the figures down one way at a time, not by {_or_list(names)}.")
            return None
        if found.no_group:
            return None
        if groups:
            return groups[0]
        if len(found.stages) > 1:
            return Grouping.STAGE
        if len(found.procedures) > 1:
            return Grouping.PROCEDURE  # "statutory and corporate complaints": side by side
        if found.compare and len(found.teams) > 1:
            return Grouping.TEAM
        if found.compare and len(found.roles) > 1 and not found.young_people:
            return Grouping.ROLE
        if Measure.TOP in found.measures:
            return Grouping.TEAM
        return None

    def _follow_up(self, context: Query, found: _Found, result: ParseResult) -> Query | None:
        """A follow-up keeps what the last question said, changing only what this one says."""
        query = context
        changes: dict[str, object] = {}
        last = context.period
        assert last is not None  # the last question's query: query_from_dict gives none without a period
        if found.feedback:
            # "and compliments?": the same period, counting feedback now (never a complaint figure with it dropped)
            result.notes.append("Following on from your last question.")
            period = _placed(found.periods[0]) if found.periods else last
            return self._feedback_query(found, period, None, result)
        if context.feedback and _about_complaints_only(found):
            result.problems.append(
                "The last answer counted compliments or enquiries, which have no stages, outcomes or deadlines: ask "
                "a new question about complaints."
            )
        if context.live is not None and (
            found.periods or found.compare or found.late or found.measures - {Measure.COUNT, Measure.TOP}
        ):
            result.problems.append(
                "The last answer was today's caseload, which has no period: ask a new question for figures over a "
                "period."
            )
        if found.periods:
            mention_periods = [m.period for m in found.periods]
            if found.compare and len(mention_periods) == 1:
                other = last.year_before() if found.periods[0].relative_to_other else mention_periods[0]
                changes["compare_with"] = other
            elif len(mention_periods) == 1 and found.periods[0].relative_to_other:
                changes.update(period=last.year_before(), compare_with=None)
            else:
                changes.update(
                    period=mention_periods[0], compare_with=mention_periods[1] if len(mention_periods) > 1 else None
                )
        elif found.compare:
            changes["compare_with"] = last.year_before()
        if found.stages or found.all_stages:
            changes["stages"] = () if found.all_stages else tuple(sorted(set(found.stages)))
        if found.measures or found.late:
            changes["measure"] = _measure(found, result)
            changes["limit"] = found.limit
        if found.live:
            changes["live"] = found.live[-1]
        groups = self._group(found, result) if (found.groups or found.no_group) else context.group_by
        changes["group_by"] = groups
        if found.within_days is not None or found.extensions:
            changes["count_extensions"] = found.extensions and found.within_days is None
        changes["filters"] = self._filters(found, result, context.filters)
        result.notes.append("Following on from your last question.")
        return _check(query.with_changes(**changes), result)

    def _suggestions(self, result: ParseResult) -> list[str]:
        suggestions: list[str] = []
        for word in result.unplaced:
            for text, _score, _index in process.extract(
                word, self._phrase_texts, scorer=fuzz.WRatio, score_cutoff=80, limit=3
            ):
                if text not in suggestions and len(text) > 2:
                    suggestions.append(text)
        return suggestions[:5] + list(EXAMPLES[:3])


def _alternatives(result: ParseResult, found: _Found, as_of: date) -> list[Query]:
    """Queries that could be meant: the one read without the unclear words, or one per team or period it could be."""
    query = result.query
    if query is None or len(result.team_choices) + bool(result.period_choices) > 1:
        return []
    if found.ombudsman_upheld:
        base = replace(query.filters, outcomes=())
        return [
            query.with_changes(filters=replace(base, decisions=decisions), by_response=True)
            for decisions in (("upheld",), ("upheld", "partly-upheld"))
        ]
    if found.investigated and query.stages == (4,) and 4 not in found.stages and found.escalated_to != 4:
        # "investigated": stage 2 investigations, or the Ombudsman's decisions
        decisions = Query(stages=(4,), period=query.period, group_by=Grouping.DECISION, by_response=True)
        return [Query(stages=(2,), period=query.period), decisions]
    groups = [group for group in found.groups if group not in (Grouping.DECISION, Grouping.KIND)]
    if len(groups) > 1 and query.group_by is None:
        # "by team and by month": one table at a time, each offered
        return [query.with_changes(group_by=group) for group in groups[:3]]
    if result.team_choices:
        filters = query.filters
        return [
            query.with_changes(filters=replace(filters, teams=(*filters.teams, slug), lac=None))
            for slug in result.team_choices[0]
        ]
    if result.period_choices:
        if found.periods:
            return []
        choices = []
        for option in result.period_choices:
            mentions = [m for m in find_periods(option.lower(), as_of) if m.period is not None]
            if len(mentions) == 1:
                choices.append(query.with_changes(period=mentions[0].period))
            elif len(mentions) == 2:
                choices.append(query.with_changes(period=mentions[0].period, compare_with=mentions[1].period))
        return choices
    return [query]


def _likely_typo(word: str, known: str) -> bool:
    """A misspelling, not another real word: "faster" is not "foster", "mother" not "other", "unjustified" not
    "justified". People rarely mistype a first letter, and in a short word one different letter is more often
    another word; short real words sit one letter from known ones ("court" and "count"), so there only a
    swapped, missing or extra letter counts."""
    if word[0] != known[0]:
        return False
    if len(word) == len(known) and sorted(word) != sorted(known) and len(word) < 7:
        return False
    if len(word) > 5:
        return True
    return len(word) != len(known) or sorted(word) == sorted(known)


def _shorten(question: str) -> str:
    """At most MAX_QUESTION characters, cut between words so no half word is reported as not understood."""
    if len(question) <= MAX_QUESTION:
        return question
    cut = question[:MAX_QUESTION]
    return cut.rsplit(None, 1)[0] if " " in cut else cut


def _lower(text: str) -> str:
    return " ".join(text.lower().replace("–", "-").replace("—", "-").replace("’", "'").split())


def _nothing_but_count(found: _Found) -> bool:
    """ "How many" alone says nothing about what to count."""
    return found.measures <= {Measure.COUNT} and not (
        found.stages
        or found.all_stages
        or found.groups
        or found.compare
        or found.teams
        or found.all_teams
        or found.lac is not None
        or found.outcomes
        or found.learning
        or found.roles
        or found.safeguarding
        or found.periods
        or found.live
        or found.late
        or found.extended
        or found.procedures
        or found.feedback
        or found.decisions
        or found.remedy
        or found.via_advocate
    )


def _first_named(found: _Found, group: Grouping) -> str | None:
    """The row a side-by-side comparison is about: the stage, team or people named first."""
    if group is Grouping.STAGE and found.stages:
        return STAGE_KEYS[found.stages[0]]
    if group is Grouping.TEAM and found.teams:
        return found.teams[0]
    if group is Grouping.ROLE and found.roles:
        return found.roles[0]
    return None


def _about_people(found: _Found) -> bool:
    """ "Number of looked after children in 2022/23" asks how many children, not complaints, unless it says so."""
    if found.mentions_complaints or found.stages or found.all_stages or found.implied_stages:
        return False
    # "number of children in need": a team named for children, asked about with no word for complaints
    if not (found.lac or found.roles or any(words.split()[0] in _PEOPLE_WORDS for words in found.team_words)):
        return False
    return not (found.outcomes or found.learning or found.safeguarding or found.groups or found.live or found.late
                or found.escalated or found.extended or found.measures - {Measure.COUNT})  # fmt: skip


def _looks_like_follow_up(found: _Found) -> bool:
    """ "by team", "stage 2?", "last year" on their own: short and naming no measure of their own."""
    return not found.measures and not found.mentions_complaints and found.given()


def _measure(found: _Found, result: ParseResult) -> Measure:
    rates = found.measures & {Measure.SHARE, Measure.ON_TIME, Measure.AVERAGE_DAYS, Measure.MEDIAN_DAYS}
    if Measure.TOP in found.measures and (rates or found.late):
        # "Which team had the highest percentage upheld": the table by team answers it, largest first; one
        # figure for the top team is not something I give yet, and the overall figure would be the wrong one.
        result.problems.append("I can show that figure for every team (by team), but not pick out the highest.")
    if found.late:
        # "How many answered late" is a count of late ones; with a percentage word it is the late rate.
        if found.measures & {Measure.AVERAGE_DAYS, Measure.MEDIAN_DAYS}:
            result.problems.append("I can count late answers or give their rate, not their working days.")
        return Measure.LATE if Measure.SHARE in found.measures else Measure.LATE_COUNT
    for measure in _MEASURE_ORDER:
        if measure in found.measures:
            return measure
    return Measure.COUNT


def _check_days(found: _Found, result: ParseResult) -> None:
    """ "Within 10 working days" is the stage 1 deadline; other numbers of days are not a deadline we keep."""
    query = result.query
    if found.within_days is None or query is None:
        return
    statutory = {1: 10, 2: 25}
    stages = query.stages or (1, 2, 3, 4)
    if any(statutory.get(stage) != found.within_days for stage in stages):
        days = ", ".join(f"{n} working days at stage {stage}" for stage, n in statutory.items())
        result.problems.append(
            f"I can count answers within the statutory deadline ({days}), not within {found.within_days} days."
        )


def _check_words(found: _Found, result: ParseResult) -> None:
    """Words that leave a question about a period open to two readings."""
    if found.late and not found.periods and set(found.late_words) == {"late"} and not found.response_words:
        result.problems.append(
            "'Late' with no period could be this year's late answers or the complaints overdue now: ask "
            "'how many were answered late this year' or 'how many are overdue now'."
        )
    if _about_people(found):
        result.problems.append(
            "I count complaints, not how many children or families there are: say 'complaints' if you meant them."
        )
    if found.now:
        result.problems.append(
            "'Now' and 'today' are not a period I count complaints by: ask about open, overdue or due "
            "complaints, or name a period such as 'this year'."
        )


def _by_response(query: Query, found: _Found) -> bool:
    """ "How many did we respond to in 2022/23", "closed in 2022/23": counted by the day of the answer.

    With "on time", "late" or "days to respond" the answering is what is measured, and stages count by receipt.
    """
    return bool(found.response_words) and query.measure in (Measure.COUNT, Measure.SHARE, Measure.TOP)


def _day_counted_by(query: Query, found: _Found, result: ParseResult) -> Query:
    """Which day puts a stage in the period: received (most figures), answered or closed, or the decision's."""
    if found.about_the_ombudsman_decisions():
        # The Ombudsman's decisions count in the period they were made (the stage's responded_on), as reported.
        result.notes.append("The Ombudsman's decisions are counted by the day each decision was made.")
        return query.with_changes(by_response=True)
    if _by_response(query, found):
        return query.with_changes(by_response=True)
    if _closed_in_time(query, found):
        # "% of stage 1 closed in time": the reading councils publish and the annual report gives, the stages
        # closed in the period, against their deadline counting agreed extensions (unless told to ignore them).
        extensions = not found.statutory_date and found.within_days is None
        return query.with_changes(by_response=True, count_extensions=extensions)
    return query


_FACT_KINDS = frozenset(("procedure", "feedback", "decision", "remedy", "via-advocate"))


def _apply_fact(kind: str, value: str, found: _Found) -> None:
    """The facts recorded from issue 14 on: procedure, feedback, the Ombudsman's decisions, advocates."""
    if kind == "live":
        found.live += [Live(value)] if Live(value) not in found.live else []
    elif kind == "procedure" and value not in found.procedures:
        found.procedures.append(value)
    elif kind == "feedback" and value not in found.feedback:
        found.feedback.append(value)
    elif kind == "decision":
        found.decisions += ["upheld", "partly-upheld", "not-upheld"] if value == "investigated" else [value]
        found.investigated = found.investigated or value in ("investigated", "not-investigated")
    elif kind == "remedy":
        found.remedy = True
    elif kind == "via-advocate":
        found.via_advocate = True


def _says_fully(understood: list[str]) -> bool:
    return any(words in ("fully upheld", "upheld in full", "fully") for words in understood)


def _about_complaints_only(found: _Found) -> bool:
    """Words that only complaints have (stages, outcomes, deadlines, who complained): not compliments or enquiries."""
    return bool(
        found.stages
        or found.all_stages
        or found.implied_stages
        or found.outcomes
        or found.learning
        or found.roles
        or found.lac is not None
        or found.safeguarding
        or found.extended
        or found.escalated
        or found.late
        or found.live
        or found.extensions
        or found.within_days is not None
        or found.procedures
        or found.about_the_ombudsman_decisions()
        or found.via_advocate
        or found.measures - {Measure.COUNT, Measure.TOP}
    )


CLOSING_WORDS = frozenset(("closed", "close", "closing", "closures"))


def _closed_in_time(query: Query, found: _Found) -> bool:
    """ "Closed in time", "% closed within timescale": on time of the stages closed in the period."""
    timed = (Measure.ON_TIME, Measure.LATE, Measure.LATE_COUNT)
    return query.measure in timed and bool(CLOSING_WORDS & set(found.response_words))


def _check(query: Query, result: ParseResult) -> Query:
    if query.measure is Measure.SHARE and query.group_by is None and query.filters.is_empty():
        result.problems.append(
            "A percentage needs to say of what: for example 'what percentage of stage 1 complaints were upheld'."
        )
    if query.compare_with is not None and query.compare_with == query.period:
        result.problems.append(f"Both periods are {query.period.label}; name two different periods to compare.")
    return query


def _placed(mention: PeriodMention) -> Period:
    """The period of a mention that was placed (an ambiguous one becomes a question back, never a period)."""
    assert mention.period is not None
    return mention.period
