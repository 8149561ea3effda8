"""Find place names in text and decide which place each one means.

Matching: the text is cut into word tokens (keeping each token's character
offsets), and every token n-gram that starts with a capitalised word is looked
up in the gazetteer's key index (:attr:`geo.gazetteer.Gazetteer.index`) under the
same normalisations that built the index (:mod:`geo.names`); the longest match
wins. Names written with a generic word (Kafr, Tal, Deir ...) that miss the index
by one letter are matched loosely against Syrian places with that generic.

Filtering (:mod:`geo.notplaces`): organisations and units that contain a place
word ("Hama Brigade", "Aleppo University"), news agencies (SANA), people
("President Assad"), boilerplate lines ("Read more: ...") and all-capital
acronyms are not places. Names the text marks as places ("the village of X",
"Kafr X") but the gazetteer lacks become unresolved mentions (``place=None``).

Disambiguation (:mod:`geo.placecontext`): prior by region, kind and population,
cue words ("X province" -> governorate), countries the article names, and the
pull of other places named in the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.gazetteer import Gazetteer
from geo.models import Mention, Place
from geo.names import fold, fold_word
from geo.notplaces import (
    FIRST_NAMES,
    GENERIC_WORDS,
    KUNYA,
    NOT_PLACES,
    ORG_NEXT,
    blocked_lines,
    locative_compound,
    person_words,
    rejected,
    rejected_at_start,
)
from geo.tokens import Token, joinable, sentence_start, title_case, tokenize

MAX_TOKENS = 7
#: Countries whose place names English writes with the Arabic article (al-, el-, ad- ...).
ARABIC_ARTICLE_COUNTRIES = frozenset({
    "SY", "IQ", "LB", "JO", "IL", "PS", "SA", "EG", "YE", "AE", "QA", "KW", "BH", "OM", "LY", "TN", "DZ",
    "MA", "SD", "MR", "SO", "DJ", "KM"})


@dataclass
class Candidate:
    """A matched span before disambiguation."""

    start: int
    end: int
    text: str
    places: list[Place]
    first_token: int
    last_token: int
    loose: bool = False  # matched only by the loose (one-letter) rule


def _match_at(toks: list[Token], i: int, text: str, gaz: Gazetteer) -> tuple[int, list[str]] | None:
    """Longest gazetteer match starting at token i: (last token index, place ids)."""
    idx = gaz.index
    best = None
    full: list[str] = []
    content: list[str] = []
    keyed: list[str] = []
    for j in range(i, min(len(toks), i + MAX_TOKENS)):
        t = toks[j]
        if j > i and not joinable(text, toks[j - 1], t):
            break
        last_f = t.fp
        if not t.art:
            probe_content = content + [last_f]
            probe_key = keyed + [fold_word(last_f)]
        else:
            probe_content, probe_key = content, keyed
        if not t.art:
            # every spelling layer may know other places under this name: take them all
            found = [pid for k in dict.fromkeys((" ".join(full + [last_f]), " ".join(probe_content),
                                                 " ".join(probe_key))) for pid in idx.get(k, ())]
            if found:
                best = (j, list(dict.fromkeys(found)))
        if t.end != t.start + len(t.text):  # possessive: the name cannot go on
            break
        full.append(t.f)
        if not t.art:
            content.append(t.f)
            keyed.append(fold_word(t.f))
    return best


def _loose_match(toks: list[Token], i: int, text: str, gaz: Gazetteer) -> tuple[int, list[str]] | None:
    """Generic word + capitalised name one letter off a Syrian place ("Kafr Loosing")."""
    g = fold_word(toks[i].f)
    if g not in GENERIC_WORDS or g in KUNYA or i + 1 >= len(toks):
        return None
    j = i + 1
    while j < len(toks) and toks[j].art and joinable(text, toks[j - 1], toks[j]):
        j += 1
    if j >= len(toks) or not toks[j].cap or not joinable(text, toks[j - 1], toks[j]):
        return None
    rest = fold_word(toks[j].fp)
    found = list(dict.fromkeys(pid for r, pid in gaz.generic_index().get(g, ()) if _close(rest, r)))
    return (j, found) if found else None


def _close(a: str, b: str) -> bool:
    """Edit distance <= 1 (<= 2 for long words), first letter equal."""
    if not a or not b or a[0] != b[0] or abs(len(a) - len(b)) > 2 or min(len(a), len(b)) < 4:
        return False
    limit = 2 if min(len(a), len(b)) >= 7 else 1
    prev = list(range(len(b) + 1))
    for x, ca in enumerate(a, 1):
        cur = [x]
        for y, cb in enumerate(b, 1):
            cur.append(min(prev[y] + 1, cur[y - 1] + 1, prev[y - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= limit


def candidates(text: str, gaz: Gazetteer) -> list[Candidate]:
    """All name spans in ``text`` with their possible places (before disambiguation)."""
    toks = tokenize(text)
    blocked = blocked_lines(text)
    surnames = person_words(toks, text)
    out: list[Candidate] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if not t.cap and not (t.art and i + 1 < len(toks) and toks[i + 1].cap):
            i += 1
            continue
        if any(a <= t.start < b for a, b in blocked):
            i += 1
            continue
        hit = _match_at(toks, i, text, gaz)
        loose = False
        if hit is None or (hit[0] == i and fold_word(t.f) in GENERIC_WORDS):
            hit = _loose_match(toks, i, text, gaz) or hit
            loose = hit is not None and hit[0] > i
        if hit is None:
            i += 1
            continue
        j, ids = hit
        first = i + 1 if t.art and t.f not in ("al", "el") and not t.hyphen_next else i
        places = [gaz.places[pid] for pid in ids]
        if toks[first].art and toks[first].hyphen_next:  # "al-Mashhad": an Aleppo district, not Iran's city
            places = [p for p in places if p.country in ARABIC_ARTICLE_COUNTRIES or not p.country]
        if first == j and toks[j].fp in surnames and all(p.country != "SY" for p in places):
            i = j + 1  # "Austin said": the article named him "Lloyd Austin" before
            continue
        if rejected(toks, first if not toks[first].art else first + 1, j, places, text,
                     title_case(text, t.start)) or (
                sentence_start(text, toks[first]) and rejected_at_start(toks, first, j, places)):
            i = j + 1
            continue
        if first > 0 and locative_compound(toks, first, text) and any(p.country == "SY" for p in places):
            first -= 1  # the whole compound name is the surface ("Ashrafiyat Sahnaya")
        end = toks[j].end
        if len(toks[j].text) == 1 and text[end:end + 1] == "." and j > first:
            end += 1  # the acronym's last full stop: "U.S."
        c = Candidate(toks[first].start, end, text[toks[first].start:end], places, first, j, loose)
        out.append(c)
        i = j + 1
    return _with_unknown_names(text, out, blocked)


_NAME = r"(?:(?:al|el|as|ash|ad|ar|az|at)-)?[A-Z][\w'\u2019]*(?:-[A-Z][\w'\u2019]*)?"
_NAME_RUN = rf"{_NAME}(?:\s+(?:(?:al|el|as|ash|ad|ar|az|at)[-\s])?{_NAME}){{0,2}}"
#: Names the gazetteer lacks but the text marks as places: "the village of X", "Kafr X", "Tal X".
UNKNOWN_NAME_RE = re.compile(
    rf"\b(?:village|town|hamlet|neighbou?rhood|suburb|district|outskirts|camp|area)\s+of\s+({_NAME_RUN})"
    rf"|\b((?:Kafr|Kfar|Tal|Tell|Tall|Deir|Dayr|Khirbet|Khirbat|Jabal|Jebel|Maarat|Jisr|Qasr|Mazraat|Ain|Ayn)"
    rf"\s+{_NAME_RUN})")


def _with_unknown_names(text: str, found: list[Candidate], blocked: list[tuple[int, int]]) -> list[Candidate]:
    """Add unresolved candidates (no places) for marked names the gazetteer lacks."""
    taken = [(c.start, c.end) for c in found]
    extra = []
    for m in UNKNOWN_NAME_RE.finditer(text):
        g = 1 if m.group(1) else 2
        s, e = m.start(g), m.end(g)
        name = text[s:e]
        words = fold(name).split()
        if words[-1] in NOT_PLACES | FIRST_NAMES or any(w in ORG_NEXT for w in words) \
                or any(a < e and s < b for a, b in taken) or any(a <= s < b for a, b in blocked):
            continue  # a person, a unit ("Deir Ezzor Military Council") or already matched
        extra.append(Candidate(s, e, name, [], -1, -1))
        taken.append((s, e))
    return sorted(found + extra, key=lambda c: c.start)


def find_mentions(text: str, gaz: Gazetteer) -> list[Mention]:
    """All place mentions in ``text``, resolved with disambiguation.

    Parameters
    ----------
    text : str
        Article text (visible text, header lines included).
    gaz : Gazetteer

    Returns
    -------
    list of Mention
        In text order; ``place`` is None for a name the gazetteer lacks.
    """
    from geo.placecontext import disambiguate

    return disambiguate(text, candidates(text, gaz), gaz)


def resolve_spans(text: str, spans: list[tuple[int, int]], gaz: Gazetteer) -> list[Mention]:
    """Resolve given character spans of ``text`` with the whole text as context.

    Demonyms resolve to their country ("Turkish" -> Turkey). A span the
    gazetteer cannot place gives a Mention with ``place=None``.
    """
    from geo.placecontext import resolve_known_spans

    return resolve_known_spans(text, spans, candidates(text, gaz), gaz)


def is_metonym(text: str, mention: Mention) -> bool:
    """True when a capital or country stands for its government ("Moscow warned").

    Such mentions are still places, but an event must never be located there.
    """
    from geo.placecontext import metonym

    return metonym(text, mention)
