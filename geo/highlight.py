"""An article as safe HTML with its place names marked.

The whole text is escaped; only the ``<mark>`` spans we add are markup. The
spans come from mention offsets, so the highlighting shows exactly what the
extractor read, including the names it could not place.
"""

from __future__ import annotations

import html

from geo.models import Mention

#: CSS classes: a resolved place, an unresolved or doubtful name, the quoted sentence.
RESOLVED, UNRESOLVED, QUOTE = "geo-place", "geo-unknown", "geo-quote"

#: Below this confidence a resolved mention is shown as doubtful.
DOUBTFUL = 0.5

STYLE = (
    "<style>"
    f"mark.{RESOLVED}{{background:#ffe58a;padding:0 2px;border-radius:2px}}"
    f"mark.{UNRESOLVED}{{background:#f6c1c1;padding:0 2px;border-radius:2px}}"
    f"span.{QUOTE}{{text-decoration:underline dotted #555}}"
    ".geo-article{white-space:pre-wrap;font-family:Georgia,serif;line-height:1.55}"
    "</style>"
)


def _title(m: Mention) -> str:
    if m.place is None:
        return "not found in the gazetteer"
    p = m.place
    where = ", ".join(x for x in (p.admin1, p.country) if x)
    return f"{p.name} ({p.kind}{', ' + where if where else ''}) {p.id} - confidence {m.confidence:.2f}"


def highlight(text: str, mentions: list[Mention], quote: tuple[int, int] | None = None) -> str:
    """Escaped ``text`` with each mention wrapped in ``<mark>``.

    Parameters
    ----------
    text
        The article's text, untrusted.
    mentions
        Spans into ``text``; overlapping or out-of-range spans are skipped
        (the first of two overlapping spans wins).
    quote
        Optional ``(start, end)`` of a sentence to underline (the event's evidence).

    Returns
    -------
    str
        HTML: a ``<div class="geo-article">`` holding the escaped text.
    """
    marks: list[tuple[int, int, str, str]] = []
    last = -1
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start < last or m.start < 0 or m.end > len(text) or m.end <= m.start:
            continue
        low = m.place is None or m.confidence < DOUBTFUL
        marks.append((m.start, m.end, UNRESOLVED if low else RESOLVED, _title(m)))
        last = m.end
    cuts = {0, len(text)}
    for s, e, _c, _t in marks:
        cuts.update((s, e))
    q0, q1 = quote if quote and 0 <= quote[0] < quote[1] <= len(text) else (None, None)
    if q0 is not None:
        cuts.update((q0, q1))
    bounds = sorted(cuts)
    by_start = {s: (e, c, t) for s, e, c, t in marks}
    out = []
    i = 0
    while i < len(bounds) - 1:
        a = bounds[i]
        if a in by_start:
            e, cls, title = by_start[a]
            piece = f'<mark class="{cls}" title="{html.escape(title)}">{html.escape(text[a:e])}</mark>'
            i = bounds.index(e)
        else:
            b = bounds[i + 1]
            piece = html.escape(text[a:b])
            i += 1
        end = bounds[i] if i < len(bounds) else len(text)
        if q0 is not None and q0 <= a and end <= q1:
            piece = f'<span class="{QUOTE}">{piece}</span>'
        out.append(piece)
    return f'<div class="geo-article">{"".join(out)}</div>'
