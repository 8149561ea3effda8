"""Word tokens of a text with their character offsets, as place-name matching needs them.

Apostrophes inside a word stay in it (Kafr A\u2019wid, Ra's); a trailing possessive
's is kept out of the token's end offset ("Syria's" -> "Syria"); an Arabic article
(al-, el-, ad- ...) is marked so that names can be matched with or without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.names import ARTICLES, fold

TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019\u02bf\u02bc\u2018`\u00b4][^\W_]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")


@dataclass
class Token:
    """One word of the text: offsets, folded forms and the shape facts matching needs."""

    start: int
    end: int  # end of the word without a trailing possessive 's
    text: str
    f: str  # folded full token ("ra's" -> "ras")
    fp: str  # folded without possessive ("syria's" -> "syria")
    cap: bool
    caps: bool  # written all in capitals
    hyphen_next: bool
    art: bool = False  # an Arabic article (al-, el-, ad- ...)


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


def joinable(text: str, a: Token, b: Token) -> bool:
    """True when tokens a and b can belong to one name (no sentence punctuation between)."""
    gap = text[a.end:b.start]
    return len(gap) <= 3 and all(c in " -\u2010\u2011'\u2019." for c in gap) and "\n" not in gap and (
        "." not in gap or len(a.text) <= 2)  # "U.S." but not "Aleppo. Idlib"


def is_whole(tok: Token) -> bool:
    """True when the token carries no possessive ending ("Turkey's" is not)."""
    return tok.end == tok.start + len(tok.text)


def sentence_start(text: str, tok: Token) -> bool:
    before = text[:tok.start].rstrip()
    return not before or before[-1] in ".!?:\n\"“”‘’'(—–-|•"


def title_case(text: str, pos: int) -> bool:
    """True when the line around ``pos`` is a Title Case headline (most long words capitalised)."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a: b if b >= 0 else len(text)]
    long_words = [w for w in re.findall(r"[^\W\d_]{4,}", line)]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)
