"""Find place names in text and decide which place each one means.

Matching: the text is cut into word tokens (keeping each token's character
offsets), and every token n-gram that starts with a capitalised word is looked
up in the gazetteer's key index (:attr:`geo.gazetteer.Gazetteer.index`) under the
same normalisations that built the index (:mod:`geo.names`); the longest match
wins. Names written with a generic word (Kafr, Tal, Deir ...) that miss the index
by one letter are matched loosely against Syrian places with that generic.

Filtering: organisations and units that contain a place word ("Hama Brigade",
"Aleppo University"), news agencies (SANA), people ("President Assad"),
boilerplate lines ("Read more: ...") and all-capital acronyms are not places.

Disambiguation (:mod:`geo.placecontext`): prior by region, kind and population,
cue words ("X province" -> governorate), countries the article names, and the
pull of other places named in the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from geo import DATA
from geo.gazetteer import Gazetteer
from geo.models import Mention, Place
from geo.names import ARTICLES, GENERICS, fold, fold_word

TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019\u02bf\u02bc\u2018`\u00b4][^\W_]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")
MAX_TOKENS = 7

#: Boilerplate lines whose names are not about the article (links, photo credits).
BOILERPLATE_RE = re.compile(
    r"^\s*(?:read more|read also|see also|related|more on|photo(?:graph|grapher)?|image|credit|"
    r"copyright|getty images|listen|watch|subscribe|follow us|share)\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE)

#: Surfaces that look like place names but in news text are agencies, outlets or people.
NOT_PLACES = frozenset({
    "sana", "tass", "afp", "ap", "reuters", "mari", "tal", "ria", "dpa", "irna", "anha", "hawar", "sohr", "anadolu",
    "xinhua", "rudaw", "ntv", "trt", "bbc", "cnn", "nato", "isis", "isil", "daesh", "sdf", "ypg", "pkk",
    "assad", "erdogan", "putin", "trump", "biden", "obama", "lavrov", "shoigu", "jolani", "julani",
    "sharaa", "baghdadi", "nasrallah", "khamenei", "raisi", "rouhani", "netanyahu", "mattis", "pompeo",
    "kremlin", "pentagon", "knesset", "majlis", "state", "aleppo university",
})
#: Acronyms written in capitals that do name places.
CAPS_PLACES = frozenset({"us", "usa", "uk", "uae", "u s", "u s a", "u k", "ksa", "drc"})
#: A following word that turns "<place> X" into an organisation or unit.
ORG_NEXT = frozenset({
    "university", "brigade", "brigades", "battalion", "battalions", "regiment", "corps", "front",
    "security", "office", "council", "club", "fc", "company", "agency", "media", "airlines", "airways",
    "bank", "news", "times", "post", "tribune", "institute", "committee", "movement", "party",
    "operations", "workers", "worker", "liberation", "revolutionary", "shield", "hawks", "falcons", "knights",
    "martyrs", "lions", "group", "army", "police", "gathering", "legion", "forces", "storm", "desk",
    "observatory", "network", "directorate", "commission", "chamber", "court", "hospital", "school",
    "stadium", "mosque", "church", "tv", "radio", "channel", "newspaper", "daily", "herald", "division",
    "divisions", "force", "guard", "guards", "squadron", "unit", "units", "militia", "faction", "sector",
    "command", "headquarters",
})
#: Lower-case nouns that may end a multi-word name ("Bab al-Hawa crossing", "Tabqa dam").
NAME_SUFFIXES = frozenset({
    "province", "governorate", "crossing", "highway", "motorway", "road", "dam", "river", "camp", "base",
    "airbase", "air", "airport", "field", "prison", "bridge", "mountains", "mountain", "valley", "lake",
    "countryside", "border", "plain", "desert", "district", "city", "town", "village", "zone", "area",
    "pocket", "region", "port", "gas", "oil", "plant", "international", "military", "naval", "facility",
    "garrison", "strip", "heights", "airfield", "airstrip", "corridor", "canal", "stream",
    "the", "of", "and", "de",
})
#: First names that, before a capitalised word, make it a surname ("Mustafa Bali", "Mazloum Kobani").
FIRST_NAMES = frozenset({
    "mustafa", "mohammed", "muhammad", "mohamed", "mohammad", "ahmed", "ahmad", "ali", "hassan", "hasan",
    "hussein", "husain", "omar", "umar", "khaled", "khalid", "abdullah", "mahmoud", "ibrahim", "youssef",
    "yusuf", "mazloum", "recep", "vladimir", "sergei", "sergey", "donald", "joe", "john", "james", "michael",
    "george", "bashar", "hafez", "maher", "rami", "asma", "salih", "saleh", "ilham", "hakan", "hulusi",
    "mevlut", "lloyd", "antony", "mike", "fatima", "aisha", "zaid", "walid", "samir", "nabil", "jamil",
    "adel", "riad", "riyad", "fadi", "tariq", "anas", "bilal", "hamza", "osama", "usama", "khalil",
    "ismail", "suleiman", "sulayman", "yasser", "yasin", "ziad", "hadi", "fares", "firas", "faisal",
    "nizar", "alexander", "alexei", "dmitry", "igor", "ruslan", "ramzan", "benjamin", "emmanuel",
    "angela", "boris", "ekrem", "devlet", "kemal", "ebrahim", "qassem", "qasem", "abbas", "salim", "selim",
    "jim", "brett", "ryan", "myles", "carla", "anthony", "aref", "talal", "ilhan", "nadia",
    "hisham", "haitham", "wael", "marwan", "ayman", "imad", "issam", "jamal", "louay", "majd", "nasser",
    "rashid", "saeed", "said", "tamer", "yahya", "zakaria", "ammar", "bassam", "ghassan", "hamid",
})
#: A preceding word that makes the name part of a faction's name ("Ahrar al-Sham", "Jaysh Idlib").
ORG_PREV = frozenset({
    "liwa", "jaysh", "jaish", "harakat", "ahrar", "jabhat", "faylaq", "katibat", "tahrir", "fatah",
    "fateh", "ansar", "hayat", "kataib", "saraya", "state", "free", "operation", "operations", "op",
    "hurras", "suqour", "suqur", "usud", "jund", "junud", "tajamu", "firqat", "fawj", "thuwar",
})
#: Titles before a person's name ("President Assad", "Gen. Chaiko").
TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "president", "gen", "general", "col", "colonel", "lt", "maj", "major",
    "minister", "king", "prince", "emir", "envoy", "spokesman", "spokeswoman", "commander", "secretary",
    "ambassador", "senator", "sen", "rep", "pope", "imam", "sgt", "capt", "captain", "premier", "brig",
    "lieutenant", "admiral", "adm", "chief", "sheikh", "sultan",
})
#: Capitalised words that may precede a place name without being a person's first name.
PLACE_PREFIX_OK = frozenset({
    "north", "northern", "south", "southern", "east", "eastern", "west", "western", "central", "upper",
    "lower", "greater", "rural", "old", "new", "northeast", "northwest", "southeast", "southwest",
    "northeastern", "northwestern", "southeastern", "southwestern", "in", "at", "from", "near", "to",
    "into", "outside", "around", "across", "of", "and", "the", "on", "by", "between", "via", "for",
    "with", "towards", "toward", "inside", "within", "over", "under", "through", "both",
})
#: Demonyms and adjectives that may stand before a place ("Turkish Kilis", "Kurdish Afrin").
DEMONYM_WORDS = frozenset({
    "syrian", "turkish", "kurdish", "iraqi", "lebanese", "jordanian", "israeli", "russian", "iranian",
    "american", "arab", "christian", "alawite", "druze", "sunni", "shia", "shiite", "yazidi", "armenian",
    "assyrian", "turkmen", "circassian", "bedouin", "rebel", "regime", "opposition",
})
CALENDAR = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
_PREFIX_OK = PLACE_PREFIX_OK | DEMONYM_WORDS
#: Generic words that also open people's names (Abu Mohammed, Umm Ahmad, Sheikh Issa): no loose matching.
_KUNYA = frozenset({"abu", "umm", "sheikh", "bayt"})
_GENERIC_WORDS = frozenset(GENERICS) | frozenset(GENERICS.values()) | {"bab", "bir", "qasr", "hay", "mount"}


@dataclass
class Token:
    start: int
    end: int  # end of the word without a trailing possessive 's
    text: str
    f: str  # folded full token ("ra's" -> "ras")
    fp: str  # folded without possessive ("syria's" -> "syria")
    cap: bool
    caps: bool  # written all in capitals
    hyphen_next: bool
    art: bool = False  # an Arabic article (al-, el-, ad- ...)


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
    cues: set[str] = field(default_factory=set)


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` with offsets; possessive 's is split off the end offset."""
    toks: list[Token] = []
    for m in TOKEN_RE.finditer(text):
        s, e = m.start(), m.end()
        word = m.group()
        f = fold(word).replace(" ", "")
        poss = _POSSESSIVE.search(word)
        fp = fold(word[: poss.start()]).replace(" ", "") if poss else f
        end = s + poss.start() if poss else e
        toks.append(Token(s, end, word, f, fp, word[0].isupper() or word[0].isdigit(),
                          len(word) > 1 and word.isupper(),
                          e < len(text) and text[e] in "-\u2010\u2011" and e + 1 < len(text)
                          and text[e + 1].isalpha()))
    for i, t in enumerate(toks):
        if t.f in ARTICLES:
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            attached = t.hyphen_next or t.f in ("al", "el")
            t.art = bool(nxt) and (attached or (t.cap and nxt.cap and not t.caps))
    return toks


def _joinable(text: str, a: Token, b: Token) -> bool:
    """True when tokens a and b can belong to one name (no sentence punctuation between)."""
    gap = text[a.end:b.start]
    return len(gap) <= 3 and all(c in " -\u2010\u2011'\u2019." for c in gap) and "\n" not in gap and (
        "." not in gap or len(a.text) <= 2)  # "U.S." but not "Aleppo. Idlib"


def _blocked_lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in BOILERPLATE_RE.finditer(text)]


def _match_at(toks: list[Token], i: int, text: str, gaz: Gazetteer) -> tuple[int, list[str]] | None:
    """Longest gazetteer match starting at token i: (last token index, place ids)."""
    idx = gaz.index
    best = None
    full: list[str] = []
    content: list[str] = []
    keyed: list[str] = []
    for j in range(i, min(len(toks), i + MAX_TOKENS)):
        t = toks[j]
        if j > i and not _joinable(text, toks[j - 1], t):
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
    if g not in _GENERIC_WORDS or g in _KUNYA or i + 1 >= len(toks):
        return None
    j = i + 1
    while j < len(toks) and toks[j].art and _joinable(text, toks[j - 1], toks[j]):
        j += 1
    if j >= len(toks) or not toks[j].cap or not _joinable(text, toks[j - 1], toks[j]):
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


def _rejected(toks: list[Token], i: int, j: int, places: list[Place], text: str, title_case: bool) -> bool:
    """Organisation, agency, person, operation or acronym rather than a place.

    ``toks[i:j+1]`` is the matched name (without a leading article).
    """
    words = [t.fp for t in toks[i:j + 1] if not t.art]
    surface = " ".join(words)
    article_before = toks[i].art or (i > 0 and toks[i - 1].art)
    if surface in NOT_PLACES or (len(words) == 1 and words[0] in _GENERIC_WORDS and not article_before):
        return True
    if len(words) == 1 and words[0] in ORG_PREV | TITLES:  # "Liwa (al-Quds)", "Sultan (Murad)"
        return True
    strong = any(p.kind in ("country", "governorate") or p.population >= 100_000
                 or not p.id.startswith("gn:") for p in places)
    if any(t.caps for t in toks[i:j + 1] if not t.art) and surface not in CAPS_PLACES and not strong:
        return True  # SANA, AFP, NTV: acronyms of agencies and outlets
    # every longer word of a multi-word name is capitalised, except generic nouns ("M4 highway")
    if any(not t.cap and len(t.f) >= 4 and t.f not in NAME_SUFFIXES for t in toks[i + 1:j + 1] if not t.art):
        return True
    if not toks[i].cap:
        return True
    if _org_after(toks, j, text) or _ISIL_BEFORE.search(text, max(0, toks[i].start - 40), toks[i].start):
        return True
    prev = toks[i - 1] if i > 0 and _joinable(text, toks[i - 1], toks[i]) else None
    if prev and prev.art:  # "Bashar al-Assad", "Ain al-Havr": the end of a longer name
        before = toks[i - 2] if i > 1 and _joinable(text, toks[i - 2], prev) else None
        if before and (before.cap or before.f in ORG_PREV):
            return True
    if prev and prev.cap and prev.fp in ORG_PREV | TITLES | FIRST_NAMES and _is_whole(prev):
        return True  # "Operation Olive Branch", "President Assad", "Mustafa Bali"
    if len(words) == 1 and words[0] in common_words() and not (strong and toks[i].cap):
        return True  # "Some", "One", "Bar": ordinary words that a town somewhere is named after
    if title_case:
        return False
    if prev and prev.cap and not prev.art and _is_whole(prev) and prev.fp not in _PREFIX_OK \
            and not _sentence_start(text, prev) and not (prev.caps and len(prev.f) <= 3):
        return True  # "Recep Tayyip", "Mazloum Abdi": part of a person's name
    nxt = toks[j + 1] if j + 1 < len(toks) and _joinable(text, toks[j], toks[j + 1]) else None
    minor = all(p.population < 1_000_000 and p.kind not in ("country", "governorate")
                and p.id.startswith("gn:") for p in places)
    if minor and len(words) == 1 and nxt and nxt.cap and not nxt.art and nxt.fp not in CALENDAR \
            and _is_whole(toks[j]):
        return True  # "Ahmad Abu Khawla": the first of several capitalised words
    return False


_ISIL_BEFORE = re.compile(r"Islamic State (?:of|in) (?:(?:Iraq|Syria) and (?:the )?|the )?$")


def _is_whole(tok: Token) -> bool:
    """True when the token carries no possessive ending ("Turkey's" is not)."""
    return tok.end == tok.start + len(tok.text)


def _org_after(toks: list[Token], j: int, text: str) -> bool:
    """A run of capitalised words after the name ends in an organisation word ("Raqqa Civil Council")."""
    if not _is_whole(toks[j]):
        return False
    k = j + 1
    while k < len(toks) and k <= j + 3 and _joinable(text, toks[k - 1], toks[k]) and toks[k].cap:
        if toks[k].fp in ORG_NEXT:
            return True
        k += 1
    return False


def _person_words(toks: list[Token], text: str) -> set[str]:
    """Capitalised words that the text uses in people's names ("Lloyd Austin", "Secretary Austin").

    One sense per article: once a word has been part of a person's name, a bare
    mention of it elsewhere in the text is that person, not a namesake town abroad.
    """
    out: set[str] = set()
    for k in range(1, len(toks)):
        prev, tok = toks[k - 1], toks[k]
        if tok.cap and not tok.caps and prev.cap and _joinable(text, prev, tok) and (
                prev.fp in FIRST_NAMES or prev.fp in TITLES or prev.fp in out):
            out.add(tok.fp)
    return out


def _title_case(text: str, pos: int) -> bool:
    """True when the line around ``pos`` is a Title Case headline (most long words capitalised)."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a: b if b >= 0 else len(text)]
    long_words = [w for w in re.findall(r"[^\W\d_]{4,}", line)]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent English words that coincide with some place's name (``data/common_words.txt``)."""
    path = DATA / "common_words.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if not w.startswith("#"))


def _sentence_start(text: str, tok: Token) -> bool:
    before = text[:tok.start].rstrip()
    return not before or before[-1] in ".!?:\n\"“”‘’'(—–-|•"


def candidates(text: str, gaz: Gazetteer) -> list[Candidate]:
    """All name spans in ``text`` with their possible places (before disambiguation)."""
    toks = tokenize(text)
    blocked = _blocked_lines(text)
    surnames = _person_words(toks, text)
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
        if hit is None or (hit[0] == i and fold_word(t.f) in _GENERIC_WORDS):
            hit = _loose_match(toks, i, text, gaz) or hit
            loose = hit is not None and hit[0] > i
        if hit is None:
            i += 1
            continue
        j, ids = hit
        first = i + 1 if t.art and t.f not in ("al", "el") and not t.hyphen_next else i
        places = [gaz.places[pid] for pid in ids]
        if first == j and toks[j].fp in surnames and all(p.country != "SY" for p in places):
            i = j + 1  # "Austin said": the article named him "Lloyd Austin" before
            continue
        if _rejected(toks, first if not toks[first].art else first + 1, j, places, text,
                     _title_case(text, t.start)) or (
                _sentence_start(text, toks[first]) and _rejected_at_start(toks, first, j, places)):
            i = j + 1
            continue
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
        if fold(name.split()[-1]) in NOT_PLACES | FIRST_NAMES or any(a < e and s < b for a, b in taken) \
                or any(a <= s < b for a, b in blocked):
            continue
        extra.append(Candidate(s, e, name, [], -1, -1))
        taken.append((s, e))
    return sorted(found + extra, key=lambda c: c.start)


def _rejected_at_start(toks: list[Token], i: int, j: int, places: list[Place]) -> bool:
    """At a sentence start, a lone capitalised word that is also a common title or name is no place."""
    return i == j and toks[i].fp in TITLES


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
