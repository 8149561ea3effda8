"""The pipeline: files -> articles -> mentions -> events, with a small in-memory gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.articles import article_from_text
from geo.gazetteer import Gazetteer
from geo.models import Place
from geo.pipeline import Extraction, extract, run

PLACES = [
    Place("t:saraqib", "Saraqib", 35.8645, 36.8059, "town", "SY", "Idlib", 30000),
    Place("t:idlib", "Idlib", 35.9306, 36.6339, "city", "SY", "Idlib", 165000),
    Place("t:manbij", "Manbij", 36.5281, 37.9549, "city", "SY", "Aleppo", 100000),
    Place("t:syria", "Syria", 35.0, 38.0, "country", "SY"),
    Place("t:turkey", "Turkey", 39.0, 35.0, "country", "TR"),
]


@pytest.fixture
def gaz() -> Gazetteer:
    return Gazetteer(PLACES)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    p = folder / name
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return p


def test_extract_one_article(gaz):
    art = article_from_text("date 2020-02-05\nGovernment artillery shelled Saraqib on Monday, killing "
                            "three civilians.", "a.txt")
    ex = extract(art, gaz)
    assert isinstance(ex, Extraction)
    assert any(m.place and m.place.id == "t:saraqib" for m in ex.mentions)
    (ev,) = ex.events
    assert ev.place == "Saraqib" and ev.date == "2020-02-03" and ev.fatalities == 3
    assert ev.published == "2020-02-05"
    assert art.text[ev.start:ev.end] == ev.quote


def test_run_goes_on_after_bad_files(tmp_path, gaz):
    write(tmp_path, "1.txt", "date 2021-03-01\nClashes broke out in Manbij on Sunday.")
    write(tmp_path, "2.txt", b"")
    write(tmp_path, "3.html", "<html><body><script>var x = 'Idlib';</script>"
                              "<p>Protesters gathered in Idlib on Friday.</p></body></html>")
    write(tmp_path, "4.txt", b"\xff\xfe\x00\x00binary\x00")
    extractions, errors = run([tmp_path, tmp_path / "missing.txt"], gaz)
    assert [Path(ex.article.path).name for ex in extractions] == ["1.txt", "3.html"]
    assert sorted(Path(e.path).name for e in errors) == ["2.txt", "4.txt", "missing.txt"]
    html = extractions[1]
    assert all("var x" not in m.text for m in html.mentions)
    assert [e.event_type for e in html.events] == ["Protests"]


def test_every_event_of_an_article_carries_its_publication_date(tmp_path, gaz):
    write(tmp_path, "a.txt", "March 1, 2021\n\nJets struck Idlib on Sunday. Clashes erupted near Saraqib.")
    (ex,), _ = run([tmp_path], gaz)
    assert len(ex.events) == 2
    assert {e.published for e in ex.events} == {"2021-03-01"}


def test_nothing_found_is_not_an_error(tmp_path, gaz):
    write(tmp_path, "calm.txt", "The weather in the region was mild this week.")
    (ex,), errors = run([tmp_path], gaz)
    assert ex.events == [] and errors == []
