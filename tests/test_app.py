"""The dashboard under Streamlit's AppTest (no browser, no JavaScript).

The map is a ``component_instance``; its ``json_args`` carry the base map's
script and the swapped layers (``feature_group``), so a test can see which
events and zones were sent to the browser.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.models import Article, Event
from geo.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
EVIL = '<img src=x onerror="alert(1)"> and <script>alert(2)</script>'
MD_IMAGE = "![tracker](http://example.com/pixel.png)"


@dataclass
class Ex:
    """Shaped like geo.pipeline.Extraction."""

    article: Article
    mentions: list = field(default_factory=list)
    events: list = field(default_factory=list)


def _event(path: str, date: str, kind: str, place: str, lat: float, lon: float, quote: str, actors=("SDF",)):
    return Event(article=path, published=date, date=date, date_precision="day", event_type=kind,
                 sub_event_type="", actors=actors, place=place, lat=lat, lon=lon, place_precision="sentence",
                 fatalities=2, quote=quote, start=0, end=len(quote), country="SY", admin1="Raqqa")


def _seed(home: Path) -> None:
    """Three articles, events in 2017 and 2019, one article whose text is hostile markup."""
    store = Store(home / "store.sqlite")
    store.add(Ex(Article("raqqa.txt", "Fighting in Raqqa.", "2017-06-10", "Raqqa", "test"), [], [
        _event("raqqa.txt", "2017-06-06", "Battles", "Raqqa", 35.95, 39.01, "Fighting in Raqqa."),
        _event("raqqa.txt", "2017-06-20", "Battles", "Tabqa", 35.83, 38.55, "Fighting near Tabqa."),
    ]))
    store.add(Ex(Article("spring.txt", "Shelling at Tal Abyad.", "2019-10-10", "Spring", "test"), [], [
        _event("spring.txt", "2019-10-09", "Explosions/Remote violence", "Tal Abyad", 36.70, 38.95,
               "Shelling at Tal Abyad.", ("Turkish army",)),
        _event("spring.txt", "2019-10-12", "Protests", "Qamishli", 37.05, 41.22, "A protest in Qamishli.",
               ("civilians",)),
    ]))
    store.add(Ex(Article("evil.html", f"{EVIL} in Manbij", "2019-11-01", "Hostile", MD_IMAGE), [], [
        _event("evil.html", "2019-11-01", "Battles", "Manbij", 36.53, 37.95, EVIL),
    ]))


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _map_args(at: AppTest) -> dict:
    maps = at.get("component_instance")
    assert len(maps) == 1
    return json.loads(maps[0].proto.json_args)


def _shown(at: AppTest) -> int:
    return int(at.metric[0].value.replace(",", ""))


def _markers(args: dict) -> int:
    """Events drawn: the sum of the counts ("n") of the aggregated markers in the events layer."""
    return sum(int(n) for n in re.findall(r'"n": (\d+)', args["feature_group"]))


def _zones_script(args: dict) -> str:
    """The part of the swapped layers after the events layer: control and agreement zones."""
    fg = args["feature_group"]
    return fg[fg.index("var feature_group_feature_group_1"):]


def _zone_date(args: dict) -> str:
    return re.search(r"Control zones \((\d{4}-\d\d-\d\d)\)", args["layer_control"] + args["feature_group"])[1]


@pytest.fixture
def seeded(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("GEO_HOME", str(tmp_path))
    _seed(tmp_path)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["tab"] = "Events"  # the table tab (tabs are lazy: only the open one runs)
    return at


def test_starts_on_the_sample_corpus(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GEO_HOME", str(tmp_path))
    at = _run(AppTest.from_file(APP, default_timeout=300))
    stored = Store(tmp_path / "store.sqlite")
    assert len(stored.articles()) >= 10, "first start reads data/articles into the store"
    assert _shown(at) == len(stored.events()) > 0
    args = _map_args(at)
    assert args["js_links"] and all(link.startswith("/app/static/") for link in args["js_links"])
    assert all(link.startswith("/app/static/") for link in args["css_links"])
    assert _markers(args) > 0
    assert "geo-zone" in args["feature_group"]
    # a second session does not ingest again
    at2 = _run(AppTest.from_file(APP, default_timeout=120))
    assert _shown(at2) == _shown(at)


def test_empty_store_without_sample_corpus(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GEO_HOME", str(tmp_path))
    monkeypatch.setattr("geo.ingest.SAMPLE_CORPUS", tmp_path / "no-such-folder")
    at = _run(AppTest.from_file(APP, default_timeout=120))
    assert _shown(at) == 0
    assert _markers(_map_args(at)) == 0
    assert "No events stored yet." in [c.value for c in at.caption]


def test_date_slider_changes_events_and_zones(seeded: AppTest) -> None:
    at = _run(seeded)
    assert _shown(at) == 5
    args = _map_args(at)
    assert _markers(args) == 5
    assert _zone_date(args) == "2019-11-01"
    zones_late = _zones_script(args)
    key = args["key"]
    assert "geo-zone" in zones_late, "control zones are drawn"

    at.slider(key="dates").set_value((at.slider(key="dates").value[0], dt.date(2017, 12, 31)))
    _run(at)
    assert _shown(at) == 2
    args = _map_args(at)
    assert _markers(args) == 2
    assert _zone_date(args) == "2017-12-31"
    assert _zones_script(args) != zones_late, "zones of another date"
    assert args["key"] == key, "same base map: the browser swaps layers instead of rebuilding the map"


def _next_week(at: AppTest):
    return [b for b in at.button if "week \u25b6" in b.label][0]


def test_week_buttons_step_the_window(seeded: AppTest) -> None:
    at = _run(seeded)
    at.slider(key="dates").set_value((dt.date(2017, 6, 6), dt.date(2017, 6, 10)))
    _run(at)
    assert _shown(at) == 1
    _next_week(at).click()
    _run(at)
    assert at.slider(key="dates").value == (dt.date(2017, 6, 13), dt.date(2017, 6, 17))
    assert _shown(at) == 0
    _next_week(at).click()
    _run(at)
    assert _shown(at) == 1  # 20 June


def test_as_of_slider_when_not_following(seeded: AppTest) -> None:
    at = _run(seeded)
    at.checkbox(key="follow").uncheck()
    _run(at)
    at.slider(key="asof").set_value(dt.date(2018, 3, 1))
    _run(at)
    assert _zone_date(_map_args(at)) == "2018-03-01"
    assert _shown(at) == 5, "the event range is unchanged"


def test_filters_narrow_the_table(seeded: AppTest) -> None:
    at = _run(seeded)
    table = at.dataframe[0].value
    assert len(table) == 5
    at.multiselect(key="type").select("Battles")
    _run(at)
    assert len(at.dataframe[0].value) == 3 and _shown(at) == 3
    at.multiselect(key="actor").select("SDF")
    _run(at)
    assert set(at.dataframe[0].value["place"]) == {"Raqqa", "Tabqa", "Manbij"}
    at.text_input(key="q").input("tabqa")
    _run(at)
    assert list(at.dataframe[0].value["place"]) == ["Tabqa"]
    assert _markers(_map_args(at)) == 1


def test_place_and_article_filters(seeded: AppTest) -> None:
    at = _run(seeded)
    at.multiselect(key="src").select("spring.txt")
    _run(at)
    assert set(at.dataframe[0].value["article"]) == {"spring.txt"}
    at.multiselect(key="src").unselect("spring.txt")
    at.multiselect(key="place").select("Qamishli")
    _run(at)
    assert list(at.dataframe[0].value["place"]) == ["Qamishli"]


def test_hostile_article_text_is_shown_as_text(seeded: AppTest) -> None:
    at = _run(seeded)
    args = _map_args(at)
    everything = json.dumps(args)
    assert "<img src=x" not in everything and "<script>alert(2)" not in everything
    assert "onerror" in args["feature_group"], "the quote is there, escaped"
    at.query_params["tab"] = "Reader"
    _run(at)
    at.selectbox(key="article").select("evil.html")
    _run(at)
    reader = [h.proto.body for h in at.get("html")]
    page = "".join(reader)
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "<img" not in page and "<script>" not in page
    caption = [c.value for c in at.caption if "pixel" in c.value][0]
    assert caption.startswith("Hostile")
    assert "](" not in caption and "\\!\\[tracker\\]" in caption, "Markdown from an article stays literal"


def test_pasting_an_empty_text_names_the_problem(seeded: AppTest) -> None:
    seeded.query_params["tab"] = "Add articles"
    at = _run(seeded)
    [b for b in at.button if b.label == "Read the pasted text"][0].click()
    _run(at)
    assert any("empty" in e.value for e in at.error)
    assert _shown(at) == 5, "nothing stored was lost"


def test_review_adds_a_place_and_the_map_follows(tmp_path, monkeypatch) -> None:
    from geo.gazetteer import load_gazetteer
    from geo.ingest import ingest_text

    monkeypatch.setenv("GEO_HOME", str(tmp_path))
    text = ("Aleppo, 4 March 2020 - Artillery shelling hit the village of Kafr Zibdeh south of Saraqib, "
            "killing two civilians on Tuesday, medics said.")
    store = Store(tmp_path / "store.sqlite")
    ingest_text(text, load_gazetteer(), store, name="shelling.txt")
    assert "Kafr Zibdeh" not in {e.place for e in store.events()}

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["tab"] = "Review places"
    _run(at)
    assert "Kafr Zibdeh" in list(at.dataframe[0].value["text"])
    labels = at.selectbox(key="rv_pick").options
    at.selectbox(key="rv_pick").select_index([i for i, lbl in enumerate(labels) if "Kafr Zibdeh" in lbl][0])
    _run(at)
    [n for n in at.number_input if n.label == "Latitude"][0].set_value(35.80)
    [n for n in at.number_input if n.label == "Longitude"][0].set_value(36.78)
    [b for b in at.button if b.label == "Save place and use it"][0].click()
    _run(at)

    assert "Kafr Zibdeh" in (tmp_path / "user_places.csv").read_text(encoding="utf-8")
    moved = [e for e in Store(tmp_path / "store.sqlite").events() if e.place == "Kafr Zibdeh"]
    assert moved and (moved[0].lat, moved[0].lon) == (35.80, 36.78)
    assert '"p": "Kafr Zibdeh"' in _map_args(at)["feature_group"], "the map shows the event at the new place"
    remaining = list(at.dataframe[0].value["text"]) if at.dataframe else []
    assert "Kafr Zibdeh" not in remaining, "the name left the review list"


def test_reread_applies_a_gazetteer_change_to_stored_articles(tmp_path, monkeypatch) -> None:
    from geo.gazetteer import load_gazetteer, save_user_place
    from geo.ingest import ingest_text
    from geo.models import Place

    monkeypatch.setenv("GEO_HOME", str(tmp_path))
    text = ("Idlib, 9 May 2019 - Government shelling hit the village of Kafr Zibdeh on Thursday, "
            "killing three civilians, rescuers said.")
    store = Store(tmp_path / "store.sqlite")
    ingest_text(text, load_gazetteer(), store, name="zibdeh.txt")
    assert "Kafr Zibdeh" not in {e.place for e in store.events()}
    # added from the command line, outside the app: stored articles do not know it yet
    save_user_place(Place("user:kafr-zibdeh", "Kafr Zibdeh", 35.80, 36.78, "village", "SY"))

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["tab"] = "Add articles"
    _run(at)
    [b for b in at.button if b.label == "Re-read all stored articles"][0].click()
    _run(at)
    assert any("1 of 1 articles read again" in m.value for m in at.success)
    moved = [e for e in Store(tmp_path / "store.sqlite").events() if e.place == "Kafr Zibdeh"]
    assert moved and (moved[0].lat, moved[0].lon) == (35.80, 36.78)


def test_pasted_article_is_stored_and_drawn(seeded: AppTest) -> None:
    seeded.query_params["tab"] = "Add articles"
    at = _run(seeded)
    at.text_area(key="paste").input(
        "Hama, 12 May 2019 - Government air strikes killed four civilians in Kafr Nabudah on Sunday, "
        "rescuers said.")
    at.text_input(key="paste_name").input("Kafr Nabudah strikes")
    [b for b in at.button if b.label == "Read the pasted text"][0].click()
    _run(at)
    assert any("kafr-nabudah-strikes.txt" in s.value.replace("\\", "") for s in at.success)
    stored = Store(Path(os.environ["GEO_HOME"]) / "store.sqlite")
    assert "kafr-nabudah-strikes.txt" in {a.path for a in stored.articles()}
    assert _shown(at) > 5, "the new events are counted"


def test_unreadable_store_is_reported_not_a_crash(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GEO_HOME", str(tmp_path))
    (tmp_path / "store.sqlite").write_bytes(b"not a database " * 200)
    at = _run(AppTest.from_file(APP, default_timeout=120))
    assert any("store.sqlite" in e.value.replace("\\", "") for e in at.error)
    assert not at.get("component_instance")
