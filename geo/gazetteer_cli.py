"""``python -m geo gazetteer build|import-geonames|add|show``: the analyst's gazetteer tools.

* ``build`` re-runs ``scripts/build_gazetteer.py`` (needs the dev requirements);
* ``import-geonames FILE`` adds the places of a GeoNames country dump to
  ``home()/imported_places.csv`` (same id replaces; the shipped file is untouched);
* ``add --name N --lat Y --lon X --kind K [--country CC] [--alt A ...] [--id ID]``
  adds or corrects a place in ``home()/user_places.csv`` (an ``--id`` of a shipped
  row overrides that row);
* ``show NAME|ID`` lists the places a name may mean, most likely first;
  ``show --problems`` lists rows skipped while loading.
"""

from __future__ import annotations

import argparse
import importlib.util
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from geo import ROOT
from geo.errors import GazetteerError
from geo.gazetteer import (
    imported_places_path,
    load_gazetteer,
    read_places,
    save_user_place,
    slug,
    write_places,
)
from geo.models import PLACE_KINDS, Place


def _build(rest: list[str], out: TextIO) -> int:
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.main(rest)


def _import(rest: list[str], out: TextIO, err: TextIO) -> int:
    from geo.geonames import parse_dump

    ap = argparse.ArgumentParser(prog="python -m geo gazetteer import-geonames")
    ap.add_argument("file", metavar="FILE", help="GeoNames country dump (e.g. SY.txt)")
    ap.add_argument("--into", default=None, help="target CSV (default: home()/imported_places.csv)")
    a = ap.parse_args(rest)
    places, problems = parse_dump(a.file)
    for p in problems:
        print(f"skipped {p}", file=err)
    if not places:
        print(f"error: {a.file}: no usable places", file=err)
        return 2
    target = imported_places_path() if a.into is None else Path(a.into)
    places = _keep_shipped_names(places)
    existing = read_places(target)[0] if target.is_file() else []
    new_ids = {p.id for p in places}
    write_places([p for p in existing if p.id not in new_ids] + places, target)
    print(f"imported {len(places)} places from {a.file} into {target}", file=out)
    return 1 if problems else 0


def _keep_shipped_names(places: list[Place]) -> list[Place]:
    """A dump row for a place the shipped table has keeps the shipped display name and spellings.

    The shipped row carries curated English spellings ("Qamishli", "Qamishlo"); the
    dump adds its alternate names after them instead of replacing them.
    """
    none = Path("/nonexistent/none.csv")
    shipped = load_gazetteer(user_path=none, imported_path=none)
    out = []
    for p in places:
        old = shipped.get(p.id)
        if old is not None:
            alts = tuple(dict.fromkeys((*old.alt_names, *p.alt_names, p.name)))
            p = replace(p, name=old.name, alt_names=tuple(a for a in alts if a != old.name),
                        admin1=old.admin1 or p.admin1, source=f"{old.source}; {p.source}")
        out.append(p)
    return out


def _add(rest: list[str], out: TextIO) -> int:
    ap = argparse.ArgumentParser(prog="python -m geo gazetteer add")
    ap.add_argument("--name", required=True)
    ap.add_argument("--lat", required=True, type=float)
    ap.add_argument("--lon", required=True, type=float)
    ap.add_argument("--kind", required=True, choices=PLACE_KINDS)
    ap.add_argument("--country", default="SY")
    ap.add_argument("--admin1", default="")
    ap.add_argument("--population", type=int, default=0)
    ap.add_argument("--alt", action="append", default=[], help="another spelling (repeatable)")
    ap.add_argument("--id", default=None, help="id to add or correct (default user:<slug of name>)")
    ap.add_argument("--source", default="added by analyst")
    a = ap.parse_args(rest)
    place = Place(id=a.id or f"user:{slug(a.name)}", name=a.name, lat=a.lat, lon=a.lon, kind=a.kind,
                  country=a.country, admin1=a.admin1, population=a.population,
                  alt_names=tuple(x for alt in a.alt for x in alt.split("|") if x.strip()), source=a.source)
    save_user_place(place)
    print(f"saved {place.id} ({place.name}, {place.lat:.5f}, {place.lon:.5f})", file=out)
    return 0


def _show(rest: list[str], out: TextIO) -> int:
    ap = argparse.ArgumentParser(prog="python -m geo gazetteer show")
    ap.add_argument("name", nargs="*", help="a name or an id")
    ap.add_argument("--problems", action="store_true", help="list rows skipped while loading")
    ap.add_argument("--limit", type=int, default=10)
    a = ap.parse_args(rest)
    gaz = load_gazetteer()
    if a.problems:
        for p in gaz.problems:
            print(p, file=out)
        return 0
    query = " ".join(a.name)
    places = [gaz.get(query)] if gaz.get(query) else gaz.lookup(query)
    if not places:
        print(f"no place named {query!r}", file=out)
        return 1
    for p in places[: a.limit]:
        print(f"{p.id}\t{p.name}\t{p.kind}\t{p.country}\t{p.admin1}\t{p.lat:.5f}\t{p.lon:.5f}\t{p.source}",
              file=out)
    return 0


def run_gazetteer_command(action: str, rest: list[str], out: TextIO, err: TextIO) -> int:
    """Dispatch ``python -m geo gazetteer ACTION ...``; returns the exit status.

    Raises
    ------
    GazetteerError
        For invalid places (bad coordinates or kind) given to ``add``.
    """
    if action == "build":
        return _build(rest, out)
    if action == "import-geonames":
        return _import(rest, out, err)
    if action == "add":
        return _add(rest, out)
    if action == "show":
        return _show(rest, out)
    raise GazetteerError(f"unknown gazetteer action {action!r}")
