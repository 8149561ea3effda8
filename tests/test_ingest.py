"""Feeding the store: files, uploads and pasted text, one bad input at a time."""

from __future__ import annotations

import pytest

from geo.errors import InputError
from geo.gazetteer import load_gazetteer
from geo.ingest import ingest_paths, ingest_text, ingest_upload, reextract, safe_name
from geo.models import Place
from geo.store import ALL_ARTICLES, Store

TEXT = ("Damascus, 4 March 2020 - Shelling killed three civilians in Saraqib on Tuesday, "
        "local medics said. Clashes continued near Idlib city.")


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("GEO_HOME", str(tmp_path))
    return Store()


def test_folder_with_a_bad_file_stores_the_others(tmp_path, gaz, store) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    report = ingest_paths([folder], gaz, store)
    assert [p.endswith("good.txt") for p in report.added] == [True]
    names = " ".join(str(e) for e in report.errors)
    assert "empty.txt" in names and "binary.txt" in names
    assert len(store.articles()) == 1 and store.events()


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("report.pdf", b"%PDF-1.4", "unsupported file type"),
    ("blank.txt", b"   \n", ""),
    ("noise.html", bytes(range(256)) * 40, ""),
])
def test_bad_uploads_name_the_file_and_keep_the_store(name, data, problem, gaz, store) -> None:
    ingest_text(TEXT, gaz, store, name="kept.txt")
    with pytest.raises(InputError, match=name.replace(".", r"\.")) as err:
        ingest_upload(name, data, gaz, store)
    assert problem in str(err.value)
    assert [a.path for a in store.articles()] == ["kept.txt"]


def test_upload_is_kept_under_home_and_read_as_html(tmp_path, gaz, store) -> None:
    page = (f"<html><head><title>Report</title><script>alert(1)</script></head>"
            f"<body><p>{TEXT}</p></body></html>")
    ex = ingest_upload("../../etc/evil name.html", page.encode(), gaz, store)
    assert ex.article.path == str(tmp_path / "uploads" / "evil name.html")
    assert "alert(1)" not in ex.article.text
    assert store.article(ex.article.path) is not None


def test_pasted_text_needs_content(gaz, store) -> None:
    with pytest.raises(InputError, match="empty"):
        ingest_text("  \n ", gaz, store)
    ex = ingest_text(TEXT, gaz, store)
    assert ex.article.path.startswith("pasted-") and store.article(ex.article.path)
    assert ingest_text(TEXT, gaz, store).article.path == ex.article.path, "same text, same record"
    assert len(store.articles()) == 1


def test_a_place_choice_is_applied_on_reextraction(gaz, store) -> None:
    ex = ingest_text(TEXT, gaz, store, name="a.txt")
    saraqib = [m for m in ex.mentions if m.text == "Saraqib"]
    assert saraqib, "the extractor sees the name"
    elsewhere = Place("user:test-saraqib", "Saraqib (test)", 36.0, 37.0, "town", "SY", "Aleppo",
                      source="test")
    store.choose_place("Saraqib", elsewhere, ALL_ARTICLES)
    report = reextract(["a.txt", "missing.txt"], gaz, store)
    assert report.added == ["a.txt"] and "missing.txt" in str(report.errors[0])
    chosen = [m for m in store.mentions("a.txt") if m.text == "Saraqib"]
    assert chosen and all(m.place == elsewhere and m.confidence == 1.0 for m in chosen)


@pytest.mark.parametrize(("raw", "safe"), [
    ("report.txt", "report.txt"), ("../../x.txt", "x.txt"), ("a\\b\\c.md", "c.md"), ("<b>.html", "_b_.html"),
    ("...", "article"),
])
def test_safe_name(raw, safe) -> None:
    assert safe_name(raw) == safe
