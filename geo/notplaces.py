"""What is not a place although the gazetteer knows the word.

Organisations and units named after places ("Hama Brigade", "Aleppo University",
"Manbij Military Council"), factions ("Ahrar al-Sham", "Liwa al-Quds"), news
agencies (SANA is not Sana'a), people ("President Assad", "Mustafa Bali",
"Lloyd Austin ... Austin said"), operations ("Operation Olive Branch"),
ordinary English words that name a town somewhere ("Some", "May"), acronyms
written in capitals, and boilerplate lines ("Read more: ...", photo credits).
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo import DATA
from geo.models import Place
from geo.names import GENERICS, fold
from geo.tokens import Token, is_whole, joinable, sentence_start

#: Boilerplate lines whose names are not about the article (links, photo credits).
BOILERPLATE_RE = re.compile(
    r"^\s*(?:(?:read more|read also|also read|read next|see also|more on|more from|recommended|"
    r"you may also like|getty images|subscribe|sign up|follow us|advertisement)\b"
    r"|(?:related|photo|photograph|photographer|image|credit|copyright|listen|watch|share|tags|topics|"
    r"filed under|categories|category)\s*(?:[:|]|by\b|credit))"
    r"[^\n]*$",
    re.IGNORECASE | re.MULTILINE)

#: Surfaces that look like place names but in news text are agencies, outlets or people.
NOT_PLACES = frozenset({
    "sana", "tass", "afp", "ap", "reuters", "mari", "tal", "ria", "dpa", "irna", "anha", "hawar", "sohr",
    "anadolu",
    "xinhua", "rudaw", "ntv", "trt", "bbc", "cnn", "nato", "isis", "isil", "daesh", "sdf", "ypg", "pkk",
    "assad", "erdogan", "putin", "trump", "biden", "obama", "lavrov", "shoigu", "jolani", "julani",
    "sharaa", "baghdadi", "nasrallah", "khamenei", "raisi", "rouhani", "netanyahu", "mattis", "pompeo",
    "kremlin", "pentagon", "knesset", "majlis", "state", "aleppo university", "elysee", "whitehall",
    "downing", "capitol", "hamas", "hezbollah", "hizbollah", "taliban", "khorasan", "ummah", "shia", "shiite",
    "sunni", "alawite", "druze", "yazidi", "souq", "souk", "suq", "dar", "sham", "al sham", "jihad", "bani",
    "beni", "bin", "ibn",
})
#: Acronyms written in capitals that do name places.
CAPS_PLACES = frozenset({"us", "usa", "uk", "uae", "u s", "u s a", "u k", "ksa", "drc"})
#: A following word that turns "<place> X" into an organisation or unit.
ORG_NEXT = frozenset({
    "university", "brigade", "brigades", "battalion", "battalions", "regiment", "corps", "front",
    "security", "office", "council", "club", "fc", "company", "agency", "media", "airlines", "airways",
    "bank", "news", "times", "post", "wings", "tribune", "institute", "committee", "movement", "party",
    "operations", "workers", "worker", "liberation", "revolutionary", "shield", "hawks", "falcons", "knights",
    "martyrs", "lions", "group", "army", "police", "gathering", "legion", "forces", "storm", "desk",
    "observatory", "network", "directorate", "commission", "chamber", "court", "hospital", "school",
    "stadium", "mosque", "church", "tv", "radio", "channel", "newspaper", "daily", "herald", "division",
    "divisions", "force", "guard", "guards", "squadron", "unit", "units", "militia", "faction", "sector",
    "command", "headquarters", "square", "street", "avenue", "roundabout", "boulevard",
})
#: Lower-case nouns that may end a multi-word name ("Bab al-Hawa crossing", "Tabqa dam").
NAME_SUFFIXES = frozenset({
    "province", "governorate", "crossing", "highway", "motorway", "road", "dam", "river", "camp", "base",
    "airbase", "air", "airport", "field", "prison", "bridge", "mountains", "mountain", "valley", "lake",
    "countryside", "border", "plain", "desert", "district", "city", "town", "village", "zone", "area",
    "pocket", "region", "port", "gas", "oil", "plant", "international", "military", "naval", "facility",
    "garrison", "strip", "heights", "airfield", "airstrip", "corridor", "canal", "stream",
    "the", "of", "and", "de", "canton", "axis", "outskirts", "suburbs", "enclave", "checkpoint", "frontline",
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
_PREFIX_OK = PLACE_PREFIX_OK | DEMONYM_WORDS | CALENDAR
#: Generic words that also open people's names (Abu Mohammed, Umm Ahmad, Sheikh Issa): no loose matching.
KUNYA = frozenset({"abu", "umm", "sheikh", "bayt"})
GENERIC_WORDS = frozenset(GENERICS) | frozenset(GENERICS.values()) | {"bab", "bir", "qasr", "hay", "mount"}


def blocked_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of boilerplate lines, where no name counts."""
    return [(m.start(), m.end()) for m in BOILERPLATE_RE.finditer(text)]


def rejected(toks: list[Token], i: int, j: int, places: list[Place], text: str, title_case: bool) -> bool:
    """Organisation, agency, person, operation or acronym rather than a place.

    ``toks[i:j+1]`` is the matched name (without a leading article).
    """
    words = [t.fp for t in toks[i:j + 1] if not t.art]
    surface = " ".join(words)
    article_before = toks[i].art or (i > 0 and toks[i - 1].art)
    if surface in NOT_PLACES or (len(words) == 1 and words[0] in GENERIC_WORDS and not article_before):
        return True
    if len(words) == 1 and words[0] in ORG_PREV | TITLES:  # "Liwa (al-Quds)", "Sultan (Murad)"
        return True
    if len(words) == 1 and words[0] in FIRST_NAMES and not article_before:
        return True  # "Omar said": a first name (the place would be written al-Omar)
    strong = any(p.kind in ("country", "governorate") or p.population >= 100_000
                 or not p.id.startswith("gn:") for p in places)
    if any(t.caps for t in toks[i:j + 1] if not t.art) and surface not in CAPS_PLACES and not strong:
        return True  # SANA, AFP, NTV: acronyms of agencies and outlets
    # every longer word of a multi-word name is capitalised, except generic nouns ("M4 highway")
    if any(not t.cap and len(t.f) >= 4 and t.f not in NAME_SUFFIXES for t in toks[i + 1:j + 1] if not t.art):
        return True
    if not toks[i].cap:
        return True
    if org_after(toks, j, text) or _ISIL_BEFORE.search(text, max(0, toks[i].start - 40), toks[i].start):
        return True
    if _outlet(toks, j, text):
        return True
    prev = toks[i - 1] if i > 0 and joinable(text, toks[i - 1], toks[i]) else None
    if prev and prev.art:  # "Bashar al-Assad", "Ain al-Havr": the end of a longer name
        before = toks[i - 2] if i > 1 and joinable(text, toks[i - 2], prev) else None
        if before and (before.cap or before.f in ORG_PREV):
            return True
    if prev and prev.cap and prev.fp in ORG_PREV | TITLES | FIRST_NAMES and is_whole(prev):
        return True  # "Operation Olive Branch", "President Assad", "Mustafa Bali"
    if len(words) == 1 and words[0] in common_words() and not (
            strong and toks[i].cap and any(_spelt(words[0], p) for p in places)):
        # "Some", "One", "Bar", "They" (-> Thai): ordinary words that a place name folds onto;
        # only a place spelt exactly so ("Turkey", "Jordan", "US") keeps such a word
        return True
    if title_case:
        return False
    if prev and prev.cap and not prev.art and is_whole(prev) and prev.fp not in _PREFIX_OK \
            and not prev.hyphen_next and not sentence_start(text, prev) \
            and not (prev.caps and len(prev.f) <= 3) \
            and not (locative_compound(toks, i, text) and any(p.country == "SY" for p in places)):
        return True  # "Recep Tayyip", "Mazloum Abdi": part of a person's name (not "Damascus-Sweida")
    nxt = toks[j + 1] if j + 1 < len(toks) and joinable(text, toks[j], toks[j + 1]) else None
    after = toks[j + 2] if nxt and nxt.art and j + 2 < len(toks) else None
    if after and after.cap and is_whole(toks[j]) and joinable(text, nxt, after) and not any(
            p.kind in ("country", "governorate") or p.population >= 500_000 for p in places):
        return True  # "Busra al-Harir": the start of a longer name that the gazetteer lacks
    minor = all(p.population < 1_000_000 and p.kind not in ("country", "governorate")
                and p.id.startswith("gn:") for p in places)
    if minor and len(words) == 1 and nxt and nxt.cap and not nxt.art and nxt.fp not in CALENDAR \
            and nxt.fp not in NAME_SUFFIXES \
            and is_whole(toks[j]):
        return True  # "Ahmad Abu Khawla": the first of several capitalised words
    return False


_LOCATIVE = frozenset({"in", "at", "near", "to", "from", "around", "outside", "into", "towards", "toward",
                       "of", "inside", "across", "on"})


def locative_compound(toks: list[Token], i: int, text: str) -> bool:
    """"moved to Ashrafiyat Sahnaya": a capitalised word before a place name, itself after a
    preposition of place, is the first word of a compound name the gazetteer knows only in
    part (Ashrafiyat Sahnaya, Maarat Misrin), not a person's first name."""
    if i < 2 or toks[i - 1].art or not toks[i - 1].cap or toks[i - 1].caps:
        return False
    prev, before = toks[i - 1], toks[i - 2]
    if prev.fp in FIRST_NAMES | TITLES | ORG_PREV | CALENDAR | DEMONYM_WORDS or not is_whole(prev):
        return False
    return (not before.cap and before.f in _LOCATIVE and joinable(text, before, prev)
            and joinable(text, prev, toks[i]))


def _outlet(toks: list[Token], j: int, text: str) -> bool:
    """"Suwayda 24", "Deir ez-Zor 24": local news networks named after their place."""
    if j + 1 >= len(toks) or toks[j + 1].text != "24" or not joinable(text, toks[j], toks[j + 1]):
        return False
    after = toks[j + 2] if j + 2 < len(toks) else None
    return after is None or not joinable(text, toks[j + 1], after) or after.cap


_ISIL_BEFORE = re.compile(r"Islamic State (?:of|in) (?:(?:Iraq|Syria) and (?:the )?|the )?$")


def _spelt(word: str, place: Place) -> bool:
    """True when ``word`` (folded) is exactly one of the place's names, not a transliteration fold of it."""
    return any(fold(n) == word for n in (place.name, *place.alt_names))


def org_after(toks: list[Token], j: int, text: str) -> bool:
    """A run of capitalised words after the name ends in an organisation word ("Raqqa Civil Council")."""
    if not is_whole(toks[j]):
        return False
    k = j + 1
    while k < len(toks) and k <= j + 3 and joinable(text, toks[k - 1], toks[k]) and toks[k].cap:
        if toks[k].fp in ORG_NEXT:
            return True
        k += 1
    return False


def person_words(toks: list[Token], text: str) -> set[str]:
    """Capitalised words that the text uses in people's names ("Lloyd Austin", "Secretary Austin").

    One sense per article: once a word has been part of a person's name, a bare
    mention of it elsewhere in the text is that person, not a namesake town abroad.
    """
    out: set[str] = set()
    for k in range(1, len(toks)):
        prev, tok = toks[k - 1], toks[k]
        if tok.cap and not tok.caps and prev.cap and joinable(text, prev, tok) and (
                prev.fp in FIRST_NAMES or prev.fp in TITLES or prev.fp in out):
            out.add(tok.fp)
    return out


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent English words that coincide with some place's name (``data/common_words.txt``)."""
    path = DATA / "common_words.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if not w.startswith("#"))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Frequent English words, lower case (``data/english_words.txt``; empty when missing)."""
    path = DATA / "english_words.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if not w.startswith("#"))


_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['\u2019][^\W_]+)*")


def proper_name(surface: str) -> bool:
    """True when a span looks like a proper name: some capitalised word that is not a frequent
    English word ("Umm Batna", "al-Hamrat"); "Clashes" or "the camp" are not names."""
    common = english_words()
    caps = [w for w in _WORD.findall(surface) if w[0].isupper()]
    return any(fold(w).replace(" ", "") not in common for w in caps)


def rejected_at_start(toks: list[Token], i: int, j: int, places: list[Place]) -> bool:
    """At a sentence start, a lone capitalised word that is also a common title or name is no place."""
    return i == j and toks[i].fp in TITLES
