"""The curated actor knowledge base: countries, seats of power, organisations, known office holders.

Country names and ISO 3166 alpha-3 codes come from ``country_converter``'s own data table (read
directly: its converter class does not build under pandas 3, and we only need the table);
everything else is sitrep's own data in ``sitrep/actors/data``: demonyms and extra country names
(``demonyms.tsv``, ``country_aliases.tsv``), capitals and seats used as metonyms for a government
(``seats.tsv``), organisations (``organisations.json``), state bodies named by a country qualifier
(``bodies.json``) and well-known office holders (``persons.json``).

Every entry has an identity ``key`` from which the corpus-wide actor id is derived
(:func:`actor_id`), so the same body found in two articles, or once by the gazetteer and once by
the model, gets the same id. Aliases are matched over tokens with a small trie keyed on folded,
lower-cased, dot-less token text (``U.S.`` = ``US``); case is then checked per alias token: a
capitalised alias word must be capitalised in the text and an acronym must be in capitals, so
"us" never matches the United States and "the Atlantic" (ocean) never matches The Atlantic.
The knowledge base loads once per process (:func:`load_gazetteer`) and is immutable.
"""

from __future__ import annotations

import csv
import importlib.resources
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sitrep.records import stable_id

_DATA = importlib.resources.files("sitrep.actors") / "data"

_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2013": "-", "\u2014": "-"})
_WORD = re.compile(r"[\w]+(?:[.'’][\w]+)*\.?|[^\w\s]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no diacritics, straight apostrophes: how names are compared and keyed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def token_key(text: str) -> str:
    """The trie key of one token: folded, without dots (``U.S.`` -> ``us``)."""
    key = fold(text)
    return key.replace(".", "") if key != "." else key


def split_words(text: str) -> list[str]:
    """Split an alias the way spaCy's English tokenizer splits running text (close enough for
    names: words, dotted abbreviations, punctuation and possessive clitics apart)."""
    words: list[str] = []
    for w in _WORD.findall(text):
        for clitic in ("'s", "’s"):
            if w.endswith(clitic) and len(w) > 2:
                words.extend([w[: -len(clitic)], w[-len(clitic) :]])
                break
        else:
            words.append(w)
    return words


#: PLOVER/CAMEO country codes that are not ISO 3166 countries.
_SPECIAL_CODES = {"EUR": "European Union", "UNO": "United Nations", "IGO": "IGO", "IMG": "IMG"}


#: country names said with "the" ("the United States", "the Netherlands")
_TAKES_THE = re.compile(r"^(United|Republic|Kingdom|Democratic|Czech Republic)|(s|Islands)$")


def person_key(name: str) -> str:
    """Identity key of a person from the full name: "António Costa" = "Antonio Costa"."""
    return "person:" + " ".join(fold(name).replace("-", " ").replace(".", "").split())


def org_key(kind: str, name: str) -> str:
    """Identity key of an organisation, IGO or group from its canonical name."""
    words = fold(name).split()
    if words and words[0] == "the":
        words = words[1:]
    return f"{kind}:" + " ".join(words)


def actor_id(kind: str, key: str) -> str:
    """The corpus-wide id of an actor: same kind and key, same id, in every article."""
    return stable_id("act", kind, key)


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor the knowledge base knows. ``country`` is ISO 3166 alpha-3 or a PLOVER special
    code (EUR, UNO, IGO, IMG); ``code`` the specific event-data code of an IGO."""

    key: str
    name: str
    kind: str  # person | org | country | igo | group
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    office: str | None = None
    gender: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return actor_id(self.kind, self.key)


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer hit over tokens ``[start, end)``. ``form`` says how the text names the entry:
    "name", "demonym" (Russian), "seat" (Moscow, the Kremlin) or "person"."""

    start: int
    end: int
    entry: Entry
    form: str


@dataclass(slots=True)
class _Alias:
    words: tuple[str, ...]
    entry: Entry
    form: str


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    aliases: list[_Alias] = field(default_factory=list)


def _case_ok(alias_word: str, text_word: str, sentence_initial: bool) -> bool:
    letters = alias_word.replace(".", "")
    if not letters or not letters[0].isalpha():
        return True
    if len(letters) >= 2 and letters.isupper():
        # acronyms must be written in capitals ("US", "U.S.", not "us")
        return text_word.replace(".", "").isupper()
    if letters[0].isupper():
        return sentence_initial or text_word[:1].isupper()
    return True  # a lower-case alias word ("of", "the") matches any case


class Gazetteer:
    """Lookup over sitrep's actor knowledge base. Build with :func:`load_gazetteer`."""

    def __init__(self) -> None:
        self._root = _Node()
        self._by_text: dict[str, tuple[Entry, str]] = {}
        self._by_key: dict[str, Entry] = {}
        self._countries: dict[str, Entry] = {}
        self._demonyms: dict[str, str] = {}
        self._regexes: list[tuple[re.Pattern[str], str]] = []
        self._bodies: dict[tuple[str, ...], tuple[str, str]] = {}
        self._persons: dict[str, Entry] = {}
        self._max_body = 0

    # -- building --------------------------------------------------------------------------
    def add(self, entry: Entry, alias: str, form: str) -> None:
        """Index ``alias`` as a way the text names ``entry``. A leading lower-case "the" is
        optional in text, so it is dropped from the key (the mention then starts after it)."""
        alias = alias.strip()
        if alias.startswith("the "):
            alias = alias[4:]
        words = tuple(split_words(alias))
        if not words:
            return
        self._by_key.setdefault(entry.key, entry)
        self._by_text.setdefault(" ".join(token_key(w) for w in words), (entry, form))
        node = self._root
        for w in words:
            node = node.children.setdefault(token_key(w), _Node())
        node.aliases.append(_Alias(words, entry, form))

    def add_country(self, iso3: str, entry: Entry) -> None:
        self._countries[iso3] = entry

    def add_demonym(self, word: str, iso3: str) -> None:
        self._demonyms[fold(word)] = iso3

    def add_regex(self, pattern: str, iso3: str) -> None:
        try:
            self._regexes.append((re.compile(pattern, re.IGNORECASE), iso3))
        except re.error:
            return  # a library pattern Python cannot compile only costs us a fallback

    def add_body(self, pattern: str, body: str, sector: str) -> None:
        words = tuple(token_key(w) for w in split_words(pattern))
        self._bodies[words] = (body, sector)
        self._max_body = max(self._max_body, len(words))

    def add_person(self, entry: Entry, alias: str) -> None:
        self._persons.setdefault(fold(alias), entry)
        self.add(entry, alias, "person")

    # -- lookups ---------------------------------------------------------------------------
    def scan(self, words: Sequence[str], sent_starts: Sequence[bool] | None = None) -> list[Match]:
        """Every longest, non-overlapping alias match over ``words`` (token texts), left to
        right. ``sent_starts`` marks sentence-initial tokens (their capital proves nothing)."""
        keys = [token_key(w) for w in words]
        out: list[Match] = []
        i = 0
        n = len(words)
        while i < n:
            node = self._root.children.get(keys[i])
            best: tuple[int, _Alias] | None = None
            j = i
            while node is not None:
                j += 1
                for alias in node.aliases:
                    if self._case_matches(alias, words, i, sent_starts):
                        best = (j, alias)
                        break
                if j >= n:
                    break
                node = node.children.get(keys[j])
            if best is None:
                i += 1
                continue
            end, alias = best
            out.append(Match(i, end, alias.entry, alias.form))
            i = end
        return out

    @staticmethod
    def _case_matches(
        alias: _Alias, words: Sequence[str], start: int, sent_starts: Sequence[bool] | None
    ) -> bool:
        for k, aw in enumerate(alias.words):
            tw = words[start + k]
            initial = k == 0 and sent_starts is not None and sent_starts[start]
            if initial and not (len(aw) >= 2 and aw.replace(".", "").isupper()):
                continue
            if not _case_ok(aw, tw, initial):
                return False
        # a match made only of lower-case alias words (never capitalised in the text) is a
        # common noun, not a name
        return any(w[:1].isupper() for w in words[start : start + len(alias.words)])

    def lookup(self, text: str) -> tuple[Entry, str] | None:
        """The entry a whole name string denotes (case-insensitive), with its form."""
        words = split_words(text.strip())
        if words and words[0].lower() == "the":
            words = words[1:]
        return self._by_text.get(" ".join(token_key(w) for w in words))

    def entry(self, key: str) -> Entry | None:
        return self._by_key.get(key)

    def country(self, iso3: str) -> Entry | None:
        return self._countries.get(iso3)

    def demonym(self, word: str) -> str | None:
        """ISO3 of a nationality adjective or noun ("Russian", "Poles"), else None."""
        return self._demonyms.get(fold(word))

    def person(self, name: str) -> Entry | None:
        """The known office holder a name or alias denotes ("Putin", "Antonio Costa")."""
        return self._persons.get(fold(name))

    def entries(self) -> Iterator[Entry]:
        """Every entry the data defines (countries, organisations, bodies, persons)."""
        yield from self._by_key.values()

    def persons(self) -> Iterator[Entry]:
        seen: set[str] = set()
        for e in self._persons.values():
            if e.key not in seen:
                seen.add(e.key)
                yield e

    @lru_cache(maxsize=4096)  # noqa: B019  # the gazetteer is a per-process singleton
    def country_by_pattern(self, text: str) -> str | None:
        """ISO3 of a place name by country_converter's patterns (the fallback for GPE
        entities our alias table lacks, e.g. official long forms)."""
        if len(text) > 60:
            return None
        for pattern, iso3 in self._regexes:
            if pattern.search(text):
                return iso3
        return None

    def body(self, words: Sequence[str]) -> tuple[int, str, str] | None:
        """The longest state-body phrase at the start of ``words``: (length, body, sector)."""
        keys = [token_key(w) for w in words[: self._max_body]]
        for n in range(len(keys), 0, -1):
            hit = self._bodies.get(tuple(keys[:n]))
            if hit is not None:
                return n, hit[0], hit[1]
        return None

    def body_entry(self, iso3: str, body: str, sector: str) -> Entry:
        """The entry of a country's state body ("Ministry of Defence of Russia")."""
        base = self._countries.get(iso3)
        where = base.name if base is not None else _SPECIAL_CODES.get(iso3, iso3)
        if _TAKES_THE.search(where):
            where = "the " + where
        key = f"body:{iso3}:{fold(body)}"
        return Entry(key=key, name=f"{body} of {where}", kind="org", country=iso3, sector=sector)

    def government(self, iso3: str) -> Entry:
        """What a capital or seat stands for: the country's government (the EU for Brussels)."""
        if iso3 == "EUR":
            eu = self._by_key.get(org_key("igo", "European Union"))
            if eu is not None:
                return eu
        return self.body_entry(iso3, "Government", "GOV")


def _rows(name: str) -> Iterator[list[str]]:
    with (_DATA / name).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def _json(name: str) -> Any:
    with (_DATA / name).open(encoding="utf-8") as fh:
        return json.load(fh)


def _country_table() -> Iterable[dict[str, str]]:
    path = importlib.resources.files("country_converter") / "country_data.tsv"
    with path.open(encoding="utf-8") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The knowledge base, built once per process from country_converter and sitrep's data."""
    gaz = Gazetteer()
    for row in _country_table():
        iso3 = row["ISO3"]
        if not iso3 or row.get("obsolete"):
            continue
        entry = Entry(key=f"country:{iso3}", name=row["name_short"], kind="country", country=iso3)
        gaz.add_country(iso3, entry)
        for alias in (row["name_short"], row["name_official"]):
            if alias:
                gaz.add(entry, alias, "name")
        if row.get("regex"):
            gaz.add_regex(row["regex"], iso3)
    for iso3, names in _rows("country_aliases.tsv"):
        country = gaz.country(iso3)
        if country is not None:
            for alias in names.split(","):
                gaz.add(country, alias, "name")
    for iso3, names in _rows("demonyms.tsv"):
        country = gaz.country(iso3)
        if country is None:
            continue
        for word in names.split(","):
            gaz.add(country, word, "demonym")
            gaz.add_demonym(word.strip(), iso3)
    for item in _json("organisations.json")["entries"]:
        entry = Entry(
            key=org_key(item["kind"], item["name"]),
            name=item["name"],
            kind=item["kind"],
            country=item.get("country"),
            sector=item.get("sector"),
            code=item.get("code"),
            aliases=tuple(item.get("aliases", ())),
        )
        for alias in (item["name"], *entry.aliases):
            gaz.add(entry, alias, "name")
    for item in _json("bodies.json")["bodies"]:
        for pattern in item["patterns"]:
            gaz.add_body(pattern, item["body"], item["sector"])
    for place, code, _sector in _rows("seats.tsv"):
        gaz.add(gaz.government(code), place, "seat")
    for item in _json("persons.json")["entries"]:
        entry = Entry(
            key=person_key(item["name"]),
            name=item["name"],
            kind="person",
            country=item.get("country"),
            sector=item.get("sector"),
            office=item.get("office"),
            gender=item.get("gender"),
            aliases=tuple(item.get("aliases", ())),
        )
        for alias in (item["name"], *entry.aliases):
            gaz.add_person(entry, alias)
    return gaz


__all__ = [
    "Entry",
    "Gazetteer",
    "Match",
    "actor_id",
    "fold",
    "load_gazetteer",
    "org_key",
    "person_key",
    "split_words",
    "token_key",
]
