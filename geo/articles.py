"""Reading news articles from disk or pasted text.

An :class:`~geo.models.Article` carries the visible text only: HTML is reduced
to what a reader sees (script, style and the document head are dropped, the
``<title>`` kept as the first line, block elements become line breaks). The
publication date comes from the text (:func:`geo.dates.publication_date`) or,
in HTML, from ``<meta property="article:published_time">`` / ``<time datetime>``.

Anything that cannot be read raises :class:`~geo.errors.InputError` naming the
file and the problem, so that a batch can report it and go on.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from geo.dates import iso_from_timestamp, publication_date
from geo.errors import InputError
from geo.models import Article

log = logging.getLogger(__name__)

#: File suffixes read as articles (lower case).
SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")

# Tags whose content is never visible text.
_HIDDEN = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
# Tags that start a new line of text for a reader.
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "aside", "blockquote", "pre", "figure",
    "figcaption", "hr", "dd", "dt", "dl", "main", "nav", "title", "address", "time",
}


class _VisibleText(HTMLParser):
    """Collect the visible text of an HTML document and its date metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden = 0  # depth inside hidden elements
        self.in_title = False
        self.published: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            prop = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if prop in ("article:published_time", "datepublished", "date", "pubdate",
                        "publish-date", "dc.date", "dc.date.issued", "og:published_time"):
                self.published = self.published or iso_from_timestamp(a.get("content", ""))
            return
        if tag == "time" and a.get("datetime") and not self.hidden:
            self.published = self.published or iso_from_timestamp(a["datetime"])
        if tag == "title":
            self.in_title = True
            return
        if tag in _HIDDEN:
            self.hidden += 1
            return
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <meta .../>: no content, never push hidden depth
        if tag in _HIDDEN:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str, str | None]:
    """Reduce an HTML document to its visible text.

    Parameters
    ----------
    html : str
        The document.

    Returns
    -------
    tuple
        ``(text, title, published)``: the visible text with block elements as
        line breaks (the title is its first line), the ``<title>``, and the
        ISO publication date from the metadata or ``None``.
    """
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    body = "".join(parser.parts)
    # one space inside lines, at most one blank line between blocks
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in body.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = re.sub(r"\s+", " ", "".join(parser.title)).strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    published = parser.published
    if published is None:  # schema.org metadata inside <script type="application/ld+json">
        m = re.search(r'"datePublished"\s*:\s*"([^"]{8,40})"', html)
        published = iso_from_timestamp(m.group(1)) if m else None
    return text, title, published


def decode(data: bytes, name: str) -> str:
    """Decode an article's bytes, refusing binary files and unknown encodings.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted. Windows-1252
    is accepted only when the bytes are not UTF-8 but read as ordinary text in
    that encoding (letters and punctuation, no control characters), which is
    what old Western news archives produce.

    Raises
    ------
    InputError
        For empty, binary or undecodable content.
    """
    if not data.strip():
        raise InputError("empty file (no text to read)", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(f"not valid UTF-16 text ({err.reason} at byte {err.start})", name) from err
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not a text article", name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = _legacy_decode(data)
        if text is None:
            raise InputError(
                f"not valid UTF-8 text (invalid byte 0x{data[err.start]:02x} at offset {err.start}); "
                "save the file as UTF-8", name) from err
        log.info("%s: read as Windows-1252", name)
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > max(2, len(text) // 200):
        raise InputError(f"binary file ({controls} control characters), not a text article", name)
    if not text.strip():
        raise InputError("empty file (only whitespace)", name)
    return text


def _legacy_decode(data: bytes) -> str | None:
    """Windows-1252 text when the bytes clearly are such text, else ``None``."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) > 127]
    # Legacy text has few non-ASCII characters and they are letters or typographic marks.
    if len(high) > max(3, len(text) // 20):
        return None
    marks = "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\u00b0\u00a3\u20ac\u00b4"
    if any(not (c.isalpha() or c in marks) for c in high):
        return None
    return text


def article_from_text(text: str, name: str, published: str | None = None) -> Article:
    """Build an article from pasted text.

    Parameters
    ----------
    text : str
        The article's text (plain text; HTML is reduced to its visible text
        when it starts like a document).
    name : str
        The key of every record derived from it (a file name or a label).
    published : str or None
        ISO publication date when known; else it is read from the text.

    Raises
    ------
    InputError
        When the text is empty.
    """
    title = ""
    meta_date = None
    if re.match(r"\s*<(!doctype|html|head|body|p|div|article)\b", text, re.I):
        text, title, meta_date = html_to_text(text)
    if not text.strip():
        raise InputError("empty text", name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not title:
        title = _first_line(text)
    pub = published or publication_date(text) or meta_date
    return Article(path=name, text=text, published=pub, title=title)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        # the header may share its line with the first sentence
        line = re.sub(r"^\s*date\s*[:=]?\s*\d{4}-\d{2}-\d{2}\b", "", line, flags=re.I).strip()
        if line:
            return line[:200]
    return ""


def read_article(path: str | Path) -> Article:
    """Read one article file (.txt, .md, .html/.htm).

    Parameters
    ----------
    path : str or Path
        The file; ``Article.path`` keeps it as given.

    Raises
    ------
    InputError
        Missing file, unsupported type, unreadable, empty, binary or
        undecodable content; the message names the file.
    """
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", name)
    if p.is_dir():
        raise InputError("is a folder, not an article file", name)
    if p.suffix.lower() not in SUFFIXES:
        raise InputError(f"unsupported file type '{p.suffix or '(none)'}' (read: {', '.join(SUFFIXES)})",
                         name)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read ({err.strerror or err})", name) from err
    text = decode(data, name)
    if p.suffix.lower() in HTML_SUFFIXES:
        text, title, meta_date = html_to_text(text)
        if not text.strip():
            raise InputError("HTML page without visible text", name)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        pub = publication_date(text) or meta_date
        return Article(path=name, text=text, published=pub, title=title or _first_line(text))
    return article_from_text(text.replace("\r\n", "\n").replace("\r", "\n"), name)


def collect_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Expand files and folders into the article files to read.

    Folders are walked recursively in sorted order, keeping supported files and
    skipping hidden ones silently (a folder holds other things too). A path
    named explicitly that is missing or of an unsupported type is an error.

    Returns
    -------
    tuple
        ``(files, errors)``; files keep the spelling the user gave.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            files.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                errors.append(InputError(f"folder holds no article files ({', '.join(SUFFIXES)})", str(raw)))
            for f in found:
                add(f)
        elif not p.exists():
            errors.append(InputError("no such file or folder", str(raw)))
        elif p.suffix.lower() not in SUFFIXES:
            errors.append(InputError(
                f"unsupported file type '{p.suffix or '(none)'}' (read: {', '.join(SUFFIXES)})", str(raw)))
        else:
            add(p)
    return files, errors
