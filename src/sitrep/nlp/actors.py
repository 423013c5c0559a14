"""The actor stage: every person, organisation and country of a Doc, one ``DocActor`` each.

``find_actors(doc, article_id)`` is a pure function of the Doc. It works in five passes over
one shared state (the Doc's words and the chosen candidates):

1. **Candidates** (``sitrep.nlp.actor_candidates``): the model's entities, repaired, and the
   gazetteer's matches, overlaps settled by a fixed precedence.
2. **Persons** (``sitrep.nlp.person_clusters``): every mention of one person in one cluster.
3. **Roles**, 4. **Role nominals** and 5. **Gender** (``sitrep.nlp.roles``): what each person
   is, "the Russian president" as a mention of that person, and how the text refers to them.

An acronym defined in parentheses ("Ministry of Defence (MoD)") makes its later bare uses
mentions of that body.

Capitals and seats ("Moscow", "the Kremlin", "Washington") stand for their government
("Government of Russia", sector GOV) only when they are not the object of a place preposition
("talks in Moscow" names a place, not an actor); "Brussels" stands for the European Union.
Country names are actors wherever they occur; a demonym is a mention of its country except
inside a title or role ("the Russian president" is the president, not Russia).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from sitrep.actors.gazetteer import actor_id, load_gazetteer, org_key
from sitrep.actors.gazetteer import person_key as _person_key
from sitrep.nlp.actor_candidates import _Cand, _Person
from sitrep.nlp.entities import ActorMention, DocActor
from sitrep.nlp.names import load_lexicon, strip_possessive
from sitrep.nlp.person_clusters import _PersonClusters
from sitrep.nlp.roles import _Roles


def find_actors(doc: Doc, article_id: str) -> list[DocActor]:
    """Every actor of ``doc`` with its mentions (character spans into ``doc.text``)."""
    return _Stage(doc, article_id, load_gazetteer(), load_lexicon()).run()


class _Stage(_PersonClusters, _Roles):
    """One run of the stage over one Doc: the passes in order, then the actors."""

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
