"""The router's rules, each on the smallest directory that shows it, and its cache in the app."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz
from sqlmodel import select

from casework.directory import import_directory, parse_directory
from intake.routing import Router, get_router, normalise
from models.teams import Worker

TEAMS = {
    "leaving-care": "Leaving Care",
    "lac-permanence-1": "Looked After Children (previously Permanence Service 1)",
    "lac-adoption-permanence-2": "Looked After Children and Adoption (previously Permanence Service 2)",
    "early-help": "Early Help",
}
ALIASES = [(slug, "official", name) for slug, name in TEAMS.items()] + [
    ("leaving-care", "abbreviation", "PA"),
    ("leaving-care", "keyword", "pathway plan"),
    ("leaving-care", "worker", "Priya Shah"),
    ("lac-permanence-1", "former", "Permanence 1"),
    ("lac-adoption-permanence-2", "former", "Permanence 2"),
    ("lac-adoption-permanence-2", "worker", "Priya Patel"),
    ("early-help", "worker", "Ben Carter"),
    ("early-help", "worker", "Lucy Ward"),
]


@pytest.fixture(scope="module")
def router() -> Router:
    return Router(TEAMS, ALIASES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The LEAVING-CARE Team!", "leaving care"),
        ("Adoption & SGO", "adoption sgo"),
        ("adoption and SGO", "adoption sgo"),
        ("Permanence Service Two", "permanence 2"),
        ("LAC2", "lac 2"),
        ("my PA's manager", "pas manager"),
        ("no one rang me", "no rang"),
        ("Children's services", "child"),
    ],
)
def test_normalise_folds_case_punctuation_numbers_and_filler(text, expected):
    assert normalise(text) == expected


def test_numbers_tell_apart_teams_that_plain_fuzzy_ratios_confuse(router):
    assert fuzz.ratio("Permanence Service 1", "Permanence Service 2") >= 90
    one, two = router.route("permanence one"), router.route("Perm 2")
    assert (one.decision, one.team) == ("auto", "lac-permanence-1")
    assert (two.decision, two.team) == ("auto", "lac-adoption-permanence-2")


def test_a_text_naming_both_numbers_goes_to_triage(router):
    result = router.route("permanence 1 or 2, not sure")
    assert result.decision == "triage"
    assert {c.team for c in result.candidates} == {"lac-permanence-1", "lac-adoption-permanence-2"}


def test_looked_after_children_alone_fits_two_teams(router):
    result = router.route("looked after children")
    assert result.decision == "triage"
    assert result.team is None
    assert [c.team for c in result.candidates] == ["lac-permanence-1", "lac-adoption-permanence-2"]


def test_the_longer_name_wins_when_the_text_holds_all_of_it(router):
    result = router.route("Looked after children and adoption")
    assert (result.decision, result.team) == ("auto", "lac-adoption-permanence-2")


@pytest.mark.parametrize(
    ("text", "team"),
    [("my PA", "leaving-care"), ("leavng care", "leaving-care"), ("Priya Shah", "leaving-care"), ("ben", "early-help")],
)
def test_abbreviations_typos_and_workers_route_automatically(router, text, team):
    result = router.route(text)
    assert (result.decision, result.team, result.team_name) == ("auto", team, TEAMS[team])
    assert result.confidence >= 85


def test_a_first_name_two_teams_share_goes_to_triage_with_both(router):
    result = router.route("Priya said she would call")
    assert result.decision == "triage"
    assert {c.team for c in result.candidates} == {"leaving-care", "lac-adoption-permanence-2"}


@pytest.fixture(scope="module")
def two_workers() -> Router:
    teams = {"early-help": "Early Help", "leaving-care": "Leaving Care"}
    aliases = [(slug, "official", name) for slug, name in teams.items()]
    return Router(teams, [*aliases, ("early-help", "worker", "Jess Morgan"), ("leaving-care", "worker", "Tom Okafor")])


@pytest.mark.parametrize(
    "text",
    [
        "Jess Moore never rang me back",  # a first name, another surname
        "jess moore never rang me back",  # in lower case, but a name like the worker's surname
        "Jess Okafor said she would come",  # another worker's surname
        "Sarah Morgan",  # the surname, another first name
        "I think Maria Morgan took it",  # the same, inside a sentence
    ],
)
def test_half_a_workers_name_beside_another_name_triages_with_the_team_as_a_candidate(two_workers, text):
    result = two_workers.route(text)
    assert result.decision == "triage"
    assert [c.team for c in result.candidates][:1] == ["early-help"]
    assert result.reason == "a worker's name with another first name or surname"


@pytest.mark.parametrize(
    "text",
    [
        "Jess never rang me back",
        "Jess Morgan",
        "jess morgon",
        "Jess M",
        "Mrs Morgan",
        "Jess from early help",
        "I rang Jess. Nobody called back",  # a capital that starts a sentence is no surname
    ],
)
def test_the_same_worker_written_loosely_still_routes(two_workers, text):
    result = two_workers.route(text)
    assert (result.decision, result.team) == ("auto", "early-help")


def test_a_worker_of_one_team_in_another_teams_name_is_a_conflict(router):
    assert router.route("Ben from leaving care").decision == "triage"


def test_a_name_that_is_also_an_everyday_word_counts_only_in_full(router):
    assert router.route("my baby was on the children's ward").decision == "triage"
    assert router.route("Lucy Ward").team == "early-help"
    assert router.route("Lucy").team == "early-help"


@pytest.mark.parametrize("text", ["", "   ", None, "the team", "my social worker never calls me back"])
def test_texts_naming_no_team_go_to_triage_with_no_candidate(router, text):
    result = router.route(text)
    assert (result.decision, result.team, result.candidates, result.off_topic) == ("triage", None, (), None)


def test_another_council_service_goes_to_triage_with_a_pointer(router):
    result = router.route("my bins haven't been collected for three weeks")
    assert (result.decision, result.candidates) == ("triage", ())
    assert result.off_topic.topic == "waste"
    assert "waste team" in result.off_topic.advice
    assert result.as_dict()["off_topic"] == {"topic": "waste", "advice": result.off_topic.advice}


def test_team_evidence_outweighs_a_word_about_another_service(router):
    result = router.route("my PA won't help me with the damp in my flat")
    assert (result.decision, result.team, result.off_topic) == ("auto", "leaving-care", None)


def test_as_dict_has_the_design_shape(router):
    data = router.route("pathway plan").as_dict()
    assert list(data) == ["text", "decision", "team", "team_name", "confidence", "candidates", "off_topic"]
    assert data["text"] == "pathway plan"
    assert (data["decision"], data["team"], data["team_name"]) == ("auto", "leaving-care", "Leaving Care")
    assert 0 <= data["confidence"] <= 100
    assert data["candidates"][0] == {"team": "leaving-care", "name": "Leaving Care", "score": data["confidence"]}


def test_repeated_texts_come_from_the_cache(router):
    assert router.route("my PA") is router.route("my PA")


DIRECTORY = """slug,name,is_lac,active,former_names,abbreviations,keywords,workers
leaving-care,Leaving Care,yes,yes,18+ Team,PA,pathway plan,Priya Shah (Personal adviser)
early-help,Early Help,no,yes,,EH,,Ben Carter
"""


def test_from_session_reads_the_directory_and_skips_inactive_workers(db_session):
    import_directory(db_session, parse_directory(DIRECTORY))
    priya = db_session.exec(select(Worker).where(Worker.name == "Priya Shah")).one()
    priya.active = False
    db_session.flush()
    router = Router.from_session(db_session)
    assert router.route("the 18+ team").team == "leaving-care"
    assert router.route("Ben Carter").team == "early-help"
    assert router.route("Priya Shah").decision == "triage"


def test_get_router_is_cached_and_rebuilt_when_the_directory_changes(db_session):
    import_directory(db_session, parse_directory(DIRECTORY))
    first = get_router(db_session)
    assert get_router(db_session) is first
    assert first.route("family hub").decision == "triage"
    import_directory(db_session, parse_directory(DIRECTORY.replace("EH,,", "EH,family hub,")))
    second = get_router(db_session)
    assert second is not first
    assert second.route("family hub").team == "early-help"
