"""Paragraphs and sentences of an article, with character offsets into its text.

Events are read sentence by sentence and quoted with their offsets, so the
splitter never changes the text: every :class:`Sentence` is a ``(start, end)``
span of ``Article.text``. It survives the abbreviations of news writing
("Lt. Gen.", "U.S.", "Feb. 7", "Mr.", initials) and sentences glued together
without a space ("... vehicles.Russia warns ..."). Lines that are page furniture
("Read more: ...", "Photo credit", "Leave a Reply") are marked as boilerplate:
they are headlines of other articles or credits, not reports of events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a period does not end a sentence (lower case, without the dot).
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "brig", "cmdr", "gov", "sen", "rep", "pres", "st", "jr", "sr", "rev", "hon", "amb",
    "no", "vs", "etc", "approx", "est", "dept", "univ", "inc", "ltd", "co", "corp", "fig", "al",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "km", "mt", "ft",
}
# Words that, capitalised after "U.S." or "U.N.", show that a new sentence starts.
_STARTERS = {
    "the", "a", "an", "in", "on", "it", "he", "she", "they", "we", "i", "but", "and", "this",
    "that", "these", "those", "there", "at", "after", "before", "when", "while", "meanwhile",
    "however", "his", "her", "their", "its", "some", "many", "one", "two", "three", "earlier",
    "later", "last", "since", "as", "according", "for", "if", "both", "no", "our", "officials",
}
_BOILERPLATE = re.compile(
    r"^\s*(?:read more|read also|also read|related|see also|more on this|recommended|watch|listen|"
    r"photo(?:graph)?(?: credit)?s?\s*[:|]|image(?: credit)?\s*:|credit\s*:|caption\s*:|copyright|"
    r"\u00a9|leave a (?:reply|comment)|you must be logged in|skip to (?:main )?content|back to top|"
    r"share this|follow us|subscribe|sign up|advertisement|\u2014 with assistance|with assistance by|"
    r"(?:photographer|editing by|reporting by|writing by)\s*:?)", re.IGNORECASE)
_HEADER = re.compile(r"\s*date\s*[:=]?\s*\d{4}-\d{2}-\d{2}\b\s*", re.IGNORECASE)
# Candidate sentence ends: terminal punctuation plus closing quotes/brackets.
_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*")


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph it belongs to
    boilerplate: bool = False


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph.

    Paragraphs are separated by blank lines when the text has any; a text
    without blank lines has one paragraph per line (feeds and scraped pages).
    """
    sep = re.compile(r"\n[ \t]*\n\s*") if re.search(r"\n[ \t]*\n", text) else re.compile(r"\n\s*")
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        # trim surrounding whitespace so offsets point at text
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _is_break(text: str, m: re.Match[str], seg_start: int) -> bool:
    """Whether the punctuation matched at ``m`` ends a sentence."""
    after = text[m.end():m.end() + 40]
    punct = m.group()
    if "." not in punct or len(punct.rstrip("\"'\u201d\u2019)]")) > 1:
        # ! ? ... end a sentence when something capitalised (or a quote/number) follows
        return bool(re.match(r"\s+[\"'\u201c\u2018(\[]?[A-Z0-9]", after)) or not after.strip()
    glued = re.match(r"[A-Z][a-z]", after)  # "vehicles.Russia"
    if not glued and not re.match(r"\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u2013\u2014-]", after):
        return not after.strip()
    before = text[seg_start:m.start()]
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", before)
    w = word.group(1) if word else ""
    if glued:
        # a lowercase word glued to a capitalised one is a lost space; "U.S.Army" is not
        return len(w) >= 3 and w.islower()
    nxt = re.match(r"\s+[\"'\u201c\u2018(\[]?([A-Za-z0-9]+)", after)
    nxt_word = nxt.group(1) if nxt else ""
    low = w.lower()
    if "." in w or (len(w) == 1 and w.isupper()):
        # U.S. / U.N. / initials: a sentence ends only if an obvious starter follows
        return nxt_word.lower() in _STARTERS and not (len(w) == 1 and w.isupper())
    if low in _ABBREV:
        # "Feb. 7", "Gen. Smith": not an end; "... in Sept. The" would be rare
        return nxt_word.lower() in _STARTERS and low not in ("mr", "mrs", "ms", "dr", "gen", "lt",
                                                             "col", "maj", "capt", "st", "no")
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Split an article's text into sentences with offsets.

    Parameters
    ----------
    text : str
        ``Article.text``.

    Returns
    -------
    list of Sentence
        In text order; whitespace-only pieces are dropped. A ``date
        YYYY-MM-DD`` header at the start of a paragraph is not part of the
        first sentence.
    """
    out: list[Sentence] = []
    for pi, (ps, pe) in enumerate(paragraph_spans(text)):
        hm = _HEADER.match(text, ps, pe)
        if hm:
            ps = hm.end()
        for ls, le in _line_blocks(text, ps, pe):
            seg = ls
            boiler_para = bool(_BOILERPLATE.match(text[ls:le]))  # "Read more: ..." spoils its line only
            for m in _END.finditer(text, ls, le):
                if _is_break(text[:le], m, seg):
                    _add(out, text, seg, m.end(), pi, boiler_para)
                    seg = m.end()
            _add(out, text, seg, le, pi, boiler_para)
    return out


def _line_blocks(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    """Pieces of a paragraph that a line break ends: bullets, headlines, finished sentences.

    A line break inside running text (hard-wrapped files) does not end a sentence.
    """
    blocks: list[tuple[int, int]] = []
    start = ps
    for m in re.finditer(r"\n", text[ps:pe]):
        nl = ps + m.start()
        line = text[start:nl].rstrip()
        nxt = text[nl + 1:pe].lstrip()
        bullets = ("\u2022", "-", "*", "\u00b7", "\u2013")
        if (not line or line[-1] in ".!?:\"\u201d" or len(line) < 60
                or nxt[:1] in bullets or line.lstrip()[:1] in bullets):
            blocks.append((start, nl))
            start = nl + 1
    blocks.append((start, pe))
    return blocks


def _add(out: list[Sentence], text: str, s: int, e: int, para: int, boiler: bool) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s < e:
        chunk = text[s:e]
        out.append(Sentence(s, e, chunk, para, boiler or bool(_BOILERPLATE.match(chunk))))
