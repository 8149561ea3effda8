"""Benchmark: a 1920x1080 briefing PNG with 1,000 events and the control zones.

Targets (issue 5): static renderer under 3 s, browser renderer under 6 s.
Prints the figures; it is not a test. Run:

    .venv/bin/python bench/bench_export.py [--events 1000] [--repeat 3] [--no-browser]

Events are random points inside Syria's outline (types drawn from the ACLED
list, fatalities 0-10, 120 distinct places); zones are the shipped control
and agreement zones on 2019-10-20; the basemap is the shipped one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
from shapely.geometry import Point

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import basemap  # noqa: E402
from geo.export import render  # noqa: E402
from geo.layout import ExportOptions  # noqa: E402
from geo.models import EVENT_TYPES  # noqa: E402
from geo.zones import zones_on  # noqa: E402

TARGETS = {"static": 3.0, "browser": 6.0}


def synthetic_events(n: int, seed: int = 7) -> gpd.GeoDataFrame:
    """``n`` events at random places inside Syria (same columns as geo.events.to_frame)."""
    rng = np.random.default_rng(seed)
    outline = basemap.syria_outline()
    w, s, e, nn = outline.bounds
    places: list[Point] = []
    while len(places) < 120:
        p = Point(rng.uniform(w, e), rng.uniform(s, nn))
        if outline.contains(p):
            places.append(p)
    idx = rng.integers(0, len(places), n)
    days = [f"2019-10-{d:02d}" for d in rng.integers(1, 21, n)]
    return gpd.GeoDataFrame({
        "article": [f"wire_{i % 40}.txt" for i in range(n)], "published": days, "date": days,
        "event_type": rng.choice(EVENT_TYPES, n), "place": [f"Place {i}" for i in idx],
        "fatalities": rng.integers(0, 11, n), "actors": "SDF; Turkish forces", "quote": "",
        "lon": [places[i].x for i in idx], "lat": [places[i].y for i in idx],
    }, geometry=[places[i] for i in idx], crs="EPSG:4326")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()

    events = synthetic_events(args.events)
    zones = zones_on("2019-10-20")
    layers = basemap.layers()
    opts = ExportOptions(title="Benchmark", as_of="2019-10-20", date_from="2019-10-01", date_to="2019-10-20",
                         size="slide16x9", dpi=150, banner="UNCLASSIFIED")
    runs = {"static": lambda out: render(events, zones, layers, opts, out)}
    if not args.no_browser:
        from geo.snapshot import render_browser

        runs["browser"] = lambda out: render_browser(events, zones, layers, opts, out)
    print(f"{len(events)} events, {len(zones)} zones, 1920x1080 PNG at 150 dpi")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, run in runs.items():
            times = []
            for i in range(args.repeat):
                t0 = time.perf_counter()
                run(Path(tmp) / f"{name}{i}.png")
                times.append(time.perf_counter() - t0)
            med = statistics.median(times)
            worst = max(worst, med / TARGETS[name])
            print(f"{name:8s} median {med:5.2f} s  (runs: {', '.join(f'{t:.2f}' for t in times)}; "
                  f"target < {TARGETS[name]:.0f} s) {'ok' if med < TARGETS[name] else 'SLOW'}")
    return 0 if worst < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
