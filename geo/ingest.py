"""Feeding the store: article files, uploads, pasted text, re-extraction after review.

Each article goes through ``geo.pipeline`` on its own; one bad file is
reported (an :class:`~geo.errors.InputError` naming it) and the others are
stored. The analyst's place choices are applied before events are extracted,
so a decision made once holds for every later ingest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo import DATA, home
from geo.articles import SUFFIXES, article_from_text, read_article
from geo.errors import InputError, StoreError
from geo.events import extract_events
from geo.models import Article
from geo.pipeline import Extraction, extract, run
from geo.review import apply_choices
from geo.store import Store

logger = logging.getLogger(__name__)

#: The sample corpus read on first start.
SAMPLE_CORPUS = DATA / "articles"
#: Largest upload accepted, in bytes (a news article is far smaller).
MAX_UPLOAD = 5_000_000


@dataclass
class IngestReport:
    """What one ingest did: paths stored, and one error per file that was not."""

    added: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def uploads_dir() -> Path:
    """Where uploaded files are kept, so the store's paths stay readable."""
    return home() / "uploads"


def _with_choices(ex: Extraction, store: Store) -> Extraction:
    choices = store.place_choices()
    if not choices:
        return ex
    mentions = apply_choices(ex.article.path, ex.mentions, choices)
    if mentions == list(ex.mentions):
        return ex
    return Extraction(ex.article, mentions, extract_events(ex.article, mentions))


def _store(ex: Extraction, store: Store, report: IngestReport) -> None:
    try:
        store.add(_with_choices(ex, store))
        report.added.append(ex.article.path)
    except StoreError as err:
        report.errors.append(InputError(f"could not be stored ({err})", ex.article.path))


def ingest_paths(paths: Iterable[str | Path], gaz, store: Store) -> IngestReport:
    """Extract and store articles from files and folders.

    Parameters
    ----------
    paths
        Files or folders (folders are read for .txt/.md/.html articles).
    gaz
        A loaded ``geo.gazetteer.Gazetteer``.
    store
        Where the results go.
    """
    report = IngestReport()
    extractions, errors = run([Path(p) for p in paths], gaz)
    report.errors.extend(errors)
    for ex in extractions:
        _store(ex, store, report)
    for err in report.errors:
        logger.warning("%s", err)
    return report


def ingest_sample_if_empty(gaz, store: Store) -> IngestReport | None:
    """On first start (empty store) read the bundled sample corpus; ``None`` if not needed."""
    if len(store) or not SAMPLE_CORPUS.is_dir():
        return None
    return ingest_paths([SAMPLE_CORPUS], gaz, store)


def safe_name(name: str) -> str:
    """A file name that cannot leave the uploads folder."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .") or "article"
    return base[:120]


def ingest_upload(name: str, data: bytes, gaz, store: Store) -> Extraction:
    """Keep an uploaded file under ``home()/uploads`` and ingest it.

    Raises
    ------
    InputError
        Unsupported type, too large, or unreadable (names the file).
    """
    if not name.lower().endswith(SUFFIXES):
        raise InputError(f"unsupported file type; upload one of {', '.join(SUFFIXES)}", name)
    if len(data) > MAX_UPLOAD:
        raise InputError(f"too large ({len(data):,} bytes; the limit is {MAX_UPLOAD:,})", name)
    folder = uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe_name(name)
    tmp = target.with_name(f".part-{target.name}")  # keeps the suffix read_article goes by
    tmp.write_bytes(data)
    try:
        article = read_article(tmp)
    except InputError as err:
        tmp.unlink(missing_ok=True)
        message = str(err)[len(f"{err.path}: "):] if err.path else str(err)
        raise InputError(message, name) from err
    tmp.replace(target)
    article = dataclasses.replace(article, path=str(target))
    return _add_article(article, gaz, store)


def ingest_text(text: str, gaz, store: Store, name: str | None = None) -> Extraction:
    """Ingest pasted text as an article named ``name`` (default: from a hash of the text)."""
    if not text.strip():
        raise InputError("the pasted text is empty", name or "pasted text")
    if name is None:
        name = f"pasted-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}.txt"
    return _add_article(article_from_text(text, name), gaz, store)


def _add_article(article: Article, gaz, store: Store) -> Extraction:
    ex = _with_choices(extract(article, gaz), store)
    store.add(ex)
    return ex


def reextract(paths: Iterable[str], gaz, store: Store) -> IngestReport:
    """Extract stored articles again (after a place choice or a gazetteer change)."""
    report = IngestReport()
    for path in paths:
        article = store.article(path)
        if article is None:
            report.errors.append(InputError("not in the store", path))
            continue
        _store(extract(article, gaz), store, report)
    return report
