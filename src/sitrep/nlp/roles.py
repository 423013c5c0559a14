"""Roles: passes 3 to 5 of the actor stage (``sitrep.nlp.actors``), what a person is.

3. **Roles.** A title before the name ("U.S. Defense Secretary Pete Hegseth"), an apposition
   after it ("Nikolai Petrov, a senior analyst at ...") or before it ("the U.S. ambassador to
   NATO, Matthew Whitaker,") gives a role, an office, a country and a sector.
4. **Role nominals.** "the Russian president", "Russia's president", "the prime minister",
   "the French leader" become mentions of the one person whose office (and country, when the
   nominal names one) fits; ambiguous nominals are left alone.
5. **Gender** from titles, the gazetteer, or the pronouns of sentences where the person is the
   only one named (read by the quote stage to resolve "he said").
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.actors.gazetteer import fold
from sitrep.nlp.actor_candidates import _Cand, _Candidates, _Person
from sitrep.nlp.names import (
    POSSESSIVE,
    ROLE_DETS,
    Owner,
    TokenView,
    apposition_after,
    apposition_before,
    gender_of,
    office_at_end,
    office_matches,
    office_of,
    pronoun_gender,
    sector_of,
    title_before,
)


def _former(office: str, former: bool) -> str:
    return f"former {office}" if former else office


class _Roles(_Candidates):
    """Passes 3 to 5: roles, role nominals and gender of the person clusters."""

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
