"""Benchmark: dashboard map in real headless Chromium with 10,000 stored events.

Builds a store of synthetic events (real gazetteer places, random dates and
types) in a temporary GEO_HOME, starts ``streamlit run app.py`` on a free port,
and measures with Playwright and Debian's chromium:

* first load: navigation until the map's event markers are drawn;
* redraw: a move of the date slider (keyboard on its thumb) until the map
  shows the new set of markers.

Targets (issue 4): first load < 5 s, redraw < 1.5 s. Prints the figures.

    .venv/bin/python bench/bench_map.py [--events 10000] [--moves 5]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.models import EVENT_TYPES, Article, Event  # noqa: E402
from geo.pipeline import Extraction  # noqa: E402
from geo.store import Store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ACTORS = ["Syrian army", "SDF", "HTS", "Turkish army", "SNA", "Islamic State", "Russian air force",
          "civilians"]


def syrian_places(limit: int = 600) -> list[tuple[str, float, float, str]]:
    """Places in Syria from the shipped gazetteer (name, lat, lon, governorate)."""
    with open(ROOT / "gazetteer.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r.get("country") == "SY"]
    rows = rows[:limit]
    return [(r["name"], float(r["lat"]), float(r["lon"]), r.get("admin1", "")) for r in rows]


def build_store(path: Path, n_events: int, per_article: int = 50, seed: int = 7) -> None:
    """Write ``n_events`` synthetic events (``per_article`` per article) into a store at ``path``."""
    rng = random.Random(seed)
    places = syrian_places()
    store = Store(path)
    day0 = dt.date(2019, 1, 1)
    for a in range(0, n_events, per_article):
        name = f"synthetic/report_{a // per_article:04d}.txt"
        text = f"Synthetic report {a // per_article} for the map benchmark."
        events = []
        for _ in range(min(per_article, n_events - a)):
            pname, lat, lon, adm = rng.choice(places)
            day = day0 + dt.timedelta(days=rng.randrange(730))
            quote = f"Synthetic report near {pname} <b>with</b> {rng.randint(0, 9)} dead."
            events.append(Event(
                article=name, published=day.isoformat(), date=day.isoformat(), date_precision="day",
                event_type=rng.choice(EVENT_TYPES), sub_event_type="", actors=tuple(rng.sample(ACTORS, 2)),
                place=pname, lat=lat, lon=lon, place_precision="sentence",
                fatalities=rng.choice([None, 0, 1, 2, 5, 12]), quote=quote, start=0, end=len(quote),
                gazetteer_id=None, country="SY", admin1=adm,
            ))
        store.add(Extraction(Article(name, text, events[0].published, f"Report {a}", "bench"), [], events))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(home: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "GEO_HOME": str(home)}
    cmd = [str(ROOT / ".venv/bin/streamlit"), "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_http(port: int, timeout: float = 60) -> None:
    import urllib.request

    end = time.time() + timeout
    while time.time() < end:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not start")


# The events are the first of the three swapped layers (events, control zones,
# agreement zones); streamlit-folium appends each new set to window.feature_group.
EVENTS = "window.feature_group[window.feature_group.length - 3]"
MARKERS_JS = ("() => { if (!window.feature_group || window.feature_group.length < 3) return 0;"
              f" let n = 0; {EVENTS}.eachLayer(g => g.eachLayer(m => {{ if (m._map) n++; }})); return n; }}")
#: Which set of events is on the map (the Leaflet id of the current events layer and its size).
STATE_JS = ("() => !window.feature_group || window.feature_group.length < 3 ? '' :"
            f" {EVENTS}._leaflet_id + ':' + {EVENTS}.getLayers()[0].getLayers().length")


def map_frame(page):
    for fr in page.frames:
        if fr.name and "st_folium" in (fr.title() if hasattr(fr, "title") else ""):
            return fr
    el = page.wait_for_selector("iframe[title*='st_folium']", timeout=60_000)
    return el.content_frame()


def marker_state(frame) -> str:
    """Which events layer is on the map now."""
    return frame.evaluate(STATE_JS)


def measure(port: int, moves: int) -> tuple[float, list[float], list[float], int]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        t0 = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
        frame = map_frame(page)
        frame.wait_for_function(f"({MARKERS_JS})() > 0", timeout=60_000, polling=20)
        first = time.perf_counter() - t0
        n0 = frame.evaluate(MARKERS_JS)
        thumb = page.locator("[data-testid='stSlider'] input[type='range'][aria-label$='end']").first
        redraws, scripts = [], []
        metric = page.locator("[data-testid='stMetricValue']").first
        for i in range(moves):
            before = marker_state(frame)
            count_before = metric.inner_text()
            thumb.focus()
            t1 = time.perf_counter()
            # PageDown moves a baseweb slider by a tenth of its range: a real change of the event set
            thumb.press("PageDown" if i % 2 == 0 else "PageUp")
            page.wait_for_function(
                "(b) => document.querySelector(\"[data-testid='stMetricValue']\").innerText !== b",
                arg=count_before, timeout=30_000, polling=20)
            scripts.append(time.perf_counter() - t1)
            frame.wait_for_function(f"(before) => ({STATE_JS})() !== before",
                                    arg=before, timeout=30_000, polling=20)
            redraws.append(time.perf_counter() - t1)
            page.wait_for_timeout(300)
        browser.close()
    return first, redraws, scripts, n0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--moves", type=int, default=4)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        t = time.perf_counter()
        build_store(home / "store.sqlite", args.events)
        print(f"store with {args.events:,} synthetic events built in {time.perf_counter() - t:.1f} s")
        port = free_port()
        proc = start_app(home, port)
        try:
            wait_http(port)
            # a first page view warms Python's imports and caches, as for a user arriving after start-up
            cold, _, _, _ = measure(port, 0)
            first, redraws, scripts, n0 = measure(port, args.moves)
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    print(f"first load, cold server (imports, store read): {cold:.2f} s")
    print(f"first load, warm server: {first:.2f} s   (target < 5 s; {n0:,} markers drawn)")
    print("redraw after slider move: " + ", ".join(f"{r:.2f}" for r in redraws)
          + f" s; median {statistics.median(redraws):.2f} s, max {max(redraws):.2f} s   (target < 1.5 s)")
    print("  of which until the event count updated (script run up to the metrics): "
          + ", ".join(f"{r:.2f}" for r in scripts) + " s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
