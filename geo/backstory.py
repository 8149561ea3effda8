"""Earlier events a sentence recalls in passing.

"Turkey has struck the north-east since a bombing in Istanbul in November 2022",
"in response to a drone attack on the al-Tanf garrison on August 15": the
phrase after *since*, *in response to*, *in retaliation for* or *following*
names an event of its own, at its own place and date. The sentence's main event
is never located there (:func:`geo.eventplace.choose_scene` skips such places);
this module reports the recalled event separately, typed and dated from the
phrase alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from geo import dates
from geo.actors import actor_mentions, find_actors
from geo.eventtypes import classify_all
from geo.models import Mention
from geo.triggers import find_triggers

_CUE = re.compile(r"\b(?:since|(?:in|a|as a) response to|in retaliation for|in reprisal for|in revenge for|"
                  r"following|"
                  r"(?:hours|days|weeks|months) after)\s+", re.IGNORECASE)
_CUE_REACH = 80  # characters between the cue and the place
_PHRASE_END = re.compile(r"[,;:()\u2014\u2013]|\s(?:and|but|while|when|as)\s")


@dataclass(frozen=True)
class Recalled:
    """An event a sentence recalls: its type, the place, its date and actors."""

    event_type: str
    sub_event_type: str
    mention: Mention
    date: str | None
    date_precision: str | None
    actors: tuple[str, ...]
    trigger: str


def recalled_events(sentence: str, offset: int, mentions: Sequence[Mention], published: str | None,
                    is_scene: callable) -> Iterator[Recalled]:
    """Events recalled in ``sentence`` (starting at ``offset`` in the text) at its mentions.

    ``is_scene(mention)`` says whether a mention may be an event's scene at all (a
    specific place, not a government metonym).
    """
    for m in mentions:
        if m.place is None or not is_scene(m):
            continue
        rel = m.start - offset
        cue = None
        for c in _CUE.finditer(sentence, max(0, rel - _CUE_REACH), rel):
            cue = c
        if cue is None or _PHRASE_END.search(sentence, cue.end(), rel):
            continue
        cut = _PHRASE_END.search(sentence, m.end - offset)
        phrase = sentence[cue.end():cut.start() if cut else len(sentence)]
        triggers = find_triggers(phrase)
        if not triggers:
            continue
        typed = classify_all(phrase, triggers, actor_mentions(phrase))
        if not typed:
            continue
        etype, sub, trig = typed[0]
        exprs = [e for e in dates.find_dates(phrase, published) if e.date]
        rank = {"day": 0, "week": 1, "month": 2, "year": 3}
        best = min(exprs, key=lambda e: (rank.get(e.precision or "", 9), e.start)) if exprs else None
        date = best.date if best else None
        yield Recalled(etype, sub, m, date, best.precision if best else None,
                       find_actors(phrase, date), trig.text)
