"""The place table: load and validate ``gazetteer.csv`` and the analyst's own places.

Three files stack, a later one overriding rows of an earlier one with the same id:

1. ``gazetteer.csv`` shipped in the repository (``scripts/build_gazetteer.py``);
2. ``home()/imported_places.csv``: places imported from a GeoNames country dump
   (``python -m geo gazetteer import-geonames SY.txt``, see :mod:`geo.geonames`);
3. ``home()/user_places.csv``: the analyst's additions and corrections
   (:func:`save_user_place`).

A malformed row (coordinates out of range, unknown kind, broken CSV line) is
reported with its file and line and skipped; the rest of the file loads.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import logging
import math
import os
import pickle
import re
from collections.abc import Iterable
from pathlib import Path

from geo import ROOT, home
from geo.errors import GazetteerError
from geo.models import PLACE_KINDS, Place
from geo.names import ALIASES, fold, key, keys

log = logging.getLogger(__name__)

COLUMNS = ["id", "name", "alt_names", "lat", "lon", "kind", "country", "admin1", "population", "source"]
GAZETTEER_CSV = ROOT / "gazetteer.csv"

#: Syria and its neighbours: their places win over namesakes elsewhere.
REGION = ("SY", "TR", "IQ", "LB", "JO", "IL")
_KIND_RANK = {
    "country": 5.0, "governorate": 2.0, "city": 3.0, "region": 2.5, "river": 2.5, "town": 2.0,
    "base": 2.0, "crossing": 2.0, "dam": 2.0, "road": 2.0, "district": 1.5, "village": 1.0,
}


def slug(name: str) -> str:
    """Lower-case ASCII slug for ids: ``"Khirbet Ammu"`` -> ``"khirbet-ammu"``."""
    return re.sub(r"\s+", "-", fold(name)) or "place"


def user_places_path() -> Path:
    """Where the analyst's own places persist (``home()/user_places.csv``)."""
    return home() / "user_places.csv"


def imported_places_path() -> Path:
    """Where places imported from a GeoNames dump persist (``home()/imported_places.csv``)."""
    return home() / "imported_places.csv"


def prior(place: Place) -> float:
    """How likely a bare mention of a name means this place, before any context.

    Syria first, then its neighbours, then the rest of the world; within that,
    bigger kinds and larger populations first. Curated and analyst rows get a
    small bonus: someone chose them for Syrian reporting.
    """
    score = _KIND_RANK.get(place.kind, 1.0)
    if place.country == "SY":
        score += 6.0
    elif place.country in REGION:
        score += 3.0
    elif place.kind == "country":
        score += 3.0
    score += math.log10(max(place.population, 1)) / 2.0
    if place.id.startswith(("cur:", "user:")):
        score += 1.0
    return score


def place_from_row(row: dict[str, str], where: str = "") -> Place:
    """Validate one CSV row and build its :class:`Place`.

    Raises
    ------
    GazetteerError
        Naming ``where`` (file:line) and the bad field.
    """
    pre = f"{where}: " if where else ""
    pid = (row.get("id") or "").strip()
    name = (row.get("name") or "").strip()
    if not pid or not name:
        raise GazetteerError(f"{pre}missing id or name")
    try:
        lat, lon = float(row.get("lat") or "nan"), float(row.get("lon") or "nan")
    except ValueError:
        raise GazetteerError(f"{pre}{pid}: coordinates are not numbers "
                             f"(lat={row.get('lat')!r}, lon={row.get('lon')!r})") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GazetteerError(f"{pre}{pid}: coordinates out of range (lat={lat}, lon={lon})")
    kind = (row.get("kind") or "").strip()
    if kind not in PLACE_KINDS:
        raise GazetteerError(f"{pre}{pid}: unknown kind {kind!r} (one of {', '.join(PLACE_KINDS)})")
    try:
        pop = int(float(row.get("population") or 0))
    except ValueError:
        raise GazetteerError(f"{pre}{pid}: population {row.get('population')!r} is not a number") from None
    alts = tuple(a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip())
    return Place(id=pid, name=name, lat=lat, lon=lon, kind=kind, country=(row.get("country") or "").strip(),
                 admin1=(row.get("admin1") or "").strip(), population=pop, alt_names=alts,
                 source=(row.get("source") or "").strip())


def read_places(path: Path) -> tuple[list[Place], list[str]]:
    """Read a gazetteer-format CSV; bad rows become problem strings ``"file:line: reason"``.

    Raises
    ------
    GazetteerError
        When the file cannot be read at all or lacks the required columns.
    """
    places: list[Place] = []
    problems: list[str] = []
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError as err:
        raise GazetteerError(f"{path}: cannot read gazetteer ({err.strerror or err})") from err
    with fh:
        reader = csv.DictReader(fh)
        missing = {"id", "name", "lat", "lon", "kind"} - set(reader.fieldnames or [])
        if missing:
            raise GazetteerError(f"{path}: missing columns {', '.join(sorted(missing))}")
        try:
            for row in reader:
                where = f"{path}:{reader.line_num}"
                if None in row or any(v is None for v in row.values()):
                    problems.append(f"{where}: wrong number of fields")
                    continue
                try:
                    places.append(place_from_row(row, where))
                except GazetteerError as err:
                    problems.append(str(err))
        except (csv.Error, UnicodeDecodeError) as err:
            problems.append(f"{path}:{reader.line_num}: broken CSV ({err}); rest of file skipped")
    for p in problems:
        log.warning("%s", p)
    return places, problems


class Gazetteer:
    """Places by id, with a name index over all their normalised spellings.

    Parameters
    ----------
    places : iterable of Place
        Later places replace earlier ones with the same id.
    problems : iterable of str
        Rows skipped while loading (``"file:line: reason"``), kept for display.
    """

    def __init__(self, places: Iterable[Place], problems: Iterable[str] = ()) -> None:
        self.places: dict[str, Place] = {}
        for p in places:
            self.places[p.id] = p
        self.problems: list[str] = list(problems)
        self._index: dict[str, list[str]] | None = None
        self._generic: dict[str, list[tuple[str, str]]] | None = None
        self._skeleton: dict[str, list[str]] | None = None

    def __len__(self) -> int:
        return len(self.places)

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        return self.places.get(place_id)

    @property
    def index(self) -> dict[str, list[str]]:
        """Normalised key -> ids of places having a name with that key (built on first use)."""
        if self._index is None:
            self._index = self._build_index()
        return self._index

    def _build_index(self) -> dict[str, list[str]]:
        idx: dict[str, list[str]] = {}
        for p in self.places.values():
            # Transliteration keys only where spellings really vary (Syria and its
            # neighbours, curated rows, countries); elsewhere the folded name must match
            # exactly, so that "May" or "US" never fold onto a namesake in Kenya or Holland.
            local = p.country in REGION or p.kind in ("country", "region") or not p.id.startswith("gn:")
            for n in (p.name, *p.alt_names):
                ks = keys(n) if local else (fold(n),)
                if p.country == "SY":
                    # written as one word ("Rasalain", "Deirezzor"): long joined forms rarely collide
                    ks = {*ks, *(k.replace(" ", "") for k in ks if " " in k and len(k) >= 8)}
                for k in ks:
                    ids = idx.setdefault(k, [])
                    if not ids or ids[-1] != p.id:
                        ids.append(p.id)
        # exonyms: the alias key points at the places whose own name has the target's key
        for alias, target in ALIASES.items():
            for pid in idx.get(key(target), []):
                ids = idx.setdefault(alias, [])
                if pid not in ids:
                    ids.append(pid)
        for k, ids in idx.items():
            if len(ids) > 1:
                idx[k] = sorted(set(ids), key=lambda i: -prior(self.places[i]))
        return idx

    def generic_index(self) -> dict[str, list[tuple[str, str]]]:
        """Generic word (kafr, tal, deir ...) -> (key of the rest of the name, id), Syrian places only.

        Used for loose matching of names that start with a generic word, whose
        second word is spelt in too many ways to list ("Kafr Loosing").
        """
        if self._generic is None:
            from geo.names import GENERICS

            generic = set(GENERICS.values()) | set(GENERICS) | {"bab", "bir", "qasr"}
            out: dict[str, list[tuple[str, str]]] = {}
            for p in self.places.values():
                if p.country != "SY":
                    continue
                for n in (p.name, *p.alt_names):
                    parts = key(n).split()
                    if len(parts) == 2 and parts[0] in generic:
                        out.setdefault(parts[0], []).append((parts[1], p.id))
            self._generic = out
        return self._generic

    def skeleton_lookup(self, name: str) -> list[Place]:
        """Syrian places whose consonant skeleton equals the name's.

        A last resort for spans already known to be places ("Kafr Loosin"); only
        names of at least five skeleton letters, where collisions are rare.
        """
        from geo.names import skeleton

        sk = skeleton(name)
        if len(sk.replace(" ", "")) < 5:
            return []
        if self._skeleton is None:
            idx: dict[str, list[str]] = {}
            for p in self.places.values():
                if p.country == "SY":  # a loose match abroad is more often wrong than right
                    for n in (p.name, *p.alt_names):
                        ids = idx.setdefault(skeleton(n), [])
                        if p.id not in ids:
                            ids.append(p.id)
            self._skeleton = idx
        return sorted((self.places[i] for i in self._skeleton.get(sk, ())), key=prior, reverse=True)

    def lookup(self, name: str) -> list[Place]:
        """Places that ``name`` may denote, most likely first (by :func:`prior`).

        Returns an empty list when nothing matches; never raises on odd input.
        """
        found: dict[str, Place] = {}
        idx = self.index
        for k in sorted(keys(name), key=len, reverse=True):
            for pid in idx.get(k, ()):
                found.setdefault(pid, self.places[pid])
        return sorted(found.values(), key=prior, reverse=True)

    def to_frame(self):
        """All places as a GeoDataFrame in EPSG:4326 (one row per place, geometry Point)."""
        import geopandas as gpd

        rows = [{**{c: getattr(p, c) for c in COLUMNS if c != "alt_names"},
                 "alt_names": "|".join(p.alt_names)} for p in self.places.values()]
        points = gpd.points_from_xy([r["lon"] for r in rows], [r["lat"] for r in rows])
        return gpd.GeoDataFrame(rows, columns=COLUMNS, geometry=points, crs="EPSG:4326")


def load_gazetteer(path: Path | str | None = None, user_path: Path | str | None = None,
                   imported_path: Path | str | None = None, cache: bool = True) -> Gazetteer:
    """Load the shipped gazetteer plus imported and analyst places (which override by id).

    Parameters
    ----------
    path : path, optional
        The main table; ``gazetteer.csv`` in the repository by default.
    user_path, imported_path : path, optional
        Default ``home()/user_places.csv`` and ``home()/imported_places.csv``;
        missing files are simply absent layers.
    cache : bool
        Keep the parsed table and its name index in ``home()/cache/`` (rebuilt
        whenever any input file or the matching code changes): loading drops from
        about a second to a few tenths.

    Raises
    ------
    GazetteerError
        When the main table cannot be read at all.
    """
    # Hundreds of thousands of small objects are made here and all survive: the
    # cyclic garbage collector would only rescan them again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(path, user_path, imported_path, cache)
    finally:
        if enabled:
            gc.enable()


def _load(path: Path | str | None, user_path: Path | str | None, imported_path: Path | str | None,
          cache: bool) -> Gazetteer:
    files = [Path(path) if path else GAZETTEER_CSV,
             Path(imported_path) if imported_path else imported_places_path(),
             Path(user_path) if user_path else user_places_path()]
    cache_file = _cache_file(files) if cache else None
    if cache_file is not None and cache_file.is_file():
        try:
            with cache_file.open("rb") as fh:
                return pickle.load(fh)
        except Exception as err:  # a stale or truncated cache is rebuilt, never fatal
            log.info("gazetteer cache %s unusable (%s); rebuilding", cache_file, err)
    places, problems = read_places(files[0])
    for extra in files[1:]:
        if extra.is_file():
            more, bad = read_places(extra)
            places.extend(more)
            problems.extend(bad)
    gaz = Gazetteer(places, problems)
    if cache_file is not None:
        _ = gaz.index
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache_file)
            for old in cache_file.parent.glob("gazetteer-*.pickle"):  # caches of earlier tables
                if old != cache_file:
                    old.unlink(missing_ok=True)
        except OSError as err:
            log.info("cannot write gazetteer cache %s: %s", cache_file, err)
    return gaz


def _cache_file(files: list[Path]) -> Path:
    """Cache path named by a digest of the input files' and the matching code's sizes and times."""
    code = [Path(__file__), Path(__file__).with_name("names.py")]
    sig = []
    for f in files + code:
        try:
            st = f.stat()
            sig.append(f"{f.resolve()}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            sig.append(f"{f}:absent")
    digest = hashlib.sha1("|".join(sig).encode()).hexdigest()[:16]
    return home() / "cache" / f"gazetteer-{digest}.pickle"


def place_to_row(place: Place) -> dict[str, str]:
    """The CSV row of a place (alt names ``|``-joined)."""
    return {"id": place.id, "name": place.name, "alt_names": "|".join(place.alt_names),
            "lat": f"{place.lat:.5f}", "lon": f"{place.lon:.5f}", "kind": place.kind,
            "country": place.country, "admin1": place.admin1, "population": str(place.population),
            "source": place.source}


def write_places(places: Iterable[Place], path: Path) -> None:
    """Write places to a gazetteer-format CSV atomically (a crash leaves the old file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for p in places:
            w.writerow(place_to_row(p))
    tmp.replace(path)


def save_user_place(place: Place, user_path: Path | str | None = None) -> None:
    """Add or correct an analyst's place; a row with the same id is replaced.

    Raises
    ------
    GazetteerError
        When the place's coordinates or kind are invalid (nothing is written).
    """
    row = place_to_row(place)
    place_from_row(row, "new place")  # validates before anything is touched
    path = Path(user_path) if user_path else user_places_path()
    records: list[list[str]] = []
    if path.is_file():
        # raw records, so that rows the loader skips (an analyst's typo) are kept for fixing
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                records = list(csv.reader(fh))
        except (OSError, UnicodeDecodeError, csv.Error) as err:
            raise GazetteerError(f"{path}: cannot read analyst places ({err}); nothing written") from err
    body = [r for r in records[1:] if r and r[0] != place.id]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows(body)
        w.writerow([row[c] for c in COLUMNS])
    tmp.replace(path)
