"""Read a GeoNames country dump (``SY.txt``) into places, to widen the gazetteer.

The dump is the tab-separated GeoNames format with 19 columns: geonameid, name,
asciiname, alternatenames (comma-separated), latitude, longitude, feature class,
feature code, country code, cc2, admin1 code, admin2, admin3, admin4,
population, elevation, dem, timezone, modification date. Only features that
war reporting names are kept (populated places, administrative divisions,
streams, dams, military and border installations, roads, regions); their
feature code decides the ``kind``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from geo.errors import GazetteerError, InputError
from geo.gazetteer import place_from_row
from geo.models import Place
from geo.names import fold, is_latin, key

log = logging.getLogger(__name__)

N_COLUMNS = 19
#: Syrian GeoNames admin1 codes -> governorate names (others keep no admin1 name).
SY_ADMIN1 = {
    "01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "As-Suwayda",
    "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama",
    "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartus",
}
#: (feature class, feature code) -> kind; a class alone ("P") covers all its codes.
FEATURE_KINDS = {
    ("A", "PCLI"): "country", ("A", "ADM1"): "governorate", ("A", "ADM2"): "district",
    ("A", "ADM3"): "district", ("H", "STM"): "river", ("H", "DAM"): "dam", ("H", "DAMSB"): "dam",
    ("S", "DAM"): "dam", ("S", "AIRB"): "base", ("S", "AIRF"): "base", ("S", "AIRP"): "base",
    ("S", "MILB"): "base", ("S", "INSM"): "base", ("S", "CSTM"): "crossing", ("S", "PSTB"): "crossing",
    ("S", "BDGQ"): "crossing", ("S", "PRN"): "base", ("S", "CMPRF"): "town", ("R", "RD"): "road",
    ("L", "RGN"): "region", ("L", "AREA"): "region", ("T", "MTS"): "region", ("P", ""): "",
}


def feature_kind(fclass: str, fcode: str, population: int) -> str | None:
    """Gazetteer kind of a GeoNames feature, or None for features not kept (schools, hotels ...)."""
    if fclass == "P":
        if fcode in ("PPLC", "PPLA") or population >= 100_000:
            return "city"
        return "town" if population >= 10_000 or fcode in ("PPLA2", "PPLA3") else "village"
    return FEATURE_KINDS.get((fclass, fcode))


def parse_dump(path: Path | str, source: str | None = None) -> tuple[list[Place], list[str]]:
    """Places from a GeoNames dump; malformed lines become ``"file:line: reason"`` problems.

    Parameters
    ----------
    path : path
        The dump (UTF-8, tab-separated, 19 columns).
    source : str, optional
        Provenance recorded on each place; by default names the file.

    Raises
    ------
    InputError
        When the file cannot be read at all.
    """
    path = Path(path)
    src = source or f"GeoNames (CC-BY 4.0) dump {path.name}, imported by the analyst"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read GeoNames dump ({getattr(err, 'strerror', None) or err})",
                         path=str(path)) from err
    places: list[Place] = []
    problems: list[str] = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        where = f"{path}:{n}"
        if len(cols) != N_COLUMNS:
            problems.append(f"{where}: expected {N_COLUMNS} tab-separated columns, found {len(cols)}")
            continue
        gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc, _cc2, adm1 = cols[:11]
        try:
            pop = int(cols[14] or 0)
        except ValueError:
            problems.append(f"{where}: population {cols[14]!r} is not a number")
            continue
        kind = feature_kind(fclass, fcode, pop)
        if kind is None:
            continue
        names = [a for a in [ascii_name, *alts.split(",")] if a and is_latin(a) and fold(a)]
        seen = {key(name)}
        alt_names = []
        for a in names:
            k = key(a)
            if k and k not in seen and "|" not in a:
                seen.add(k)
                alt_names.append(a)
        row = {"id": f"gn:{gid}", "name": name, "alt_names": "|".join(alt_names), "lat": lat, "lon": lon,
               "kind": kind, "country": cc, "admin1": SY_ADMIN1.get(adm1, "") if cc == "SY" else "",
               "population": str(pop), "source": src}
        try:
            places.append(place_from_row(row, where))
        except GazetteerError as err:
            problems.append(str(err))
    for p in problems:
        log.warning("%s", p)
    return places, problems
