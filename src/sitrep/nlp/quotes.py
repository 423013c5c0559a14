"""Quotations: direct, mixed and indirect reported speech, each with its canonical speaker.

``extract_quotes(doc, article_id, actors)`` is the QUOTE stage. It works in three passes over
a parsed ``Doc``, cheapest evidence first, because news writing is formulaic (the conventions
are those of wire-service style guides: a quote is attributed once, next to it, with "said"):

1. **Quotation marks** (``find_quote_marks``, in ``sitrep.nlp.quote_marks``): every span
   between quotation marks, curly or straight.
2. **Direct quotes** (``sitrep.nlp.direct_quotes``): a quoted span with a cue right after or
   right before it, or continuing the quotation next to it.
3. **Indirect and mixed quotes** (``sitrep.nlp.reported_speech``): every remaining reporting
   verb with a speaker and content.

Both passes share one state (``sitrep.nlp.quote_context``).

Quoted words that no cue claims are terms, names or scare quotes (“coalition of the willing”,
“freeloading”) and yield nothing. Speakers are resolved by ``sitrep.nlp.speakers``.

Speakers are resolved after both passes, in text order, so that "the diplomat" or "he" sees
every earlier speaker. Everything is a walk over tokens plus set lookups: the stage costs a few
per cent of the parser's time (bench/quotes.py measures it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from sitrep.nlp.direct_quotes import _DirectQuotes
from sitrep.nlp.entities import DocActor
from sitrep.nlp.quote_context import _Found
from sitrep.nlp.reported_speech import _ReportedSpeech
from sitrep.records import Quote, Span, TextSpan, stable_id


class _Extractor(_DirectQuotes, _ReportedSpeech):
    """The passes of one document, then its speakers."""

    def resolve_speakers(self) -> None:
        """Resolve speakers in text order, so "the diplomat" and "he" see every earlier one."""
        cued = sorted(
            (f for f in self.found if f.subject is not None),
            key=lambda f: f.subject.idx if f.subject is not None else 0,
        )
        for found in cued:
            assert found.subject is not None
            speaker = self.resolver.resolve(found.subject, found.span)
            found.speaker = speaker
            self.resolver.remember(found.subject.idx, speaker)
            self.resolver.remember(found.span[0], speaker)
        for found in self.found:
            if found.source is not None:
                found.speaker = found.source.speaker

    def run(self) -> list[_Found]:
        self.direct()
        self.indirect()
        self.resolve_speakers()
        self.found.sort(key=lambda f: f.span)
        return self.found


def extract_quotes(doc: Doc, article_id: str, actors: Sequence[DocActor]) -> Iterator[Quote]:
    """Yield every quotation of ``doc`` (direct, mixed, indirect) with its speaker.

    ``actors`` are the document's actor clusters from the actor stage; speakers that match
    one get its canonical name and id. The doc must be parsed (dependency labels).
    """
    if len(doc) and not doc.has_annotation("DEP"):
        raise ValueError("extract_quotes needs a parsed Doc (run the parser before the quotes)")
    seen: set[Span] = set()
    text = doc.text  # Doc.text joins every token on each access: read it once
    for found in _Extractor(doc, actors).run():
        if found.span in seen or found.span[1] <= found.span[0]:
            continue
        seen.add(found.span)
        start, end = found.span
        speaker = found.speaker
        yield Quote(
            id=stable_id("quo", article_id, start, end),
            article=article_id,
            span=found.span,
            text=text[start:end],
            kind=found.kind,
            speaker=speaker.name if speaker else None,
            speaker_id=speaker.actor_id if speaker else None,
            speaker_mention=speaker.mention if speaker else None,
            cue=TextSpan(text[found.cue[0] : found.cue[1]], found.cue) if found.cue else None,
        )
