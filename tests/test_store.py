"""The embedded store keeps articles, mentions, events and review choices."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import pytest

from geo.errors import StoreError
from geo.models import Article, Event, Mention, Place
from geo.store import ALL_ARTICLES, Store

SARAQIB = Place("cur:saraqib", "Saraqib", 35.86, 36.80, "town", "SY", "Idlib", 30000, ("Sraqeb",), "test")


@dataclass
class Ex:
    """The shape of geo.pipeline.Extraction, built inline."""

    article: Article
    mentions: list = field(default_factory=list)
    events: list = field(default_factory=list)


def _event(path: str, date: str, kind: str = "Battles", quote: str = "Clashes near Saraqib.") -> Event:
    return Event(
        article=path, published="2020-02-10", date=date, date_precision="day", event_type=kind,
        sub_event_type="Armed clash", actors=("Syrian army", "HTS"), place="Saraqib", lat=35.86, lon=36.80,
        place_precision="sentence", fatalities=3, quote=quote, start=0, end=len(quote),
        gazetteer_id="cur:saraqib", country="SY", admin1="Idlib", extra={"note": "x"},
    )


def _extraction(path: str = "a.txt", n: int = 2, text: str = "Clashes near Saraqib.") -> Ex:
    art = Article(path, text, "2020-02-10", "Title", "Outlet")
    mentions = [Mention(13, 20, "Saraqib", SARAQIB, 0.9), Mention(0, 7, "Clashes", None, 0.1)]
    return Ex(art, mentions, [_event(path, f"2020-02-0{i + 1}") for i in range(n)])


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "sub" / "store.sqlite")


def test_round_trip(store: Store) -> None:
    ex = _extraction()
    store.add(ex)
    assert store.articles() == [ex.article]
    assert store.events() == ex.events
    assert store.events()[0].extra == {"note": "x"}
    assert store.events()[0].actors == ("Syrian army", "HTS")
    got = store.mentions("a.txt")
    assert [m.start for m in got] == [0, 13]
    assert got[1].place == SARAQIB
    assert got[0].place is None


def test_default_path_follows_geo_home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GEO_HOME", str(tmp_path / "home"))
    Store().add(_extraction())
    assert (tmp_path / "home" / "store.sqlite").is_file()


def test_readding_replaces_rows_of_that_article_only(store: Store) -> None:
    store.add(_extraction("a.txt", n=3))
    store.add(_extraction("b.txt", n=2))
    store.add(_extraction("a.txt", n=1))
    assert len(store) == 2
    assert len(store.events("a.txt")) == 1
    assert len(store.events("b.txt")) == 2
    assert len(store.mentions("a.txt")) == 2


def test_failed_add_keeps_previous_version(store: Store) -> None:
    store.add(_extraction("a.txt", n=3))
    bad = _extraction("a.txt", n=1)
    bad.events.append("not an event")  # fails while serialising, before any delete
    with pytest.raises(AttributeError):
        store.add(bad)
    assert len(store.events("a.txt")) == 3


def test_failure_inside_transaction_rolls_back(store: Store, monkeypatch) -> None:
    store.add(_extraction("a.txt", n=3))
    ex = _extraction("a.txt", n=1)
    # a mention row with a NULL text violates NOT NULL after the old rows were deleted
    ex.mentions.append(Mention(1, 2, None, None, 0.0))
    with pytest.raises(StoreError):
        store.add(ex)
    assert len(store.events("a.txt")) == 3
    assert len(store.mentions("a.txt")) == 2


def test_remove(store: Store) -> None:
    store.add(_extraction("a.txt"))
    store.choose_place("Saraqib", SARAQIB, scope="a.txt")
    assert store.remove("a.txt") is True
    assert store.remove("a.txt") is False
    assert store.events() == [] and store.mentions() == [] and store.place_choices() == {}


def test_choices_persist_and_bump_version(store: Store, tmp_path) -> None:
    v0 = store.version()
    store.choose_place("Sraqeb", SARAQIB)
    store.choose_place("Sraqeb", SARAQIB, scope="a.txt")
    assert store.version() > v0
    again = Store(store.path)
    assert again.place_choices() == {(ALL_ARTICLES, "Sraqeb"): SARAQIB, ("a.txt", "Sraqeb"): SARAQIB}


def test_mention_frame(store: Store) -> None:
    store.add(_extraction())
    frame = store.mention_frame()
    assert frame["gazetteer_id"].isna().tolist() == [True, False]
    assert frame["admin1"].tolist()[1] == "Idlib"


def test_unreadable_file_raises_store_error(tmp_path) -> None:
    bad = tmp_path / "store.sqlite"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="store.sqlite"):
        Store(bad).articles()


def test_article_text_is_kept_verbatim(store: Store) -> None:
    text = "<script>alert(1)</script> near Saraqib"
    store.add(_extraction(text=text))
    assert store.article("a.txt").text == text
    assert store.article("missing.txt") is None
    assert sqlite3.connect(store.path).execute("select count(*) from events").fetchone()[0] == 2
