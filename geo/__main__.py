"""Command line: ``python -m geo <command> ...``.

Exit status: 0 success, 1 some input was skipped (reported on stderr),
2 usage error or nothing could be done.

Each ``_cmd_*`` function is a thin shell: it parses arguments, calls the
domain module, and writes records. Domain modules never print.
"""

from __future__ import annotations

import argparse
import logging
import sys

from geo.errors import GeoError

log = logging.getLogger("geo")


# --- extraction: places / events / resolve -----------------------------------
def _cmd_places(args: argparse.Namespace) -> int:
    from geo.articles import collect_paths, read_article
    from geo.errors import InputError
    from geo.gazetteer import load_gazetteer
    from geo.records import write_records
    from geo.toponyms import find_mentions

    gaz = load_gazetteer()
    files, errors = collect_paths(args.paths)
    fields = ["article", "start", "end", "text", "name", "lat", "lon", "kind", "country", "gazetteer_id",
              "confidence"]

    read: list[str] = []

    def records():
        for f in files:
            try:
                article = read_article(f)
            except InputError as err:
                errors.append(err)
                continue
            read.append(article.path)
            for m in find_mentions(article.text, gaz):
                yield m.to_record(article.path)

    write_records(records(), args.format, sys.stdout, fields=fields)
    for err in errors:
        print(f"skipped {err}", file=sys.stderr)
    if errors:
        return 1 if read else 2
    return 0


def _cmd_events(args: argparse.Namespace) -> int:
    from geo.gazetteer import load_gazetteer
    from geo.pipeline import run
    from geo.records import write_records

    extractions, errors = run(args.paths, load_gazetteer())
    for err in errors:
        print(f"skipped {err}", file=sys.stderr)
    fields = ["article", "published", "date", "date_precision", "event_type", "sub_event_type", "actors",
              "place", "lat", "lon", "place_precision", "fatalities", "quote", "start", "end"]
    records = ({k: ev.to_record()[k] for k in fields} for ex in extractions for ev in ex.events)
    write_records(records, args.format, sys.stdout, fields=fields)
    if errors:
        return 2 if not extractions else 1
    return 0


def _cmd_resolve(args: argparse.Namespace) -> int:
    import json

    from geo.errors import InputError
    from geo.gazetteer import load_gazetteer
    from geo.toponyms import resolve_spans

    try:
        lines = open(args.file, encoding="utf-8").read().splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read ({getattr(err, 'strerror', None) or err})", path=args.file) from err
    gaz = load_gazetteer()
    skipped = done = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text, spans = item["text"], [(int(a), int(b)) for a, b in item["spans"]]
            if not isinstance(text, str):
                raise TypeError("'text' is not a string")
        except (ValueError, KeyError, TypeError) as err:
            print(f"skipped {args.file}:{n}: not a record with text and spans ({err})", file=sys.stderr)
            skipped += 1
            continue
        for m in resolve_spans(text, spans, gaz):
            rec = m.to_record("")
            out = {"id": item.get("id"), "start": m.start, "end": m.end}
            out.update({k: rec[k] for k in ("name", "lat", "lon", "kind", "country", "gazetteer_id",
                                            "confidence")})
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        done += 1
    if skipped:
        return 2 if not done else 1
    return 0


# --- gazetteer ---------------------------------------------------------------
def _cmd_gazetteer(args: argparse.Namespace) -> int:
    from geo.gazetteer_cli import run_gazetteer_command

    return run_gazetteer_command(args.action, args.rest, sys.stdout, sys.stderr)


# --- control zones -----------------------------------------------------------
def _cmd_zones(args: argparse.Namespace) -> int:
    import json

    from geo import zones
    from geo.errors import ZoneError

    user, status = None, 0
    if args.user_zones:
        try:
            user = zones.load_user_zones(args.user_zones)
        except ZoneError as err:  # refuse the file, keep the shipped zones
            print(f"skipped {err}; showing the shipped zones only", file=sys.stderr)
            status = 1
    found = zones.zones_on(args.date, user_zones=user, control_path=args.control)
    json.dump(zones.to_geojson(found), sys.stdout)
    sys.stdout.write("\n")
    return status


# --- briefing export ---------------------------------------------------------
def _cmd_export(args: argparse.Namespace) -> int:
    from dataclasses import replace
    from pathlib import Path

    from geo import exportjob, series
    from geo.errors import ExportError
    from geo.export import check_writable, event_dates, select_events
    from geo.layout import ExportOptions, page_size, parse_bbox

    out = Path(args.out)
    fmt = (args.format or out.suffix.lstrip(".")).lower()
    if fmt not in exportjob.PICTURE_FORMATS + exportjob.DATA_FORMATS:
        raise ExportError(f"{out}: give --format or a suffix among "
                          f"{', '.join(exportjob.PICTURE_FORMATS + exportjob.DATA_FORMATS)}")
    # Check every option before reading articles: a typo should not cost a pipeline run.
    day = series.parse_day(args.date, "--date").isoformat()
    date_to = series.parse_day(args.date_to, "--to").isoformat() if args.date_to else day
    date_from = series.parse_day(args.date_from, "--from").isoformat() if args.date_from else None
    bbox = parse_bbox(args.bbox) if args.bbox else None
    page_size(args.size, args.dpi)
    check_writable(out)
    if args.every and (not date_from or fmt in exportjob.DATA_FORMATS):
        raise ExportError("--every needs --from and --to, and a picture format (png, pdf or html)")

    inputs = exportjob.from_articles(args.paths) if args.paths else exportjob.from_store()
    for err in inputs.errors:
        print(f"skipped: {err}", file=sys.stderr)
    if args.paths and not inputs.sources:
        print("error: no article could be read", file=sys.stderr)
        return 2
    options = ExportOptions(title=args.title or ExportOptions.title, subtitle=args.subtitle, as_of=day,
                            date_from=date_from, date_to=date_to, bbox=bbox, size=args.size, dpi=args.dpi,
                            banner=args.banner, renderer=args.renderer)
    if args.every:
        layers = exportjob.basemap_layers()

        def one(events, zones, opts, path, f):
            opts = replace(opts, sources=exportjob.sources_of(events, inputs.sources))
            exportjob.write_picture(events, zones, layers, opts, path, f)

        steps = series.steps(date_from, date_to, args.every)
        written, gif = series.write_series(inputs.events, exportjob.zones_for, options, steps, out, fmt, one)
        for path in [*written, *([gif] if gif else [])]:
            print(path)
        return 1 if inputs.errors else 0

    events = select_events(inputs.events, date_from, date_to, bbox)
    if fmt in exportjob.DATA_FORMATS:
        from geo.exchange import write_events

        write_events(events, out, fmt)
    else:
        known = sorted(d[:10] for d in event_dates(events) if isinstance(d, str))
        options = replace(options, date_from=date_from or (known[0] if known else None),
                          sources=exportjob.sources_of(events, inputs.sources))
        zones, layers = exportjob.zones_for(day), exportjob.basemap_layers()
        exportjob.write_picture(events, zones, layers, options, out, fmt)
    print(f"{out}: {len(events)} events")
    return 1 if inputs.errors else 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m geo", description=__doc__.splitlines()[0])
    p.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = p.add_subparsers(dest="command", required=True)

    fmt = ["jsonl", "csv", "geojson"]
    sp = sub.add_parser("places", help="one record per place mention")
    sp.add_argument("--format", choices=fmt, default="jsonl")
    sp.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    sp.set_defaults(func=_cmd_places)

    sp = sub.add_parser("events", help="one record per event")
    sp.add_argument("--format", choices=fmt, default="jsonl")
    sp.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    sp.set_defaults(func=_cmd_events)

    sp = sub.add_parser("resolve", help="resolve known spans (JSON lines: id, text, spans)")
    sp.add_argument("--format", choices=["jsonl"], default="jsonl")
    sp.add_argument("file", metavar="FILE")
    sp.set_defaults(func=_cmd_resolve)

    sp = sub.add_parser("gazetteer", help="build, widen or correct the gazetteer")
    sp.add_argument("action", choices=["build", "import-geonames", "add", "show"])
    sp.add_argument("rest", nargs=argparse.REMAINDER)
    sp.set_defaults(func=_cmd_gazetteer)

    sp = sub.add_parser("zones", help="control and agreement zones in force on a date")
    sp.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    sp.add_argument("--format", choices=["geojson"], default="geojson")
    sp.add_argument("--user-zones", metavar="FILE", help="GeoJSON of your own zones (take precedence)")
    sp.add_argument("--control", metavar="CSV", help="control table to use instead of the shipped one")
    sp.set_defaults(func=_cmd_zones)

    sp = sub.add_parser("export", help="briefing picture (PNG/PDF/HTML) of a date")
    sp.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    sp.add_argument("--from", dest="date_from", metavar="D")
    sp.add_argument("--to", dest="date_to", metavar="D")
    sp.add_argument("--bbox", metavar="W,S,E,N")
    sp.add_argument("--size", default="1920x1080", metavar="WxH|slide16x9|slide4x3|a4|letter")
    sp.add_argument("--dpi", type=int, default=150)
    sp.add_argument("--title", default="")
    sp.add_argument("--subtitle", default="")
    sp.add_argument("--banner", default="")
    sp.add_argument("--format", choices=["png", "pdf", "html", "svg", "csv", "geojson", "kml"], default=None,
                    help="default: from the --out suffix; csv/geojson/kml write the filtered events")
    sp.add_argument("--renderer", choices=["static", "browser"], default="static")
    sp.add_argument("--every", choices=["day", "week", "month"], default=None)
    sp.add_argument("--out", required=True, metavar="FILE")
    sp.add_argument("paths", nargs="*", metavar="PATH", help="articles (default: the store)")
    sp.set_defaults(func=_cmd_export)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except GeoError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
