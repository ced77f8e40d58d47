"""Normalisation: what someone typed becomes the plain words the patterns are written in."""

from __future__ import annotations

import pytest

from intake.safeguarding.detector import detector


def words(text: str) -> str:
    return " ".join(detector().normaliser.words(text))


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("u r", "you be"),
        ("im here", "i be here"),
        ("hes here", "he be here"),
        ("shes here", "she be here"),
        ("dont", "do not"),
        ("I can't", "i can not"),
        ("cant", "can not"),
        ("he won't", "he will not"),
        ("wanna", "want to"),
        ("gonna", "go to"),
        ("cos", "because"),
        ("coz", "because"),
        ("cuz", "because"),
        ("ppl", "people"),
        ("bc", "because"),
        ("rn", "right now"),
        ("wiv", "with"),
        ("nuffin", "nothing"),
        ("he'll", "he will"),
        ("Mum\u2019s boyfriend", "mum boyfriend"),
    ],
)
def test_text_speak_and_apostrophes_are_spelt_out(typed, read):
    assert words(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [("sooooo", "so"), ("killll", "kill"), ("hiiit", "hit"), ("pleeeease", "please"), ("scaaared", "scared")],
)
def test_letters_held_down_are_let_go(typed, read):
    assert words(typed) in (read, detector().normaliser.pattern_word(read)[0])


@pytest.mark.parametrize(
    "forms",
    [
        ("beat", "beats", "beating", "beaten"),
        ("smack", "smacked", "smacking", "smacks"),
        ("punch", "punched", "punching", "punches"),
        ("cut", "cuts", "cutting"),
        ("threaten", "threatened", "threatens", "threatening"),
        ("knife", "knives"),
        ("tablet", "tablets"),
    ],
)
def test_word_forms_are_one_word(forms):
    assert len({words(form) for form in forms}) == 1, {form: words(form) for form in forms}


def test_battered_is_read_the_same_way_in_text_and_pattern():
    assert words("battered") == " ".join(detector().normaliser.pattern_word("battered"))


@pytest.mark.parametrize(
    ("typed", "read"),
    [("threatend", "threaten"), ("punshed", "punch"), ("frightend", "frighten"), ("sucide", "suicide")],
)
def test_misspellings_and_small_typos_are_corrected(typed, read):
    assert words(typed) == read


def test_short_words_are_never_guessed_and_known_words_never_corrected():
    assert words("this") == "this"
    assert words("kind") == "kind"  # not "knife"
    assert words("battery") == "battery"  # a known word is left alone


def test_the_person_pronouns_keep_their_form():
    assert words("he hit me") == "he hit me"
    assert words("i hit him") == "i hit him"


def test_sentence_ends_are_kept_once():
    assert words("Help. He hit me!!! ok?") == "help . he hit me . ok ."
