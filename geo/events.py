"""Events: one per reporting sentence, typed, dated, located, with its actors and dead.

:func:`extract_events` is pure: it takes an :class:`~geo.models.Article` and the
place mentions found in it (:func:`geo.toponyms.find_mentions`) and returns
:class:`~geo.models.Event` objects, each quoting its sentence with the
sentence's character offsets in ``Article.text``.

How an event is built from a sentence that reports one (see
:mod:`geo.triggers` and :mod:`geo.eventtypes` for the typing):

* **Units** — each clause of a sentence ("X fell on Monday, and Y was taken on
  Tuesday") that names its own place and trigger gives its own event; a
  sentence reporting a strike and fighting gives one event of each type.
* **Location** — the most specific place the clause names literally
  (village, base, crossing, dam > town > city > district > governorate >
  river/road > region > country); Syrian places first when the article is
  about Syria; the place nearest the trigger among equals ("a bombing in
  Istanbul"); a bearing ("east of Qamishli") after a scene; an origin or
  destination ("convoys from Raqqa") only for movements or when nothing else
  is named; a river or road only when no town is named; never a capital
  standing for its government ("Moscow warned", :func:`geo.toponyms.is_metonym`)
  nor a place in a "since ..." or "in response to ..." phrase. Places
  listed together as the scene ("in Tal Abyad and Ras al-Ayn") each get an
  event, as ACLED codes one event per location.
  When the sentence names no place below the country level: "the town" / "the
  dam" / "the province" is the scene of an earlier report or the last such
  place named before; else the nearest earlier sentence of the paragraph that
  names one (``place_precision="paragraph"``); else, among the Syrian places
  of the ten preceding sentences of earlier paragraphs, the one named most
  often, most recently, in the headline and as an earlier scene
  (``"article"``); else a later sentence of the paragraph; else the sentence's
  own country or region; else the country the article names most. An event
  placed only at a country gets ``place_precision="country"``: data files keep
  it, maps do not draw it (:func:`on_map`). Context places must lie in the
  country, and the part of Syria ("north-east Syria"), that the sentence
  names. A foreign state that acts ("the United States launched missiles") is
  not the scene of a Syria story: Syria is.
* **Date** — the date expression (:func:`geo.dates.find_dates`) in the
  trigger's comma-separated segment, or in a segment that reports nothing
  else ("On Feb. 3, shelling ..."); not one that dates an embedded earlier
  event ("towns the army had captured in 2020"). "The same day" / "the next
  day" count from the last day named before. Else a day named in one of the
  two preceding sentences of the paragraph; else the publication date with
  precision ``"week"`` (news reports what happened in the days before: the
  date is the publication date, the event within about a week before it).
  An undated article gives events with no date unless a full date is written.
* **Actors** — :func:`geo.actors.find_actors`; a sentence that names none
  takes those of the previous sentence of its paragraph.
* **Fatalities** — :func:`geo.fatalities.fatalities`, ``None`` when unstated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geo import dates
from geo.actors import actor_mentions, find_actors
from geo.backstory import recalled_events
from geo.eventplace import (
    LOCAL_MAX,
    ArticleContext,
    choose_scene,
    listed_targets,
    locate,
    rank,
    scene_excluded,
)
from geo.eventtypes import classify_all
from geo.fatalities import fatalities
from geo.models import Article, Event, Mention, Place
from geo.sentences import Sentence, split_sentences
from geo.triggers import BATTLES, REMOTE, VAC, drop_disaster_triggers, find_triggers, names_disaster

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

log = logging.getLogger(__name__)

def _in(span: Sentence | tuple[int, int], m: Mention) -> bool:
    s, e = (span.start, span.end) if isinstance(span, Sentence) else span
    return s <= m.start and m.end <= e


# Clause boundaries inside a sentence: each clause may report its own event at its own place
# ("X fell on Monday, and Y was taken a day later").
_CLAUSE_SPLIT = re.compile(r";\s+|,\s+(?:and|while|but|whereas|where)\s+|\s+[\u2014\u2013]\s+|"
                           r",\s+and\s+then\s+")
# "DAMASCUS, April 3 (Reuters) -": the filing date, not the date of what the sentence reports
_DATELINE_HEAD = re.compile(r"^[A-Z][A-Z/ ,.'-]+,[^-\u2013\u2014]{0,40}?(?:\([A-Za-z]+\)\s*)?"
                            r"[-\u2013\u2014]\s")
_WHERE_REACH = 60  # how far before ", where" the place it describes may stand
# Segment boundaries for dating: a date belongs to the comma-separated piece it stands in.
_SEGMENT_CUT = re.compile(r"[,;:()\u2014\u2013]")


_SAME_DAY = re.compile(r"\b(?:the same day|that day|later that day|the (?:next|following) (day)|"
                       r"a day (later)|the day (before)|a day (earlier))\b", re.IGNORECASE)
_EMBEDDED = re.compile(r"\b(?:had|that|which|who|whom)\b(?:\s+\S+){0,3}\s*$", re.IGNORECASE)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _CLAUSE_SPLIT.finditer(sentence):
        spans.append((pos, m.start()))
        pos = m.start()  # keep "and" with the clause it opens
    spans.append((pos, len(sentence)))
    return spans


def extract_events(article: Article, mentions: list[Mention]) -> list[Event]:
    """The events an article reports, one per reporting sentence (or clause) and scene.

    Parameters
    ----------
    article : Article
        The article (its ``text`` is what the mention offsets refer to).
    mentions : list of Mention
        Its place mentions, resolved or not.

    Returns
    -------
    list of Event
        In text order; repeated sentences (captions printed twice) give one event.
    """
    text = article.text
    sentences = split_sentences(text)
    mentions = sorted(mentions, key=lambda m: m.start)
    syria = any(m.place is not None and m.place.country == "SY" for m in mentions)
    by_sentence = [[m for m in mentions if _in(s, m)] for s in sentences]
    counts: dict[str, int] = {}
    for m in mentions:
        if m.place is not None:
            counts[m.place.id] = counts.get(m.place.id, 0) + 1
    ctx = ArticleContext(text, sentences, by_sentence, syria, counts)

    events: list[Event] = []
    seen: set[tuple] = set()
    mains: dict[int, tuple] = {}  # sentence index -> its main (type, sub-type, trigger)
    days: dict[int, str] = {}  # sentence index -> the day its first event was dated to
    for i, sent in enumerate(sentences):
        if sent.boilerplate:
            continue
        events.extend(_recalled(article, sent, by_sentence[i], seen, ctx))
        triggers = find_triggers(sent.text)
        # a quake's or a flood's toll, ruins and aid convoys are not conflict events
        disaster = any(names_disaster(sentences[j].text) for j in ctx.paragraphs[sent.paragraph])
        triggers = drop_disaster_triggers(sent.text, triggers, disaster)
        if not triggers:
            continue
        amentions = actor_mentions(sent.text)
        typed = classify_all(sent.text, triggers, amentions)
        if not typed:
            continue
        typed = _casualties_of_strike(typed, mains, ctx.paragraphs[sent.paragraph], i)
        dead = fatalities(sent.text)
        if _toll_of_earlier(events, sentences, i, triggers, by_sentence[i], dead):
            continue
        mains[i] = typed[0]
        units = _units(ctx, i, triggers, typed, amentions)
        ctx.scenes[i] = [m for _, places, precision, _ in units if precision == "sentence" for m in places]
        for (etype, sub, trig), places, precision, span in units:
            date, date_precision = _date_for(sentences, i, span, trig, triggers, article.published, days)
            if date_precision == "day":
                days.setdefault(i, date)
            actors = find_actors(sent.text, date)
            if not actors:
                prev = [j for j in ctx.paragraphs[sent.paragraph] if j < i]
                if prev:
                    actors = find_actors(sentences[prev[-1]].text, date)
            for m in places or [None]:
                p = m.place if m else None
                key = (etype, sub, p.id if p else None, date, sent.text)
                if key in seen:
                    continue
                seen.add(key)
                events.append(Event(
                    article=article.path, published=article.published, date=date,
                    date_precision=date_precision, event_type=etype, sub_event_type=sub, actors=actors,
                    place=p.name if p else None, lat=p.lat if p else None, lon=p.lon if p else None,
                    place_precision=_precision(p, precision), fatalities=dead,
                    quote=sent.text, start=sent.start, end=sent.end,
                    gazetteer_id=p.id if p else None, country=p.country if p else None,
                    admin1=p.admin1 if p else None,
                    extra={"trigger": trig.text, "surface": m.text if m else None},
                ))
    return events


def _recalled(article: Article, sent: Sentence, mentions: list[Mention], seen: set, ctx) -> list[Event]:
    """Events the sentence recalls in a "since ..." or "in response to ..." phrase (geo.backstory)."""
    out = []
    for r in recalled_events(sent.text, sent.start, mentions, article.published,
                             lambda m: rank(m) <= LOCAL_MAX and not scene_excluded(ctx.text, m)):
        p = r.mention.place
        key = (r.event_type, r.sub_event_type, p.id, r.date, sent.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(Event(
            article=article.path, published=article.published, date=r.date, date_precision=r.date_precision,
            event_type=r.event_type, sub_event_type=r.sub_event_type, actors=r.actors, place=p.name,
            lat=p.lat, lon=p.lon, place_precision=_precision(p, "sentence"), fatalities=None, quote=sent.text,
            start=sent.start, end=sent.end, gazetteer_id=p.id, country=p.country, admin1=p.admin1,
            extra={"trigger": r.trigger, "surface": r.mention.text, "recalled": True}))
    return out


_DEATH_ONLY = re.compile(r"kill\w*|dead|died|slain|wounded|injured", re.IGNORECASE)


def _casualties_of_strike(typed: list, mains: dict[int, tuple], para: list[int], i: int) -> list:
    """A sentence that only counts dead ("Two civilians were killed near X") right after a strike
    in its paragraph reports that strike's toll: remote violence, not an attack on civilians."""
    etype, _, trig = typed[0]
    if etype not in (VAC, BATTLES) or not _DEATH_ONLY.fullmatch(trig.text):
        return typed
    prev = [j for j in para if j < i and j in mains]
    if prev and mains[prev[-1]][0] == REMOTE and i - prev[-1] <= 2:
        return [(REMOTE, mains[prev[-1]][1], trig)] + typed[1:]
    return typed


_PASSIVE = re.compile(r"\b(?:were|was|been|are|is|being|got)\s+(?:\w+\s+)?(?:killed|slain)$|"
                      r"^(?:dead|died|slain)$|\s(?:dead|died)$", re.IGNORECASE)
_ANAPHOR = re.compile(r"\b(?:at|in|on|near|inside) the (base|airbase|airport|air base|village|town|city|camp|"
                      r"depot|facility|site|compound|prison|market|school|hospital|crossing|dam|post|"
                      r"outpost|checkpoint|convoy)\b", re.IGNORECASE)


def _toll_of_earlier(events: list[Event], sentences: list[Sentence], i: int, triggers: list,
                     mentions: list[Mention], dead: int | None) -> bool:
    """Whether sentence ``i`` only counts the dead of a strike or battle told just before.

    "The army said six people were killed at the base", with no place of its own
    and no other trigger, is the toll of the last strike or battle of the six
    sentences before that has none yet: that event takes the count (ACLED codes
    one event), and the sentence gives no event of its own.
    """
    text = sentences[i].text
    if dead is None or not triggers or not all(_DEATH_ONLY.fullmatch(t.text) for t in triggers):
        return False
    # "pro-government forces had killed 82 civilians" names who killed: an event of its own
    if any(not _PASSIVE.search(text[max(0, t.start - 25):t.end]) for t in triggers):
        return False
    if any(m.place is not None and rank(m) <= LOCAL_MAX for m in mentions):
        return False
    # "at the base", "in the village": the earlier event whose report names that kind of place
    noun = _ANAPHOR.search(text)
    start = sentences[max(0, i - 6)].start
    for k in range(len(events) - 1, -1, -1):
        ev = events[k]
        if ev.start < start:
            break
        if ev.event_type not in (REMOTE, BATTLES) or ev.extra.get("recalled") or ev.place is None:
            continue
        if noun and not re.search(rf"\b{noun.group(1)}", ev.quote, re.IGNORECASE):
            continue
        if ev.fatalities is not None:
            return False  # the count of the last one told; this one is another report
        same = [j for j, e in enumerate(events) if e.start == ev.start and e.event_type == ev.event_type
                and e.fatalities is None]
        for j in same:
            events[j] = dataclasses.replace(events[j], fatalities=dead)
        return True
    return False


def _units(ctx: ArticleContext, i: int, triggers: list, typed: list, amentions: list) -> list[tuple]:
    """``((type, sub, trigger), places, precision, (start, end))`` for each event of sentence ``i``.

    Clauses that name their own place and trigger give their own events; a clause
    that only adds a place to the sentence's event ("..., and Tal Abyad") shares
    it. When no clause names a place, the sentence is located by context.
    """
    sent = ctx.sentences[i]
    units = []
    for cs, ce in _clauses(sent.text):
        cm = [m for m in ctx.by_sentence[i] if cs <= m.start - sent.start and m.end - sent.start <= ce]
        if re.match(r",\s+where\b", sent.text[cs:ce]):  # "Douma, in the Ghouta, where 40 died": Douma
            before = [m for m in ctx.by_sentence[i] if m.place is not None
                      and cs - _WHERE_REACH <= m.end - sent.start <= cs]
            cm = sorted(before, key=lambda m: (rank(m), -m.start))[:1] + cm
        ctrig = [t for t in triggers if cs <= t.start < ce]
        ctyped = classify_all(sent.text, ctrig, amentions) if ctrig else []
        # a retyping the sentence got from its paragraph (a strike's toll) holds for its clauses
        ctyped = [typed[0] if t[2] == typed[0][2] else t for t in ctyped]
        # the main event's trigger, not the clause's first one ("arrived in X ... where 40 died")
        near = sent.start + (ctyped[0][2].start if ctyped else ctrig[0].start if ctrig else cs)
        # movements (convoys, patrols, crossings) happen at their origin or destination
        moving = bool(ctyped) and all(t[0] == "Strategic developments" for t in ctyped)
        scene = choose_scene(ctx.text, cm, ctx.syria, local_only=True, near=near, skip_away=not moving)
        if not scene and ctrig:
            # a clause naming only a region ("the buffer zone on the Golan Heights") is located there
            # ... but not one spanning several countries ("the first troops killed in the Middle
            # East"): that is a scope, and the site is named elsewhere
            scene = [m for m in choose_scene(ctx.text, cm, ctx.syria, local_only=False, near=near)
                     if m.place.kind != "country" and rank(m) > LOCAL_MAX and m.place.country]
        if not scene:
            continue
        if ctyped and ctyped[0][0] in (REMOTE, BATTLES):
            scene = sorted(scene + listed_targets(ctx.text, cm, scene, near), key=lambda m: m.start)
        if not ctrig:
            lead = ctx.text[sent.start + cs:scene[0].start]
            ctyped = typed[:1] if cs > 0 and re.fullmatch(
                r"\W*(?:and\s+|while\s+)?(?:also\s+)?(?:in\s+|on\s+|at\s+)?(?:the\s+)?"
                r"(?:(?:town|village|city|area)s?\s+of\s+)?", lead, re.IGNORECASE) else []
        units.extend((t, scene, "sentence", (cs, ce)) for t in ctyped)
    # an event type no clause could place ("took 30 women hostage from <unknown village>, and
    # withdrew to X"): located by context like a sentence that names no place
    covered = {t[0] for t, _, _, _ in units}
    rest = [t for t in typed if t[0] not in covered]
    if rest:
        places, precision = locate(ctx, i, sent.start + rest[0][2].start)
        units.extend((t, places, precision, (0, len(sent.text))) for t in rest)
    return units


# A segment telling what an event answered ("in response to a drone attack on August 15") dates
# that earlier event, not this one
_BACKGROUND_SEGMENT = re.compile(r"(?:^\W*|\b)(?:in (?:response|retaliation|reprisal|revenge) (?:to|for)|"
                                 r"following|since (?:an?|the)\b|weeks after|days after|months after)\b",
                                 re.IGNORECASE)


def _date_for(sentences: list[Sentence], i: int, span: tuple[int, int], trig, triggers: list,
              published: str | None, days: dict[int, str] | None = None) -> tuple[str | None, str | None]:
    """Date of an event: from its clause, else its sentence, else context (module docstring).

    Within the sentence a date counts when it stands in the trigger's comma-separated
    segment or in a segment that reports nothing else ("On Feb. 3, shelling ..."); a date
    in a segment with its own trigger ("towns the army had captured in 2020") is another
    event's.
    """
    sent = sentences[i].text
    cuts = [0] + [m.end() for m in _SEGMENT_CUT.finditer(sent)] + [len(sent) + 1]

    def segment(pos: int) -> int:
        return max(k for k, c in enumerate(cuts) if c <= pos)

    own = segment(trig.start)
    # a segment reporting an earlier or embedded event ("towns the army had captured in
    # 2020", "which seized ...") keeps its date to itself
    busy = {segment(t.start) for t in triggers
            if _EMBEDDED.search(sent[max(0, t.start - 40):t.start])} - {own}
    head = _DATELINE_HEAD.match(sent)
    exprs = [e for e in dates.find_dates(sent, published) if e.date and not e.background
             and not _BACKGROUND_SEGMENT.search(sent[cuts[segment(e.start)]:e.start])
             and not (head and e.start < head.end())]
    in_clause = [e for e in exprs if span[0] <= e.start < span[1]] or exprs
    usable = [e for e in in_clause if segment(e.start) == own] or \
             [e for e in in_clause if segment(e.start) not in busy]
    if usable:
        rank = {"day": 0, "week": 1, "month": 2, "year": 3}
        best = min(usable, key=lambda e: (rank.get(e.precision or "", 9), not e.absolute, e.start))
        return best.date, best.precision
    same_day = _SAME_DAY.search(sent)
    if same_day:  # "the same day", "the next day": counted from the last day named before
        later, earlier = same_day.group(1) or same_day.group(2), same_day.group(3) or same_day.group(4)
        shift = 1 if later else -1 if earlier else 0
        for j in range(i - 1, max(-1, i - 7), -1):
            # the day the earlier sentence's event was dated to, else the first day it names
            d, p = (days[j], "day") if days and j in days else dates.resolve_date(sentences[j].text,
                                                                                     published)
            if d and p == "day":
                return (dt.date.fromisoformat(d) + dt.timedelta(days=shift)).isoformat(), "day"
    # "the strikes", "the attack": the event told just before, across a paragraph break too
    definite = re.match(r"(?:the|these|those|this|that)\s", trig.text, re.IGNORECASE) is not None
    for j in (i - 1, i - 2):
        if j >= 0 and days and j in days and definite:
            return days[j], "day"
        if j >= 0 and sentences[j].paragraph == sentences[i].paragraph and not sentences[j].boilerplate:
            d, p = dates.resolve_date(sentences[j].text, published)
            if d and p == "day":  # a named day carries over; "this year" or "in 2019" is too loose
                return d, p
    if published:
        return published, "week"
    return None, None


def _precision(place: Place | None, found_in: str) -> str | None:
    """``place_precision``: where the place was found, or "country" when only a country is known.

    A country's centre point is not where anything happened, so maps leave such
    events out (:func:`on_map`) while tables and data files keep them.
    """
    if place is None:
        return None
    return "country" if place.kind == "country" else found_in


def on_map(frame: pd.DataFrame) -> pd.Series:
    """Boolean mask of the rows a map can draw: located below the level of a country."""
    ok = frame["lat"].notna() & frame["lon"].notna()
    if "place_precision" in frame:
        ok &= frame["place_precision"].astype(object) != "country"
    return ok


def to_frame(events: Sequence[Event]) -> gpd.GeoDataFrame:
    """Events as a GeoDataFrame (EPSG:4326), one row per event.

    Columns are the keys of :meth:`Event.to_record`, with ``actors`` joined by
    ``"; "``; events without coordinates, or placed only at a country, get an
    empty geometry (their ``lat``/``lon`` stay in the columns).
    """
    import geopandas as gpd  # imported here: the command line does not need it
    from shapely.geometry import Point

    rows = []
    geoms = []
    for ev in events:
        rec = ev.to_record()
        rec["actors"] = "; ".join(ev.actors)
        rows.append(rec)
        drawn = ev.lat is not None and ev.lon is not None and ev.place_precision != "country"
        geoms.append(Point(ev.lon, ev.lat) if drawn else None)
    columns = list(Event.__dataclass_fields__)
    columns.remove("extra")
    return gpd.GeoDataFrame(rows, columns=columns, geometry=geoms, crs="EPSG:4326")
