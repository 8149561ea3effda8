"""The analyst's review of place names: what needs a look, and applying decisions.

A name needs review when the gazetteer found nothing for it or resolved it
with low confidence. The analyst's choice is stored (:meth:`Store.choose_place`)
and applied to the mentions of every later extraction, so it survives
re-ingesting and restarts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pandas as pd

from geo.models import Mention, Place
from geo.store import ALL_ARTICLES

#: Resolved mentions below this confidence are listed for review.
UNCERTAIN = 0.5
#: Characters of context shown either side of a name.
CONTEXT = 70


def review_items(
    mentions: pd.DataFrame, texts: Mapping[str, str], threshold: float = UNCERTAIN
) -> pd.DataFrame:
    """Names to review, one row per (article, name), worst first.

    Parameters
    ----------
    mentions
        ``Store.mention_frame()``: article, start, end, text, confidence, gazetteer_id, name.
    texts
        Article path -> text, for the context snippet.
    threshold
        Resolved mentions with a confidence below this are listed too.

    Returns
    -------
    pandas.DataFrame
        Columns article, text, status ("not found" | "uncertain"), current
        (the place chosen by the extractor, or ""), confidence, count, start,
        end, context (plain text, not escaped: show it as text).
    """
    cols = ["article", "text", "status", "current", "confidence", "count", "start", "end", "context"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    unresolved = mentions["gazetteer_id"].isna()
    doubtful = ~unresolved & (mentions["confidence"] < threshold)
    todo = mentions[unresolved | doubtful].copy()
    if todo.empty:
        return pd.DataFrame(columns=cols)
    todo["status"] = todo["gazetteer_id"].isna().map({True: "not found", False: "uncertain"})
    rows = []
    for (art, name), grp in todo.groupby(["article", "text"], sort=False):
        first = grp.iloc[0]
        text = texts.get(art, "")
        s, e = int(first["start"]), int(first["end"])
        ctx = " ".join(text[max(0, s - CONTEXT): e + CONTEXT].split())
        rows.append({
            "article": art, "text": name, "status": first["status"],
            "current": first["name"] if isinstance(first["name"], str) else "",
            "confidence": float(grp["confidence"].min()), "count": len(grp), "start": s, "end": e,
            "context": ctx,
        })
    out = pd.DataFrame(rows, columns=cols)
    out["_o"] = (out["status"] == "uncertain").astype(int)
    return out.sort_values(["_o", "confidence", "article", "start"]).drop(columns="_o").reset_index(drop=True)


def choice_for(choices: Mapping[tuple[str, str], Place], article: str, name: str) -> Place | None:
    """The decision that applies to ``name`` in ``article`` (an article's own beats a global one)."""
    return choices.get((article, name)) or choices.get((ALL_ARTICLES, name))


def apply_choices(
    article: str, mentions: list[Mention], choices: Mapping[tuple[str, str], Place]
) -> list[Mention]:
    """Mentions with the analyst's decisions applied (confidence 1.0 for chosen places).

    Parameters
    ----------
    article
        The article's path (the scope of article-specific choices).
    mentions
        The extractor's mentions.
    choices
        ``Store.place_choices()``.
    """
    if not choices:
        return list(mentions)
    out = []
    for m in mentions:
        place = choice_for(choices, article, m.text)
        out.append(dataclasses.replace(m, place=place, confidence=1.0) if place else m)
    return out
