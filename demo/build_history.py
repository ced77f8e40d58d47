"""Build demo/complaints.csv: three years of closed complaints that reproduce the 2017/18 annual report.

The figures the council published, and our illustrative ones beside them, are in
docs/annual-report-2017-18.md. The data is in demo/history/ (the figures, the complaints that went beyond
stage 1, the texts of the ones that did not, and made-up names); this script turns it into one CSV row per
complaint stage, in the format the importer reads, checks every figure with `verify()` and only then writes
the file.

Run from the repository root:  .venv/bin/python demo/build_history.py
Deterministic: one `random.Random(2018)`, no clock, no environment; two runs give byte-identical output.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import holidays

DATA = Path(__file__).with_name("history")
OUTPUT = Path(__file__).with_name("complaints.csv")
COLUMNS = [
    "complaint_id",
    "stage",
    "received_on",
    "team",
    "complainant_role",
    "channel",
    "outcome",
    "learning",
    "responded_on",
    "extended_to",
    "extension_reason",
    "panel_on",
    "report_on",
    "complainant_name",
    "contact_method",
    "email",
    "phone",
    "what_happened",
    "wanted_outcome",
    "response_summary",
]


def load(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------------------------
# The figures (history/figures.json). Years are financial years named by the year they start in: 2017 is 2017/18.
# ---------------------------------------------------------------------------------------------------------------

PC, D, FA = "poor-communication", "delays", "failure-to-act"
U, P, N = "upheld", "partially-upheld", "not-upheld"


@dataclass(frozen=True)
class YearFigures:
    stage1_by_team: dict[str, int]
    stage1_outcomes: dict[str, int]
    stage1_learning: dict[str, int]  # "" counts the stage 1s with no learning recorded
    stage1_roles: dict[str, dict[str, int]]
    stage1_on_time: int  # answered within 10 working days of receipt
    stage1_extended: int  # of the late ones, how many had an extension (and met it)
    stage2_by_team: dict[str, int]
    stage2_outcomes: dict[str, int]
    stage3_by_team: dict[str, int]
    stage3_outcomes: dict[str, int]
    ombudsman_by_team: dict[str, int] = field(default_factory=dict)
    ombudsman_outcomes: dict[str, int] = field(default_factory=dict)
    note: str = ""


_figures = load("figures.json")
# Labels exactly as the report and the council's spreadsheets spell them. The importer canonicalises them
# with the real router, so the demo exercises it; the first label is the one used outside the report's tables.
LABELS: dict[str, list[str]] = {team: value["labels"] for team, value in _figures["teams"].items()}
TEAMS = list(LABELS)
LAC_TEAMS = {team for team, value in _figures["teams"].items() if value["lac"]}
# Report section 2: the LAC teams' stage 1 volumes, split across the label variants the spreadsheet held;
# section 5: the stage 2 table spells leaving care a third way.
STAGE1_LABELS_2017: dict[str, dict[str, int]] = _figures["report_labels_2017"]["stage1"]
STAGE2_LABELS_2017: dict[str, str] = _figures["report_labels_2017"]["stage2"]
# In file order (2017/18 first): the order the stage 1 complaints are drawn in, which fixes the random draws.
FIGURES = {int(year): YearFigures(**values) for year, values in _figures["years"].items()}

# Statutory timescales in working days (SI 2006/1738; "Getting the Best from Complaints").
STAGE1_DUE, STAGE1_MAX = 10, 20
STAGE2_DUE, STAGE2_MAX = 25, 65
ASK_WITHIN = 20  # to ask for the next stage, after the previous response
PANEL_WITHIN, REPORT_WITHIN, STAGE3_RESPONSE_WITHIN = 30, 5, 15
HISTORY_ENDS = date(2018, 3, 31)

# ---------------------------------------------------------------------------------------------------------------
# The complaints that went beyond stage 1 (history/chains.json). Every stage 2, stage 3 and Ombudsman figure
# comes from these. Dates are a fixed stage 1 date, then working-day gaps, so the statutory windows hold by
# construction (and `verify` checks them anyway).
#   took:  working days from receipt to the response (stage 3: from the panel's report to the response)
#   after: working days from the previous stage's response to this stage's receipt
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Step:
    stage: str
    outcome: str
    took: int
    what: str
    wanted: str
    response: str
    received: date | None = None  # stage 1 only
    after: int = 0
    learning: str = ""
    extended_to: int = 0
    extension_reason: str = ""
    panel: int = 0  # stage 3: working days from receipt to the panel
    report: int = 0  # stage 3: working days from the panel to its report


@dataclass(frozen=True)
class Chain:
    team: str
    role: str
    channel: str
    steps: tuple[Step, ...]
    note: str = ""  # why the chain is there: which figure it stands behind


def read_step(values: dict) -> Step:
    received = values.get("received")
    return Step(**values | {"received": date.fromisoformat(received) if received else None})


CHAINS = [
    Chain(c["team"], c["role"], c["channel"], tuple(read_step(s) for s in c["steps"]), c.get("note", ""))
    for c in load("chains.json")
]

# ---------------------------------------------------------------------------------------------------------------
# Stage 1 complaints that ended at stage 1 (history/stage1_texts.json): what people wrote, by team and by who
# wrote it. Each entry: (learning, what happened, what they wanted, the fix if upheld, why not, if not upheld).
# A partially upheld reply uses both the fix and the "why not".
# ---------------------------------------------------------------------------------------------------------------

_texts = load("stage1_texts.json")
TEXTS: dict[tuple[str, str], list[tuple[str, str, str, str, str]]] = {
    (team, role): [(t["learning"], t["what"], t["wanted"], t["fix"], t["why_not"]) for t in entries]
    for team, by_role in _texts["texts"].items()
    for role, entries in by_role.items()
}
STAGE1_EXTENSION_REASONS: list[str] = _texts["extension_reasons"]

# Made-up names (history/people.json); none is a demo worker's. Young people get younger first names.
_people = load("people.json")
YOUNG_FIRST: list[str] = _people["young_first_names"]
ADULT_FIRST: list[str] = _people["adult_first_names"]
SURNAMES: list[str] = _people["surnames"]
YOUNG_ROLES = set(_people["young_roles"])
# How each kind of complainant tends to get in touch (weights).
CHANNELS: dict[str, dict[str, int]] = _people["channel_weights"]

# ---------------------------------------------------------------------------------------------------------------
# Working days in England
# ---------------------------------------------------------------------------------------------------------------

BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2015, 2020))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start`; the day of receipt is day 0."""
    current = start
    while days:
        current += timedelta(days=1)
        if is_working_day(current):
            days -= 1
    return current


def financial_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


# ---------------------------------------------------------------------------------------------------------------
# Building the rows
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Complaint:
    team: str
    role: str
    channel: str
    stages: list[dict[str, str]]  # one CSV row per stage, without the complaint-level columns
    name: str = ""
    contact_method: str = ""
    email: str = ""
    phone: str = ""
    complaint_id: str = ""

    @property
    def first_received(self) -> date:
        return date.fromisoformat(self.stages[0]["received_on"])


class Contacts:
    """Names, email addresses and phone numbers: unique, fictional, and deterministic."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_names: set[str] = set()
        # 07700 900000-900999 is Ofcom's range reserved for drama: it never rings a real person.
        self.phones = iter(rng.sample(range(1000), 1000))

    def channel(self, role: str) -> str:
        weights = CHANNELS.get(role, CHANNELS["adult"])
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def fill(self, complaint: Complaint) -> None:
        rng = self.rng
        firsts = YOUNG_FIRST if complaint.role in YOUNG_ROLES else ADULT_FIRST
        while True:
            first, last = rng.choice(firsts), rng.choice(SURNAMES)
            if f"{first} {last}" not in self.used_names:
                break
        self.used_names.add(f"{first} {last}")
        complaint.name = f"{first} {last}"
        local = re.sub(r"[^a-z]", "", first.lower()), re.sub(r"[^a-z]", "", last.lower())
        if complaint.role == "advocate":
            email = f"{local[0]}.{local[1]}@advocacy.example.org"
        elif complaint.role in YOUNG_ROLES:
            email = rng.choice([f"{local[0]}{rng.randint(1, 99)}@example.com", f"{local[0]}x{local[1]}@example.com"])
        else:
            email = rng.choice(
                [
                    f"{local[0]}.{local[1]}@example.com",
                    f"{local[0]}{local[1][0]}{rng.randint(60, 99)}@example.org",
                    f"{local[0][0]}{local[1]}@example.com",
                ]
            )
        phone = f"07700 900{next(self.phones):03d}"
        # What we hold follows how they got in touch; some gave us a second way too.
        if complaint.channel in ("email", "online"):
            complaint.contact_method, complaint.email = "email", email
            complaint.phone = phone if rng.random() < 0.4 else ""
        elif complaint.channel == "phone":
            complaint.contact_method, complaint.phone = "phone", phone
            complaint.email = email if rng.random() < 0.3 else ""
        elif complaint.channel == "letter":
            complaint.contact_method = "post"
            complaint.phone = phone if rng.random() < 0.5 else ""
        elif complaint.role == "child":
            # A child who came in person is reached through their social worker or carer.
            complaint.contact_method = "none"
        else:
            complaint.contact_method, complaint.phone = "phone", phone


def stage_row(stage: str, received: date, **values: object) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(stage=stage, received_on=received.isoformat())
    for key, value in values.items():
        row[key] = value.isoformat() if isinstance(value, date) else str(value or "")
    return row


def summary(outcome: str, fix: str, reason: str) -> str:
    if outcome == U:
        return f"Upheld. {fix}"
    if outcome == P:
        return f"Partially upheld. {fix} Not upheld: {reason}"
    return f"Not upheld. {reason}"


def build_chain(chain: Chain) -> Complaint:
    rows: list[dict[str, str]] = []
    previous_response: date | None = None
    for step in chain.steps:
        received = step.received if step.stage == "1" else add_working_days(previous_response, step.after)
        extras: dict[str, object] = {}
        if step.stage == "3":
            panel = add_working_days(received, step.panel)
            report = add_working_days(panel, step.report)
            responded = add_working_days(report, step.took)
            extras = {"panel_on": panel, "report_on": report}
        else:
            responded = add_working_days(received, step.took)
        if step.extended_to:
            extras |= {
                "extended_to": add_working_days(received, step.extended_to),
                "extension_reason": step.extension_reason,
            }
        rows.append(
            stage_row(
                step.stage,
                received,
                outcome=step.outcome,
                learning=step.learning,
                responded_on=responded,
                what_happened=step.what,
                wanted_outcome=step.wanted,
                response_summary=step.response,
                **extras,
            )
        )
        previous_response = responded
    return Complaint(chain.team, chain.role, chain.channel, rows)


def received_dates(rng: random.Random, year: int, count: int) -> list[date]:
    """`count` working days spread at random over the financial year."""
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    days = []
    for _ in range(count):
        day = start + timedelta(days=rng.randrange((end - start).days + 1))
        while not is_working_day(day):
            day += timedelta(days=1)
        while day > end or not is_working_day(day):
            day -= timedelta(days=1)
        days.append(day)
    return sorted(days)


def assign_learning(rng: random.Random, slots: list[tuple[str, str]], quota: dict[str, int]) -> list[str]:
    """A learning category per slot, hitting `quota` exactly, using only categories the slot has texts for."""
    order = list(range(len(slots)))
    rng.shuffle(order)
    result = dict.fromkeys(order[: quota.get("", 0)], "")
    remaining = {key: count for key, count in quota.items() if key}
    options = {i: {text[0] for text in TEXTS[slots[i]]} for i in order}
    # The slots with fewest options choose first, so the flexible ones can absorb what is left.
    for i in sorted((i for i in order if i not in result), key=lambda i: len(options[i])):
        choices = [key for key in (PC, D, FA) if key in options[i] and remaining[key] > 0]
        if not choices:
            sys.exit(f"cannot place learning for {slots[i]}; remaining {remaining}")
        pick = rng.choices(choices, weights=[remaining[key] for key in choices])[0]
        remaining[pick] -= 1
        result[i] = pick
    return [result[i] for i in range(len(slots))]


def build_stage1_only(
    rng: random.Random, year: int, chains: list[Complaint], contacts: Contacts, text_use: Counter
) -> list[Complaint]:
    """The year's stage 1 complaints that went no further: whatever the figures need beyond the chains."""
    figures = FIGURES[year]
    chain_stage1 = [
        (c, c.stages[0]) for c in chains if financial_year(date.fromisoformat(c.stages[0]["received_on"])) == year
    ]

    slots: list[tuple[str, str]] = []
    for team, count in figures.stage1_by_team.items():
        roles = Counter(figures.stage1_roles[team])
        roles.subtract(c.role for c, _ in chain_stage1 if c.team == team)
        assert sum(roles.values()) == count - sum(1 for c, _ in chain_stage1 if c.team == team), team
        assert min(roles.values(), default=0) >= 0, (team, roles)
        slots += [(team, role) for role in sorted(roles.elements())]
    rng.shuffle(slots)

    def left(totals: dict[str, int], key: str) -> Counter:
        counter = Counter(totals)
        counter.subtract(row[key] for _, row in chain_stage1)
        return counter

    learning = assign_learning(rng, slots, left(figures.stage1_learning, "learning"))
    outcomes = list(left(figures.stage1_outcomes, "outcome").elements())
    rng.shuffle(outcomes)

    # Timeliness: on time, extended (and answered within the extension), or simply late.
    chain_late = [row for _, row in chain_stage1 if row["responded_on"] > due_date(row).isoformat()]
    late_total = len(slots) + len(chain_stage1) - figures.stage1_on_time
    extended = figures.stage1_extended - sum(1 for row in chain_late if row["extended_to"])
    plain_late = late_total - len(chain_late) - extended
    timing = ["extended"] * extended + ["late"] * plain_late
    timing += ["on time"] * (len(slots) - len(timing))
    rng.shuffle(timing)

    complaints = []
    for (team, role), learn, outcome, when, received in zip(
        slots, learning, outcomes, timing, received_dates(rng, year, len(slots)), strict=True
    ):
        pool = [t for t in TEXTS[(team, role)] if not learn or t[0] == learn]
        text = min(pool, key=lambda t: (text_use[t[1]], rng.random()))
        text_use[text[1]] += 1
        extras: dict[str, object] = {}
        if when == "on time":
            took = rng.choice([3, 5, 6, 7, 8, 8, 9, 9, 10, 10])
        elif when == "extended":
            limit = rng.randint(15, STAGE1_MAX)
            took = rng.randint(STAGE1_DUE + 1, limit)
            extras = {
                "extended_to": add_working_days(received, limit),
                "extension_reason": rng.choice(STAGE1_EXTENSION_REASONS),
            }
        else:
            took = rng.randint(STAGE1_DUE + 1, 28)
        row = stage_row(
            "1",
            received,
            outcome=outcome,
            learning=learn,
            responded_on=add_working_days(received, took),
            what_happened=text[1],
            wanted_outcome=text[2],
            response_summary=summary(outcome, text[3], text[4]),
            **extras,
        )
        complaint = Complaint(team, role, contacts.channel(role), [row])
        contacts.fill(complaint)
        complaints.append(complaint)
    return complaints


def due_date(row: dict[str, str]) -> date:
    return add_working_days(date.fromisoformat(row["received_on"]), STAGE1_DUE)


def label_for(rng_labels: dict[str, list[str]], complaint: Complaint, row: dict[str, str]) -> str:
    year = financial_year(date.fromisoformat(row["received_on"]))
    if year == 2017 and row["stage"] == "1" and complaint.team in rng_labels:
        return rng_labels[complaint.team].pop()
    if year == 2017 and row["stage"] == "2" and complaint.team in STAGE2_LABELS_2017:
        return STAGE2_LABELS_2017[complaint.team]
    return LABELS[complaint.team][0]


def build(rng: random.Random) -> list[dict[str, str]]:
    contacts = Contacts(rng)
    chains = [build_chain(chain) for chain in CHAINS]
    for complaint in chains:
        contacts.fill(complaint)
    text_use: Counter = Counter()
    complaints = chains + [c for year in (2017, 2016) for c in build_stage1_only(rng, year, chains, contacts, text_use)]

    # Ids: HIST-<year the complaint started>-<number in order of receipt>.
    complaints.sort(key=lambda c: (c.first_received, TEAMS.index(c.team), c.role, c.stages[0]["what_happened"]))
    numbers: Counter = Counter()
    for complaint in complaints:
        year = financial_year(complaint.first_received)
        numbers[year] += 1
        complaint.complaint_id = f"HIST-{year}-{numbers[year]:04d}"

    # The report's label variants, dealt out at random among that team's 2017/18 stage 1s.
    variant_labels = {}
    for team, labels in STAGE1_LABELS_2017.items():
        deck = [label for label, count in labels.items() for _ in range(count)]
        rng.shuffle(deck)
        variant_labels[team] = deck

    rows = []
    for complaint in complaints:
        for row in complaint.stages:
            row = dict(row)
            row.update(
                complaint_id=complaint.complaint_id,
                team=label_for(variant_labels, complaint, row),
                complainant_role=complaint.role,
                channel=complaint.channel,
                complainant_name=complaint.name,
                contact_method=complaint.contact_method,
                email=complaint.email,
                phone=complaint.phone,
            )
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Checking every figure, from the rows alone
# ---------------------------------------------------------------------------------------------------------------

LABEL_TO_TEAM = {label: team for team, labels in LABELS.items() for label in labels}
STAGES = ("1", "2", "3", "ombudsman")
Row = dict[str, str]


def day(value: str) -> date:
    return date.fromisoformat(value)


def team_of(row: Row) -> str:
    return LABEL_TO_TEAM[row["team"]]


def check_row(row: Row) -> None:
    """Allowed values, working days, and each stage's own statutory limits."""
    assert list(row) == COLUMNS
    assert re.fullmatch(r"HIST-20(15|16|17)-\d{4}", row["complaint_id"]), row["complaint_id"]
    assert row["team"] in LABEL_TO_TEAM, row["team"]
    assert row["stage"] in STAGES
    assert row["outcome"] in (U, P, N)
    assert row["learning"] in ("", PC, D, FA)
    assert row["channel"] in ("email", "phone", "letter", "online", "in-person")
    assert row["contact_method"] in ("email", "phone", "post", "none")
    assert not row["email"] or re.fullmatch(r"[a-z0-9.]+@([a-z]+\.)?example\.(com|org)", row["email"])
    assert not row["phone"] or re.fullmatch(r"07700 900\d{3}", row["phone"])
    assert row["what_happened"] and row["wanted_outcome"] and row["response_summary"]
    received, responded = day(row["received_on"]), day(row["responded_on"])  # every stage is closed
    for column in ("received_on", "responded_on", "extended_to", "panel_on", "report_on"):
        assert not row[column] or is_working_day(day(row[column])), (row["complaint_id"], column)
    assert received <= responded
    assert received <= HISTORY_ENDS, "nothing is received after the report's year"
    assert bool(row["extended_to"]) == bool(row["extension_reason"])
    if row["extended_to"]:
        due, longest = {"1": (STAGE1_DUE, STAGE1_MAX), "2": (STAGE2_DUE, STAGE2_MAX)}[row["stage"]]
        extended_to = day(row["extended_to"])
        assert add_working_days(received, due) < extended_to <= add_working_days(received, longest)
        assert responded <= extended_to, "an extension is met"
    if row["stage"] == "3":
        panel, report = day(row["panel_on"]), day(row["report_on"])
        assert received < panel <= add_working_days(received, PANEL_WITHIN)
        assert panel <= report <= add_working_days(panel, REPORT_WITHIN)
        assert report <= responded <= add_working_days(report, STAGE3_RESPONSE_WITHIN)
    else:
        assert not row["panel_on"] and not row["report_on"]


def check_complaint(complaint_id: str, stages: list[Row]) -> None:
    """Stages in order from 1, one team and one complainant, each stage asked for in time."""
    assert [r["stage"] for r in stages] == list(STAGES[: len(stages)]), complaint_id
    assert len({team_of(r) for r in stages}) == 1, complaint_id
    for column in ("complainant_role", "channel", "complainant_name", "contact_method", "email", "phone"):
        assert len({r[column] for r in stages}) == 1, (complaint_id, column)
    first_year = financial_year(day(stages[0]["received_on"]))
    assert complaint_id.startswith(f"HIST-{first_year}-")
    # 2015/16 holds only what the chains need: complaints that reach a 2016/17 stage.
    assert first_year > 2015 or any(financial_year(day(r["received_on"])) == 2016 for r in stages)
    for earlier, later in zip(stages, stages[1:], strict=False):
        assert day(earlier["responded_on"]) < day(later["received_on"]), complaint_id
        if later["stage"] != "ombudsman":
            assert day(later["received_on"]) <= add_working_days(day(earlier["responded_on"]), ASK_WITHIN)
        assert earlier["outcome"] != U, f"{complaint_id}: an upheld stage is not escalated"
    for row in stages:
        # After 31 March 2018 only the report year's own stages have dates (responses, extensions).
        if any(row[c] and day(row[c]) > HISTORY_ENDS for c in ("responded_on", "extended_to")):
            assert financial_year(day(row["received_on"])) == 2017, complaint_id


def check_year(year: int, figures: YearFigures, stage_rows: dict[str, list[Row]]) -> list[str]:
    """One financial year's figures; returns its lines of the summary."""
    s1, s2, s3, omb = (stage_rows[stage] for stage in STAGES)

    def teams(found: list[Row]) -> Counter:
        return Counter(team_of(r) for r in found)

    def outcomes(found: list[Row]) -> Counter:
        return Counter(r["outcome"] for r in found)

    assert teams(s1) == Counter(figures.stage1_by_team), (year, teams(s1))
    assert outcomes(s1) == Counter(figures.stage1_outcomes)
    learning = Counter(r["learning"] for r in s1)
    assert learning == Counter(figures.stage1_learning)
    for team, roles in figures.stage1_roles.items():
        found = Counter(r["complainant_role"] for r in s1 if team_of(r) == team)
        assert found == Counter(roles), (year, team, found)
    on_time = [r for r in s1 if day(r["responded_on"]) <= due_date(r)]
    extended = [r for r in s1 if r["extended_to"] and day(r["responded_on"]) > due_date(r)]
    assert len(on_time) == figures.stage1_on_time, (year, len(on_time))
    assert len(extended) == figures.stage1_extended, (year, len(extended))
    assert teams(s2) == Counter(figures.stage2_by_team), (year, teams(s2))
    assert outcomes(s2) == Counter(figures.stage2_outcomes)
    assert teams(s3) == Counter(figures.stage3_by_team), (year, teams(s3))
    assert outcomes(s3) == Counter(figures.stage3_outcomes)
    assert teams(omb) == Counter(figures.ombudsman_by_team), (year, teams(omb))
    assert outcomes(omb) == Counter(figures.ombudsman_outcomes)

    lac = sum(n for team, n in teams(s1).items() if team in LAC_TEAMS)
    by_outcome = outcomes(s1)
    return [
        f"{year_label(year)}: stage 1 {len(s1)} (LAC {lac}, {lac / len(s1):.0%}); upheld {by_outcome[U]}, "
        f"partially {by_outcome[P]}, not {by_outcome[N]}; within 10 working days {len(on_time)}, "
        f"extended {len(extended)}, late {len(s1) - len(on_time) - len(extended)}",
        f"    learning: poor communication {learning[PC]}, delays {learning[D]}, failure to act {learning[FA]}, "
        f"none {learning['']}",
        f"    stage 2 {len(s2)} {dict(teams(s2))} {dict(outcomes(s2))}",
        f"    stage 3 {len(s3)} {dict(teams(s3))} {dict(outcomes(s3))}; Ombudsman {len(omb)} {dict(teams(omb))}",
    ]


def check_report_year_sources(by_year: dict[int, dict[str, list[Row]]], by_complaint: dict[str, list[Row]]) -> None:
    """2017/18 in detail: the report's label variants, and where each escalation came from."""

    def year_of_previous(row: Row) -> int:
        stages = by_complaint[row["complaint_id"]]
        return financial_year(day(stages[stages.index(row) - 1]["received_on"]))

    report_year = by_year[2017]
    for team, labels in STAGE1_LABELS_2017.items():
        assert Counter(r["team"] for r in report_year["1"] if team_of(r) == team) == Counter(labels)
    for row in report_year["2"]:
        assert year_of_previous(row) == 2017, "a 2017/18 stage 2 escalates a 2017/18 stage 1"
        assert row["team"] == STAGE2_LABELS_2017.get(team_of(row), row["team"])
    for row in report_year["3"]:
        assert year_of_previous(row) == 2016 and day(row["received_on"]).month in (4, 5)
    for row in report_year["ombudsman"]:
        assert year_of_previous(row) == 2016 and team_of(row) not in LAC_TEAMS
    for row in by_year[2016]["2"]:
        assert year_of_previous(row) in (2015, 2016)


def verify(rows: list[Row]) -> list[str]:
    """Assert every published and illustrative figure from the rows alone; return the summary to print."""
    by_complaint: dict[str, list[Row]] = defaultdict(list)
    by_year: dict[int, dict[str, list[Row]]] = defaultdict(lambda: {stage: [] for stage in STAGES})
    for row in rows:
        check_row(row)
        by_complaint[row["complaint_id"]].append(row)
        by_year[financial_year(day(row["received_on"]))][row["stage"]].append(row)
    for complaint_id, stages in by_complaint.items():
        check_complaint(complaint_id, stages)
    assert set(by_year) == {2015, *FIGURES}
    lines = []
    for year, figures in FIGURES.items():
        lines += check_year(year, figures, by_year[year])
    check_report_year_sources(by_year, by_complaint)

    texts = Counter(r["what_happened"] for r in rows)
    lines.append(
        f"{len(by_complaint)} complaints, {len(rows)} stage rows, {len(texts)} different texts "
        f"(most used {max(texts.values())} times); 2015/16: {len(by_year[2015]['1'])} stage 1 "
        f"(the chain behind a 2016/17 stage 3)"
    )
    return lines


def as_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main() -> None:
    rows = build(random.Random(2018))
    summary_lines = verify(rows)
    OUTPUT.write_text(as_csv(rows), encoding="utf-8", newline="")
    print(f"Wrote {OUTPUT.name}: all figures verified.")
    print("\n".join(summary_lines))


if __name__ == "__main__":
    main()
