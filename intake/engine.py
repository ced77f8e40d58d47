"""The one engine that runs the conversation in intake/flow.py; both views (HTML and JSON) call it.

State is the answers so far plus the step being asked. It is plain JSON, kept in `conversation_draft`,
so a closed tab or a dead phone loses nothing. The engine never touches the database: the router and the
team list come in through `ConversationContext`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from content.complainant import team_words
from content.i18n import N_, gettext
from content.safety_help import SafetyHelp, safety_help
from intake.answers import AnswerError, parse
from intake.flow import ADULT, CHILD, DONT_KNOW, READY, STEPS, Option, Step, audience, worded
from intake.safeguarding import UNSAFE, suggests_danger
from settings import Settings

FREE_TEXT_KINDS = ("text", "long_text", "date")
UNSAFE_SAID = N_("I don't feel safe")  # the person's side of the chat when they press the button
CHOICE_KINDS = ("choice", "confirm", "yes_no")
OVER_A_YEAR_NOTE = {
    ADULT: N_("Thank you. That's more than a year ago, which is fine: we will still look into it."),
    CHILD: N_("Thanks. That was a while ago, and that's OK. We will still look into it."),
}
# Everyday words for a date ("last week", "about March") are read as a date: said back, so they can put it right.
READ_AS_NOTE = {
    ADULT: N_("We've put that down as {date}. If that's not right, you can change it before you send it."),
    CHILD: N_("We wrote that down as {date}. You can change it before you send it."),
}
NO_TEAM_NOTE = {
    ADULT: N_("Thank you. We'll make sure the right team gets it."),
    CHILD: N_("Thanks. We'll make sure the right people get it."),
}


@dataclass(frozen=True)
class RouteInfo:
    """What the router said about the "which team" answer, kept in the draft as `_route`."""

    team: str | None = None
    team_name: str | None = None
    public_name: str | None = None  # the team as a child or care leaver is told it
    decision: str = "triage"
    confidence: float = 0.0
    off_topic: str = ""  # advice on where such complaints go (bins, housing repairs)

    def as_dict(self) -> dict[str, Any]:
        return {
            "team": self.team,
            "team_name": self.team_name,
            "public_name": self.public_name,
            "decision": self.decision,
            "confidence": self.confidence,
            "off_topic": self.off_topic,
        }


@dataclass(frozen=True)
class ConversationContext:
    today: date
    route: Callable[[str], RouteInfo]
    # The active teams for "choose another": slug, and the name per audience (official; a child's own words). Or a
    # function that gives them, called only when that question is shown or answered (intake/conversation.py reads
    # the team directory only for the steps that need it).
    teams: tuple[Option, ...] | Callable[[], tuple[Option, ...]]
    # The council's name and numbers, for the help shown after a disclosure.
    settings: Settings = field(default_factory=Settings)


@dataclass
class State:
    answers: dict[str, Any] = field(default_factory=dict)
    current: str = ""

    @property
    def flagged(self) -> bool:
        return bool(self.answers.get("_flagged"))


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str
    options: tuple[Option, ...]
    required: bool
    help: str
    value: str = ""  # the answer given before (going back, changing an answer), to fill the box again
    who: str = ADULT

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "options": [{"value": o.value, "label": worded(o.label, self.who)} for o in self.options],
            "required": self.required,
            "help": self.help,
            "value": self.value,
        }


@dataclass(frozen=True)
class Message:
    sender: str  # "service" or "person"
    text: str
    step: str = ""
    tone: str = "question"  # question, answer, note, safety
    help: SafetyHelp | None = None  # the help itself, for a safety message
    kind: str = ""  # a safety message: "said" (their words suggested danger) or "unsafe" (the button)

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"from": self.sender, "text": self.text, "step": self.step, "tone": self.tone}
        if self.help is not None:
            body["safety"] = self.help.as_dict()
        return body


@dataclass(frozen=True)
class Reply:
    """What answering a question did: the error to show beside it, or any notes and the safety message."""

    error: AnswerError | None = None
    safety: SafetyHelp | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummaryRow:
    step: str
    label: str
    answer: str


class NotAskedNow(LookupError):
    """The answer is for a question that is not being asked (or was never reached)."""


class Engine:
    def __init__(self, context: ConversationContext, steps: tuple[Step, ...] = STEPS):
        self.context = context
        self.steps = steps
        self._by_id = {step.id: step for step in steps}

    # --- where we are -------------------------------------------------------------------------------
    def start(self) -> State:
        state = State({}, "")
        state.current = self._next(state.answers)
        return state

    def applicable(self, answers: dict[str, Any]) -> list[Step]:
        return [step for step in self.steps if step.ask_when(answers)]

    def _next(self, answers: dict[str, Any]) -> str:
        for step in self.applicable(answers):
            if step.id not in answers:
                return step.id
        return READY

    def is_ready(self, state: State) -> bool:
        return self._next(state.answers) == READY

    def step(self, step_id: str) -> Step:
        return self._by_id[step_id]

    def can_answer(self, state: State, step_id: str) -> bool:
        """The current question, or one answered before that still applies (going back, changing)."""
        if step_id not in self._by_id:
            return False
        step = self._by_id[step_id]
        return step.ask_when(state.answers) and (step_id == state.current or step_id in state.answers)

    # --- showing a question --------------------------------------------------------------------------
    def options(self, step: Step) -> tuple[Option, ...]:
        if step.id == "team_choose":
            teams = self.context.teams
            return (*(teams() if callable(teams) else teams), Option(DONT_KNOW, N_("I don't know")))
        return step.options

    def question(self, state: State, step_id: str | None = None) -> Question | None:
        """The question to show: the current one, or `step_id` when changing an answer. None when ready."""
        step_id = step_id or state.current
        if step_id == READY or step_id not in self._by_id:
            return None
        step = self._by_id[step_id]
        who = audience(state.answers)
        route = state.answers.get("_route") or {}
        team = team_words(route.get("team_name"), route.get("public_name"), state.answers.get("role"))
        text = worded(step.text, who).format(team=team)
        previous = state.answers.get(step.id)
        value = ""
        if isinstance(previous, str) and step.kind in CHOICE_KINDS:
            value = previous  # the option chosen before, marked when the question is shown again
        elif isinstance(previous, str) and not any(o.value == previous for o in self.options(step)):
            value = previous  # words typed before; a quick reply ("I don't know") is not put in the box
        elif isinstance(previous, dict):  # a date answer
            value = previous.get("text") or self._labels(state).get(step.id, "")
        help_text = worded(step.help, who) if step.help else ""
        return Question(step.id, text, step.kind, self.options(step), step.required, help_text, value, who)

    # --- answering -----------------------------------------------------------------------------------
    def answer(self, state: State, raw: str, step_id: str | None = None) -> Reply:
        """Record `raw` as the answer to `step_id` (default: the current question) and move on.

        Returns the error to show when the answer can't be used; the state is then unchanged.
        Raises NotAskedNow for a question that is not open to an answer.
        """
        step_id = step_id or state.current
        if not self.can_answer(state, step_id):
            raise NotAskedNow(step_id)
        step = self._by_id[step_id]
        who = audience(state.answers)
        try:
            parsed = parse(step, raw, who=who, today=self.context.today, options=self.options(step))
        except AnswerError as error:
            return Reply(error=error)
        answers = state.answers
        previous = answers.get(step.id)
        answers[step.id] = parsed.value
        answers.setdefault("_labels", {})[step.id] = parsed.label
        if previous != parsed.value:
            for reset in step.resets:
                answers.pop(reset, None)
        if step.id == "about":
            route = self.context.route(parsed.value) if parsed.value not in ("", DONT_KNOW) else RouteInfo()
            answers["_route"] = route.as_dict()
        safety = None
        danger = set(answers.get("_danger", []))
        danger.discard(step.id)
        found = suggests_danger(parsed.label) if step.kind in FREE_TEXT_KINDS else ()
        if found:
            danger.add(step.id)
            # Sticky: a changed answer does not unflag the complaint; staff decide what the flag means.
            answers["_flagged"] = True
            answers["_categories"] = sorted(set(answers.get("_categories", [])) | set(found))
        answers["_danger"] = sorted(danger)
        state.current = self._next(answers)
        if found:
            safety = self.safety(state)
        return Reply(safety=safety, notes=tuple(self._notes(step, answers)))

    def feels_unsafe(self, state: State) -> SafetyHelp:
        """The "I don't feel safe" button: no words needed. Flags the conversation as an answer suggesting danger
        would, remembers where they pressed it (the help shows there in the chat) and leaves them where they
        were, so they can carry on if they want to."""
        answers = state.answers
        answers["_flagged"] = True
        answers["_categories"] = sorted(set(answers.get("_categories", [])) | {UNSAFE})
        answers["_unsafe"] = sorted(set(answers.get("_unsafe", [])) | {state.current})
        if state.current == READY:
            state.current = self._next(answers)  # a safe way to reach them may now be asked
        return self.safety(state)

    def safety(self, state: State) -> SafetyHelp:
        """The help for this person and what they have told us so far."""
        return safety_help(state.answers.get("_categories", []), state.answers.get("role"), self.context.settings)

    def back(self, state: State) -> None:
        """Go to the question before the current one; its answer is kept to fill the box again."""
        asked = [step.id for step in self.applicable(state.answers)]
        if state.current == READY:
            state.current = asked[-1]
        elif state.current in asked and asked.index(state.current) > 0:
            state.current = asked[asked.index(state.current) - 1]

    # --- reading back --------------------------------------------------------------------------------
    def _labels(self, state: State) -> dict[str, str]:
        return state.answers.get("_labels", {})

    def _answer_label(self, state: State, step: Step, labels: dict[str, str]) -> str:
        """How an answer reads back: a choice or quick reply in the reader's language now (they may have changed
        language since they answered), anything else as it was read when they gave it."""
        value = state.answers.get(step.id)
        if isinstance(value, str):
            for option in self.options(step):
                if option.value == value:
                    return worded(option.label, audience(state.answers))
        return labels.get(step.id, "")

    def _notes(self, step: Step, answers: dict[str, Any]) -> list[str]:
        who = audience(answers)
        notes = []
        if step.id == "about":
            route = answers.get("_route") or {}
            if route.get("off_topic"):
                notes.append(route["off_topic"])
            elif not route.get("team"):
                notes.append(worded(NO_TEAM_NOTE, who))
        when = answers.get("when")
        if step.id == "when" and isinstance(when, dict) and when.get("read_as"):
            notes.append(worded(READ_AS_NOTE, who).format(date=when["read_as"]))
        if step.id == "when" and isinstance(when, dict) and when.get("over_a_year_ago"):
            notes.append(worded(OVER_A_YEAR_NOTE, who))
        return notes

    def transcript(self, state: State, until: str | None = None) -> list[Message]:
        """The chat so far: each question asked and its answer, up to the current (or `until`) question."""
        until = until or state.current
        labels = self._labels(state)
        danger = set(state.answers.get("_danger", []))
        unsafe = set(state.answers.get("_unsafe", []))
        help_ = self.safety(state) if state.flagged else None
        messages: list[Message] = []

        def pressed_unsafe(at: str) -> None:
            # Where they pressed "I don't feel safe": their press, then the help, then the question again.
            assert help_ is not None  # pressing it flags the conversation
            messages.append(Message("person", gettext(UNSAFE_SAID), at, "answer"))
            messages.append(Message("service", help_.plain, at, "safety", help_, "unsafe"))

        for step in self.applicable(state.answers):
            if step.id in unsafe:
                pressed_unsafe(step.id)
            if step.id == until or step.id not in state.answers:
                break
            question = self.question(state, step.id)
            assert question is not None  # an applicable step that is not READY always has its question
            messages.append(Message("service", question.text, step.id, "question"))
            messages.append(Message("person", self._answer_label(state, step, labels), step.id, "answer"))
            if step.id in danger:
                assert help_ is not None  # a danger answer flags the conversation
                messages.append(Message("service", help_.plain, step.id, "safety", help_, "said"))
            messages.extend(Message("service", note, step.id, "note") for note in self._notes(step, state.answers))
        if READY in unsafe:  # pressed on "check your answers": the help stays at the end of the chat
            pressed_unsafe(READY)
        return messages

    def summary(self, state: State) -> list[SummaryRow]:
        """Every answer that counts, for "check your answers"."""
        labels = self._labels(state)
        rows = []
        for step in self.applicable(state.answers):
            if step.id not in state.answers:
                continue
            answer = self._answer_label(state, step, labels)
            if step.id == "team_confirm":
                if state.answers[step.id] == "other":
                    continue  # the team chosen instead has its own row
                if state.answers[step.id] == "yes":
                    route = state.answers.get("_route") or {}
                    named = team_words(route.get("team_name"), route.get("public_name"), state.answers.get("role"))
                    answer = (named[:1].upper() + named[1:]) or answer
            rows.append(SummaryRow(step.id, gettext(step.summary_label) or step.id, answer))
        return rows

    def rejected_teams(self, state: State) -> list[str]:
        """The team the router suggested and the person said it is not ("No, choose another"), as a slug list."""
        route = state.answers.get("_route") or {}
        if state.answers.get("team_confirm") == "other" and route.get("team"):
            return [route["team"]]
        return []

    def team_choice(self, state: State) -> tuple[str | None, float | None]:
        """The team the complaint goes to (slug or None for triage) and the router's confidence, if any."""
        answers = state.answers
        route = answers.get("_route") or {}
        if answers.get("team_confirm") == "yes" and route.get("team"):
            return route["team"], route.get("confidence")
        chosen = answers.get("team_choose")
        if answers.get("team_confirm") == "other" and chosen and chosen != DONT_KNOW:
            return chosen, None
        return None, None
