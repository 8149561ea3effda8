"""The bundled sample corpus against its hand-made ground truth.

``data/articles/truth.json`` records what a careful reader finds in each
article: its publication date, the places it names (with tolerances), and the
events it reports. The thresholds below were measured on the pipeline as it
stood when the corpus was written, set a little under the measured figure so
that a regression trips them and ordinary noise does not.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from geo import DATA
from geo.errors import InputError
from geo.evaluation import km, load_truth, score, surface_matches, validate_truth

ARTICLES = DATA / "articles"
TRUTH = ARTICLES / "truth.json"

# measured figures (see the module docstring); lower them only with a reason in the commit
# measured 2026-11-21 10:40 UTC: place recall 1.0 (135 required), precision 0.99, event recall 0.97
# (61 events), 1 trap, fatalities 4 of 6. The pipeline has since been tuned on this corpus, so these
# guard against regressions; only articles the pipeline was not tuned on can measure generalisation.
MIN_PLACE_RECALL = 0.95
MIN_PLACE_PRECISION = 0.95
MIN_EVENT_RECALL = 0.9
MAX_TRAP_HITS = 3
MIN_FATALITY_ACCURACY = 0.5


@pytest.fixture(scope="module")
def truth() -> list[dict]:
    return load_truth(TRUTH)


@pytest.fixture(scope="module")
def result(truth):
    from geo.gazetteer import load_gazetteer
    from geo.pipeline import run

    extractions, errors = run([ARTICLES], load_gazetteer())
    assert errors == [], [str(e) for e in errors]
    return score(truth, extractions)


# ------------------------------------------------------------ the truth file

def test_truth_is_well_formed(truth):
    assert validate_truth(truth, ARTICLES) == []
    assert 15 <= len(truth) <= 40


def test_corpus_has_the_formats_and_traps_it_promises(truth):
    suffixes = [Path(a["file"]).suffix for a in truth]
    assert suffixes.count(".html") >= 2 and ".md" in suffixes
    assert any(a["published"] is None for a in truth), "at least one undated article"
    assert sum(bool(a["not_places"]) for a in truth) >= 10


def test_every_gold_surface_is_in_the_visible_text(truth):
    """A spelling that is not in the text can never be found: it is an annotation error."""
    from geo.articles import read_article

    for art in truth:
        article = read_article(ARTICLES / art["file"])
        assert article.published == art["published"], art["file"]
        for place in art["places"]:
            for surface in place["surface"]:
                assert surface in article.text, f"{art['file']}: {surface!r}"
        for phrase in art["not_places"]:
            assert phrase in article.text, f"{art['file']}: not-place {phrase!r}"


@pytest.mark.parametrize("mutate, expected", [
    (lambda t: t.append(copy.deepcopy(t[0])), "listed more than once"),
    (lambda t: t.pop(), "has no entry in the truth"),
    (lambda t: t[0].update(file="nope.txt"), "no such file"),
    (lambda t: t[0]["places"][0].update(lat=123.0), "is not a latitude"),
    (lambda t: t[0]["places"][0].update(kind="hamlet"), "kind 'hamlet'"),
    (lambda t: t[0]["events"][0].update(event_type="Clash"), "event_type 'Clash'"),
    (lambda t: t[0]["events"][0].update(date="2017-13-01"), "not an ISO date"),
    (lambda t: t[0]["events"][0].update(fatalities=-3), "fatalities -3"),
])
def test_validation_names_the_problem(truth, mutate, expected):
    broken = copy.deepcopy(truth)
    mutate(broken)
    problems = validate_truth(broken, ARTICLES)
    assert any(expected in p for p in problems), problems


def test_load_truth_rejects_a_broken_file_naming_it(tmp_path):
    bad = tmp_path / "truth.json"
    bad.write_text('[{"file": "missing.txt", "published": null, "places": [], "events": []}]')
    with pytest.raises(InputError, match="missing.txt"):
        load_truth(bad)
    bad.write_text("{not json")
    with pytest.raises(InputError, match="truth.json"):
        load_truth(bad)


# ---------------------------------------------------------------- the scorer

def test_km_and_surface_matching():
    assert km(36.20124, 37.16117, 36.20124, 37.16117) == 0
    assert 300 < km(33.5102, 36.29128, 36.20124, 37.16117) < 320  # Damascus-Aleppo
    assert surface_matches("Idlib", ["Idlib province"])
    assert surface_matches("Kafr A'wid", ["Kafr A\u2019wid"])
    assert not surface_matches("Hama", ["Homs"])


def test_scorer_counts_misses_and_traps(truth):
    """The scorer itself: perfect output scores 1, a wrong place and a trap are both counted."""
    from geo.models import Article, Event, Mention, Place
    from geo.pipeline import Extraction

    gold = [a for a in truth if a["file"] == "01_dayr_az_zawr_euphrates.txt"]
    text = (ARTICLES / gold[0]["file"]).read_text(encoding="utf-8")
    article = Article(path=str(ARTICLES / gold[0]["file"]), text=text, published=gold[0]["published"])

    def mention(surface, lat, lon, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        return Mention(start, start + len(surface), surface,
                       Place("t:" + surface, surface, lat, lon, "city", "SY"), 1.0)

    good = [mention(s, p["lat"], p["lon"]) for p in gold[0]["places"] for s in p["surface"][:1]]
    events = [Event(article.path, article.published, e["date"], "day", e["event_type"], "", (), e["place"],
                    e["lat"], e["lon"], "sentence", e["fatalities"], "", 0, 0) for e in gold[0]["events"]]
    perfect = score(gold, [Extraction(article, good, events)])
    assert perfect.figures()["place_recall"] == perfect.figures()["event_recall"] == 1.0
    assert perfect.place_precision == 1.0 and perfect.trap_hits == 0

    trap = mention("Deir ez-Zor", 35.33588, 40.14084)  # inside "Deir ez-Zor Military Council"
    elsewhere = Place("t:x", "Elsewhere", 10.0, 10.0, "city", "XX")
    wrong = Mention(good[1].start, good[1].end, good[1].text, elsewhere)
    late = [Event(**{**e.to_record(), "date": "2017-08-01", "actors": ()}) for e in events]
    worse = score(gold, [Extraction(article, [good[0], wrong, trap], late)])
    assert worse.trap_hits == 1 and worse.place_precision < 1.0 and worse.place_recall < 1.0
    assert worse.event_recall == 0.0 and "missed events" in worse.report()


# ------------------------------------------------------------ the pipeline

def test_publication_dates_are_all_exact(result):
    assert result.published == 1.0, result.wrong_published


def test_required_place_recall(result):
    assert result.place_recall >= MIN_PLACE_RECALL, result.report()


def test_place_precision(result):
    assert result.place_precision >= MIN_PLACE_PRECISION, result.report()


def test_organisations_and_people_are_not_places(result):
    assert result.trap_hits <= MAX_TRAP_HITS, result.traps


def test_event_recall(result):
    assert result.event_recall >= MIN_EVENT_RECALL, result.report()


def test_stated_fatalities_are_read(result):
    """Where a found event has a count in the gold ("33 Turkish soldiers"), the count is read."""
    assert result.fatalities_total >= 4
    assert result.fatality_accuracy >= MIN_FATALITY_ACCURACY, result.report()


def test_truth_file_is_plain_utf8_json():
    # The external evaluation reads it with the standard library only.
    json.loads(TRUTH.read_bytes().decode("utf-8"))


# ------------------------------------------------------- the bench generator

def _make_corpus():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", DATA.parent / "bench" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_is_deterministic_and_varied():
    from geo.articles import article_from_text

    make = _make_corpus()
    first, again = make.generate(60, seed=3), make.generate(60, seed=3)
    assert first == again and first != make.generate(60, seed=4)
    names = [n for n, _ in first]
    assert len(set(names)) == 60 and {Path(n).suffix for n in names} >= {".txt", ".html"}
    texts = [t for n, t in first if n.endswith(".txt")]
    assert len({t.splitlines()[0][:12] for t in texts}) > 10  # not one template over and over
    dated = [article_from_text(t, n).published for n, t in first if n.endswith(".txt")]
    assert sum(d is not None for d in dated) > len(dated) // 2
    with pytest.raises(ValueError, match="n should be"):
        make.generate(-1)
