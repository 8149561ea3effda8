"""Where an event happened: choosing the scene among the places an article names.

The rules are described in :mod:`geo.events` (section *Location*). This module
holds them: specificity of place kinds, bearings ("east of Qamishli"), origins
and destinations ("convoys from Raqqa"), capitals standing for governments,
"the town" anaphora, and the article context used when a sentence names no
place of its own.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache

from geo.coreference import next_site, site_antecedent, site_noun
from geo.geodesy import place_km
from geo.models import Mention
from geo.sentences import Sentence

log = logging.getLogger(__name__)

#: Specificity of a place kind for locating an event (lower is more specific).
KIND_RANK = {
    "village": 0, "base": 0, "crossing": 0, "dam": 0, "town": 1, "city": 2, "district": 3,
    "governorate": 4, "river": 5, "road": 5, "region": 6, "country": 7,
}
LOCAL_MAX = 5  # ranks up to this are "a place", beyond it only an area
BORDER_KM = 40.0  # a place abroad this close to a Syrian place the article names is a border place
_CATAPHOR_SENTENCES = 4  # how far ahead a lead's "a military air base" is looked for
_CONTEXT_SENTENCES = 10  # how far back the nearest named place is looked for
_MAX_PLACES = 3  # events per sentence when several places are listed as the scene

# A place named as a bearing ("east of Qamishli", "10 km from Manbij"): the scene is near it.
_REFERENCE = re.compile(
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?(?:\s+(?:outskirts|countryside|edge))?\s+of|"
    r"\bkms?\s+(?:\w+\s+)?(?:from|of)|\bmiles\s+(?:\w+\s+)?(?:from|of)|\bborder with|\bbordering)\s+"
    r"(?:the\s+)?(?:(?:town|city|village|province|district)\s+of\s+)?$",
    re.IGNORECASE)
# A place named as an origin or destination ("convoys from Raqqa", "fled towards Azaz"): elsewhere.
_AWAY = re.compile(r"(?:\bfrom(?:\s+(?:over|across|inside|within|near))?|\btowards?|\bto|\bvia|"
                   r"\bfor)\s+(?:the\s+)?"
                   r"(?:(?:town|city|village|province|district)\s+of\s+)?$", re.IGNORECASE)
_GOVT_VERB = re.compile(
    r"^(?:'s|\u2019s)?\s+(?:has\s+|had\s+|have\s+|would\s+|will\s+)?(?:also\s+|instead\s+|then\s+|later\s+|"
    r"again\s+|now\s+|repeatedly\s+|\w+ly\s+)?(?:said|says|say|warned|warns|"
    r"accused|accuses|announced|announces|demanded|demands|agreed|agrees|insisted|insists|wants|wanted|"
    r"seeks|sought|considers|considered|supports|supported|backs|backed|opposes|opposed|condemned|"
    r"condemns|denied|denies|rejected|rejects|responded|urged|urges|called|calls|hopes|believes|"
    r"secured|signed|threatened|threatens|claims|claimed|views|regards|told|reacted|confirmed|"
    r"tries|tried|decided|hosts|hosted|fears|feared)\b", re.IGNORECASE)
# "travel to Douma, in the Eastern Ghouta, where 40 people died": the place a "where" clause
# describes is the scene of what the clause reports, whatever preposition led to it
_WHERE_AFTER = re.compile(r"^(?:\s*,\s*[^,.;:!?]{1,60})?\s*,?\s*where\b", re.IGNORECASE)
# "the fighting moved to X", "clashes spread to X": where the fighting went is its scene
_SPREAD_TO = re.compile(r"\b(?:fighting|clashes|battles?|violence|unrest|combat|offensive|attacks?)\s+"
                        r"(?:\w+\s+){0,2}?(?:moved|spread|spreads|shifted|extended|spilled(?:\s+over)?|"
                        r"reached|turned)\s+(?:in)?to\s+(?:the\s+)?"
                        r"(?:(?:town|city|village|suburb|district)\s+of\s+)?$"
                        # "troops advanced towards the Tasil area": where an advance goes is fought over
                        r"|\b(?:advanc\w*|push(?:ed|ing)?|thrust|marched|stormed)\s+(?:\w+\s+){0,2}?"
                        r"(?:towards?|into|on)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$",
                        re.IGNORECASE)
_SCENE_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)(?:the\s+)?"
                         r"(?:(?:towns?|villages?|cities|city|areas?)\s+of\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=8192)  # asked again for every sentence whose context includes the mention
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


@lru_cache(maxsize=8192)
def _background(text: str, m: Mention) -> bool:
    """A place in a "since ..." or "in response to ..." phrase is history, not the scene.

    "since the war in Gaza began", "in response to a gas attack in Douma".
    """
    segs = re.split(r"[.!?\n,;:()\u2014]", text[max(0, m.start - 150):m.start])
    cue = re.compile(r"\bsince\b|\b(?:in|a|as a) response to\b|"
                     r"\bin retaliation for\b|\bin revenge for\b|"
                     r"\bfollowing\b|\b(?:hours|days|weeks|months) after\b", re.IGNORECASE)
    if cue.search(segs[-1]):
        return True
    # "... in response to an attack on Khan Shaykhun, a town in Idlib province": the apposition
    # belongs to the recalled event too
    return len(segs) >= 2 and re.match(r"\s*(?:an?|the)\s", segs[-1]) is not None \
        and cue.search(segs[-2]) is not None


_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z][A-Z.'\- ]*[A-Z.][ \t]*/[ \t]*)*$")
_DATELINE_AFTER = re.compile(
    r"^(?:[ \t]*/[ \t]*[A-Z][A-Z.'\- ]*)*(?:,[ \t]*[A-Z][\w.'\- ]{1,25}?)?"  # "/WASHINGTON", ", Syria"
    r"(?:,?[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?"  # ", Jan 21, 2024"
    r"[ \t]*(?:\((?:Reuters|AP|AFP|dpa|Xinhua|Anadolu|UPI|SANA|IRNA)\)[ \t]*)?[-\u2013\u2014:]")


@lru_cache(maxsize=8192)
def _dateline(text: str, m: Mention) -> bool:
    """"BEIRUT, April 7 (Reuters) -": where the report was filed, not where anything happened."""
    if not (m.text.isupper() or text.startswith(" (", m.end)):
        return False
    return bool(_DATELINE_BEFORE.search(text, max(0, m.start - 60), m.start)
                and _DATELINE_AFTER.match(text[m.end:m.end + 60]))


# "northern Syria", "north-east Syria": a context place must lie in that part of the country
_PART_OF_SYRIA = re.compile(r"\b(north|south)?-?(east|west)?(?:ern)?\s+Syria\b", re.IGNORECASE)


_SCENE_PREP = re.compile(r"\b(?:in|inside|across|into|on|over|throughout|within)\s+(?:the\s+)?"
                         r"(?:\w+(?:ern)?\s+)?$", re.IGNORECASE)


def _in_part(text: str, m: Mention) -> bool:
    """Whether a place lies in the part of Syria a sentence names (always true if it names none)."""
    part = _PART_OF_SYRIA.search(text)
    if not part or not (part.group(1) or part.group(2)) or m.place.country != "SY":
        return True
    ns, ew = (part.group(1) or "").lower(), (part.group(2) or "").lower()
    lat, lon = m.place.lat, m.place.lon
    return ((ns != "north" or lat >= 35.5) and (ns != "south" or lat <= 34.0)
            and (ew != "east" or lon >= 38.5) and (ew != "west" or lon <= 37.5))


def scene_excluded(text: str, m: Mention) -> bool:
    """A government metonym or a dateline: never where an event happened."""
    return _metonym(text, m) or _dateline(text, m)


# "the Daraa provincial governor said": a title, not where anything happened
_TITLE_AFTER = re.compile(r"\s+(?:provincial\s+|province\s+|city\s+)?(?:governor|mayor|police chief|"
                          r"health directorate|authorities|officials?)\b", re.IGNORECASE)


def rank(m: Mention) -> int:
    return KIND_RANK.get(m.place.kind, 6) if m.place else 99


def _is_reference(text: str, m: Mention) -> bool:
    return bool(_REFERENCE.search(text[max(0, m.start - 40):m.start]))


def choose_scene(text: str, mentions: Sequence[Mention], syria: bool, local_only: bool,
            near: int | None = None, skip_away: bool = False) -> list[Mention]:
    """The scene of a piece of text: the best mention and the places listed with it.

    ``near`` (a character offset, the trigger's) breaks ties between equally
    specific places in favour of the closest one ("a bombing in Istanbul"). With
    ``skip_away``, a text naming only origins or destinations has no scene.
    """
    cands = [m for m in mentions
             if m.place is not None and not _metonym(text, m) and not _background(text, m)
             and not _dateline(text, m) and not _TITLE_AFTER.match(text, m.end)]
    if local_only:
        cands = [m for m in cands if rank(m) <= LOCAL_MAX]
    if not cands:
        return []

    def key(m: Mention) -> tuple:
        foreign = syria and m.place.country != "SY"
        distance = abs(m.start - near) if near is not None else 0
        linear = m.place.kind in ("river", "road")  # a river or road is a line, not a scene
        return (rank(m) > LOCAL_MAX, foreign, linear, _is_reference(text, m), rank(m), distance, m.start)

    # an origin or destination is the scene only when nothing else is named; places listed
    # after one ("from Raqqa, Hasakah and Kobani") share its role
    ordered = sorted(cands, key=lambda m: m.start)
    away: set[int] = set()
    for k, m in enumerate(ordered):
        if near is not None and near > m.end and _WHERE_AFTER.match(text[m.end:near]):
            continue
        if _SPREAD_TO.search(text[max(0, m.start - 60):m.start]):
            continue
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
            if not joined or abs(rank(nxt) - rank(best)) > 1 or same:
                break
            chosen.append(nxt)
            j += step
    return sorted(chosen, key=lambda m: m.start)


_LIST_ITEM = re.compile(r"(?:,|\band\b)\s*(?:and\s+)?(?:[\w'-]+\s+){1,4}?(?:in|near|at|outside)\s+(?:the\s+)?"
                        r"(?:(?:town|city|village)\s+of\s+)?$", re.IGNORECASE)
_NOT_ITEM = re.compile(r"\b(?:kill|wound|injur|leav|includ)\w*\b", re.IGNORECASE)


def listed_targets(text: str, mentions: Sequence[Mention], scene: list[Mention], near: int) -> list[Mention]:
    """Further targets a strike or attack lists after its trigger ("hit a gas plant near Rmelan,
    an oil station near Derik, a power station in Qamishli and silos near Amuda"): ACLED
    codes one event per location."""
    extra: list[Mention] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for k, m in enumerate(ordered):
        if k == 0 or m in scene or m.place is None or m.start < near or rank(m) > 2 \
                or _metonym(text, m) or _background(text, m) or _dateline(text, m):
            continue
        between = text[ordered[k - 1].end:m.start]
        if _LIST_ITEM.search(between) and not _NOT_ITEM.search(between) \
                and m.place.id not in {x.place.id for x in scene + extra}:
            extra.append(m)
    return extra[:_MAX_PLACES]


class ArticleContext:
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
        #: sentence index -> the places its events were located at (filled as events are made)
        self.scenes: dict[int, list[Mention]] = {}
        self.syrian = [m.place for ms in by_sentence for m in ms if m.place is not None
                       and m.place.country == "SY" and rank(m) <= LOCAL_MAX]

    def by_syrian_place(self, m: Mention, km: float = BORDER_KM) -> bool:
        """A place abroad within ``km`` of a Syrian place the article names: a border town
        (Arsal by Flita, Kilis by Azaz) can be the scene of a Syria story."""
        return any(place_km(m.place, p) <= km for p in self.syrian)


def _allowed_countries(ctx: ArticleContext, i: int) -> set[str]:
    """Countries the sentence itself names: context places must lie in one of them."""
    # only a country named as where things are ("in Iraq"), not one naming an actor ("US
    # helicopters struck ...")
    return {m.place.country for m in ctx.by_sentence[i]
            if m.place is not None and rank(m) > LOCAL_MAX and m.place.country
            and not _metonym(ctx.text, m) and _SCENE_PREP.search(ctx.text[max(0, m.start - 30):m.start])}


# "the town", "the dam", "the province": the last place of that kind named before
_ANAPHOR = re.compile(r"\bthe (town|city|village|dam|air ?base|base|airport|border crossing|crossing|"
                      r"province|governorate|district)\b(?!\s+of\s+(?:al-|el-)?(?-i:[A-Z]))", re.IGNORECASE)
_ANAPHOR_KINDS = {
    "town": ("town", "city", "village"), "city": ("city", "town"), "village": ("village", "town"),
    "dam": ("dam",), "base": ("base",), "air base": ("base",), "airbase": ("base",), "airport": ("base",),
    "airfield": ("base",), "prison": ("base",),
    "crossing": ("crossing",), "border crossing": ("crossing",), "province": ("governorate",),
    "governorate": ("governorate",), "district": ("district",),
}


def _anaphor(ctx: ArticleContext, i: int) -> tuple[list[Mention], str | None]:
    """The place "the town" / "the dam" of sentence ``i`` refers back to, if any."""
    sent = ctx.sentences[i]
    m = _ANAPHOR.search(sent.text)
    if not m:
        return [], None
    kinds = _ANAPHOR_KINDS[m.group(1).lower()]
    # the scene of an earlier report first ("troops took X, near Y ... they left the town"),
    # then the last place of that kind named
    for j in range(i - 1, max(-1, i - 1 - 2 * _CONTEXT_SENTENCES), -1):
        for men in ctx.scenes.get(j, []):
            if men.place.kind in kinds:
                return [men], "paragraph" if ctx.sentences[j].paragraph == sent.paragraph else "article"
    named = [(j, men) for j in range(i - 1, max(-1, i - 1 - 2 * _CONTEXT_SENTENCES), -1)
             for men in reversed(ctx.by_sentence[j])
             if men.place is not None and men.place.kind in kinds and not _metonym(ctx.text, men)]
    if not named:
        return [], None
    # "the town" is the story's town (named in the lead, again and again) rather than one
    # named in passing just before ("... crossed at Jarablus. A bomb went off west of the town")
    subject = [(j, men) for j, men in named
               if men.place.id in ctx.lead and ctx.counts.get(men.place.id, 0) >= 3]
    j, men = subject[0] if subject else named[0]
    return [men], "paragraph" if ctx.sentences[j].paragraph == sent.paragraph else "article"


def locate(ctx: ArticleContext, i: int, near: int) -> tuple[list[Mention], str | None]:
    """Places of sentence ``i`` and the precision used (see the module docstring)."""
    text, sentences = ctx.text, ctx.sentences
    allowed = _allowed_countries(ctx, i)

    def ok(found: list[Mention]) -> list[Mention]:
        return [m for m in found if (not allowed or m.place.country in allowed)
                and _in_part(sentences[i].text, m)]

    noun = site_noun(sentences[i].text)
    if noun:  # "the academy": where "a military academy in Homs" was named
        earlier = [m for j in range(max(0, i - 2 * _CONTEXT_SENTENCES), i) for m in ctx.by_sentence[j]]
        site = site_antecedent(text, noun, earlier, _metonym)
        if site is not None and ok([site]):
            same = any(site in ctx.by_sentence[j] for j in ctx.paragraphs[sentences[i].paragraph])
            return [site], "paragraph" if same else "article"
    found, precision = _anaphor(ctx, i)
    if ok(found):
        return found, precision
    found = ok(next_site(sentences[i].text, ctx.by_sentence[i + 1:i + 1 + _CATAPHOR_SENTENCES],
                         lambda m: _metonym(text, m)))
    if found:
        return found, "article"

    # the nearest earlier sentence of the paragraph that names a place: news writing names
    # the scene, then tells what happened there
    para = ctx.paragraphs[sentences[i].paragraph]
    for j in [j for j in reversed(para) if j < i]:
        found = ok(choose_scene(text, ctx.by_sentence[j], ctx.syria, local_only=True, skip_away=True))
        if not found:  # that sentence may name its scene as "the dam", "the town"
            found = ok(_anaphor(ctx, j)[0])
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
        for m in ok(choose_scene(text, ctx.by_sentence[j], ctx.syria, local_only=True, skip_away=True)):
            if ctx.syria and m.place.country != "SY" and not ctx.by_syrian_place(m):
                continue  # a Syria story's unplaced event is not abroad (a minister "in Brussels")
            # often and recently named, and specific: rivers, roads and provinces are weak anchors
            score = (ctx.counts.get(m.place.id, 1) + 2.0 / steps - (1.5 if rank(m) > 2 else 0.0)
                     + (1.0 if m.place.id in ctx.lead else 0.0)  # the headline names the subject
                     + (0.5 if any(m.place.id == x.place.id for x in ctx.scenes.get(j, [])) else 0.0))
            if m.place.id not in scores or scores[m.place.id][0] < score:
                scores[m.place.id] = (score, -rank(m), m)
    if scores:
        best = max(scores.values(), key=lambda v: (v[0], v[1]))
        return [best[2]], "article"
    for j in [j for j in para if j > i]:
        found = ok(choose_scene(text, ctx.by_sentence[j], ctx.syria, local_only=True))
        if found:
            return found[:1], "paragraph"
    own = choose_scene(text, ctx.by_sentence[i], ctx.syria, local_only=True, near=near)
    if own:  # only origins or destinations: better than nothing
        return own[:1], "sentence"
    area = choose_scene(text, ctx.by_sentence[i], ctx.syria, local_only=False, near=near)
    if area and ctx.syria and area[0].place.country != "SY" and area[0].place.kind == "country" \
            and not _SCENE_PREP.search(text[max(0, area[0].start - 30):area[0].start]):
        # "The United States launched missiles at ...": in a Syria story the country that acts
        # is not the scene; Syria is
        syria = [m for ms in ctx.by_sentence for m in ms
                 if m.place is not None and m.place.kind == "country" and m.place.country == "SY"]
        if syria:
            return syria[:1], "article"
    if area:
        return area[:1], "sentence"
    # nothing at all: the country the article is about, at country precision
    countries = [m for ms in ctx.by_sentence for m in ms
                 if m.place is not None and m.place.kind == "country" and not _metonym(text, m)]
    if countries:
        best = max(countries, key=lambda m: (ctx.counts.get(m.place.id, 0), m.place.country == "SY"))
        return [best], "article"
    return [], None
