"""Article text as escaped HTML with place names marked."""

from __future__ import annotations

from geo.highlight import QUOTE, RESOLVED, UNRESOLVED, highlight
from geo.models import Mention, Place

HOMS = Place("gn:169577", "Homs", 34.73, 36.71, "city", "SY", "Homs")


def test_marks_resolved_and_unresolved_names() -> None:
    text = "Shelling in Homs and Kafr Zita."
    out = highlight(text, [Mention(12, 16, "Homs", HOMS, 0.9), Mention(21, 30, "Kafr Zita", None, 0.0)])
    assert f'<mark class="{RESOLVED}"' in out and ">Homs</mark>" in out
    assert f'<mark class="{UNRESOLVED}"' in out and ">Kafr Zita</mark>" in out
    assert out.startswith('<div class="geo-article">Shelling in ')


def test_article_markup_is_text() -> None:
    text = '<script>alert(1)</script> near <img src=x onerror="alert(2)"> Homs'
    start = text.index("Homs")
    out = highlight(text, [Mention(start, start + 4, "Homs", HOMS, 0.9)])
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "onerror=&quot;alert(2)&quot;" in out


def test_title_attribute_is_escaped() -> None:
    bad = Place("user:x", 'X"><script>', 1.0, 2.0, "town", "SY")
    out = highlight("at X here", [Mention(3, 4, "X", bad, 0.9)])
    assert "<script>" not in out and "&quot;&gt;&lt;script&gt;" in out


def test_bad_and_overlapping_spans_are_skipped() -> None:
    text = "Homs city"
    out = highlight(text, [Mention(0, 4, "Homs", HOMS, 0.9), Mention(2, 9, "ms city", HOMS, 0.9),
                           Mention(5, 99, "x", None, 0)])
    assert out.count("<mark") == 1 and "city</div>" in out


def test_quote_is_underlined() -> None:
    text = "First. Clashes in Homs. Last."
    out = highlight(text, [Mention(18, 22, "Homs", HOMS, 0.9)], quote=(7, 23))
    assert f'<span class="{QUOTE}">Clashes in </span>' in out
    assert out.count(QUOTE) == 3  # "Clashes in ", the mark, "."
