"""The actor stage: every person, organisation and country of a Doc, one ``DocActor`` each.

``find_actors(doc, article_id)`` is a pure function of the Doc. It works in five passes:

1. **Candidates.** The model's PERSON/ORG/GPE/NORP/LOC/FAC entities, repaired (leading "the",
   possessive "’s", titles inside PERSON spans, split particles "Ursula von | der Leyen"), plus
   the gazetteer's matches (countries, demonyms, seats of power, organisations, known office
   holders) and state bodies named by a country qualifier ("the Russian defense ministry").
   Overlaps are settled by a fixed precedence: state bodies, then persons, then gazetteer hits,
   then the model's other entities, because en_core_web_sm mislabels names far more often than
   our curated aliases do ("Starmer" as ORG, "Kyiv" as PERSON, "Leyen" as GPE).
2. **Persons.** Full names found anywhere make clusters (a known office holder's cluster takes
   the gazetteer's canonical name); every capitalised occurrence of a cluster's surname joins
   it whatever the model labelled it, so the model's missing or mislabelled short names are
   repaired. A surname with no full name in the article stays article-local (its id includes
   the article id) unless the gazetteer knows it.
3. **Roles.** A title before the name ("U.S. Defense Secretary Pete Hegseth"), an apposition
   after it ("Nikolai Petrov, a senior analyst at ...") or before it ("the U.S. ambassador to
   NATO, Matthew Whitaker,") gives a role, an office, a country and a sector.
4. **Role nominals.** "the Russian president", "Russia's president", "the prime minister",
   "the French leader" become mentions of the one person whose office (and country, when the
   nominal names one) fits; ambiguous nominals are left alone.
5. **Gender** from titles, the gazetteer, or the pronouns of sentences where the person is the
   only one named (read by the quote stage to resolve "he said").

Capitals and seats ("Moscow", "the Kremlin", "Washington") stand for their government
("Government of Russia", sector GOV) only when they are not the object of a place preposition
("talks in Moscow" names a place, not an actor); "Brussels" stands for the European Union.
Country names are actors wherever they occur; a demonym is a mention of its country except
inside a title or role ("the Russian president" is the president, not Russia).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from spacy.tokens import Doc

from sitrep.actors.gazetteer import (
    Entry,
    Gazetteer,
    Match,
    actor_id,
    fold,
    load_gazetteer,
    org_key,
)
from sitrep.actors.gazetteer import person_key as _person_key
from sitrep.nlp.entities import ActorMention, DocActor
from sitrep.nlp.names import (
    POSSESSIVE,
    ROLE_DETS,
    Lexicon,
    Owner,
    PersonCluster,
    PersonName,
    TokenView,
    apposition_after,
    apposition_before,
    full_stop,
    gender_of,
    load_lexicon,
    nearest_cluster,
    office_at_end,
    office_matches,
    office_of,
    parse_person,
    pronoun_gender,
    same_person,
    sector_of,
    strip_possessive,
    title_before,
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


def _former(office: str, former: bool) -> str:
    return f"former {office}" if former else office


def find_actors(doc: Doc, article_id: str) -> list[DocActor]:
    """Every actor of ``doc`` with its mentions (character spans into ``doc.text``)."""
    return _Stage(doc, article_id, load_gazetteer(), load_lexicon()).run()


class _Stage:
    """One run of the stage over one Doc (state shared by the passes)."""

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
    def run(self) -> list[DocActor]:
        matches = self.gaz.scan(self.words, self.sent_start)
        spans = self._entities()
        raw = [(start, end) for start, end, label in spans if label != "PERSON"]
        repaired = [self._repair(start, end, label) for start, end, label in spans]
        ents = [e for e in repaired if e is not None]
        bodies = self._bodies(matches)
        persons = self._person_cands(ents, matches)
        for cand in bodies:
            self._take(cand)
        for cand in sorted(persons, key=lambda c: c.start - c.end):
            self._take(cand)
        ents_nonperson = [e for e in ents if e.kind != "person"]
        for m in matches:
            if m.form == "person":
                continue
            if any(s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in raw):
                continue  # "Ireland" of "Northern Ireland": the longer name is something else
            self._take(_Cand(m.start, m.end, "entry", m.entry, m.form))
        for e in ents_nonperson:
            self._take(e)
        clusters = self._cluster_persons()
        self._surname_sweep(clusters)
        view = self._view()
        for person in clusters:
            self._roles(person, view)
        self._acronyms()
        self._nominals(clusters)
        for person in clusters:
            self._gender(person)
        return self._assemble(clusters)

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

    # -- pass 2: persons --------------------------------------------------------------------
    def _cluster_persons(self) -> list[_Person]:
        people = [c for c in self.chosen if c.kind == "person"]
        people.sort(key=lambda c: c.start)
        clusters: list[_Person] = []
        # full names first, so that a bare surname can join the full name that follows it
        for c in people:
            name = c.name
            assert name is not None
            if not name.is_full:
                continue
            entry = c.entry or self.gaz.person(name.full)
            target = None
            for p in clusters:
                if (entry is not None and p.entry is not None and p.entry.key == entry.key) or (
                    (entry is None or p.entry is None)
                    and any(same_person(name, n) and n.is_full for n in p.names)
                ):
                    target = p
                    break
            if target is None:
                target = _Person(key=entry.key if entry else _person_key(name.full))
                clusters.append(target)
            if entry is not None and target.entry is None:
                target.entry = entry
                target.key = entry.key
            target.names.append(name)
            target.mentions.append(c)
        for c in people:
            name = c.name
            assert name is not None
            if name.is_full:
                continue
            # the article's own full names first: "Trump" is Eric Trump in an article that
            # names only him, whatever the gazetteer knows
            target = nearest_cluster(clusters, name, c.start)
            if target is None:
                entry = c.entry or self.gaz.person(name.full)
                if entry is not None:
                    target = next((p for p in clusters if p.entry is entry), None)
                    if target is None:
                        target = _Person(key=entry.key, entry=entry)
                        clusters.append(target)
                else:
                    target = _Person(key=_person_key(name.full))
                    clusters.append(target)
            target.names.append(name)
            target.mentions.append(c)
        return clusters

    def _surname_sweep(self, clusters: list[_Person]) -> None:
        """Join every capitalised occurrence of a known surname to its person, overriding
        whatever the model called it ("Starmer/ORG", "Orbán/NORP") or missed."""
        table: dict[tuple[str, ...], list[_Person]] = {}
        for p in clusters:
            for form in p.surname_forms:
                table.setdefault(form, []).append(p)
        if not table:
            return
        longest = max(len(k) for k in table)
        i = 0
        n = len(self.words)
        while i < n:
            hit = None
            for size in range(min(longest, n - i), 0, -1):
                seq = tuple(self.folded[i : i + size])
                if seq in table and self.words[i + size - 1][:1].isupper():
                    hit = (size, table[seq])
                    break
            if hit is None:
                i += 1
                continue
            size, fits = hit
            owner = self.owner[i]
            if owner is not None and self.chosen[owner].kind == "person":
                i = max(i + 1, self.chosen[owner].end)
                continue
            end = i + size
            start = i
            held = self.chosen[owner] if owner is not None else None
            if (
                held is not None
                and held.start < i
                and held.end == end
                and self._person_shaped(held.start, end)
            ):
                start = held.start  # "Anna Kowalska/ORG" once "Kowalska" is known: a full name
            elif self._extends_name(end) or self._continues_name(i):
                i = end
                continue
            # release a non-person candidate the name overlaps (a model mislabel)
            for j in range(start, end):
                o = self.owner[j]
                if o is not None:
                    self._release(o)
            text = self._text(start, end)
            parsed = parse_person(text, self.lex)
            if parsed is not None:
                cand = _Cand(start, end, "person", name=parsed, text=text)
                if self._take(cand):
                    target = fits[0] if len(fits) == 1 else nearest_cluster(fits, parsed, i)
                    if target is not None:
                        target.names.append(parsed)
                        target.mentions.append(cand)
            i = end

    def _person_shaped(self, start: int, end: int) -> bool:
        """Two or three capitalised words that parse as a full personal name."""
        words = self.words[start:end]
        if not 2 <= len(words) <= 3 or any(fold(w) in self.lex.org_words for w in words):
            return False
        parsed = parse_person(self._text(start, end), self.lex)
        return parsed is not None and parsed.is_full

    def _extends_name(self, end: int) -> bool:
        """True when the capitalised word after a surname continues another name."""
        return (
            end < len(self.words)
            and self.words[end][:1].isupper()
            and self.words[end].isalpha()
            and not self.sent_start[end]
            and self.owner[end] is None
        )

    def _continues_name(self, i: int) -> bool:
        """True when the capitalised word before a surname makes another name of it
        ("Capitol Hill" is not Ms. Hill); titles ("Minister Hill") do not count."""
        j = i - 1
        if j < 0 or self.sent_start[i] or self.sent_start[j]:
            return False  # a sentence-initial capital ("Later Hill said") proves nothing
        w = self.words[j]
        if not (w[:1].isupper() and w.isalpha()) or self.lex.is_title_word(w):
            return False
        owner = self.owner[j]
        return owner is None or self.chosen[owner].kind != "person"

    def _release(self, idx: int) -> None:
        cand = self.chosen[idx]
        for j in range(cand.start, cand.end):
            if self.owner[j] == idx:
                self.owner[j] = None
        cand.kind = "dropped"

    # -- pass 3: roles ----------------------------------------------------------------------
    def _view(self) -> TokenView:
        cands = [Owner(c.kind, c.start, c.end) for c in self.chosen]
        owners = [None if o is None else cands[o] for o in self.owner]
        return TokenView(self.words, self.folded, self.sent_start, self.space, owners, self.lex)

    def _roles(self, person: _Person, view: TokenView) -> None:
        if person.entry is not None:
            person.country = person.entry.country
            person.sector = person.entry.sector
            person.gender = person.entry.gender
            if person.entry.office:
                person.offices.append(person.entry.office)
        for m in sorted(person.mentions, key=lambda m: m.start):
            name = m.name
            assert name is not None
            if name.gender and person.gender is None:
                person.gender = name.gender
            for role in (
                title_before(view, m.start, name),
                apposition_after(view, m.end),
                apposition_before(view, m.start, m.end),
            ):
                if role is None:
                    continue
                start, end = role
                words = self.words[start:end]
                text = self._text(start, end)
                if words and fold(words[0]) in ROLE_DETS:
                    text = self._text(start + 1, end)
                self._add_role(person, text)
                self.role_tokens.update(range(start, end))
                office = office_of(words, self.lex)
                if office is not None and office not in person.offices:
                    person.offices.append(office)
                if person.country is None:
                    person.country = self._role_country(start, end)
                if person.sector is None:
                    person.sector = sector_of(office, self.lex)
                if person.gender is None:
                    person.gender = gender_of(words, self.lex)
            if name.title and name.regnal:
                office = fold(name.title.split()[-1])
                if office not in person.offices:
                    person.offices.append(office)
            if person.country is None:
                person.country = self._possessor_country(m.start)

    def _add_role(self, person: _Person, text: str) -> None:
        words = [fold(w) for w in text.split()]
        if all(w in self.lex.honorifics for w in words) and office_of(words, self.lex) is None:
            return  # "Sir", "Mr.", "Dr." say nothing about a role; "Gen." does
        low = fold(text)
        if any(low in fold(r) for r in person.roles):
            return
        person.roles[:] = [r for r in person.roles if fold(r) not in low]
        person.roles.append(text)

    def _role_country(self, start: int, end: int) -> str | None:
        """The country a title or role names: the first country, demonym or IGO in it."""
        for j in range(start, end):
            owner = self.owner[j]
            if owner is None:
                continue
            cand = self.chosen[owner]
            if cand.kind != "entry" or cand.entry is None:
                continue
            if cand.form in ("name", "demonym") and cand.entry.kind in ("country", "igo"):
                return cand.entry.country
            if cand.form == "seat" and j - start < 3:
                # "White House adviser" yes; "analyst at the London-based ..." is a place
                return cand.entry.country
        return None

    # -- acronyms ---------------------------------------------------------------------------
    def _acronyms(self) -> None:
        """ "Ministry of Defence (MoD)": later bare "MoD"s are that body."""
        words = self.words
        defined: dict[str, _Cand] = {}
        for cand in list(self.chosen):
            if cand.kind in ("dropped", "person"):
                continue
            k = cand.end
            if k + 2 < len(words) and words[k] == "(" and words[k + 2] == ")":
                acro = words[k + 1]
                if sum(c.isupper() for c in acro) >= 2 and acro.isalpha():
                    defined[acro] = cand
                    o = self.owner[k + 1]
                    if o is not None:
                        self._release(o)
        if not defined:
            return
        for i, w in enumerate(words):
            base = defined.get(w)
            if base is None:
                continue
            o = self.owner[i]
            if o is not None:
                if self.chosen[o].kind == "person":
                    continue
                self._release(o)
            self._take(replace(base, start=i, end=i + 1))

    # -- pass 4: role nominals -------------------------------------------------------------
    def _nominals(self, clusters: Sequence[_Person]) -> None:
        """ "the Russian president" -> the one person whose office and country fit."""
        persons = [p for p in clusters if p.offices]
        if not persons:
            return
        for i in range(len(self.words)):
            found = self._nominal_at(i)
            if found is None:
                continue
            start, office, country = found
            fits = [
                p
                for p in persons
                if any(office_matches(office, o, self.lex) for o in p.offices)
                and (country is None or p.country == country)
            ]
            # the person named before the nominal, else the only one named at all
            before = [p for p in fits if any(m.start < start for m in p.mentions)]
            pick = before or fits
            if len(pick) != 1:
                continue  # ambiguous: leave it to nobody
            for o in {self.owner[j] for j in range(start, i + 1)}:
                if o is not None and self.chosen[o].kind == "entry":
                    self._release(o)  # the "Russian" of "the Russian president"
            cand = _Cand(start, i + 1, "person", form="nominal", text=self._text(start, i + 1))
            if self._take(cand):
                pick[0].mentions.append(cand)

    def _nominal_at(self, i: int) -> tuple[int, str, str | None] | None:
        """A role nominal ending at token ``i``: (start token, office, country or None).

        It is an office word not followed by a name ("the president", not "President Ruiz"),
        introduced by "the" or a country possessive ("Russia’s president"), with optional
        country, demonym and modifier words in between ("the former U.S. defense secretary").
        """
        words = self.words
        if i in self.role_tokens or self.owner[i] is not None:
            return None
        hit = office_at_end(words[max(0, i - self.lex.max_office + 1) : i + 1], self.lex)
        if hit is None:
            return None
        size, office = hit
        if any(self.owner[j] is not None or j in self.role_tokens for j in range(i - size + 1, i)):
            return None
        if i + 1 < len(words) and (words[i + 1][:1].isupper() or self.folded[i + 1] in ("of", "-")):
            return None  # a title before a name, or "president of X"
        country: str | None = None
        former = False
        j = i - size
        while j >= 0:
            owner = self.owner[j]
            if self.folded[j] == "the":
                break
            if words[j] in POSSESSIVE and j > 0:
                prev = self.owner[j - 1]
                entry = self.chosen[prev].entry if prev is not None else None
                if prev is None or entry is None:
                    return None
                code = self._country_code(entry, self.chosen[prev].form) or entry.country
                return (self.chosen[prev].start, _former(office, former), code)
            if owner is not None:
                entry = self.chosen[owner].entry
                if entry is None or entry.kind not in ("country", "igo"):
                    return None
                country = entry.country
                j = self.chosen[owner].start - 1
                continue
            if self.folded[j] in ("former", "ex"):
                former = True
            elif self.folded[j] not in self.lex.modifiers or self.folded[j] == "new":
                return None
            j -= 1
        if j < 0:
            return None
        return j, _former(office, former), country

    # -- pass 5: gender ---------------------------------------------------------------------
    def _gender(self, person: _Person) -> None:
        if person.gender is not None:
            return
        mine = {id(m) for m in person.mentions}
        busy = {
            self.sent_of[c.start] for c in self.chosen if c.kind == "person" and id(c) not in mine
        }
        spans = [(m.start, m.end) for m in person.mentions]
        person.gender = pronoun_gender(self.folded, self.sent_of, spans, busy, self.lex)

    # -- assembly ---------------------------------------------------------------------------
    def _assemble(self, clusters: Sequence[_Person]) -> list[DocActor]:
        actors: dict[str, DocActor] = {}
        for p in clusters:
            live = [m for m in p.mentions if m.kind == "person"]
            if not live:
                continue
            name = p.canonical()
            if p.entry is not None:
                aid = p.entry.id
            elif any(n.is_full for n in p.names):
                aid = actor_id("person", _person_key(name))
            else:
                # a surname alone could be anyone with that surname: its id is the article's
                aid = actor_id("person", f"{self.article_id}:{_person_key(name)}")
            actor = actors.get(aid)
            if actor is None:
                actor = DocActor(id=aid, name=name, kind="person")
                actors[aid] = actor
            actor.roles.extend(r for r in p.roles if r not in actor.roles)
            actor.country = actor.country or p.country
            actor.sector = actor.sector or p.sector
            actor.gender = actor.gender or p.gender
            for m in live:
                self._mention(actor, m)
        for cand in self.chosen:
            if cand.kind in ("person", "dropped"):
                continue
            made = self._non_person(cand)
            if made is None:
                continue
            aid, name, kind, country, sector = made
            actor = actors.get(aid)
            if actor is None:
                actor = DocActor(id=aid, name=name, kind=kind, country=country, sector=sector)
                if kind == "igo" and cand.entry is not None:
                    actor.code = cand.entry.code
                actors[aid] = actor
            self._mention(actor, cand)
        out = [a for a in actors.values() if a.mentions]
        for a in out:
            a.mentions.sort(key=lambda m: m.span)
        out.sort(key=lambda a: a.first_span())
        return out

    def _mention(self, actor: DocActor, cand: _Cand) -> None:
        span = self._char_span(cand.start, cand.end)
        text = self.text[span[0] : span[1]]
        form = "nominal" if cand.form == "nominal" else "name"
        actor.mentions.append(ActorMention(span=span, text=text, form=form))
        if form == "name":
            alias = strip_possessive(text)
            if alias != actor.name and alias not in actor.aliases:
                actor.aliases.append(alias)

    def _non_person(self, cand: _Cand) -> tuple[str, str, str, str | None, str | None] | None:
        if cand.entry is not None:
            e = cand.entry
            if cand.start in self.role_tokens and e.kind in ("country", "group"):
                return None  # "the Russian president": a person's title, not Russia
            if cand.form == "seat" and not self._metonym(cand):
                return None
            return e.id, e.name, e.kind, e.country, e.sector
        if cand.kind == "group":
            if cand.start in self.role_tokens:
                return None
            key = org_key("group", cand.text)
            return actor_id("group", key), cand.text, "group", None, None
        if cand.kind == "org":
            name = cand.text
            key = org_key("org", f"{cand.country} {name}") if cand.country else org_key("org", name)
            return actor_id("org", key), name, "org", cand.country, None
        return None

    def _metonym(self, cand: _Cand) -> bool:
        """Is a capital or seat used for its government ("Moscow said"), not as a place?"""
        j = cand.start - 1
        if j >= 0 and self.folded[j] == "the":
            j -= 1
        if j >= 0 and self.folded[j] in self.lex.place_words:
            return False
        if self._is_dateline(cand.start, cand.end):
            return False
        k = cand.end
        return not (k + 1 < len(self.words) and self.words[k] == "-")


__all__ = ["find_actors"]
