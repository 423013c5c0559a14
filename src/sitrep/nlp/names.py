"""Person names in news copy: titles, offices, surnames, possessives and gender cues.

News English introduces a person once in full, usually behind a title ("U.S. Defense Secretary
Pete Hegseth", "Sir Keir Starmer", "King Charles III") and then by surname ("Hegseth"), by a
role nominal ("the defense secretary") or a pronoun. This module holds the small, model-free
logic the actor stage needs for that: strip a title and a possessive from a name, split given
name and surname (keeping particles: "von der Leyen", "De Wever"), decide whether two name
forms can denote the same person, and read the office out of a title ("Prime Minister" ->
"prime minister", "former Defense Secretary" -> "former defense secretary"), keep the name
forms of one person together (``PersonCluster``), and read the roles written around a name in
running text: a title before it, an apposition after or before it (``title_before``,
``apposition_after``, ``apposition_before``, over a ``TokenView`` of the Doc). Family names
written first ("Wang Yi", "Lee Jae-myung") are recognised from a list of such family names.
The word lists live in ``sitrep/actors/data/titles.json``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, Protocol, TypeVar

from sitrep.actors.gazetteer import Entry, fold, split_words
from sitrep.datafiles import load_json

#: spellings folded to one so that titles compare equal across British and American copy
_CANON = {"defence": "defense", "advisor": "adviser", "premier": "prime minister"}


#: first words that make a different office of the same head noun ("vice president")
_NOT_PORTFOLIO = frozenset({"vice", "prime", "deputy", "former", "assistant", "under", "lord"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The title and name-part word lists of ``titles.json`` (keys folded, lower case)."""

    honorifics: dict[str, str | None]
    regnal: dict[str, str]
    offices: dict[str, str | None]
    modifiers: frozenset[str]
    connectors: frozenset[str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    pronouns: dict[str, str]
    gendered: dict[str, str]
    generic_heads: frozenset[str]
    head_offices: frozenset[str]
    not_names: frozenset[str]
    max_office: int
    office_words: frozenset[str]
    office_last: frozenset[str]
    family_first: frozenset[str]
    org_words: frozenset[str]
    place_words: frozenset[str]
    family_first_korean: frozenset[str]

    def is_title_word(self, word: str) -> bool:
        """True for a word that can be part of a title before a name."""
        w = fold(word)
        return (
            w in self.modifiers
            or w in self.honorifics
            or w in self.regnal
            or _CANON.get(w, w) in self.office_words
        )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The title lexicon, loaded once per process."""
    raw = load_json("sitrep.actors", "titles.json")
    offices: dict[str, str | None] = {_norm_phrase(k): v for k, v in raw["offices"].items()}
    return Lexicon(
        honorifics={fold(k): v for k, v in raw["honorifics"].items()},
        regnal={fold(k): v for k, v in raw["regnal"].items()},
        offices=offices,
        modifiers=frozenset(fold(w) for w in raw["office_modifiers"]),
        connectors=frozenset(raw["connectors"]),
        particles=frozenset(fold(w) for w in raw["particles"]),
        suffixes=frozenset(fold(w) for w in raw["suffixes"]),
        pronouns=dict(raw["pronouns"]),
        gendered={fold(k): v for k, v in raw["gendered_words"].items()},
        generic_heads=frozenset(raw["generic_heads"]),
        head_offices=frozenset(_norm_phrase(w) for w in raw["head_offices"]),
        not_names=frozenset(fold(w) for w in raw["not_names"]),
        max_office=max(len(k.split()) for k in offices),
        office_words=frozenset(w for k in offices for w in k.replace("-", " - ").split()),
        office_last=frozenset(k.split()[-1] for k in offices),
        family_first=frozenset(raw["family_first"]["always"]),
        org_words=frozenset(fold(w) for w in raw["org_words"]),
        place_words=frozenset(raw["place_words"]),
        family_first_korean=frozenset(raw["family_first"]["korean"]),
    )


@lru_cache(maxsize=16384)
def _norm_phrase(text: str) -> str:
    words = fold(text).replace(" - ", "-").replace(".", "").split()
    return " ".join(_CANON.get(w, w) for w in words)


def strip_possessive(text: str) -> str:
    """ "Putin’s" -> "Putin", "Hegseth's" -> "Hegseth", "Davis'" -> "Davis"."""
    text = text.rstrip()
    for clitic in ("'s", "’s", "'S", "’S"):
        if text.endswith(clitic):
            return text[: -len(clitic)].rstrip()
    if len(text) > 2 and text[-1] in "'’" and text[-2] in "sS":
        return text[:-1]
    return text


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name with its title removed. ``surname`` is the family name ("von der
    Leyen"), or the given name of a monarch ("Charles" of "Charles III") and of a knight
    addressed as "Sir Keir" (``given_only``)."""

    full: str
    surname: str
    given: str | None = None
    title: str | None = None
    gender: str | None = None
    regnal: bool = False
    given_only: bool = False

    @property
    def is_full(self) -> bool:
        """A full personal name (given name and surname, or a regnal name with numeral)."""
        return self.given is not None and not self.given_only

    @property
    def surname_key(self) -> str:
        return fold(self.surname).replace("-", " ")

    @property
    def given_key(self) -> str | None:
        return fold(self.given).replace(".", "") if self.given else None


def parse_person(text: str, lex: Lexicon | None = None) -> PersonName | None:
    """Parse a person-name string, or None when it is not one (a bare title, a word with
    digits, a known non-name such as "Brexit")."""
    lex = lex or load_lexicon()
    words = strip_possessive(text.replace("\u00a0", " ")).split()
    title: list[str] = []
    gender: str | None = None
    regnal = False
    while words:
        w = fold(words[0]).rstrip(",")
        two = f"{w} {fold(words[1])}" if len(words) > 1 else ""
        if two in lex.regnal:
            regnal, gender = True, lex.regnal[two]
            title.extend(words[:2])
            words = words[2:]
        elif w in lex.regnal:
            regnal, gender = True, lex.regnal[w]
            title.append(words.pop(0))
        elif w in lex.honorifics:
            gender = lex.honorifics[w] or gender
            title.append(words.pop(0))
        elif len(words) > 1 and (w in lex.modifiers or _norm_phrase(w) in lex.offices):
            title.append(words.pop(0))
        else:
            break
    if not words:
        return None
    numeral = None
    if len(words) > 1 and fold(words[-1]) in lex.suffixes:
        numeral = words.pop()
    for w in words:
        if any(c.isdigit() for c in w) or not (w[:1].isupper() or fold(w) in lex.particles):
            return None
    if len(words) == 1 and fold(words[0]) in lex.not_names:
        return None
    if all(lex.is_title_word(w) for w in words):
        return None  # a bare title ("President") never makes a person
    if all(len(w) > 1 and w.isupper() for w in words):
        return None  # "DSEI", "NATO": acronyms, not names ("JD Vance" still is one)
    if " ".join(fold(w) for w in words) in lex.not_names:
        return None
    if regnal:
        full = " ".join([*words, numeral] if numeral else words)
        return PersonName(
            full,
            words[0],
            words[0] if numeral else None,
            " ".join(title) or None,
            gender,
            regnal=True,
        )
    if numeral:
        words.append(numeral)  # "Jr.", "III" stay part of a commoner's full name
    given_only = len(words) == 1 and bool(title) and fold(title[-1]) in ("sir", "dame")
    if given_only:
        return PersonName(words[0], words[0], words[0], " ".join(title), gender, given_only=True)
    if _family_first(words, lex):
        return PersonName(
            " ".join(words), words[0], " ".join(words[1:]), " ".join(title) or None, gender
        )
    first_particle = next(
        (i for i, w in enumerate(words[:-1]) if fold(w) in lex.particles and i < len(words) - 1),
        None,
    )
    core = [w for w in words if fold(w) not in lex.suffixes]
    if first_particle is not None:
        surname = " ".join(words[first_particle:])
    else:
        surname = core[-1] if core else words[-1]
    given = words[0] if first_particle != 0 and len(words) > 1 else None
    return PersonName(" ".join(words), surname, given, " ".join(title) or None, gender)


def _family_first(words: Sequence[str], lex: Lexicon) -> bool:
    """East Asian order, family name first: "Wang Yi", "Lee Jae-myung", "Kim Yo Jong"."""
    if len(words) not in (2, 3):
        return False
    first = fold(words[0])
    if first in lex.family_first:
        return True
    return first in lex.family_first_korean and (len(words) == 3 or "-" in words[1])


def same_person(a: PersonName, b: PersonName) -> bool:
    """Can two name forms denote one person? Surnames must agree; given names, when both
    are known, must agree or one must be an initial of the other."""
    if a.given_only or b.given_only:
        ga = a.given_key if not a.given_only else a.surname_key
        gb = b.given_key if not b.given_only else b.surname_key
        return ga is not None and ga == gb
    if a.surname_key != b.surname_key:
        return False
    if a.given_key is None or b.given_key is None:
        return True
    ga, gb = a.given_key, b.given_key
    return ga == gb or (len(ga) == 1 and gb.startswith(ga)) or (len(gb) == 1 and ga.startswith(gb))


def office_at_end(words: Sequence[str], lex: Lexicon | None = None) -> tuple[int, str] | None:
    """The longest office phrase ending at the last of ``words``: (its length, the office)."""
    lex = lex or load_lexicon()
    if (
        not words
        or _norm_phrase(words[-1]).split()[-1:] == []
        or (_norm_phrase(words[-1]).split()[-1] not in lex.office_last)
    ):
        return None  # the head noun of every office is its last word: a cheap first test
    for n in range(min(lex.max_office, len(words)), 0, -1):
        phrase = _norm_phrase(" ".join(words[-n:]))
        if phrase in lex.offices:
            return n, phrase
    return None


def office_of(words: Sequence[str], lex: Lexicon | None = None) -> str | None:
    """The office a title or role phrase names, "former " prefixed when it says so.

    The office is read before the first preposition ("minister for defense procurement" ->
    "minister"), from the right: English titles put the head noun last.
    """
    lex = lex or load_lexicon()
    head: list[str] = []
    for w in words:
        if fold(w) == "of" and head:
            head.append(w)  # "secretary of state", "chief of staff"
            continue
        if fold(w) in ("for", "at", "to", "in", "from", "with", "on", ",", "who", "now"):
            if head and office_at_end(head, lex) is not None:
                break
            head = []
            continue
        head.append(w)
    best: str | None = None
    for end in range(len(head), 0, -1):
        hit = office_at_end(head[:end], lex)
        if hit is not None:
            best = hit[1]
            break
    if best is None:
        return None
    if any(fold(w) in ("former", "ex", "then") for w in words):
        return "former " + best
    return best


def sector_of(office: str | None, lex: Lexicon | None = None) -> str | None:
    """PLOVER sector of an office: GOV for a minister, MIL for a general, ELI when former."""
    if office is None:
        return None
    lex = lex or load_lexicon()
    if office.startswith("former "):
        return "ELI"
    return lex.offices.get(office)


def office_matches(nominal: str, office: str, lex: Lexicon | None = None) -> bool:
    """Does a role nominal's office ("leader", "president") fit a person's office?"""
    lex = lex or load_lexicon()
    if office.startswith("former ") or nominal.startswith("former "):
        return nominal == office
    if nominal == office:
        return True
    words = office.split()
    if len(words) > 1 and words[-1] == nominal and words[0] not in _NOT_PORTFOLIO:
        return True  # "the minister" is the defense minister, but "the president" is no VP
    return nominal in lex.generic_heads and office in lex.head_offices


def gender_of(words: Sequence[str], lex: Lexicon | None = None) -> str | None:
    """Gender a title states ("King", "Mrs", "spokeswoman"), else None."""
    lex = lex or load_lexicon()
    for w in words:
        g = lex.gendered.get(fold(w)) or lex.honorifics.get(fold(w))
        if g:
            return g
    return None


def pronoun_gender(
    folded: Sequence[str],
    sent_of: Sequence[int],
    mentions: Sequence[tuple[int, int]],
    busy: Collection[int],
    lex: Lexicon | None = None,
) -> str | None:
    """The gender the pronouns give a person: he/his/him against she/her after each of its
    mentions, to the end of the sentence and through the next one, in sentences that name no
    other person (``busy`` holds the sentence numbers that do). Only one-sided votes decide.

    ``folded`` are the Doc's folded token texts, ``sent_of`` each token's sentence number.
    """
    lex = lex or load_lexicon()
    votes = {"m": 0, "f": 0}
    n = len(folded)
    for _start, end in mentions:
        here = sent_of[end - 1]
        if here in busy:
            continue
        k = end
        while k < n and (sent_of[k] == here or (sent_of[k] == here + 1 and here + 1 not in busy)):
            g = lex.pronouns.get(folded[k])
            if g:
                votes[g] += 1
            k += 1
    if votes["m"] and not votes["f"]:
        return "m"
    if votes["f"] and not votes["m"]:
        return "f"
    return None


# -- person clusters ------------------------------------------------------------------------


class _Located(Protocol):
    @property
    def start(self) -> int: ...


M = TypeVar("M", bound=_Located)


@dataclass(slots=True)
class PersonCluster(Generic[M]):
    """The name forms and mentions of one person in one document, with what the text and the
    gazetteer say about the person."""

    key: str
    names: list[PersonName] = field(default_factory=list)
    mentions: list[M] = field(default_factory=list)
    entry: Entry | None = None
    roles: list[str] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    gender: str | None = None

    @property
    def surname_keys(self) -> set[str]:
        """Surnames this person answers to, the gazetteer's variants included."""
        keys = {n.surname_key for n in self.names if not n.given_only}
        if self.entry is not None:
            for alias in self.entry.aliases:
                parsed = parse_person(alias)
                if parsed is not None and parsed.given is None and not parsed.given_only:
                    keys.add(parsed.surname_key)
        return keys

    @property
    def surname_forms(self) -> set[tuple[str, ...]]:
        """The surnames as folded token sequences, split as spaCy splits running text
        ("Doe-Smith" -> doe, -, smith), for matching them over a Doc's tokens."""
        surnames = [n.surname for n in self.names if not n.given_only]
        if self.entry is not None:
            for alias in self.entry.aliases:
                parsed = parse_person(alias)
                if parsed is not None and parsed.given is None and not parsed.given_only:
                    surnames.append(parsed.surname)
        return {tuple(fold(w) for w in split_words(name)) for name in surnames}

    def canonical(self) -> str:
        """The gazetteer's name, else the longest full personal name the text gives."""
        if self.entry is not None:
            return self.entry.name
        full = [n for n in self.names if n.is_full]
        if full:
            return max(full, key=lambda n: (len(n.full.split()), len(n.full))).full
        return self.names[0].full


def nearest_cluster(
    clusters: Sequence[PersonCluster[M]], name: PersonName, at: int
) -> PersonCluster[M] | None:
    """The cluster a short name at token ``at`` belongs to: one whose name fits; when several
    fit ("Brenner" with Marta and Jakob Brenner), the one mentioned last before it."""
    fits = [
        p
        for p in clusters
        if any(same_person(name, n) for n in p.names if n.is_full or n.regnal)
        or (not name.given_only and name.surname_key in p.surname_keys)
    ]
    if len(fits) <= 1:
        return fits[0] if fits else None
    before = [(max((m.start for m in p.mentions if m.start < at), default=-1), p) for p in fits]
    before.sort(key=lambda x: x[0])
    return before[-1][1]


# -- roles around a name in running text ----------------------------------------------------

POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
#: words a role phrase before a name starts with ("the ambassador", "his counterpart")
ROLE_DETS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})
_PREPS = frozenset({"of", "for", "to", "at", "in", "on", "with"})
_APPOS_START = frozenset({"a", "an", "the"})
_NOT_ROLE_START = frozenset({"who", "which", "whose", "said", "says", "told", "and", "but"})
_CLAUSE_END = frozenset({",", ".", ";", ":", "“", "”", '"', "(", ")", "—", "–", "?", "!"})
#: longest title or apposition read, in tokens; longer stretches are clauses, not roles
_MAX_ROLE = 16


@dataclass(frozen=True, slots=True)
class Owner:
    """What a token already belongs to in the actor stage: a candidate's kind and range."""

    kind: str  # person | entry (gazetteer) | org | group
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TokenView:
    """The tokens of a Doc as the role readers see them: texts, folded texts, sentence starts,
    trailing spaces and which candidate (if any) owns each token."""

    words: Sequence[str]
    folded: Sequence[str]
    sent_start: Sequence[bool]
    space: Sequence[bool]
    owners: Sequence[Owner | None]
    lex: Lexicon

    def full_stop(self, k: int) -> bool:
        return full_stop(self.words, self.folded, k, self.lex)

    def clause_end(self, k: int) -> bool:
        """A token that ends a role phrase; a colon inside a name ("Re:Russia") does not."""
        if self.words[k] not in _CLAUSE_END:
            return False
        glued = k > 0 and not self.space[k - 1] and not self.space[k]
        return not (glued and self.words[k] in (":", "-"))


def full_stop(words: Sequence[str], folded: Sequence[str], k: int, lex: Lexicon) -> bool:
    """Does token ``k`` end a sentence? "." and "on X." do; "U.S.", "Gen." and the initial of
    "Jakob M. Brenner" do not."""
    w = words[k]
    if not w.endswith(".") or "." in w[:-1] or folded[k] in lex.honorifics:
        return False
    initial = len(w) == 2 and w[0].isupper()
    return not (initial and k > 0 and words[k - 1][:1].isupper())


def title_before(view: TokenView, i: int, name: PersonName) -> tuple[int, int] | None:
    """The title in front of the name starting at token ``i``: "U.S. Defense Secretary" of
    "U.S. Defense Secretary Pete Hegseth", as a token range.

    A title must end in an office word or an honorific right before the name; it then extends
    left over title words, countries, organisations and possessors ("Italy’s right-wing Prime
    Minister"), never over a person or a sentence end. A regnal title inside the name ("King"
    of "King Charles III") is part of the role, an honorific ("Sir", "Mrs.") is not.
    """
    lex, words, folded = view.lex, view.words, view.folded
    own = len(name.title.split()) if name.title else 0
    if not own:
        if i == 0 or not words[i - 1][:1].isalpha():
            return None
        near = words[max(0, i - lex.max_office) : i]
        if office_at_end(near, lex) is None and folded[i - 1] not in lex.honorifics:
            return None
    start = i
    j = i - 1
    while j >= 0 and i - j <= _MAX_ROLE:
        if view.sent_start[j + 1] or view.full_stop(j):
            break  # never cross a sentence ("on X. Former adviser Fiona Hill")
        owner = view.owners[j]
        if owner is not None and owner.kind == "person":
            break  # "Trump’s National Security Adviser": the possessor is not the role
        if words[j] in POSSESSIVE and j > 0:
            prev = view.owners[j - 1]
            if prev is not None and prev.kind == "entry":
                start = prev.start
                j = start - 1
                continue
            break
        if owner is not None and owner.kind == "org":
            # a model ORG inside a title may reach back over a sentence end
            # ("on X. Former White House adviser"): keep what follows the full stop
            stops = [r for r in range(owner.start, j + 1) if view.full_stop(r)]
            if stops:
                start = stops[-1] + 1
                break
        if owner is not None and owner.kind in ("entry", "org"):
            start = owner.start
            j = start - 1
            continue
        connector = (
            folded[j] in lex.connectors
            and folded[j] not in ("the", "and")
            and j > 0
            and lex.is_title_word(words[j - 1])
        )
        if lex.is_title_word(words[j]) or connector or (words[j] == "-" and j > 0):
            start = j
            j -= 1
            continue
        break
    while start < i and folded[start] in lex.connectors:
        start += 1
    end = i + own if name.regnal else i
    return (start, end) if start < end else None


def apposition_after(view: TokenView, k: int) -> tuple[int, int] | None:
    """The role after a name ending at token ``k``: "Nikolai Petrov, a senior analyst at
    the ... Center." -> "a senior analyst at the ... Center"."""
    lex, words = view.lex, view.words
    if k >= len(words) or words[k] != ",":
        return None
    start = end = k + 1
    while end < len(words) and end - start < _MAX_ROLE and not view.clause_end(end):
        if end > start and view.sent_start[end]:
            break
        end += 1
    if end == start:
        return None
    role = words[start:end]
    first = view.folded[start]
    if first in _NOT_ROLE_START or office_of(role, lex) is None:
        return None
    # the office must come early: "a senior analyst at X", not "said on Tuesday ... official"
    if not any(office_at_end(role[:n], lex) for n in range(1, min(len(role), 6) + 1)):
        return None
    if first not in _APPOS_START and not lex.is_title_word(role[0]) and view.owners[start] is None:
        return None
    return start, end


def apposition_before(view: TokenView, i: int, k: int) -> tuple[int, int] | None:
    """The role before a name at tokens ``[i, k)``: "the U.S. ambassador to NATO, Matthew
    Whitaker, told ..." -> "the U.S. ambassador to NATO"."""
    lex, words, folded = view.lex, view.words, view.folded
    if i < 2 or words[i - 1] != ",":
        return None
    if k < len(words) and words[k] not in _CLAUSE_END and folded[k] not in ("told", "said", "says"):
        return None
    end = i - 1
    j = end - 1
    while j >= 0 and end - j <= _MAX_ROLE and words[j] not in _CLAUSE_END:
        owner = view.owners[j]
        if j + 1 < len(words) and words[j + 1] in POSSESSIVE and owner is not None:
            break  # "Trump’s new Secretary of State, Marco Rubio"
        if owner is not None and owner.kind == "person":
            return None  # "Wang Yi met his counterpart, X": a clause, not a role
        if folded[j] in ROLE_DETS and (j == 0 or folded[j - 1] not in _PREPS):
            break  # "the minister for the armed forces": the inner "the" is not the start
        if view.sent_start[j]:
            break
        j -= 1
    if j < 0 or words[j] in _CLAUSE_END:
        return None
    start = j
    if folded[start] not in ROLE_DETS and not (
        start + 1 < len(words) and words[start + 1] in POSSESSIVE
    ):
        return None  # a role before a name starts with a determiner or a possessor
    role = words[start:end]
    if len(role) < 2 or office_of(role, lex) is None:
        return None
    first_office = next((n for n in range(1, len(role) + 1) if office_at_end(role[:n], lex)), None)
    if first_office is None or first_office > 7:
        return None
    return start, end


__all__ = [
    "POSSESSIVE",
    "ROLE_DETS",
    "Lexicon",
    "Owner",
    "PersonCluster",
    "TokenView",
    "apposition_after",
    "apposition_before",
    "full_stop",
    "title_before",
    "PersonName",
    "gender_of",
    "load_lexicon",
    "nearest_cluster",
    "office_at_end",
    "office_matches",
    "office_of",
    "parse_person",
    "pronoun_gender",
    "same_person",
    "sector_of",
    "strip_possessive",
]
