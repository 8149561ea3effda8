"""Events: one per reporting sentence, typed, dated, located, with its actors and dead.

:func:`extract_events` is pure: it takes an :class:`~geo.models.Article` and the
place mentions found in it (:func:`geo.toponyms.find_mentions`) and returns
:class:`~geo.models.Event` objects, each quoting its sentence with the
sentence's character offsets in ``Article.text``.

How an event is built from a sentence that reports one (see
:mod:`geo.eventtypes` for the typing):

* **Location** — the most specific place the sentence names literally
  (village, base, crossing, dam > town > city > district > governorate >
  river/road > region > country); Syrian places first when the article is
  about Syria; a place named only as a reference point ("east of Qamishli")
  after one named as the scene; never a capital standing for its government
  ("Moscow warned", :func:`geo.toponyms.is_metonym`). When the sentence names
  no place below the country level, the place of the nearest sentence of its
  paragraph that names one is used (``place_precision="paragraph"``), then that
  of the nearest of the preceding sentences (``"article"``), then the
  sentence's country or region.
  Places listed together as the scene ("in Tal Abyad and Ras al-Ayn") each get
  an event, as ACLED codes one event per location.
* **Date** — the sentence's own date expression (:func:`geo.dates.resolve_date`);
  else a day named in one of the two preceding sentences of the same paragraph; else the
  publication date with precision ``"week"`` (news reports what happened in
  the days before). An article without a publication date gives events with
  no date unless the sentence writes a full date.
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
from geo.eventtypes import classify, fatalities
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

_REFERENCE = re.compile(
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?(?:\s+(?:outskirts|countryside|edge))?\s+of|"
    r"\bkms?\s+(?:\w+\s+)?(?:from|of)|\bmiles\s+(?:\w+\s+)?(?:from|of)|\bfrom|\btowards?|\bto|\bvia|"
    r"\bthrough|\bborder with|\bbordering)\s+"
    r"(?:the\s+)?(?:(?:town|city|village|province|district)\s+of\s+)?$",
    re.IGNORECASE)
_GOVT_VERB = re.compile(
    r"^(?:'s|\u2019s)?\s+(?:has\s+|had\s+|have\s+|also\s+|would\s+|will\s+)?(?:said|says|say|warned|warns|"
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


def _rank(m: Mention) -> int:
    return KIND_RANK.get(m.place.kind, 6) if m.place else 99


def _is_reference(text: str, m: Mention) -> bool:
    return bool(_REFERENCE.search(text[max(0, m.start - 40):m.start]))


def _choose(text: str, mentions: Sequence[Mention], syria: bool, local_only: bool,
            near: int | None = None) -> list[Mention]:
    """The scene of a piece of text: the best mention and the places listed with it.

    ``near`` (a character offset, the trigger's) breaks ties between equally
    specific places in favour of the closest one ("a bombing in Istanbul").
    """
    cands = [m for m in mentions if m.place is not None and not _metonym(text, m)]
    if local_only:
        cands = [m for m in cands if _rank(m) <= _LOCAL_MAX]
    if not cands:
        return []

    def key(m: Mention) -> tuple:
        foreign = syria and m.place.country != "SY"
        distance = abs(m.start - near) if near is not None else 0
        return (_rank(m) > _LOCAL_MAX, foreign, _is_reference(text, m), _rank(m), distance, m.start)

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


def extract_events(article: Article, mentions: list[Mention]) -> list[Event]:
    """The events an article reports, one per reporting sentence and scene.

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
    paragraphs: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        paragraphs.setdefault(s.paragraph, []).append(i)

    events: list[Event] = []
    seen: set[tuple] = set()
    for i, sent in enumerate(sentences):
        if sent.boilerplate:
            continue
        amentions = actor_mentions(sent.text)
        typed = classify(sent.text, amentions)
        if typed is None:
            continue
        etype, sub, trigger = typed
        date, precision = _date_for(sentences, i, article.published)
        actors = find_actors(sent.text, date)
        if not actors:
            prev = [j for j in paragraphs[sent.paragraph] if j < i]
            if prev:
                actors = find_actors(sentences[prev[-1]].text, date)
        places, place_precision = _locate(text, sentences, by_sentence, paragraphs, i, syria,
                                          sent.start + trigger.start)
        dead = fatalities(sent.text)
        for m in places or [None]:
            p = m.place if m else None
            key = (etype, sub, p.id if p else None, date, sent.text)
            if key in seen:
                continue
            seen.add(key)
            events.append(Event(
                article=article.path, published=article.published, date=date, date_precision=precision,
                event_type=etype, sub_event_type=sub, actors=actors,
                place=p.name if p else None, lat=p.lat if p else None, lon=p.lon if p else None,
                place_precision=place_precision if p else None, fatalities=dead,
                quote=sent.text, start=sent.start, end=sent.end,
                gazetteer_id=p.id if p else None, country=p.country if p else None,
                admin1=p.admin1 if p else None,
                extra={"trigger": trigger.text, "surface": m.text if m else None},
            ))
    return events


def _locate(text: str, sentences: list[Sentence], by_sentence: list[list[Mention]],
            paragraphs: dict[int, list[int]], i: int, syria: bool,
            near: int) -> tuple[list[Mention], str | None]:
    """Places of sentence ``i`` and the precision used (see the module docstring)."""
    own = _choose(text, by_sentence[i], syria, local_only=True, near=near)
    if own:
        return own, "sentence"
    # the nearest sentence of the paragraph that names a place (earlier ones first: news
    # writing names the scene, then tells what happened there)
    para = paragraphs[sentences[i].paragraph]
    order = [j for j in reversed(para) if j < i] + [j for j in para if j > i]
    for j in order:
        found = _choose(text, by_sentence[j], syria, local_only=True)
        if found:
            return found, "paragraph"
    for j in range(i - 1, max(-1, i - 1 - _CONTEXT_SENTENCES), -1):
        if sentences[j].boilerplate or sentences[j].paragraph == sentences[i].paragraph:
            continue
        found = _choose(text, by_sentence[j], syria, local_only=True)
        if found:
            return found, "article"
    area = _choose(text, by_sentence[i], syria, local_only=False, near=near)
    return (area[:1], "sentence") if area else ([], None)


def _date_for(sentences: list[Sentence], i: int, published: str | None) -> tuple[str | None, str | None]:
    """Date of sentence ``i``: its own, a preceding sentence's in the paragraph, or publication."""
    d, p = dates.resolve_date(sentences[i].text, published)
    if d:
        return d, p
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
