"""End to end in real headless Chromium: the app draws markers and zones offline.

Starts ``streamlit run app.py`` on a free port with a small store in a
temporary GEO_HOME, drives Debian's chromium with Playwright, moves the date
slider with the keyboard, and records every request the page makes.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from geo.models import Article, Event
from geo.store import Store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
# Event markers are drawn on a canvas (no DOM node each): count them through Leaflet.
# The events are the first of the three swapped layers streamlit-folium appends to window.feature_group.
EVENTS = "window.feature_group[window.feature_group.length - 3]"
MARKERS_JS = ("() => { if (!window.feature_group || window.feature_group.length < 3) return 0;"
              f" let n = 0; {EVENTS}.eachLayer(g => g.eachLayer(m => {{ if (m._map && m._renderer instanceof"
              " L.Canvas) n++; })); return n; }")

# (date, type, place, lat, lon): spread over 2017-2019 so the slider has something to cut
ROWS = [
    ("2017-06-06", "Battles", "Raqqa", 35.95, 39.01),
    ("2017-06-20", "Battles", "Tabqa", 35.83, 38.55),
    ("2017-10-15", "Explosions/Remote violence", "Deir ez-Zor", 35.33, 40.14),
    ("2018-03-01", "Explosions/Remote violence", "Douma", 33.57, 36.40),
    ("2018-03-18", "Battles", "Afrin", 36.51, 36.87),
    ("2019-03-23", "Battles", "Baghuz", 34.45, 40.93),
    ("2019-10-09", "Explosions/Remote violence", "Tal Abyad", 36.70, 38.95),
    ("2019-10-12", "Protests", "Qamishli", 37.05, 41.22),
]


@dataclass
class Ex:
    article: Article
    mentions: list = field(default_factory=list)
    events: list = field(default_factory=list)


def _seed(home: Path) -> None:
    store = Store(home / "store.sqlite")
    for i, (date, kind, place, lat, lon) in enumerate(ROWS):
        quote = f"Report of {kind.lower()} at {place}." + (" <img src=x onerror=alert(1)>" if i == 0 else "")
        ev = Event(article=f"r{i}.txt", published=date, date=date, date_precision="day", event_type=kind,
                   sub_event_type="", actors=("SDF",), place=place, lat=lat, lon=lon,
                   place_precision="sentence", fatalities=i, quote=quote, start=0, end=len(quote),
                   country="SY")
        store.add(Ex(Article(f"r{i}.txt", quote, date, place, "test"), [], [ev]))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def app_url(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/setup.sh --dev installs it)")
    if not (ROOT / "static/leaflet/leaflet.js").is_file():
        pytest.skip("static/leaflet is missing: run scripts/fetch_assets.sh")
    _seed(tmp_path)
    port = _free_port()
    streamlit = shutil.which("streamlit", path=str(Path(sys.executable).parent)) or "streamlit"
    proc = subprocess.Popen(
        [streamlit, "run", str(ROOT / "app.py"), "--server.port", str(port), "--server.headless", "true",
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "GEO_HOME": str(tmp_path)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 40
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail("streamlit did not start")
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_map_draws_markers_and_zones_and_follows_the_slider(app_url, tmp_path) -> None:
    from playwright.sync_api import sync_playwright

    # static serving is on: Leaflet comes back as JavaScript, not as Streamlit's index page
    with urllib.request.urlopen(app_url + "app/static/leaflet/leaflet.js", timeout=10) as r:
        assert "javascript" in r.headers["Content-Type"]

    hosts: set[str] = set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.on("request", lambda req: hosts.add(urlparse(req.url).hostname or ""))
        page.goto(app_url)
        frame = page.wait_for_selector("iframe[title*='st_folium']", timeout=30_000).content_frame()
        frame.wait_for_selector(".leaflet-container", timeout=30_000)
        frame.wait_for_function(f"({MARKERS_JS})() > 0", timeout=30_000)
        assert frame.evaluate(MARKERS_JS) == len(ROWS)
        assert frame.locator(".leaflet-marker-pane canvas").count() == 1
        assert frame.locator("path.geo-zone").count() > 0, "control zone polygons are drawn"
        assert frame.locator("path.geo-countries").count() > 0, "the offline basemap is drawn"

        # a marker's popup: escaped quote, and a link that opens the article in the reader
        frame.evaluate("() => { for (const id in map_div._layers) { const l = map_div._layers[id];"
                       " if (l.feature && l.feature.properties.p === 'Raqqa' && l.openPopup) {"
                       " l.openPopup(); } } }")
        popup = frame.wait_for_selector(".geo-popup", timeout=10_000)
        assert "<img src=x onerror=alert(1)>" in popup.inner_text()
        assert popup.query_selector("img") is None
        href = popup.query_selector("a").get_attribute("href")
        assert "?tab=Reader&article=r0.txt&quote=0-" in href
        reader = browser.new_page()
        reader.on("request", lambda req: hosts.add(urlparse(req.url).hostname or ""))
        reader.goto(app_url.rstrip("/") + href)
        reader.wait_for_selector(".geo-article", timeout=30_000)
        assert "<img src=x onerror=alert(1)>" in reader.inner_text(".geo-article")
        assert "Report of battles at Raqqa." in reader.inner_text(".geo-quote"), "the quote is underlined"
        reader.close()

        # a shared URL restores the filters and dates
        shared = browser.new_page()
        shared.goto(app_url + "?type=Protests&type=Battles&dates=2017-06-06&dates=2018-12-31")
        metric = "document.querySelector(\"[data-testid='stMetricValue']\")"
        shared.wait_for_function(f"() => {metric} && {metric}.innerText === '3'", timeout=30_000)
        shared.close()

        # the end thumb of the event range, moved with the keyboard as a user would
        shown = page.locator("[data-testid='stMetricValue']").first
        assert shown.inner_text() == str(len(ROWS))
        thumb = page.locator("[data-testid='stSlider'] input[type='range'][aria-label$='end']").first
        thumb.focus()
        for _ in range(12):  # PageDown: a tenth of the range each
            thumb.press("PageDown")
        page.wait_for_function(
            f"() => document.querySelector(\"[data-testid='stMetricValue']\").innerText !== '{len(ROWS)}'",
            timeout=20_000)
        frame.wait_for_function(f"({MARKERS_JS})() < {len(ROWS)}", timeout=20_000)
        # several key presses may mean several reruns: wait until count and map agree
        deadline = time.time() + 20
        while (after := int(shown.inner_text())) != frame.evaluate(MARKERS_JS) and time.time() < deadline:
            time.sleep(0.2)
        assert after < len(ROWS)
        assert frame.evaluate(MARKERS_JS) == after
        page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=False)
        browser.close()

    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
    assert hosts <= LOCAL_HOSTS, f"requests left the machine: {hosts - LOCAL_HOSTS}"
