"""Person clusters: pass 2 of the actor stage (``sitrep.nlp.actors``), one cluster per person.

**Persons.** Full names found anywhere make clusters (a known office holder's cluster takes
the gazetteer's canonical name); every capitalised occurrence of a cluster's surname joins
it whatever the model labelled it, so the model's missing or mislabelled short names are
repaired. A surname with no full name in the article stays article-local (its id includes
the article id) unless the gazetteer knows it.
"""

from __future__ import annotations

from sitrep.actors.gazetteer import person_key as _person_key
from sitrep.nlp.actor_candidates import _Cand, _Candidates, _Person
from sitrep.nlp.names import nearest_cluster, parse_person, same_person


class _PersonClusters(_Candidates):
    """Pass 2: person candidates grouped into clusters, surnames swept in."""

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
