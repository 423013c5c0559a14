"""Actor candidates: pass 1 of the actor stage (``sitrep.nlp.actors``) and the state it fills.

**Candidates.** The model's PERSON/ORG/GPE/NORP/LOC/FAC entities, repaired (leading "the",
possessive "’s", titles inside PERSON spans, split particles "Ursula von | der Leyen"), plus
the gazetteer's matches (countries, demonyms, seats of power, organisations, known office
holders) and state bodies named by a country qualifier ("the Russian defense ministry").
Overlaps are settled by a fixed precedence: state bodies, then persons, then gazetteer hits,
then the model's other entities, because en_core_web_sm mislabels names far more often than
our curated aliases do ("Starmer" as ORG, "Kyiv" as PERSON, "Leyen" as GPE).

Every later pass reads and edits the same state: the Doc's words as plain arrays, the chosen
candidates and which token each one owns. ``_Candidates`` holds it; the passes are mixins over
it (``sitrep.nlp.person_clusters``, ``sitrep.nlp.roles``), combined by ``sitrep.nlp.actors``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc

from sitrep.actors.gazetteer import Entry, Gazetteer, Match, fold
from sitrep.nlp.names import (
    POSSESSIVE,
    Lexicon,
    PersonCluster,
    PersonName,
    TokenView,
    apposition_after,
    full_stop,
    office_at_end,
    parse_person,
    strip_possessive,
)

_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_DASHES = frozenset({"—", "–", "-", "--"})


@dataclass(slots=True)
class _Cand:
    """A mention candidate over tokens ``[start, end)``."""

    start: int
    end: int
    kind: str  # person | entry | org | group
    entry: Entry | None = None
    form: str = "name"
    name: PersonName | None = None
    text: str = ""
    country: str | None = None


_Person = PersonCluster["_Cand"]


class _Candidates:
    """The token arrays and chosen candidates of one Doc (state shared by the passes)."""

    def __init__(self, doc: Doc, article_id: str, gaz: Gazetteer, lex: Lexicon) -> None:
        self.doc = doc
        self.article_id = article_id
        self.gaz = gaz
        self.lex = lex
        # Token objects are costly to create: read offsets once as an array, and slice the
        # text (which Doc.text rebuilds on every access) by character offsets
        self.text = doc.text
        table = doc.to_array(["IDX", "LENGTH", "SENT_START", "SPACY"]).tolist() if len(doc) else []
        self.starts: list[int] = [row[0] for row in table]
        self.ends: list[int] = [row[0] + row[1] for row in table]
        self.space: list[bool] = [bool(row[3]) for row in table]
        self.words = [self.text[a:b] for a, b in zip(self.starts, self.ends, strict=True)]
        self.folded = [fold(w) for w in self.words]
        has_sents = doc.has_annotation("SENT_START")
        self.sent_start = [(row[2] == 1) if has_sents else i == 0 for i, row in enumerate(table)]
        self.sent_of = list(accumulate(int(b) for b in self.sent_start))  # sentence number
        self.owner: list[int | None] = [None] * len(doc)  # token -> index in self.chosen
        self.chosen: list[_Cand] = []
        self.role_tokens: set[int] = set()

    # -- pass 1: candidates -----------------------------------------------------------------

    def _entities(self) -> list[tuple[int, int, str]]:
        """The model's entities of the labels we read, with adjacent PERSON pieces joined
        ("Recep Tayyip/PERSON Erdoğan/PERSON" is one name)."""
        out: list[tuple[int, int, str]] = []
        for e in self.doc.ents:
            if e.label_ not in _LABELS:
                continue
            if out and e.label_ == "PERSON" and out[-1][2] == "PERSON" and out[-1][1] == e.start:
                out[-1] = (out[-1][0], e.end, "PERSON")
            else:
                out.append((e.start, e.end, e.label_))
        return out

    def _take(self, cand: _Cand) -> bool:
        if cand.start >= cand.end or any(
            self.owner[i] is not None for i in range(cand.start, cand.end)
        ):
            return False
        idx = len(self.chosen)
        self.chosen.append(cand)
        for i in range(cand.start, cand.end):
            self.owner[i] = idx
        return True

    def _repair(self, start: int, end: int, label: str) -> _Cand | None:
        """Trim an entity to its name and say what it is, or None for junk."""
        words = self.words
        if start < end and self.folded[start] == "the":
            hit = self.gaz.lookup(self._text(start, end))
            if hit is None or not hit[0].name.startswith("The "):
                start += 1  # "the Kremlin", but "The Atlantic" is the magazine's own name
        while end > start and (words[end - 1] in POSSESSIVE or words[end - 1] in {"&", ",", "."}):
            end -= 1
        if label != "PERSON":
            stops = [k for k in range(start, end - 1) if self._full_stop(k)]
            if stops:
                start = stops[-1] + 1  # "X. Former White House": the model ran over a full stop
            # "Former White House" -> "White House": title words before a known name
            k = start
            while k < end - 1 and self.lex.is_title_word(words[k]) and words[k][:1].isupper():
                k += 1
            if k > start and self.gaz.lookup(self._text(k, end)) is not None:
                start = k
        if start >= end:
            return None
        text = self._text(start, end)
        text = strip_possessive(text).rstrip(".")
        if not text or not (
            text[0].isupper() or text[0].isdigit() or self.folded[start] in self.lex.particles
        ):
            return None  # "fed", "the west": lower case is no name ("von der Leyen" is)
        if self._is_dateline(start, end):
            return None
        if label == "PERSON":
            # a title the model put inside the PERSON span ("President Trump") is not a name
            while (
                end - start > 1
                and self._strippable(words[start])
                and not (self.gaz.person(self._text(start, end)))
            ):
                start += 1
            # "Ursula von | der Leyen": the model stops at a lower-case particle
            while (
                end < len(words) and fold(words[end]) in self.lex.particles and words[end].islower()
            ):
                end += 1
            if (
                end < len(words)
                and fold(words[end - 1]) in self.lex.particles
                and words[end][:1].isupper()
            ):
                end += 1
            text = strip_possessive(self._text(start, end))
            known = self.gaz.lookup(text)
            if known is not None and known[1] != "person":
                return _Cand(start, end, "entry", known[0], known[1], text=text)
            parsed = parse_person(text, self.lex)
            if parsed is None:
                return None
            return _Cand(start, end, "person", name=parsed, text=text)
        known = self.gaz.lookup(text)
        if known is not None and known[1] != "person":
            return _Cand(start, end, "entry", known[0], known[1], text=text)
        if self._titled_name(start, end):
            # "his Latvian counterpart Edgars Rinkevics/ORG": a title makes a name a person
            parsed = parse_person(text, self.lex)
            if parsed is not None:
                return _Cand(start, end, "person", name=parsed, text=text)
        if label == "NORP":
            return _Cand(start, end, "group", text=text)
        if label in ("GPE", "LOC", "FAC"):
            iso3 = self.gaz.country_by_pattern(text) if label == "GPE" else None
            if iso3 is not None and self.gaz.country(iso3) is not None and len(text.split()) <= 4:
                return _Cand(start, end, "entry", self.gaz.country(iso3), "name", text=text)
            return None  # a city, region or building: a place, not an actor
        if sum(c.isalpha() for c in text) < 2 or all(
            self.lex.is_title_word(w) for w in text.split()
        ):
            return None  # "X.", "Defense" (a title word the model took for an ORG)
        country = self._possessor_country(start)
        body = self.gaz.body(words[start:end])
        if body is not None and body[0] == end - start:
            # "Ministry of Defense in Moscow", "Russia’s defense ministry": a state body
            country = country or self._place_after(end)
            if country is not None:
                entry = self.gaz.body_entry(country, body[1], body[2])
                return _Cand(start, end, "entry", entry, "name", text=text)
        return _Cand(start, end, "org", text=text, country=country)

    def _full_stop(self, k: int) -> bool:
        return full_stop(self.words, self.folded, k, self.lex)

    def _titled_name(self, start: int, end: int) -> bool:
        """Is a non-PERSON entity a person's name behind a title ("Minister Ana Ruiz/ORG") or
        before a role ("Ana Ruiz/ORG, a spokeswoman for ...")?"""
        if not self._person_shaped(start, end):
            return False
        before = self.words[max(0, start - self.lex.max_office) : start]
        if before and (
            office_at_end(before, self.lex) is not None
            or self.folded[start - 1] in self.lex.honorifics
        ):
            return True
        bare = TokenView(
            self.words, self.folded, self.sent_start, self.space, [None] * len(self.words), self.lex
        )
        after = apposition_after(bare, end)
        return after is not None and self.folded[after[0]] in ("a", "an", "the")

    def _place_after(self, end: int) -> str | None:
        """ISO3 of "in Moscow" / "in Poland" right after a body's name."""
        if end + 1 >= len(self.words) or self.folded[end] != "in":
            return None
        for size in (2, 1):
            hit = self.gaz.lookup(" ".join(self.words[end + 1 : end + 1 + size]))
            if hit is not None and (hit[0].kind == "country" or hit[1] == "seat"):
                return hit[0].country
        return None

    def _strippable(self, word: str) -> bool:
        """An office word inside a PERSON span ("President"); honorifics and regnal titles
        stay: "Sir Keir" and "King Charles" are names, which parse_person reads."""
        w = fold(word)
        keep = w in self.lex.honorifics or w in self.lex.regnal
        return not keep and self.lex.is_title_word(word)

    def _is_dateline(self, start: int, end: int) -> bool:
        text = self._text(start, end)
        return (
            text.isupper()
            and len(text) > 3
            and self.sent_start[start]
            and end < len(self.words)
            and self.words[end] in _DASHES
        )

    def _text(self, start: int, end: int) -> str:
        return self.text[self.starts[start] : self.ends[end - 1]]

    def _char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]

    def _possessor_country(self, start: int) -> str | None:
        """ISO3 of "Russia’s" in "Russia’s Security Council"."""
        if start >= 2 and self.words[start - 1] in POSSESSIVE:
            hit = self.gaz.lookup(self.words[start - 2])
            if hit is not None and hit[0].kind == "country":
                return hit[0].country
        return None

    def _bodies(self, matches: Iterable[Match]) -> list[_Cand]:
        """State bodies: a country qualifier plus a body noun ("the Kremlin’s armed forces")."""
        out = []
        for m in matches:
            iso3 = self._country_code(m.entry, m.form)
            if iso3 is None:
                continue
            k = m.end
            if k < len(self.words) and self.words[k] in POSSESSIVE:
                k += 1
            hit = self.gaz.body(self.words[k : k + 6])
            if hit is None:
                continue
            n, body, sector = hit
            entry = self.gaz.body_entry(iso3, body, sector)
            if m.form == "seat" and entry.key == m.entry.key:
                continue  # "Moscow’s government" is the seat's own government: one mention
            out.append(_Cand(m.start, k + n, "entry", entry, "name"))
        return out

    @staticmethod
    def _country_code(entry: Entry, form: str) -> str | None:
        """ISO3 of a country qualifier: a country's name, demonym or seat of government
        (not Brussels: "Brussels’ forces" names no EU body)."""
        if entry.kind == "country" and form in ("name", "demonym"):
            return entry.country
        if form == "seat" and entry.kind != "igo":
            return entry.country
        return None

    def _person_cands(self, ents: Sequence[_Cand], matches: Iterable[Match]) -> list[_Cand]:
        cands = [e for e in ents if e.kind == "person"]
        for m in matches:
            if m.form != "person":
                continue
            text = self._text(m.start, m.end)
            parsed = parse_person(text, self.lex)
            if parsed is None:
                continue
            cands.append(_Cand(m.start, m.end, "person", m.entry, "name", parsed, text))
        # a PERSON entity and a gazetteer hit on the same words: keep the gazetteer's entry
        by_span = {(c.start, c.end): c for c in cands if c.entry is None}
        for c in cands:
            if c.entry is not None and (c.start, c.end) in by_span:
                by_span[(c.start, c.end)].entry = c.entry
        return cands

    def _person_shaped(self, start: int, end: int) -> bool:
        """Two or three capitalised words that parse as a full personal name."""
        words = self.words[start:end]
        if not 2 <= len(words) <= 3 or any(fold(w) in self.lex.org_words for w in words):
            return False
        parsed = parse_person(self._text(start, end), self.lex)
        return parsed is not None and parsed.is_full

    def _release(self, idx: int) -> None:
        cand = self.chosen[idx]
        for j in range(cand.start, cand.end):
            if self.owner[j] == idx:
                self.owner[j] = None
        cand.kind = "dropped"
