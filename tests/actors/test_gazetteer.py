"""The actor knowledge base: country table from country_converter, aliases, case rules, ids."""

from __future__ import annotations

import pytest

from sitrep.actors.gazetteer import (
    Entry,
    Gazetteer,
    actor_id,
    fold,
    load_gazetteer,
    org_key,
    person_key,
    split_words,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _scan(gaz: Gazetteer, text: str) -> list[tuple[str, str, str]]:
    words = split_words(text)
    return [(" ".join(words[m.start : m.end]), m.entry.name, m.form) for m in gaz.scan(words)]


def _entry(gaz: Gazetteer, text: str) -> Entry:
    hit = gaz.lookup(text)
    assert hit is not None, text
    return hit[0]


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Russia", "RUS"),
        ("the Russian Federation", "RUS"),
        ("U.S.", "USA"),
        ("the United States", "USA"),
        ("Britain", "GBR"),
        ("U.K.", "GBR"),
        ("Côte d'Ivoire", "CIV"),
        ("Namibia", "NAM"),  # "NA" must not be read as a missing value
        ("Czechia", "CZE"),
    ],
)
def test_country_names_and_codes(gaz: Gazetteer, text: str, iso3: str) -> None:
    hit = gaz.lookup(text)
    assert hit is not None
    assert hit[0].kind == "country"
    assert hit[0].country == iso3


def test_country_table_covers_the_world(gaz: Gazetteer) -> None:
    assert (
        sum(1 for code in ("FRA", "DEU", "JPN", "BRA", "ZAF", "NZL", "MNG") if gaz.country(code))
        == 7
    )


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Russian", "RUS"),
        ("Polish", "POL"),
        ("Poles", "POL"),
        ("Dutch", "NLD"),
        ("Belgians", "BEL"),
    ],
)
def test_demonyms(gaz: Gazetteer, word: str, iso3: str) -> None:
    assert gaz.demonym(word) == iso3


def test_country_pattern_fallback_for_long_forms(gaz: Gazetteer) -> None:
    assert gaz.country_by_pattern("Republic of Moldova") == "MDA"
    assert gaz.country_by_pattern("Atlantis") is None


@pytest.mark.parametrize(
    ("alias", "name", "country", "code"),
    [
        ("NATO", "North Atlantic Treaty Organization", "IGO", "IGOWSTNAT"),
        ("EU", "European Union", "EUR", "EUR"),
        ("the European Commission", "European Commission", "EUR", "EUREEC"),
        ("Council of the EU", "Council of the European Union", "EUR", "EURCOU"),
        ("OSCE", "Organization for Security and Co-operation in Europe", "IGO", "IGOOSCE"),
        ("IAEA", "International Atomic Energy Agency", "UNO", "UNOIAE"),
        ("U.N.", "United Nations", "UNO", "UNO"),
    ],
)
def test_international_organisations(
    gaz: Gazetteer, alias: str, name: str, country: str, code: str
) -> None:
    hit = gaz.lookup(alias)
    assert hit is not None
    entry = hit[0]
    assert (entry.name, entry.kind, entry.country, entry.code) == (name, "igo", country, code)


def test_seats_stand_for_governments(gaz: Gazetteer) -> None:
    hit = gaz.lookup("the Kremlin")
    assert hit is not None and hit[1] == "seat"
    kremlin = hit[0]
    assert (kremlin.name, kremlin.country, kremlin.sector) == ("Government of Russia", "RUS", "GOV")
    assert _entry(gaz, "Moscow") == kremlin
    assert _entry(gaz, "Brussels").name == "European Union"
    assert _entry(gaz, "Washington").name == "Government of the United States"


def test_state_bodies(gaz: Gazetteer) -> None:
    hit = gaz.body(["defense", "ministry", "said"])
    assert hit is not None
    size, body, sector = hit
    assert (size, body, sector) == (2, "Ministry of Defence", "GOV")
    entry = gaz.body_entry("RUS", body, sector)
    assert entry.name == "Ministry of Defence of Russia"
    assert entry.id == gaz.body_entry("RUS", "Ministry of Defence", "GOV").id
    assert entry.id != gaz.body_entry("DEU", "Ministry of Defence", "GOV").id
    assert gaz.body(["economy", "grew"]) is None


def test_scan_takes_longest_match_and_respects_case(gaz: Gazetteer) -> None:
    hits = _scan(gaz, "The U.S. told us that the UN Security Council and the Atlantic ocean")
    assert ("U.S.", "United States", "name") in hits
    assert ("UN Security Council", "United Nations Security Council", "name") in hits
    assert not any(h[0] == "us" for h in hits)  # the pronoun is not the United States
    assert not any(h[1] == "The Atlantic" for h in hits)  # the ocean is not the magazine


def test_scan_needs_a_capital(gaz: Gazetteer) -> None:
    assert _scan(gaz, "a labour shortage in the west") == []


def test_known_office_holders(gaz: Gazetteer) -> None:
    zelenskyy = gaz.person("Zelensky")
    assert zelenskyy is not None and zelenskyy.name == "Volodymyr Zelenskyy"
    assert gaz.person("Antonio Costa") is gaz.person("António Costa")
    assert zelenskyy.gender == "m" and zelenskyy.country == "UKR"


def test_ids_are_stable_and_fold_spelling() -> None:
    assert person_key("António Costa") == person_key("Antonio Costa")
    assert actor_id("person", person_key("Matt Honeycombe-Foster")) == actor_id(
        "person", person_key("Matt Honeycombe Foster")
    )
    assert org_key("org", "The Sunday Post") == org_key("org", "Sunday Post")
    assert fold("Erdoğan’s") == "erdogan's"


#: PLOVER sector codes (the plover_spec) and country special codes sitrep's data may use
SECTORS = {
    *("COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR"),
    *("BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC"),
}
SPECIAL = {"EUR", "UNO", "IGO", "IMG"}


def test_curated_entries_use_known_codes(gaz: Gazetteer) -> None:
    entries = list(gaz.entries())
    assert len(entries) > 300
    for e in entries:
        assert e.kind in {"person", "org", "country", "igo", "group"}, e
        assert e.sector is None or e.sector in SECTORS, e
        if e.country is not None:
            assert gaz.country(e.country) is not None or e.country in SPECIAL, e
    for p in gaz.persons():
        assert p.gender in ("m", "f") and p.office, p
