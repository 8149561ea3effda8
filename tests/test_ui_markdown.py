"""Text shown in Markdown-rendering elements stays literal."""

from __future__ import annotations

import pytest

from ui.markdown import plain


@pytest.mark.parametrize(("raw", "shown"), [
    ("![x](http://example.com/p.png)", r"\!\[x\]\(http\://example\.com/p\.png\)"),
    ("**bold** _it_ `code`", r"\*\*bold\*\* \_it\_ \`code\`"),
    ("pasted-1.txt", r"pasted\-1\.txt"),
    ("Kafr Nubl", "Kafr Nubl"),
    (ValueError("a: b"), r"a\: b"),
])
def test_plain(raw, shown) -> None:
    assert plain(raw) == shown
