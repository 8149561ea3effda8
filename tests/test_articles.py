"""Reading articles: encodings, HTML, bad input, folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.articles import article_from_text, collect_paths, decode, html_to_text, read_article
from geo.errors import InputError


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.write_bytes(data)
    return p


def test_plain_text_with_header_date(tmp_path):
    p = write(tmp_path, "a.txt", "date 2020-03-05\nTurkish drones struck a base near Saraqib.\n")
    art = read_article(p)
    assert art.published == "2020-03-05"
    assert art.path == str(p)
    assert "Saraqib" in art.text
    assert art.title == "Turkish drones struck a base near Saraqib."


def test_path_kept_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "b.txt", "Clashes were reported in Manbij.")
    assert read_article("b.txt").path == "b.txt"


def test_utf8_bom_and_curly_apostrophe(tmp_path):
    p = write(tmp_path, "bom.txt", b"\xef\xbb\xbfShelling hit Kafr A\xe2\x80\x99wid on Monday.")
    art = read_article(p)
    assert art.text.startswith("Shelling")
    assert "A\u2019wid" in art.text


def test_windows_1252_accepted_when_clearly_text(tmp_path):
    text = "Fighting near Ras al-\u2018Ayn, the caf\u00e9 owner said."
    p = write(tmp_path, "old.txt", text.encode("cp1252"))
    art = read_article(p)
    assert "caf\u00e9" in art.text


def test_broken_encoding_is_an_input_error(tmp_path):
    p = write(tmp_path, "broken.txt", b"Clashes in Idlib \x81\x8d\x9d\x90 \xff\xfe\x00garbage")
    with pytest.raises(InputError) as exc:
        read_article(p)
    assert "broken.txt" in str(exc.value)


def test_random_high_bytes_are_not_utf8(tmp_path):
    p = write(tmp_path, "noise.txt", bytes(range(0x80, 0xFF)) * 3)
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_article(p)


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\u00a0 \n".encode()])
def test_empty_or_whitespace_file(tmp_path, data):
    p = write(tmp_path, "empty.txt", data)
    with pytest.raises(InputError, match="empty"):
        read_article(p)


def test_binary_file_rejected(tmp_path):
    p = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(InputError, match="binary"):
        read_article(p)


def test_control_characters_rejected(tmp_path):
    p = write(tmp_path, "ctl.txt", b"abc\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 10)
    with pytest.raises(InputError, match="binary"):
        read_article(p)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_unsupported_suffix(tmp_path):
    p = write(tmp_path, "report.pdf", b"%PDF-1.4")
    with pytest.raises(InputError, match="unsupported file type"):
        read_article(p)


HTML = """<!doctype html><html><head><title>Strikes on Idlib</title>
<meta property="article:published_time" content="2021-06-10T08:00:00Z">
<style>body { color: red }</style>
<script>var secret = "do not show me"; alert('x');</script></head>
<body><nav>Home</nav><h1>Strikes on Idlib</h1>
<p>Russian jets struck the village of Iblin on Thursday,<br>killing four people.</p>
<noscript>enable javascript please</noscript>
<p>Residents fled towards the border &amp; the camps.</p></body></html>"""


def test_html_visible_text_only(tmp_path):
    p = write(tmp_path, "page.html", HTML)
    art = read_article(p)
    assert "do not show me" not in art.text
    assert "alert" not in art.text and "color: red" not in art.text
    assert "enable javascript" not in art.text
    assert "Russian jets struck the village of Iblin on Thursday," in art.text
    assert "border & the camps" in art.text
    assert art.title == "Strikes on Idlib"
    assert art.published == "2021-06-10"


def test_html_blocks_become_lines():
    text, title, published = html_to_text("<div>One</div><div>Two</div><p>Three<br/>Four</p>")
    assert [ln for ln in text.splitlines() if ln] == ["One", "Two", "Three", "Four"]
    assert "Three\nFour" in text  # a line break, not a new paragraph
    assert title == "" and published is None


def test_html_time_element_date():
    _, _, published = html_to_text('<p><time datetime="2019-10-09">9 Oct</time> Fighting began.</p>')
    assert published == "2019-10-09"


def test_html_json_ld_date():
    page = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2018-03-18T09:00:00+03:00"}</script></head><body><p>Text.</p></body></html>')
    text, _, published = html_to_text(page)
    assert published == "2018-03-18" and "NewsArticle" not in text


def test_html_without_visible_text(tmp_path):
    p = write(tmp_path, "blank.htm", "<html><head><script>x=1</script></head><body> </body></html>")
    with pytest.raises(InputError, match="visible text"):
        read_article(p)


def test_markdown_is_read(tmp_path):
    p = write(tmp_path, "note.md", "# Patrols resume\n\nJanuary 4, 2021\n\nJoint patrols resumed.")
    art = read_article(p)
    assert art.published == "2021-01-04"


def test_article_from_text():
    art = article_from_text("March 6, 2020\nA ceasefire took effect in Idlib.", "pasted")
    assert art.path == "pasted" and art.published == "2020-03-06"
    assert article_from_text("Nothing dated here.", "p2").published is None
    assert article_from_text("Text", "p3", published="2024-12-08").published == "2024-12-08"
    with pytest.raises(InputError):
        article_from_text("  \n ", "blank")


def test_decode_names_the_file():
    with pytest.raises(InputError) as exc:
        decode(b"\x00\x01", "x.txt")
    assert exc.value.path == "x.txt"


def test_collect_paths_folders_sorted_recursive_and_errors(tmp_path):
    write(tmp_path, "b.txt", "two")
    write(tmp_path, "a.html", "<p>one</p>")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "c.md", "three")
    write(tmp_path, "skip.csv", "not an article")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "d.txt", "hidden")
    files, errors = collect_paths([tmp_path, tmp_path / "missing.txt", tmp_path / "skip.csv"])
    assert [f.name for f in files] == ["a.html", "b.txt", "c.md"]
    assert len(errors) == 2
    assert "missing.txt" in str(errors[0]) and "skip.csv" in str(errors[1])


def test_empty_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    files, errors = collect_paths([tmp_path / "empty"])
    assert files == [] and len(errors) == 1 and "no article files" in str(errors[0])


def test_collect_paths_deduplicates(tmp_path):
    p = write(tmp_path, "a.txt", "one")
    files, errors = collect_paths([p, p, tmp_path])
    assert files == [p] and errors == []


def test_batch_goes_on_after_bad_file(tmp_path):
    write(tmp_path, "1_good.txt", "Clashes erupted in Azaz.")
    write(tmp_path, "2_empty.txt", "")
    write(tmp_path, "3_good.txt", "Protesters gathered in Suwayda.")
    files, _ = collect_paths([tmp_path])
    read, failed = [], []
    for f in files:
        try:
            read.append(read_article(f))
        except InputError as err:
            failed.append(err)
    assert len(read) == 2 and len(failed) == 1 and "2_empty.txt" in str(failed[0])
