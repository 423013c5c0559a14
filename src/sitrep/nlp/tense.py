"""Tense: which way a weekday or a year-less date points from the publication date.

A weekday, or a month without a year, is read by the tense of the clause that governs it
(``_tense``): past (a past verb, "has", "since", the reporting present "tells MSNBC on
Friday") -> the most recent such day on or before the publication date; future ("will",
"would", "is expected to", "going to") or a bare present used for schedules ("leaders meet
next week") -> the coming one on or after it. "last Friday" / "next Friday" are exclusive
of the publication day. A year-less month moves to next year only for a marked future, or
for a bare present more than two months back ("the law takes effect on January 1").

The auxiliaries and reporting verbs that settle a tense are words of the date lexicon
(``sitrep.nlp.date_lexicon``).
"""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Token

from sitrep.nlp.date_lexicon import _lexicon


def _tense(tok: Token) -> str | None:
    """ "past", "future", "present" or None for the clause governing ``tok``.

    "future" is a marked future (will, would, going to, is expected to); "present" is a bare
    present tense, which with a date usually states a schedule ("NATO leaders meet next
    week") and is read as a weak future (see ``_year_for``).

    Climbs the dependency tree from the date to the first verb whose form settles the time:
    a finite verb or one with auxiliaries. Participles and infinitives without their own
    auxiliary ("those joining Saturday's call included ...", "are expected to conclude on
    Tuesday") hand over to the verb that governs them. "since" on the way means the past."""
    node = tok
    fallback: str | None = None
    for _ in range(12):
        if node.lower_ == "since" and node.dep_ in ("prep", "mark"):
            return "past"
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("amod", "compound"):
            verdict = _verb_tense(node)
            if verdict is not None:
                return verdict
            if fallback is None and node.tag_ == "VBN":
                fallback = "past"  # a bare past participle reports: "fighting flared in May"
        if node.head.i == node.i:
            break
        node = node.head
    return fallback


#: Days back from publication within which a present-tense year-less date stays in this year.
_PRESENT_TENSE_LOOKBACK = 62
_PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re", "’s", "’re", "be", "does", "do"})


def _verb_tense(verb: Token) -> str | None:
    """The time one verb's own form gives, or None when it has no finite form of its own."""
    lex = _lexicon()
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & lex.future_aux or "going" in auxes:
        return "future"
    if verb.tag_ == "VBD" or auxes & lex.past_aux:
        return "past"
    if auxes & _PRESENT_AUX or verb.tag_ in ("VBZ", "VBP"):
        if verb.lemma_.lower() in lex.reporting_verbs and not auxes:
            return "past"  # the reporting present: "Johnson tells MSNBC on Friday that ..."
        # Otherwise a schedule: "NATO leaders meet next week", "the vote is planned for May".
        return "present"
    return None  # a participle or an infinitive: its governor decides


def _resolve_weekday(base: date, weekday: int, direction: str | None, inclusive: bool) -> date:
    if direction in ("future", "present"):
        delta = (weekday - base.weekday()) % 7
        if delta == 0 and not inclusive:
            delta = 7
        return base + timedelta(days=delta)
    delta = (base.weekday() - weekday) % 7
    if delta == 0 and not inclusive:
        delta = 7
    return base - timedelta(days=delta)


def _year_for(base: date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a year-less "April 30" / "in August": the publication year, moved back for
    a past event that would lie after publication, forward for a future one before it."""
    year = base.year
    candidate = (month, day or 1)
    here = (base.month, base.day if day else 1)
    if tense == "past" and candidate > here:
        return year - 1
    if tense == "future" and candidate < here:
        return year + 1
    if tense == "present" and (base - date(year, month, 1)).days > _PRESENT_TENSE_LOOKBACK:
        # A bare present is a weak future: "the law takes effect on January 1" is next year,
        # but a dateline "Sept. 28 (UPI) — ... sings" three weeks back is this year.
        return year + 1
    return year
