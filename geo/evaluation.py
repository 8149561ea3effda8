"""Scoring extractions against a hand-annotated ground truth.

The ground truth is a JSON list with one entry per article file (the format of
``data/articles/truth.json``, shared with the project's external evaluation)::

    {"file": "07_peace_spring_launch.txt", "published": "2019-10-10" | null,
     "places": [{"surface": ["Ras al-Ayn", "Serekaniye"], "name": ..., "kind": ...,
                 "country": "SY", "lat": ..., "lon": ..., "tol_km": 15, "required": true}],
     "not_places": ["Deir ez-Zor Military Council", ...],
     "events": [{"event_type": "Battles", "actors": [...], "place": ..., "lat": ..., "lon": ...,
                 "tol_km": 25, "date": "2019-10-09" | null, "date_tol_days": 1,
                 "fatalities": 8 | null, "alt": [{"place", "lat", "lon", "tol_km"}]}]}

A required place counts as found when a resolved mention with a matching
surface lies within its tolerance. An event counts as found when an extracted
event has the same type, lies within the tolerance of the gold place (or of an
``alt`` place, for agreements signed in one city about another) and, when both
the article and the gold event are dated, falls within ``date_tol_days``.
A *trap* is a resolved mention inside a ``not_places`` phrase (a unit, agency
or person named after a place): precision over the corpus counts those too.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import InputError
from geo.geodesy import km
from geo.models import EVENT_TYPES, PLACE_KINDS
from geo.names import normalize

log = logging.getLogger(__name__)



def _within(a: str, b: str) -> bool:
    """True when the normalised words of ``a`` stand together inside ``b``."""
    return bool(a) and f" {a} " in f" {b} "


def _words(s: str) -> str:
    # normalize() folds case, accents, apostrophes and hyphens; keep word boundaries only
    return " ".join("".join(c if c.isalnum() else " " for c in normalize(s)).split())


def surface_matches(surface: str, gold_surfaces: Iterable[str]) -> bool:
    """Whether an output surface and one of the gold spellings name the same span.

    Either may contain the other ("Idlib" vs "Idlib province"), so that a
    longer or shorter span of the same name is not punished.
    """
    s = _words(surface)
    return any(_within(s, _words(g)) or _within(_words(g), s) for g in gold_surfaces)


# ---------------------------------------------------------------- validation

def _check_coords(where: str, item: dict, problems: list[str]) -> None:
    lat, lon, tol = item.get("lat"), item.get("lon"), item.get("tol_km")
    if not isinstance(lat, (int, float)) or not -90 <= lat <= 90:
        problems.append(f"{where}: lat {lat!r} is not a latitude")
    if not isinstance(lon, (int, float)) or not -180 <= lon <= 180:
        problems.append(f"{where}: lon {lon!r} is not a longitude")
    if not isinstance(tol, (int, float)) or tol <= 0:
        problems.append(f"{where}: tol_km {tol!r} should be a positive number")


def _check_date(where: str, value: object, problems: list[str]) -> None:
    if value is None:
        return
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}: {value!r} is not an ISO date")


def validate_truth(truth: list[dict], folder: Path) -> list[str]:
    """Every problem of a ground-truth list, as messages naming file and field.

    Checks that each entry names an existing article, that every article file
    in ``folder`` has an entry, that types, kinds, dates and coordinates are
    valid. An empty list means the truth is usable.
    """
    from geo.articles import SUFFIXES  # the suffixes the reader accepts decide what is an article

    problems: list[str] = []
    if not isinstance(truth, list):
        return ["truth: expected a JSON list of article entries"]
    listed = []
    for n, art in enumerate(truth):
        name = art.get("file") if isinstance(art, dict) else None
        if not name:
            problems.append(f"entry {n}: no 'file'")
            continue
        listed.append(name)
        if not (folder / name).is_file():
            problems.append(f"{name}: listed in the truth but no such file in {folder}")
        _check_date(f"{name}: published", art.get("published"), problems)
        for p in art.get("places", []):
            where = f"{name}: place {p.get('name')!r}"
            if not p.get("surface") or not all(isinstance(s, str) and s for s in p["surface"]):
                problems.append(f"{where}: 'surface' must be a non-empty list of spellings")
            if p.get("kind") not in PLACE_KINDS:
                problems.append(f"{where}: kind {p.get('kind')!r} not one of {PLACE_KINDS}")
            if not isinstance(p.get("required"), bool):
                problems.append(f"{where}: 'required' must be true or false")
            _check_coords(where, p, problems)
        for e in art.get("events", []):
            where = f"{name}: event at {e.get('place')!r}"
            if e.get("event_type") not in EVENT_TYPES:
                problems.append(f"{where}: event_type {e.get('event_type')!r} not one of {EVENT_TYPES}")
            _check_coords(where, e, problems)
            for alt in e.get("alt", []):
                _check_coords(f"{where} (alt {alt.get('place')!r})", alt, problems)
            _check_date(f"{where}: date", e.get("date"), problems)
            if e.get("date") is not None and not isinstance(e.get("date_tol_days"), int):
                problems.append(f"{where}: a dated event needs an integer date_tol_days")
            fat = e.get("fatalities")
            if fat is not None and (not isinstance(fat, int) or fat < 0):
                problems.append(f"{where}: fatalities {fat!r} should be null or a count")
    dupes = {n for n in listed if listed.count(n) > 1}
    problems += [f"{n}: listed more than once" for n in sorted(dupes)]
    on_disk = {f.name for f in folder.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES}
    problems += [f"{n}: article file has no entry in the truth" for n in sorted(on_disk - set(listed))]
    return problems


def load_truth(path: Path) -> list[dict]:
    """Read a ground-truth file; raises InputError naming the file when invalid."""
    try:
        truth = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(f"cannot read ground truth: {err}", str(path)) from err
    problems = validate_truth(truth, Path(path).parent)
    if problems:
        raise InputError("invalid ground truth: " + "; ".join(problems[:5]), str(path))
    return truth


# ------------------------------------------------------------------- scoring

@dataclass
class Score:
    """Figures of one comparison, with the misses spelled out for a reader."""

    required_found: int = 0
    required_total: int = 0
    resolved_good: int = 0
    resolved_total: int = 0
    trap_hits: int = 0
    events_found: int = 0
    events_total: int = 0
    fatalities_right: int = 0
    fatalities_total: int = 0
    published_right: int = 0
    articles: int = 0
    missed_places: list[str] = field(default_factory=list)
    wrong_places: list[str] = field(default_factory=list)
    traps: list[str] = field(default_factory=list)
    missed_events: list[str] = field(default_factory=list)
    wrong_fatalities: list[str] = field(default_factory=list)
    wrong_published: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 1.0

    @property
    def place_recall(self) -> float:
        return self._ratio(self.required_found, self.required_total)

    @property
    def place_precision(self) -> float:
        return self._ratio(self.resolved_good, self.resolved_total)

    @property
    def event_recall(self) -> float:
        return self._ratio(self.events_found, self.events_total)

    @property
    def fatality_accuracy(self) -> float:
        return self._ratio(self.fatalities_right, self.fatalities_total)

    @property
    def published(self) -> float:
        return self._ratio(self.published_right, self.articles)

    def figures(self) -> dict[str, float | int]:
        """The headline figures, for printing or asserting."""
        return {"place_recall": self.place_recall, "place_precision": self.place_precision,
                "event_recall": self.event_recall, "fatality_accuracy": self.fatality_accuracy,
                "published": self.published, "trap_hits": self.trap_hits}

    def report(self) -> str:
        """A readable list of every miss, one per line, under its heading."""
        lines = [" ".join(f"{k}={v}" for k, v in self.figures().items())]
        sections = (("missed places", self.missed_places), ("wrong places", self.wrong_places),
                    ("traps taken as places", self.traps), ("missed events", self.missed_events),
                    ("fatality counts", self.wrong_fatalities), ("publication dates", self.wrong_published))
        for title, items in sections:
            if items:
                lines.append(f"{title} ({len(items)}):")
                lines += ["  " + i for i in items]
        return "\n".join(lines)


def _trap_spans(text: str, phrases: Iterable[str]) -> list[tuple[int, int, str]]:
    spans = []
    for phrase in phrases:
        start = text.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase), phrase))
            start = text.find(phrase, start + 1)
    return spans


def _event_matches(ev, gold: dict, dated: bool) -> bool:
    if ev.event_type != gold["event_type"] or ev.lat is None or ev.lon is None:
        return False
    targets = [gold] + list(gold.get("alt", []))
    if not any(km(ev.lat, ev.lon, t["lat"], t["lon"]) <= t["tol_km"] for t in targets):
        return False
    if dated and gold.get("date"):
        if not ev.date:
            return False
        got, want = dt.date.fromisoformat(ev.date[:10]), dt.date.fromisoformat(gold["date"])
        return abs((got - want).days) <= gold["date_tol_days"]
    return True


def _score_places(s: Score, name: str, gold: dict, ext) -> None:
    resolved = [m for m in ext.mentions if m.place is not None]
    for gp in (p for p in gold["places"] if p["required"]):
        s.required_total += 1
        if any(surface_matches(m.text, gp["surface"])
               and km(m.place.lat, m.place.lon, gp["lat"], gp["lon"]) <= gp["tol_km"] for m in resolved):
            s.required_found += 1
        else:
            s.missed_places.append(f"{name}: {gp['name']} ({' / '.join(gp['surface'])})")
    traps = _trap_spans(ext.article.text, gold.get("not_places", []))
    seen: dict[str, object] = {}
    for m in resolved:
        trap = next((t for t in traps if t[0] <= m.start and m.end <= t[1]), None)
        if trap is not None:  # a wrong output: counted against precision as well
            s.trap_hits += 1
            s.resolved_total += 1
            s.traps.append(f"{name}: '{m.text}' in '{trap[2]}' -> {m.place.name}")
            continue
        seen.setdefault(_words(m.text), m)
    for m in seen.values():
        s.resolved_total += 1
        golds = [gp for gp in gold["places"] if surface_matches(m.text, gp["surface"])]
        if golds and any(km(m.place.lat, m.place.lon, gp["lat"], gp["lon"]) <= gp["tol_km"] for gp in golds):
            s.resolved_good += 1
        else:
            where = f"({m.place.lat:.3f}, {m.place.lon:.3f})"
            s.wrong_places.append(f"{name}: '{m.text}' -> {m.place.name} {where}")


def _score_events(s: Score, name: str, gold: dict, ext) -> None:
    dated = gold["published"] is not None  # an undated article's relative days cannot be known
    for ge in gold["events"]:
        s.events_total += 1
        hits = [ev for ev in ext.events if _event_matches(ev, ge, dated)]
        if hits:
            s.events_found += 1
            if ge.get("fatalities") is not None:
                s.fatalities_total += 1
                if any(ev.fatalities == ge["fatalities"] for ev in hits):
                    s.fatalities_right += 1
                else:
                    got = sorted({ev.fatalities for ev in hits}, key=str)
                    s.wrong_fatalities.append(f"{name}: {ge['place']} expected {ge['fatalities']}, got {got}")
        else:
            s.missed_events.append(f"{name}: {ge['event_type']} at {ge['place']} on {ge['date']}")


def score(truth: list[dict], extractions: Iterable) -> Score:
    """Compare pipeline extractions with the ground truth.

    Parameters
    ----------
    truth : list of dict
        Entries as described in the module docstring.
    extractions : iterable of geo.pipeline.Extraction
        One per article; matched to the truth by file name.

    Returns
    -------
    Score
        Counts, ratios and the list of misses.
    """
    by_name = {Path(x.article.path).name: x for x in extractions}
    s = Score()
    for gold in truth:
        name = gold["file"]
        s.articles += 1
        ext = by_name.get(name)
        if ext is None:
            s.missed_places += [f"{name}: article not extracted"]
            s.required_total += sum(p["required"] for p in gold["places"])
            s.events_total += len(gold["events"])
            continue
        _score_places(s, name, gold, ext)
        _score_events(s, name, gold, ext)
        if ext.article.published == gold["published"]:
            s.published_right += 1
        else:
            s.wrong_published.append(f"{name}: expected {gold['published']}, got {ext.article.published}")
    return s
