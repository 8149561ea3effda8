"""Which names need review, and applying the analyst's choices."""

from __future__ import annotations

import pandas as pd

from geo.models import Mention, Place
from geo.review import apply_choices, choice_for, review_items
from geo.store import ALL_ARTICLES

HOMS = Place("gn:169577", "Homs", 34.73, 36.71, "city", "SY", "Homs")
OTHER = Place("user:homs-farm", "Homs farm", 35.0, 37.0, "village", "SY", "Hama")


def _frame() -> pd.DataFrame:
    return pd.DataFrame([
        {"article": "a.txt", "start": 0, "end": 4, "text": "Homs", "confidence": 0.9, "gazetteer_id": HOMS.id,
         "name": "Homs", "admin1": "Homs"},
        {"article": "a.txt", "start": 10, "end": 18, "text": "Kafr Foo", "confidence": 0.0,
         "gazetteer_id": None,
         "name": None, "admin1": None},
        {"article": "a.txt", "start": 30, "end": 38, "text": "Kafr Foo", "confidence": 0.0,
         "gazetteer_id": None,
         "name": None, "admin1": None},
        {"article": "b.txt", "start": 5, "end": 9, "text": "Tell", "confidence": 0.3, "gazetteer_id": "gn:1",
         "name": "Tell X", "admin1": "Hama"},
    ])


def test_review_lists_unresolved_first_then_uncertain() -> None:
    texts = {"a.txt": "Homs and Kafr Foo were hit; Kafr Foo again.", "b.txt": "Near Tell today"}
    items = review_items(_frame(), texts)
    assert list(items["text"]) == ["Kafr Foo", "Tell"]
    assert list(items["status"]) == ["not found", "uncertain"]
    assert items.iloc[0]["count"] == 2 and items.iloc[1]["current"] == "Tell X"
    assert "Kafr Foo were hit" in items.iloc[0]["context"]


def test_review_of_nothing() -> None:
    assert review_items(_frame().iloc[:1], {}).empty
    assert review_items(_frame().iloc[0:0], {}).empty


def test_article_choice_beats_global_choice() -> None:
    choices = {(ALL_ARTICLES, "Homs"): HOMS, ("b.txt", "Homs"): OTHER}
    assert choice_for(choices, "b.txt", "Homs") == OTHER
    assert choice_for(choices, "a.txt", "Homs") == HOMS
    assert choice_for(choices, "a.txt", "Hama") is None


def test_apply_choices_sets_place_and_full_confidence() -> None:
    mentions = [Mention(0, 4, "Homs", HOMS, 0.4), Mention(9, 17, "Kafr Foo", None, 0.0)]
    out = apply_choices("a.txt", mentions, {(ALL_ARTICLES, "Kafr Foo"): OTHER})
    assert out[0] == mentions[0]
    assert out[1].place == OTHER and out[1].confidence == 1.0 and out[1].start == 9
    assert apply_choices("a.txt", mentions, {}) == mentions
