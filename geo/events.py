"""Events: one per reporting sentence, typed, dated, located, with its actors and dead.

:func:`extract_events` is pure: it takes an :class:`~geo.models.Article` and the
place mentions found in it (:func:`geo.toponyms.find_mentions`) and returns
:class:`~geo.models.Event` objects, each quoting its sentence with the
sentence's character offsets in ``Article.text``.

How an event is built from a sentence that reports one (see
:mod:`geo.eventtypes` for the typing):

* **Units** — each clause of a sentence ("X fell on Monday, and Y was taken on
  Tuesday") that names its own place and trigger gives its own event; a
  sentence reporting a strike and fighting gives one event of each type.
* **Location** — the most specific place the clause names literally
  (village, base, crossing, dam > town > city > district > governorate >
  river/road > region > country); Syrian places first when the article is
  about Syria; the place nearest the trigger among equals ("a bombing in
  Istanbul"); a bearing ("east of Qamishli") after a scene; an origin or
  destination ("convoys from Raqqa") only for movements or when nothing else
  is named; never a capital standing for its government ("Moscow warned",
  :func:`geo.toponyms.is_metonym`) nor a place in a "since ..." phrase. Places
  listed together as the scene ("in Tal Abyad and Ras al-Ayn") each get an
  event, as ACLED codes one event per location.
  When the sentence names no place below the country level: "the town" / "the
  dam" / "the province" is the last such place named before; else the nearest
  earlier sentence of the paragraph that names one (``place_precision=
  "paragraph"``); else, among the places of the six preceding sentences of
  earlier paragraphs, the one named most often, most recently and in the
  headline (``"article"``); else a later sentence of the paragraph; else the
  sentence's own country or region (``"sentence"``). Context places must lie
  in the country the sentence names, if it names one.
* **Date** — the date expression (:func:`geo.dates.find_dates`) in the
  trigger's comma-separated segment, or in a segment that reports nothing
  else ("On Feb. 3, shelling ..."); not one that dates an embedded earlier
  event ("towns the army had captured in 2020"). Else a day named in one of
  the two preceding sentences of the paragraph; else the publication date
  with precision ``"week"`` (news reports what happened in the days before).
  An undated article gives events with no date unless a full date is written.
* **Actors** — :func:`geo.actors.find_actors`; a sentence that names none
  takes those of the previous sentence of its paragraph.
* **Fatalities** — :func:`geo.eventtypes.fatalities`, ``None`` when unstated.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import geopandas as gpd
from shapely.geometry import Point

from geo import dates
from geo.actors import actor_mentions, find_actors
from geo.eventtypes import classify_all, fatalities, find_triggers
from geo.models import Article, Event, Mention
from geo.sentences import Sentence, split_sentences

log = logging.getLogger(__name__)

#: Specificity of a place kind for locating an event (lower is more specific).
KIND_RANK = {
    "village": 0, "base": 0, "crossing": 0, "dam": 0, "town": 1, "city": 2, "district": 3,
    "governorate": 4, "river": 5, "road": 5, "region": 6, "country": 7,
}
_LOCAL_MAX = 5  # ranks up to this are "a place", beyond it only an area
_CONTEXT_SENTENCES = 6  # how far back the nearest named place is looked for
_MAX_PLACES = 3  # events per sentence when several places are listed as the scene

# A place named as a bearing ("east of Qamishli", "10 km from Manbij"): the scene is near it.
_REFERENCE = re.compile(
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?(?:\s+(?:outskirts|countryside|edge))?\s+of|"
    r"\bkms?\s+(?:\w+\s+)?(?:from|of)|\bmiles\s+(?:\w+\s+)?(?:from|of)|\bborder with|\bbordering)\s+"
    r"(?:the\s+)?(?:(?:town|city|village|province|district)\s+of\s+)?$",
    re.IGNORECASE)
# A place named as an origin or destination ("convoys from Raqqa", "fled towards Azaz"): elsewhere.
_AWAY = re.compile(r"(?:\bfrom|\btowards?|\bto|\bvia|\bfor)\s+(?:the\s+)?"
                   r"(?:(?:town|city|village|province|district)\s+of\s+)?$", re.IGNORECASE)
_GOVT_VERB = re.compile(
    r"^(?:'s|\u2019s)?\s+(?:has\s+|had\s+|have\s+|would\s+|will\s+)?(?:also\s+|instead\s+|then\s+|later\s+|"
    r"again\s+|now\s+|repeatedly\s+|\w+ly\s+)?(?:said|says|say|warned|warns|"
    r"accused|accuses|announced|announces|demanded|demands|agreed|agrees|insisted|insists|wants|wanted|"
    r"seeks|sought|considers|considered|supports|supported|backs|backed|opposes|opposed|condemned|"
    r"condemns|denied|denies|rejected|rejects|responded|urged|urges|called|calls|hopes|believes|"
    r"secured|signed|threatened|threatens|claims|claimed|views|regards|told|reacted|confirmed|"
    r"tries|tried|decided|hosts|hosted|fears|feared)\b", re.IGNORECASE)
_SCENE_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)(?:the\s+)?"
                         r"(?:(?:towns?|villages?|cities|city|areas?)\s+of\s+)?$", re.IGNORECASE)


def _metonym(text: str, m: Mention) -> bool:
    """A capital or country standing for its government ("Moscow warned", "Ankara's support")."""
    try:
        from geo.toponyms import is_metonym
    except ImportError:  # the toponym module is optional for this check
        is_metonym = None
    if is_metonym is not None:
        try:
            if is_metonym(text, m):
                return True
        except Exception as err:  # a failing heuristic must not lose the event
            log.debug("is_metonym failed on %r: %s", m.text, err)
    if m.place is None or m.place.kind not in ("city", "country", "town"):
        return False
    after = text[m.end:m.end + 40]
    before = text[max(0, m.start - 30):m.start]
    if _GOVT_VERB.match(after):
        return True
    # "talks between Washington and Ankara", "relations with Damascus"
    talks = re.search(r"\b(?:talks|relations|ties|tensions|meeting|dialogue|rapprochement|dispute|"
                      r"negotiations)\b", text[max(0, m.start - 60):m.start])
    return bool(talks and re.search(r"\b(?:between|and|with)\s+$", before))


def _background(text: str, m: Mention) -> bool:
    """A place in a "since ..." phrase ("since the war in Gaza began") is history, not the scene."""
    seg = re.split(r"[.!?\n,;:()\u2014]", text[max(0, m.start - 60):m.start])[-1]
    return bool(re.search(r"\bsince\b", seg, re.IGNORECASE))


def _rank(m: Mention) -> int:
    return KIND_RANK.get(m.place.kind, 6) if m.place else 99


def _is_reference(text: str, m: Mention) -> bool:
    return bool(_REFERENCE.search(text[max(0, m.start - 40):m.start]))


def _choose(text: str, mentions: Sequence[Mention], syria: bool, local_only: bool,
            near: int | None = None, skip_away: bool = False) -> list[Mention]:
    """The scene of a piece of text: the best mention and the places listed with it.

    ``near`` (a character offset, the trigger's) breaks ties between equally
    specific places in favour of the closest one ("a bombing in Istanbul"). With
    ``skip_away``, a text naming only origins or destinations has no scene.
    """
    cands = [m for m in mentions
             if m.place is not None and not _metonym(text, m) and not _background(text, m)]
    if local_only:
        cands = [m for m in cands if _rank(m) <= _LOCAL_MAX]
    if not cands:
        return []

    def key(m: Mention) -> tuple:
        foreign = syria and m.place.country != "SY"
        distance = abs(m.start - near) if near is not None else 0
        return (_rank(m) > _LOCAL_MAX, foreign, _is_reference(text, m), _rank(m), distance, m.start)

    # an origin or destination is the scene only when nothing else is named; places listed
    # after one ("from Raqqa, Hasakah and Kobani") share its role
    ordered = sorted(cands, key=lambda m: m.start)
    away: set[int] = set()
    for k, m in enumerate(ordered):
        if _AWAY.search(text[max(0, m.start - 40):m.start]) or (
                k and id(ordered[k - 1]) in away and _SCENE_JOIN.match(text[ordered[k - 1].end:m.start])):
            away.add(id(m))
    if away and len(away) < len(cands):
        cands = [m for m in cands if id(m) not in away]
    elif away and skip_away:
        return []
    best = min(cands, key=key)
    chosen = [best]
    ordered = sorted(cands, key=lambda m: m.start)
    i = ordered.index(best)
    # walk both ways along places joined by "," / "and" (a list naming the scene)
    for step in (1, -1):
        j = i
        while 0 <= j + step < len(ordered) and len(chosen) < _MAX_PLACES:
            a, b = (ordered[j], ordered[j + step]) if step == 1 else (ordered[j + step], ordered[j])
            between = text[a.end:b.start]
            joined = _SCENE_JOIN.match(between) or (
                re.search(r"\bbetween\s+(?:the\s+)?(?:\w+\s+of\s+)?$", text[max(0, a.start - 30):a.start])
                and re.fullmatch(r"\s*and\s+", between))
            nxt = ordered[j + step]
            same = nxt.place.id in {c.place.id for c in chosen}
            if not joined or abs(_rank(nxt) - _rank(best)) > 1 or same:
                break
            chosen.append(nxt)
            j += step
    return sorted(chosen, key=lambda m: m.start)


def _in(span: Sentence | tuple[int, int], m: Mention) -> bool:
    s, e = (span.start, span.end) if isinstance(span, Sentence) else span
    return s <= m.start and m.end <= e


# Clause boundaries inside a sentence: each clause may report its own event at its own place
# ("X fell on Monday, and Y was taken a day later").
_CLAUSE_SPLIT = re.compile(r";\s+|,\s+(?:and|while|but|whereas)\s+|\s+[\u2014\u2013]\s+|,\s+and\s+then\s+")
# Segment boundaries for dating: a date belongs to the comma-separated piece it stands in.
_SEGMENT_CUT = re.compile(r"[,;:()\u2014\u2013]")


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
    ctx = _Context(text, sentences, by_sentence, syria, counts)

    events: list[Event] = []
    seen: set[tuple] = set()
    for i, sent in enumerate(sentences):
        if sent.boilerplate:
            continue
        triggers = find_triggers(sent.text)
        if not triggers:
            continue
        amentions = actor_mentions(sent.text)
        typed = classify_all(sent.text, triggers, amentions)
        if not typed:
            continue
        dead = fatalities(sent.text)
        for (etype, sub, trig), places, precision, span in _units(ctx, i, triggers, typed, amentions):
            date, date_precision = _date_for(sentences, i, span, trig, triggers, article.published)
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
                    place_precision=precision if p else None, fatalities=dead,
                    quote=sent.text, start=sent.start, end=sent.end,
                    gazetteer_id=p.id if p else None, country=p.country if p else None,
                    admin1=p.admin1 if p else None,
                    extra={"trigger": trig.text, "surface": m.text if m else None},
                ))
    return events


class _Context:
    """What locating a sentence's event needs to know about the whole article."""

    def __init__(self, text: str, sentences: list[Sentence], by_sentence: list[list[Mention]],
                 syria: bool, counts: dict[str, int]) -> None:
        self.text, self.sentences, self.by_sentence = text, sentences, by_sentence
        self.syria, self.counts = syria, counts
        head = [j for j, sn in enumerate(sentences) if not sn.boilerplate][:2]
        self.lead = {m.place.id for j in head for m in by_sentence[j] if m.place is not None}
        self.paragraphs: dict[int, list[int]] = {}
        for i, s in enumerate(sentences):
            self.paragraphs.setdefault(s.paragraph, []).append(i)


def _units(ctx: _Context, i: int, triggers: list, typed: list, amentions: list) -> list[tuple]:
    """``((type, sub, trigger), places, precision, (start, end))`` for each event of sentence ``i``.

    Clauses that name their own place and trigger give their own events; a clause
    that only adds a place to the sentence's event ("..., and Tal Abyad") shares
    it. When no clause names a place, the sentence is located by context.
    """
    sent = ctx.sentences[i]
    units = []
    for cs, ce in _clauses(sent.text):
        cm = [m for m in ctx.by_sentence[i] if cs <= m.start - sent.start and m.end - sent.start <= ce]
        ctrig = [t for t in triggers if cs <= t.start < ce]
        near = sent.start + (ctrig[0].start if ctrig else cs)
        ctyped = classify_all(sent.text, ctrig, amentions) if ctrig else []
        # movements (convoys, patrols, crossings) happen at their origin or destination
        moving = bool(ctyped) and all(t[0] == "Strategic developments" for t in ctyped)
        scene = _choose(ctx.text, cm, ctx.syria, local_only=True, near=near, skip_away=not moving)
        if not scene and ctrig:
            # a clause naming only a region ("the buffer zone on the Golan Heights") is located there
            scene = [m for m in _choose(ctx.text, cm, ctx.syria, local_only=False, near=near)
                     if m.place.kind != "country" and _rank(m) > _LOCAL_MAX]
        if not scene:
            continue
        if not ctrig:
            lead = ctx.text[sent.start + cs:scene[0].start]
            ctyped = typed[:1] if cs > 0 and re.fullmatch(
                r"\W*(?:and\s+|while\s+)?(?:also\s+)?(?:in\s+|on\s+|at\s+)?(?:the\s+)?"
                r"(?:(?:town|village|city|area)s?\s+of\s+)?", lead, re.IGNORECASE) else []
        units.extend((t, scene, "sentence", (cs, ce)) for t in ctyped)
    if units:
        return units
    places, precision = _locate(ctx, i, sent.start + typed[0][2].start)
    return [(t, places, precision, (0, len(sent.text))) for t in typed]


def _allowed_countries(ctx: _Context, i: int) -> set[str]:
    """Countries the sentence itself names: context places must lie in one of them."""
    return {m.place.country for m in ctx.by_sentence[i]
            if m.place is not None and _rank(m) > _LOCAL_MAX and m.place.country
            and not _metonym(ctx.text, m)}


# "the town", "the dam", "the province": the last place of that kind named before
_ANAPHOR = re.compile(r"\bthe (town|city|village|dam|air ?base|base|airport|border crossing|crossing|province|"
                      r"governorate|district)\b", re.IGNORECASE)
_ANAPHOR_KINDS = {
    "town": ("town", "city", "village"), "city": ("city", "town"), "village": ("village", "town"),
    "dam": ("dam",), "base": ("base",), "air base": ("base",), "airbase": ("base",), "airport": ("base",),
    "crossing": ("crossing",), "border crossing": ("crossing",), "province": ("governorate",),
    "governorate": ("governorate",), "district": ("district",),
}


def _anaphor(ctx: _Context, i: int) -> tuple[list[Mention], str | None]:
    """The place "the town" / "the dam" of sentence ``i`` refers back to, if any."""
    sent = ctx.sentences[i]
    m = _ANAPHOR.search(sent.text)
    if not m:
        return [], None
    kinds = _ANAPHOR_KINDS[m.group(1).lower()]
    for j in range(i - 1, max(-1, i - 1 - 2 * _CONTEXT_SENTENCES), -1):
        for men in reversed(ctx.by_sentence[j]):
            if men.place is not None and men.place.kind in kinds and not _metonym(ctx.text, men):
                same = ctx.sentences[j].paragraph == sent.paragraph
                return [men], "paragraph" if same else "article"
    return [], None


def _locate(ctx: _Context, i: int, near: int) -> tuple[list[Mention], str | None]:
    """Places of sentence ``i`` and the precision used (see the module docstring)."""
    text, sentences = ctx.text, ctx.sentences
    allowed = _allowed_countries(ctx, i)

    def ok(found: list[Mention]) -> list[Mention]:
        return [m for m in found if not allowed or m.place.country in allowed]

    found, precision = _anaphor(ctx, i)
    if ok(found):
        return found, precision

    # the nearest earlier sentence of the paragraph that names a place: news writing names
    # the scene, then tells what happened there
    para = ctx.paragraphs[sentences[i].paragraph]
    for j in [j for j in reversed(para) if j < i]:
        found = ok(_choose(text, ctx.by_sentence[j], ctx.syria, local_only=True, skip_away=True))
        if found:
            return found, "paragraph"
    # earlier paragraphs: places named often and recently (the article's subject, or the
    # scene just described)
    scores: dict[str, tuple[float, int, Mention]] = {}
    steps = 0
    for j in range(i - 1, -1, -1):
        if sentences[j].paragraph == sentences[i].paragraph or sentences[j].boilerplate:
            continue
        steps += 1
        if steps > _CONTEXT_SENTENCES:
            break
        for m in ok(_choose(text, ctx.by_sentence[j], ctx.syria, local_only=True, skip_away=True)):
            # often and recently named, and specific: rivers, roads and provinces are weak anchors
            score = (ctx.counts.get(m.place.id, 1) + 2.0 / steps - (1.5 if _rank(m) > 2 else 0.0)
                     + (1.0 if m.place.id in ctx.lead else 0.0))  # the headline names the subject
            if m.place.id not in scores or scores[m.place.id][0] < score:
                scores[m.place.id] = (score, -_rank(m), m)
    if scores:
        best = max(scores.values(), key=lambda v: (v[0], v[1]))
        return [best[2]], "article"
    for j in [j for j in para if j > i]:
        found = ok(_choose(text, ctx.by_sentence[j], ctx.syria, local_only=True))
        if found:
            return found[:1], "paragraph"
    own = _choose(text, ctx.by_sentence[i], ctx.syria, local_only=True, near=near)
    if own:  # only origins or destinations: better than nothing
        return own[:1], "sentence"
    area = _choose(text, ctx.by_sentence[i], ctx.syria, local_only=False, near=near)
    return (area[:1], "sentence") if area else ([], None)


def _date_for(sentences: list[Sentence], i: int, span: tuple[int, int], trig, triggers: list,
              published: str | None) -> tuple[str | None, str | None]:
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
            if re.search(r"\b(?:had|that|which|who|whom)\b(?:\s+\S+){0,3}\s*$", sent[max(0, t.start - 40):t.start],
                         re.IGNORECASE)} - {own}
    exprs = [e for e in dates.find_dates(sent, published) if e.date and not e.background]
    in_clause = [e for e in exprs if span[0] <= e.start < span[1]] or exprs
    usable = [e for e in in_clause if segment(e.start) == own] or \
             [e for e in in_clause if segment(e.start) not in busy]
    if usable:
        rank = {"day": 0, "week": 1, "month": 2, "year": 3}
        best = min(usable, key=lambda e: (rank.get(e.precision or "", 9), not e.absolute, e.start))
        return best.date, best.precision
    for j in (i - 1, i - 2):
        if j >= 0 and sentences[j].paragraph == sentences[i].paragraph and not sentences[j].boilerplate:
            d, p = dates.resolve_date(sentences[j].text, published)
            if d and p == "day":  # a named day carries over; "this year" or "in 2019" is too loose
                return d, p
    if published:
        return published, "week"
    return None, None


def to_frame(events: Sequence[Event]) -> gpd.GeoDataFrame:
    """Events as a GeoDataFrame (EPSG:4326), one row per event.

    Columns are the keys of :meth:`Event.to_record`, with ``actors`` joined by
    ``"; "``; events without coordinates get an empty geometry.
    """
    rows = []
    geoms = []
    for ev in events:
        rec = ev.to_record()
        rec["actors"] = "; ".join(ev.actors)
        rows.append(rec)
        geoms.append(Point(ev.lon, ev.lat) if ev.lat is not None and ev.lon is not None else None)
    columns = list(Event.__dataclass_fields__)
    columns.remove("extra")
    return gpd.GeoDataFrame(rows, columns=columns, geometry=geoms, crs="EPSG:4326")
