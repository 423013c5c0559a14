"""Person-name parsing: titles, possessives, particles, regnal names, offices (no model)."""

from __future__ import annotations

import pytest

from sitrep.nlp.names import (
    gender_of,
    office_matches,
    office_of,
    parse_person,
    same_person,
    sector_of,
    strip_possessive,
)


@pytest.mark.parametrize(
    ("text", "full", "surname", "given"),
    [
        ("Aino Virtanen", "Aino Virtanen", "Virtanen", "Aino"),
        ("Virtanen’s", "Virtanen", "Virtanen", None),
        ("Hendrik van der Linde", "Hendrik van der Linde", "van der Linde", "Hendrik"),
        ("Van der Linde", "Van der Linde", "Van der Linde", None),
        ("Pieter De Smet", "Pieter De Smet", "De Smet", "Pieter"),
        ("President Lena Hartmann", "Lena Hartmann", "Hartmann", "Lena"),
        ("Olu Adeyemi-Cole", "Olu Adeyemi-Cole", "Adeyemi-Cole", "Olu"),
        ("Mr. Brenner", "Brenner", "Brenner", None),
    ],
)
def test_parse_person(text: str, full: str, surname: str, given: str | None) -> None:
    name = parse_person(text)
    assert name is not None
    assert (name.full, name.surname, name.given) == (full, surname, given)


@pytest.mark.parametrize(
    "text", ["President", "the minister", "Martin F-35", "Brexit", "4GD", "DSEI", "NATO"]
)
def test_not_a_person(text: str) -> None:
    assert parse_person(text) is None


def test_regnal_names() -> None:
    king = parse_person("King Harald V")
    assert king is not None
    assert (king.full, king.surname, king.regnal, king.gender) == ("Harald V", "Harald", True, "m")
    short = parse_person("King Harald")
    assert short is not None and not short.is_full
    assert same_person(short, king)


def test_knight_by_given_name() -> None:
    sir = parse_person("Sir Tobias")
    full = parse_person("Tobias Wren")
    assert sir is not None and full is not None
    assert sir.given_only and sir.gender == "m"
    assert same_person(sir, full)


def test_same_person_folds_accents_and_initials() -> None:
    a, b = parse_person("Antonio Costa"), parse_person("António Costa")
    assert a is not None and b is not None and same_person(a, b)
    c, d = parse_person("J. Brenner"), parse_person("Jakob Brenner")
    assert c is not None and d is not None and same_person(c, d)
    e = parse_person("Marta Brenner")
    assert e is not None and not same_person(d, e)


def test_strip_possessive() -> None:
    assert strip_possessive("Hartmann’s") == "Hartmann"
    assert strip_possessive("Hartmann's") == "Hartmann"
    assert strip_possessive("Davis'") == "Davis"
    assert strip_possessive("Moss") == "Moss"


@pytest.mark.parametrize(
    ("words", "office", "sector"),
    [
        ("U.S. Defense Secretary", "defense secretary", "GOV"),
        ("British Defence Secretary", "defense secretary", "GOV"),
        ("Prime Minister", "prime minister", "GOV"),
        ("UK minister for defense procurement", "minister", "GOV"),
        ("Secretary of State", "secretary of state", "GOV"),
        ("NATO Secretary - General", "secretary-general", "GOV"),
        ("former Defense Secretary", "former defense secretary", "ELI"),
        ("senior analyst at the Baltic Forum", "analyst", None),
        ("Air Force general", "general", "MIL"),
    ],
)
def test_office_of(words: str, office: str, sector: str | None) -> None:
    got = office_of(words.split())
    assert got == office
    assert sector_of(got) == sector


def test_no_office_in_plain_words() -> None:
    assert office_of(["the", "long", "war", "in", "the", "east"]) is None


def test_office_matches() -> None:
    assert office_matches("leader", "president")
    assert office_matches("leader", "prime minister")
    assert not office_matches("president", "vice president")
    assert not office_matches("defense secretary", "former defense secretary")


def test_gender_of_titles() -> None:
    assert gender_of(["Queen"]) == "f"
    assert gender_of(["spokesman"]) == "m"
    assert gender_of(["Prime", "Minister"]) is None
