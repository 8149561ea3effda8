"""Gazetteer load time and place-matching speed (prints figures; target: load < 2 s).

Run: ``python bench/bench_gazetteer.py [--articles N]``. The load figure includes
building the name index, because the first extraction needs it. Matching is
timed on generated articles (``bench/make_corpus.py`` when present, else the
sample corpus repeated).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _texts(n: int) -> list[str]:
    folder = ROOT / "data" / "articles"
    base = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
    if not base:
        base = ["Shelling hit Saraqib, Maarat al-Numan and Kafr Nabl in Idlib province; "
                "Moscow warned Ankara."]
    return [base[i % len(base)] for i in range(n)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3, help="load-time repetitions (fresh process state each)")
    a = ap.parse_args()

    from geo import gazetteer
    from geo.names import fold_word, keys

    for cache in (False, True):
        loads = []
        for _ in range(a.repeat):
            keys.cache_clear()
            fold_word.cache_clear()
            t0 = time.perf_counter()
            gaz = gazetteer.load_gazetteer(cache=cache)
            _ = gaz.index
            loads.append(time.perf_counter() - t0)
        label = "from the index cache" if cache else "parse CSV + build index (no cache)"
        print(f"load {label}: median {statistics.median(loads):.2f} s (target < 2 s; runs: "
              + ", ".join(f"{x:.2f}" for x in loads) + ")")
    print(f"gazetteer: {len(gaz)} places, {len(gaz.index)} name keys")

    from geo.toponyms import find_mentions

    texts = _texts(a.articles)
    t0 = time.perf_counter()
    n_mentions = sum(len(find_mentions(t, gaz)) for t in texts)
    dt = time.perf_counter() - t0
    chars = sum(map(len, texts))
    print(f"find_mentions: {len(texts)} articles ({chars / 1e6:.1f} M chars), {n_mentions} mentions "
          f"in {dt:.2f} s = {len(texts) / dt:.0f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
