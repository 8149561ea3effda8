"""Literal text inside Streamlit elements that render Markdown."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """``text`` with every Markdown character escaped, so it shows as written.

    Streamlit never renders raw HTML in these elements, but Markdown from an
    article or a file name could still draw an image from another host or a
    misleading link.
    """
    return _MARKDOWN.sub(r"\\\1", str(text))
