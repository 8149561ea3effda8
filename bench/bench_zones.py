"""Time ``geo.zones.zones_on``: first call of a process, then per date cold and warm.

Run: ``.venv/bin/python bench/bench_zones.py``. Prints one line per date:

* cold: the date's period was never drawn in this process (Voronoi, dissolve,
  clip to Syria; the table, gazetteer, basemap and agreements already loaded);
* warm: the same date again (served from the per-period cache).

Target (issue 3): under 1 s per date.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import control, zones  # noqa: E402

DATES = ["2016-06-01", "2017-09-15", "2018-03-25", "2018-09-17", "2019-11-15", "2020-03-10", "2020-12-15",
         "2022-11-15", "2024-08-15", "2024-12-15", "2025-03-15"]


def _timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def main() -> int:
    first, _ = _timed(zones.zones_on, "2021-01-01")
    table = control.control_table()
    print(f"first call in a fresh process (loads table, gazetteer, basemap, agreements): {first:.3f} s")
    print(f"control table: {len(table)} rows, {table['anchor'].nunique()} settlements/anchors, "
          f"{len(control._bounds(table))} distinct change dates")
    print(f"{'date':<12}{'cold s':>9}{'warm s':>9}{'zones':>7}{'anchors':>9}")
    colds = []
    for day in DATES:
        cold, frame = _timed(zones.zones_on, day)
        warm, _ = _timed(zones.zones_on, day)
        colds.append(cold)
        print(f"{day:<12}{cold:>9.3f}{warm:>9.4f}{len(frame):>7}{len(control.rows_on(table, day)):>9}")
    print(f"worst cold date: {max(colds):.3f} s (target < 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
