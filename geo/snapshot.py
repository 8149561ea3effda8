"""The interactive map as a standalone HTML page, and its browser screenshot.

:func:`standalone_html` builds the dashboard's folium map
(:func:`geo.mapview.build_map`), frames it with the briefing overlays (banner,
title, dates, a legend of what is on the map, north arrow, source line) and
inlines Leaflet's JS, CSS and images from ``static/leaflet/``, so the file
opens with no network. :func:`render_browser` loads that page in headless
Chromium (Playwright, Debian's ``/usr/bin/chromium``) at the page size and
writes a PNG screenshot or a PDF. Any request that is not a local file or
inline data is refused, so a picture can never leak where the analyst looked.
"""

from __future__ import annotations

import base64
import html
import logging
import mimetypes
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd

from geo import ROOT, layout
from geo.errors import ExportError
from geo.layout import ExportOptions

log = logging.getLogger(__name__)

STATIC = ROOT / "static"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CSS_DPI = 96  # a CSS inch is 96 CSS pixels
_SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"[^>]*>\s*</script>', re.I)
_CSS_LINK = re.compile(r'<link\b[^>]*\bhref="([^"]+)"[^>]*>', re.I)
_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
#: Greedy label decluttering in the page, like geo.mapdraw.place_labels: town
#: labels in layer order (largest towns first) are hidden when they would overlap
#: a label already kept or an event marker.
_DECLUTTER = """() => {
  const hit = (a, b) => !(a.right < b.left || a.left > b.right || a.bottom < b.top || a.top > b.bottom);
  const frame = document.querySelector('.folium-map').getBoundingClientRect();
  const kept = [];
  const marks = Array.from(document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive'))
    .map(p => p.getBoundingClientRect()).filter(r => r.width < 60 && r.height < 60);
  let hidden = 0;
  document.querySelectorAll('.leaflet-tooltip.geo-town').forEach(el => {
    const r = el.getBoundingClientRect();
    const out = r.left < frame.left || r.right > frame.right || r.top < frame.top || r.bottom > frame.bottom;
    if (out || kept.some(k => hit(r, k)) || marks.some(m => hit(r, m))) {
      el.style.display = 'none'; hidden++;
    } else { kept.push(r); }
  });
  return hidden;
}"""
_CSS_URL = re.compile(r"url\((['\"]?)(?!data:)([^'\")]+)\1\)")


def _local_asset(url: str, static: Path = STATIC) -> Path | None:
    """The file under ``static/`` that a script or stylesheet URL stands for, if shipped.

    ``/app/static/leaflet/leaflet.js`` maps to ``static/leaflet/leaflet.js``;
    a CDN URL of a Leaflet file maps to the shipped file of the same name.
    """
    path = url.split("?", 1)[0].split("#", 1)[0]
    if "/static/" in path:
        candidate = static / path.split("/static/", 1)[1]
        if candidate.is_file():
            return candidate
    name = path.rsplit("/", 1)[-1]
    if "leaflet" in path.lower():
        candidate = static / "leaflet" / name
        if candidate.is_file():
            return candidate
    return None


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _inline_css(path: Path) -> str:
    text = path.read_text(encoding="utf-8")

    def repl(m: re.Match) -> str:
        target = (path.parent / m.group(2)).resolve()
        return f"url({_data_uri(target)})" if target.is_file() else m.group(0)

    return _CSS_URL.sub(repl, text)


def inline_assets(page: str, static: Path = STATIC) -> str:
    """Replace external scripts and stylesheets by their shipped contents.

    Assets not shipped in ``static/`` are removed (with a warning): the page
    must open offline, and a dangling CDN link would only stall it.

    Raises
    ------
    ExportError
        When Leaflet itself is not in ``static/`` (run ``scripts/fetch_assets.sh``).
    """
    if not (static / "leaflet" / "leaflet.js").is_file():
        raise ExportError(f"Leaflet is missing from {static / 'leaflet'}: run 'bash scripts/fetch_assets.sh'")

    def script(m: re.Match) -> str:
        asset = _local_asset(m.group(1), static)
        if asset is None:
            log.warning("left out %s: not shipped in static/, the page stays offline", m.group(1))
            return ""
        js = asset.read_text(encoding="utf-8")
        js = re.sub(r"//# sourceMappingURL=\S+", "", js).replace("</script", "<\\/script")
        return f"<script>{js}</script>"

    def link(m: re.Match) -> str:
        tag = m.group(0)
        if "stylesheet" not in tag.lower():
            return tag
        asset = _local_asset(m.group(1), static)
        if asset is None:
            log.warning("left out %s: not shipped in static/, the page stays offline", m.group(1))
            return ""
        css = _inline_css(asset).replace("</style", "<\\/style")
        return f"<style>{css}</style>"

    return _CSS_LINK.sub(link, _SCRIPT_SRC.sub(script, page))


def _legend_html(events: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None,
                 bbox: tuple[float, float, float, float]) -> str:
    from geo.mapdraw import ZONE_ALPHA

    entries = layout.legend_entries(events, zones, bbox)
    counts = events["event_type"].value_counts().to_dict() if events is not None and len(events) else {}
    rows = []
    if entries.event_types:
        rows.append("<h4>Events <small>(size: fatalities)</small></h4>")
        rows += [f'<div><i class="dot" style="background:{c}"></i>{html.escape(t)}'
                 f"{f' ({counts[t]})' if counts.get(t) else ''}</div>" for t, c in entries.event_types]
    if entries.factions or entries.agreements:
        rows.append("<h4>Control</h4>")
        rows += [f'<div><i style="background:{c};opacity:{ZONE_ALPHA}"></i>{html.escape(lbl)}</div>'
                 for lbl, c in entries.factions]
        if entries.agreements:
            rows.append('<div><i class="agree"></i>Agreement zone</div>')
    return "".join(rows)


def _frame_html(events: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None,
                layers: Mapping[str, gpd.GeoDataFrame] | None, options: ExportOptions,
                bbox: tuple[float, float, float, float], sources: list, u: float,
                picture: bool) -> tuple[str, str]:
    """CSS and body HTML of the briefing frame around the map (all user text escaped)."""
    banner = options.banner.strip()
    bh = 0.28 * u if banner else 0.0  # inches, as in the static picture
    title_h = 0.40 + (0.26 if options.subtitle.strip() else 0) + 0.24 + 0.10
    panel = 3.0 * u
    credit = layout.credit_lines(layout.source_line(sources, zones, options.extra_credits),
                                 (options.page().width_in if picture else 13.0) - 0.28 * u, u)
    credit_h = (0.10 + 0.13 * len(credit)) * u
    hide = ".geo-legend, .leaflet-control-layers, .leaflet-control-zoom { display: none !important; }" \
        if picture else ".geo-legend { display: none !important; }"
    css = f"""
<style>
html, body {{ margin: 0; padding: 0; width: 100%; height: 100%; overflow: hidden; background: #fff;
  font-family: 'DejaVu Sans', Arial, sans-serif; -webkit-print-color-adjust: exact; }}
.folium-map {{ position: absolute !important; top: {bh + 0.14 * u + title_h * u}in !important;
  left: {0.14 * u}in !important; right: {panel + 0.28 * u}in !important; bottom: {bh + credit_h}in !important;
  width: auto !important; height: auto !important; border: 1px solid #555; }}
.gx-banner {{ position: absolute; left: 0; right: 0; height: {bh}in; line-height: {bh}in; color: #fff;
  text-align: center; font-weight: bold; font-size: {11 * u}pt; z-index: 1000; white-space: pre; }}
.gx-title {{ position: absolute; top: {bh + 0.12 * u}in; left: {0.14 * u}in; right: {0.14 * u}in; }}
.gx-title h1 {{ margin: 0; font-size: {21 * u}pt; color: #111; white-space: pre-wrap; }}
.gx-title p {{ margin: {0.03 * u}in 0 0 0; font-size: {12.5 * u}pt; color: #333; white-space: pre-wrap; }}
.gx-title p.dates {{ font-size: {10.5 * u}pt; color: #444; }}
.gx-panel {{ position: absolute; top: {bh + 0.14 * u + title_h * u}in; right: {0.14 * u}in;
  width: {panel}in; font-size: {9 * u}pt; line-height: 1.5; }}
.gx-locator {{ display: block; width: {panel}in; height: {panel * 0.72}in; margin-bottom: {0.1 * u}in; }}
.gx-panel h4 {{ margin: {0.08 * u}in 0 {0.02 * u}in 0; font-size: {10.5 * u}pt; }}
.gx-panel i {{ display: inline-block; width: {0.13 * u}in; height: {0.13 * u}in; margin-right: {0.06 * u}in;
  vertical-align: middle; }}
.gx-panel i.dot {{ border-radius: 50%; border: 1px solid #222; }}
.gx-panel i.agree {{ border: 2px dashed #222; box-sizing: border-box; }}
.gx-credit {{ position: absolute; left: {0.14 * u}in; right: {0.14 * u}in; bottom: {bh + 0.05 * u}in;
  height: {credit_h - 0.05 * u}in; line-height: {0.13 * u}in; font-size: {7.2 * u}pt; color: #444;
  overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }}
.gx-north {{ position: absolute; right: {panel + 0.5 * u}in; top: {bh + 0.3 * u + title_h * u}in;
  z-index: 900; font: bold {11 * u}pt sans-serif; text-align: center; line-height: 1; }}
.gx-north span {{ display: block; font-size: {20 * u}pt; }}
.leaflet-tooltip.geo-town {{ background: transparent; border: none; box-shadow: none; }}
{hide}
</style>"""
    dates = layout.date_line(options.as_of, options.date_from, options.date_to)
    body = ['<div class="gx-title">', f"<h1>{html.escape(options.title or '')}</h1>"]
    if options.subtitle.strip():
        body.append(f"<p>{html.escape(options.subtitle)}</p>")
    if dates:
        body.append(f'<p class="dates">{html.escape(dates)}</p>')
    body.append("</div>")
    locator = ""
    if layers:
        from geo.export import locator_png

        png = locator_png(layers, bbox, panel, panel * 0.72, options.dpi if picture else 96, u)
        locator = (f'<img class="gx-locator" alt="locator" '
                   f'src="data:image/png;base64,{base64.b64encode(png).decode()}">')
    body.append(f'<div class="gx-panel">{locator}{_legend_html(events, zones, bbox)}</div>')
    body.append('<div class="gx-north">N<span>&#9650;</span></div>')
    lines = "<br>".join(html.escape(line) for line in credit)
    body.append(f'<div class="gx-credit">{lines}</div>')
    if banner:
        colour = layout.banner_color(banner)
        for pos in ("top: 0", "bottom: 0"):
            body.append(f'<div class="gx-banner" style="{pos}; background: {colour}">'
                        f"{html.escape(banner)}</div>")
    return css, "\n".join(body)


def standalone_html(events: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None,
                    layers: Mapping[str, gpd.GeoDataFrame] | None, options: ExportOptions,
                    picture: bool = False) -> str:
    """The interactive map with briefing overlays, as one HTML page that works offline.

    Parameters
    ----------
    events, zones, layers
        As for :func:`geo.export.render`.
    options
        Title, dates, banner, bbox; the size only scales the overlays' fonts.
    picture
        Hide the interactive controls (layer switcher, zoom), for a screenshot.
    """
    from branca.element import Element

    from geo.mapview import build_map, use_local_assets

    ev = events if events is not None else gpd.GeoDataFrame(geometry=[], crs="EPSG:4326")
    if len(ev) and ("lat" not in ev or "lon" not in ev):  # mapview reads lat/lon columns
        ev = ev.assign(lon=ev.geometry.x, lat=ev.geometry.y)
    layers = dict(layers or {})
    towns = layers.get("towns")
    if towns is not None and "population" in towns:  # largest first: they keep their labels
        layers["towns"] = towns.sort_values("population", ascending=False, kind="stable")
    use_local_assets()  # Leaflet only, from static/ (inlined below); no jQuery/Bootstrap from CDNs
    m = build_map(ev, zones, layers, as_of=options.as_of or "")
    m.options["zoom_snap"] = 0.1  # fit the asked extent closely, not to the next whole zoom level
    m.options["zoom_control"] = not picture
    bbox = options.bbox or layout.default_bbox(events, layers)
    w, s, e, n = bbox
    m.fit_bounds([[s, w], [n, e]])
    sources = list(options.sources) or layout.article_sources(events)
    unit = options.page().unit if picture else 1.0
    css, body = _frame_html(events, zones, layers, options, bbox, sources, unit, picture)
    root = m.get_root()
    root.header.add_child(Element(css), name="geo_export_css")
    root.html.add_child(Element(body), name="geo_export_frame")
    root.header.add_child(Element(f"<title>{html.escape(options.title or 'Map')}</title>"), name="geo_title")
    return inline_assets(root.render())


def write_html(events: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None,
               layers: Mapping[str, gpd.GeoDataFrame] | None, options: ExportOptions,
               out: str | Path) -> Path:
    """Write :func:`standalone_html` to ``out`` (ExportError when the folder is missing)."""
    from geo.export import check_writable

    out = check_writable(out)
    page = standalone_html(events, zones, layers, options)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as err:
        raise ExportError(f"cannot write {out}: {err.strerror or err}") from err
    return out


def _offline_only(route) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:", "about:", "blob:")):
        route.continue_()
    else:
        log.warning("blocked a request to %s (exports never go online)", url)
        route.abort()


def browser_pictures(events: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None,
                     layers: Mapping[str, gpd.GeoDataFrame] | None, options: ExportOptions,
                     formats: tuple[str, ...] = ("png",)) -> dict[str, bytes]:
    """PNG screenshot and/or PDF print of the interactive map, from one Chromium session.

    The page is laid out in CSS inches at the page size and rendered at
    ``dpi / 96`` device pixels per CSS pixel, so a 1920x1080 picture at 150
    dpi is 1229x691 CSS pixels at a scale of 1.5625. The PNG has exactly the
    page's pixels and records its dpi.

    Raises
    ------
    ExportError
        A format other than png/pdf, Chromium missing or failing.
    """
    bad = [f for f in formats if f not in ("png", "pdf")]
    if bad:
        raise ExportError(f"the browser renderer writes png or pdf, got {bad[0]!r}")
    if not Path(CHROMIUM).exists():
        raise ExportError(f"the browser renderer needs Chromium at {CHROMIUM} "
                          "(apt-get install chromium); use the static renderer instead")
    page_size = options.page()
    css_w, css_h = round(page_size.width_in * CSS_DPI), round(page_size.height_in * CSS_DPI)
    page_html = standalone_html(events, zones, layers, options, picture=True)
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="geo-export-") as tmp:
        src = Path(tmp) / "map.html"
        src.write_text(page_html, encoding="utf-8")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    page = browser.new_page(viewport={"width": css_w, "height": css_h},
                                            device_scale_factor=page_size.width_px / css_w)
                    page.route("**/*", _offline_only)
                    page.goto(src.as_uri(), wait_until="load")
                    page.wait_for_selector(".leaflet-container .leaflet-overlay-pane svg", state="attached",
                                           timeout=15000)
                    # two frames: Leaflet redraws vectors on the frame after fitBounds
                    page.evaluate(_TWO_FRAMES)
                    page.evaluate(_DECLUTTER)
                    if "png" in formats:
                        out["png"] = _exact_png(page.screenshot(type="png"), page_size)
                    if "pdf" in formats:
                        page.emulate_media(media="screen")
                        out["pdf"] = page.pdf(width=f"{css_w}px", height=f"{css_h}px", print_background=True,
                                              page_ranges="1",
                                              margin={"top": "0", "right": "0", "bottom": "0", "left": "0"})
                finally:
                    browser.close()
        except PlaywrightError as err:
            raise ExportError(f"browser renderer failed: {str(err).splitlines()[0]}") from err
    return out


def render_browser(events: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None,
                   layers: Mapping[str, gpd.GeoDataFrame] | None, options: ExportOptions,
                   out: str | Path, fmt: str | None = None) -> Path:
    """Write the browser picture (PNG or PDF, see :func:`browser_pictures`) to ``out``.

    Raises
    ------
    ExportError
        Missing folder, format other than png/pdf, Chromium missing or failing.
    """
    from geo.export import check_writable, infer_format

    fmt = infer_format(out, fmt)
    out = check_writable(out)
    data = browser_pictures(events, zones, layers, options, (fmt,))[fmt]
    try:
        out.write_bytes(data)
    except OSError as err:
        raise ExportError(f"cannot write {out}: {err.strerror or err}") from err
    return out


def _exact_png(shot: bytes, page_size: layout.PageSize) -> bytes:
    """The screenshot at exactly the page's pixels, with its dpi recorded."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(shot)).convert("RGB")
    size = (page_size.width_px, page_size.height_px)
    if img.size != size:  # CSS pixels are whole numbers, the page may be a pixel off
        img = img.resize(size, Image.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(page_size.dpi, page_size.dpi))
    return buf.getvalue()
