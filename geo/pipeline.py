"""The extraction pipeline: article -> place mentions -> events.

:func:`extract` runs one article through :func:`geo.toponyms.find_mentions`
and :func:`geo.events.extract_events`; :func:`run` does it for files and
folders, collecting one :class:`~geo.errors.InputError` per file that could
not be read while the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo.articles import collect_paths, read_article
from geo.errors import InputError
from geo.events import extract_events
from geo.models import Article, Event, Mention

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def extract(article: Article, gaz) -> Extraction:
    """Place mentions and events of one article.

    Parameters
    ----------
    article : Article
        The article.
    gaz : geo.gazetteer.Gazetteer
        The loaded gazetteer.
    """
    from geo.toponyms import find_mentions  # owned by the place module; imported late to keep start-up light

    mentions = find_mentions(article.text, gaz)
    return Extraction(article, mentions, extract_events(article, mentions))


def run(paths: Iterable[str | Path], gaz) -> tuple[list[Extraction], list[InputError]]:
    """Read and extract every article file under ``paths``.

    Parameters
    ----------
    paths : iterable of str or Path
        Files or folders (read recursively, sorted).
    gaz : geo.gazetteer.Gazetteer
        The loaded gazetteer.

    Returns
    -------
    tuple
        ``(extractions, errors)``: one extraction per readable article, one
        error per path that could not be used (the message names it).
    """
    files, errors = collect_paths(paths)
    out: list[Extraction] = []
    for f in files:
        try:
            article = read_article(f)
        except InputError as err:
            log.info("%s", err)  # the caller reports it
            errors.append(err)
            continue
        out.append(extract(article, gaz))
    return out, errors
