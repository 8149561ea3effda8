"""A series of briefing pictures, one per day, week or month, and an animated GIF.

Each step is a window of dates: its picture shows the zones in force on the
window's last day and the events dated within the window, so a briefing can
page through how control and events moved. The renderer is passed in
(static or browser), so the series does not care how a picture is drawn.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import geopandas as gpd

from geo.errors import ExportError
from geo.layout import ExportOptions

log = logging.getLogger(__name__)

STEPS = ("day", "week", "month")
#: Frames of the GIF are at most this wide (a 4K frame makes a 50 MB GIF).
GIF_MAX_WIDTH = 1280
GIF_SECONDS_PER_FRAME = 1.2
MAX_STEPS = 400


@dataclass(frozen=True)
class Step:
    """One picture of a series: events from ``start`` to ``end``, zones on ``end``."""

    start: str
    end: str


def parse_day(text: str, what: str = "date") -> dt.date:
    """``YYYY-MM-DD`` -> date; ExportError naming the value otherwise."""
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise ExportError(f"{what} should be YYYY-MM-DD, got {text!r}") from None


def _next(day: dt.date, every: str) -> dt.date:
    if every == "day":
        return day + dt.timedelta(days=1)
    if every == "week":
        return day + dt.timedelta(days=7)
    month = day.month % 12 + 1
    year = day.year + (day.month == 12)
    # The same day of the next month, or its last day (31 Jan -> 28/29 Feb).
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def steps(date_from: str, date_to: str, every: str) -> list[Step]:
    """Consecutive windows from ``date_from`` to ``date_to`` (the last one cut at ``date_to``).

    Raises
    ------
    ExportError
        Unknown step, dates in the wrong order, or more than MAX_STEPS pictures.
    """
    if every not in STEPS:
        raise ExportError(f"--every should be one of {', '.join(STEPS)}, got {every!r}")
    first, last = parse_day(date_from, "--from"), parse_day(date_to, "--to")
    if last < first:
        raise ExportError(f"--from {date_from} is after --to {date_to}")
    out: list[Step] = []
    day = first
    while day <= last:
        nxt = _next(day, every)
        out.append(Step(day.isoformat(), min(nxt - dt.timedelta(days=1), last).isoformat()))
        if len(out) > MAX_STEPS:
            raise ExportError(f"{date_from} to {date_to} every {every} makes more than {MAX_STEPS} pictures")
        day = nxt
    return out


def step_path(out: str | Path, step: Step) -> Path:
    """``brief.png`` -> ``brief_2019-10-15.png`` (named by the step's last day)."""
    out = Path(out)
    return out.with_name(f"{out.stem}_{step.end}{out.suffix}")


#: (events, zones, options, out path, format) -> None; writes one picture.
Renderer = Callable[[gpd.GeoDataFrame, gpd.GeoDataFrame, ExportOptions, Path, str], None]


StepPicture = tuple[Step, gpd.GeoDataFrame, gpd.GeoDataFrame, ExportOptions]


def iter_series(events: gpd.GeoDataFrame, zones_for: Callable[[str], gpd.GeoDataFrame],
                options: ExportOptions, step_list: list[Step]) -> Iterator[StepPicture]:
    """For each step: its events, its zones and its options (dates filled in)."""
    from geo.export import select_events

    for step in step_list:
        chosen = select_events(events, step.start, step.end, options.bbox)
        opts = replace(options, as_of=step.end, date_from=step.start, date_to=step.end)
        yield step, chosen, zones_for(step.end), opts


def write_series(events: gpd.GeoDataFrame, zones_for: Callable[[str], gpd.GeoDataFrame],
                 options: ExportOptions, step_list: list[Step], out: str | Path, fmt: str,
                 render_one: Renderer, gif: bool = True) -> tuple[list[Path], Path | None]:
    """Write one picture per step and an animated GIF of them.

    Parameters
    ----------
    events
        All events (each step selects its window, within ``options.bbox``).
    zones_for
        Day (``YYYY-MM-DD``) -> zones in force, e.g. :func:`geo.zones.zones_on`.
    options
        Shared options; ``as_of`` and the date range are set per step.
    step_list
        From :func:`steps`.
    out
        Base name: pictures get the step's date appended, the GIF takes the
        base name with ``.gif``.
    fmt
        Format of the pictures (png, pdf, html). For other formats than
        PNG each step is also drawn as a PNG for the GIF.
    render_one
        Writes one picture (static or browser renderer).

    Returns
    -------
    (pictures, gif path or None)
    """
    from geo.export import check_writable

    out = check_writable(out)
    written: list[Path] = []
    frames: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="geo-series-") as tmp:
        for step, chosen, zones, opts in iter_series(events, zones_for, options, step_list):
            path = step_path(out, step)
            render_one(chosen, zones, opts, path, fmt)
            log.info("%s: %d events", path, len(chosen))
            written.append(path)
            if gif and fmt != "png":  # PDF or HTML pictures: the GIF needs a PNG of each step too
                frame = Path(tmp) / f"{step.end}.png"
                render_one(chosen, zones, opts, frame, "png")
                frames.append(frame)
        gif_path = None
        if gif and written:
            gif_path = write_gif(written if fmt == "png" else frames, out.with_suffix(".gif"))
    return written, gif_path


def write_gif(frames: list[Path | bytes], out: Path, seconds: float = GIF_SECONDS_PER_FRAME) -> Path:
    """Animated GIF (looping) of PNG frames, scaled down to GIF_MAX_WIDTH."""
    from PIL import Image

    images = []
    for frame in frames:
        img = Image.open(io.BytesIO(frame) if isinstance(frame, bytes) else frame).convert("RGB")
        if img.width > GIF_MAX_WIDTH:
            img = img.resize((GIF_MAX_WIDTH, round(img.height * GIF_MAX_WIDTH / img.width)), Image.LANCZOS)
        # An adaptive palette per frame keeps the faction colours true (the web palette does not).
        images.append(img.quantize(colors=255, method=Image.Quantize.MEDIANCUT))
    try:
        images[0].save(out, save_all=True, append_images=images[1:], duration=int(seconds * 1000),
                       loop=0, optimize=False)
    except OSError as err:
        raise ExportError(f"cannot write {out}: {err.strerror or err}") from err
    return out
