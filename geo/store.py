"""The embedded store: every ingested article with its mentions and events.

One sqlite file (stdlib, no server) in ``home()/store.sqlite`` keeps what the
analyst has read in, so a restart of the dashboard loses nothing. Records are
keyed by the article's path: adding an article again replaces its rows inside
one transaction, so a failure half-way leaves the previous version intact.

The analyst's review decisions ("this *Kafr Nubl* is that place") live in a
table of their own, so that re-extracting an article keeps them.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import pandas as pd

from geo import home
from geo.errors import StoreError
from geo.models import Article, Event, Mention, Place

logger = logging.getLogger(__name__)

#: Scope of a place choice that applies to every article.
ALL_ARTICLES = "*"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    path TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    published TEXT,
    title TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    added TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS mentions (
    article TEXT NOT NULL REFERENCES articles(path) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    confidence REAL NOT NULL,
    place TEXT
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE TABLE IF NOT EXISTS events (
    article TEXT NOT NULL REFERENCES articles(path) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    date TEXT,
    event_type TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (article, seq)
);
CREATE TABLE IF NOT EXISTS place_choices (
    scope TEXT NOT NULL,
    name TEXT NOT NULL,
    place TEXT NOT NULL,
    chosen TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (scope, name)
);
CREATE TABLE IF NOT EXISTS generation (n INTEGER NOT NULL);
INSERT INTO generation SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM generation);
"""

_BUMP = "UPDATE generation SET n = n + 1"

_EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(Event))


class ExtractionLike(Protocol):
    """What :meth:`Store.add` needs (``geo.pipeline.Extraction`` fits)."""

    article: Article
    mentions: list[Mention]
    events: list[Event]


def default_path() -> Path:
    """Where the analyst's store lives: ``home()/store.sqlite``."""
    return home() / "store.sqlite"


def place_to_json(place: Place | None) -> str | None:
    """Serialise a place for a sqlite column (``None`` stays ``None``)."""
    if place is None:
        return None
    rec = dataclasses.asdict(place)
    rec["alt_names"] = list(place.alt_names)
    return json.dumps(rec, ensure_ascii=False)


def place_from_json(raw: str | None) -> Place | None:
    """Inverse of :func:`place_to_json`; unknown keys are ignored."""
    if not raw:
        return None
    rec = json.loads(raw)
    known = {f.name for f in dataclasses.fields(Place)}
    rec = {k: v for k, v in rec.items() if k in known}
    rec["alt_names"] = tuple(rec.get("alt_names") or ())
    return Place(**rec)


def _event_to_json(event: Event) -> str:
    rec = event.to_record()
    rec["extra"] = event.extra
    return json.dumps(rec, ensure_ascii=False, default=str)


def _event_from_json(raw: str) -> Event:
    rec = json.loads(raw)
    kwargs = {k: rec[k] for k in _EVENT_FIELDS if k in rec}
    kwargs["actors"] = tuple(kwargs.get("actors") or ())
    kwargs["extra"] = dict(rec.get("extra") or {})
    return Event(**kwargs)


class Store:
    """Articles, mentions, events and place choices in one sqlite file.

    Parameters
    ----------
    path
        The sqlite file; ``home()/store.sqlite`` when ``None``. Its folder is
        created on first write, not at construction.

    Notes
    -----
    Every call opens its own connection: Streamlit runs scripts on several
    threads and sqlite connections must not cross threads.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._ready = False

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30)
        except (OSError, sqlite3.Error) as err:
            raise StoreError(f"{self.path}: cannot open the store ({err})") from err
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            if not self._ready:
                conn.executescript(_SCHEMA)
                self._ready = True
            yield conn
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: {err}") from err
        finally:
            conn.close()

    # ------------------------------------------------------------------ writing
    def add(self, extraction: ExtractionLike) -> None:
        """Store one article with its mentions and events.

        Adding the same article path again replaces its previous rows; the
        replacement is one transaction, so on any failure the old rows stay.

        Raises
        ------
        StoreError
            When the file cannot be written; nothing is changed then.
        """
        art = extraction.article
        # Serialise everything before touching the database: a bad record
        # must fail before the old rows are deleted.
        mention_rows = [
            (art.path, m.start, m.end, m.text, float(m.confidence), place_to_json(m.place))
            for m in extraction.mentions
        ]
        event_rows = [
            (art.path, i, ev.date, ev.event_type, _event_to_json(ev))
            for i, ev in enumerate(extraction.events)
        ]
        with self._connect() as conn, conn:
            conn.execute("DELETE FROM mentions WHERE article = ?", (art.path,))
            conn.execute("DELETE FROM events WHERE article = ?", (art.path,))
            conn.execute(
                "INSERT INTO articles(path, text, published, title, outlet) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(path) DO UPDATE SET text=excluded.text, published=excluded.published, "
                "title=excluded.title, outlet=excluded.outlet, added=datetime('now')",
                (art.path, art.text, art.published, art.title, art.outlet),
            )
            conn.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)", mention_rows)
            conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", event_rows)
            conn.execute(_BUMP)
        logger.info("stored %s: %d mentions, %d events", art.path, len(mention_rows), len(event_rows))

    def remove(self, path: str) -> bool:
        """Forget one article and everything derived from it; ``False`` if unknown."""
        with self._connect() as conn, conn:
            conn.execute("DELETE FROM mentions WHERE article = ?", (path,))
            conn.execute("DELETE FROM events WHERE article = ?", (path,))
            conn.execute("DELETE FROM place_choices WHERE scope = ?", (path,))
            cur = conn.execute("DELETE FROM articles WHERE path = ?", (path,))
            conn.execute(_BUMP)
            return cur.rowcount > 0

    def choose_place(self, name: str, place: Place, scope: str = ALL_ARTICLES) -> None:
        """Record the analyst's decision that ``name`` means ``place``.

        Parameters
        ----------
        name
            The place name as written in the article (the mention's text).
        place
            The chosen gazetteer place.
        scope
            An article path, or :data:`ALL_ARTICLES` for every article.
        """
        with self._connect() as conn, conn:
            conn.execute(
                "INSERT INTO place_choices(scope, name, place) VALUES (?, ?, ?) "
                "ON CONFLICT(scope, name) DO UPDATE SET place=excluded.place, chosen=datetime('now')",
                (scope, name, place_to_json(place)),
            )
            conn.execute(_BUMP)

    # ------------------------------------------------------------------ reading
    def __len__(self) -> int:
        with self._connect() as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(self) -> list[Article]:
        """All stored articles, oldest publication first (undated last)."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT path, text, published, title, outlet FROM articles "
                "ORDER BY published IS NULL, published, path"
            ).fetchall()
        return [Article(path=p, text=t, published=d, title=ti, outlet=o) for p, t, d, ti, o in rows]

    def article(self, path: str) -> Article | None:
        """One stored article, ``None`` when unknown."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT path, text, published, title, outlet FROM articles WHERE path = ?", (path,)
            ).fetchone()
        return Article(*row) if row else None

    def _rows_of(self, select: str, order: str, article_path: str | None) -> list[tuple]:
        """Rows of ``select``, restricted to one article unless ``article_path`` is ``None``."""
        where, args = (" WHERE article = ?", (article_path,)) if article_path is not None else ("", ())
        with self._connect() as conn:
            return conn.execute(f"{select}{where} ORDER BY {order}", args).fetchall()

    def mentions(self, article_path: str | None = None) -> list[Mention]:
        """Mentions of one article in text order (of all articles when ``None``)."""
        rows = self._rows_of("SELECT start, end, text, confidence, place FROM mentions", "article, start",
                             article_path)
        return [Mention(s, e, t, place_from_json(p), c) for s, e, t, c, p in rows]

    def mention_frame(self) -> pd.DataFrame:
        """All mentions as a table: article, start, end, text, confidence, gazetteer_id, name."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT article, start, end, text, confidence, place FROM mentions ORDER BY article, start"
            ).fetchall()
        recs = []
        for art, s, e, t, c, p in rows:
            place = place_from_json(p)
            recs.append({
                "article": art, "start": s, "end": e, "text": t, "confidence": c,
                "gazetteer_id": place.id if place else None,
                "name": place.name if place else None,
                "admin1": place.admin1 if place else None,
            })
        cols = ["article", "start", "end", "text", "confidence", "gazetteer_id", "name", "admin1"]
        return pd.DataFrame(recs, columns=cols)

    def events(self, article_path: str | None = None) -> list[Event]:
        """Stored events (of one article when given), by article then order in the text."""
        rows = self._rows_of("SELECT record FROM events", "article, seq", article_path)
        return [_event_from_json(r[0]) for r in rows]

    def place_choices(self) -> dict[tuple[str, str], Place]:
        """The analyst's decisions: ``(scope, name) -> Place``."""
        with self._connect() as conn:
            rows = conn.execute("SELECT scope, name, place FROM place_choices").fetchall()
        return {(s, n): place_from_json(p) for s, n, p in rows}

    def version(self) -> int:
        """A counter bumped by every write (a cache key for the dashboard)."""
        with self._connect() as conn:
            return conn.execute("SELECT n FROM generation").fetchone()[0]
