"""Generate varied synthetic news articles about the Syrian war, for benchmarks.

Every article is built from this module's own template sentences, filled with
places drawn from the project's gazetteer (in the spellings it records),
actors, dates in the forms news reports use, numbers, and the clutter real
pages carry ("Read more:" lines, units and agencies named after places,
governments named by their capitals). The output is deterministic for a given
``seed``, so timings are comparable between runs.

Usage::

    python bench/make_corpus.py 1000 /tmp/corpus [--seed 0]

or, from a benchmark::

    from make_corpus import generate
    for name, text in generate(1000): ...
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import math
import random
import re
import sys
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from geo.gazetteer import load_gazetteer  # noqa: E402
from geo.models import Place  # noqa: E402
from geo.names import normalize  # noqa: E402

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
# Associated Press abbreviations, as many wire stories use them
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# actor key -> (names of its ground forces, names of what it fires from afar)
ACTORS = {
    "government": (("Syrian army troops", "government forces", "forces loyal to Damascus"),
                   ("Syrian army artillery", "Syrian government warplanes")),
    "russia": (("Russian military police",), ("Russian warplanes", "Russian jets")),
    "turkey": (("Turkish troops", "Turkish commandos"), ("Turkish drones", "Turkish artillery")),
    "sna": (("Turkish-backed factions", "fighters of the Syrian National Army", "the Sultan Murad Division"),
            ("rocket launchers of the Syrian National Army",)),
    "sdf": (("the Syrian Democratic Forces", "the Kurdish-led SDF", "YPG fighters"), ("SDF mortar crews",)),
    "is": (("Islamic State militants", "IS cells", "fighters of the Islamic State group"),
           ("IS mortar teams",)),
    "hts": (("Hayat Tahrir al-Sham", "HTS fighters", "jihadists of Hayat Tahrir al-Sham"), ("HTS drones",)),
    "coalition": (("the US-led coalition", "American special forces"), ("coalition aircraft",)),
    "israel": (("Israeli troops",), ("Israeli jets", "the Israeli air force")),
    "militias": (("Iran-backed militias", "pro-Iranian militiamen"), ("militia rocket crews",)),
}
ENEMIES = {
    "government": ("hts", "is", "sdf", "sna"), "russia": ("hts", "is"), "turkey": ("sdf",),
    "sna": ("sdf", "government"), "sdf": ("is", "sna"), "is": ("sdf", "government"),
    "hts": ("government",), "coalition": ("is",), "israel": ("militias",), "militias": ("is",),
}
SOURCES = ("the Syrian Observatory for Human Rights", "state news agency SANA", "local activists",
           "the White Helmets", "a military source", "residents reached by phone")
CAPITALS = ("Ankara", "Moscow", "Washington", "Tehran", "Damascus")
CAUSES = ("rising bread prices", "the arrest of a local teacher", "power cuts", "forced conscription",
          "the presence of foreign troops", "the killing of a shepherd")
DIRECTIONS = ("north", "south", "east", "west", "north-east", "south-west")

BATTLES = (
    "{A} clashed with {B} on the outskirts of {P} {when}, {toll}.",
    "{A} said {when} that they had taken {P} from {B} after a night of fighting.",
    "Heavy fighting broke out between {A} and {B} around {P} {when}, according to {src}.",
    "{A} repelled an attack by {B} on positions near {P} {when}, {toll}.",
)
REMOTE = (
    "{R} struck {P} {when}, killing {n} people, {src} said.",
    "A drone strike hit a car on the road between {P} and {Q} {when}, killing {n}.",
    "{R} hit residential streets of {P} {when}, wounding {n} civilians.",
    "A roadside bomb exploded near a checkpoint in {P} {when}, {toll}.",
)
CIVILIANS = (
    "Gunmen shot dead {n} civilians at a farm outside {P} {when}, {src} reported.",
    "{A} detained dozens of young men in house-to-house raids in {P} {when}.",
)
PROTESTS = (
    "Hundreds of residents marched through {P} {when} to protest against {cause}.",
    "Demonstrators gathered in the main square of {P} {when}, chanting against {cause}.",
)
RIOTS = ("Angry residents burned tyres and threw stones at a police station in {P} {when} over {cause}.",)
STRATEGIC = (
    "{A} sent a convoy of {n} armoured vehicles into {P} {when}.",
    "Local elders announced {when} a truce around {P} between {A} and {B}, {src} said.",
    "{A} set up a new observation post on the hills overlooking {P} {when}.",
)
BACKGROUND = (
    "{P} lies about {k} kilometres {dir} of {Q}.",
    "{cap} said it was following the situation closely and warned against any escalation.",
    "Officials in {cap} did not respond to requests for comment.",
    "The {P} Military Council, a local armed group, said it had sent reinforcements.",
    "Students at {Q} University were told to stay at home until further notice.",
    "Aid agencies say thousands of families have fled {P} since the start of the year.",
    "Read more: What is left of the ceasefire around {Q}?",
)
HEADLINES = (
    "Fighting flares near {P}", "Deadly strike on {P}", "Tension rises around {P}",
    "Residents flee {P} as front line shifts", "Convoy enters {P}", "Protest in {P}",
)


# a spelling a news desk would print: capitalised words, optionally with the Arabic article
_PRINTABLE = re.compile(r"(?:(?:[Aa][lnsrdzt]|[Ee]l|[Aa]sh)-)?[A-Z][a-z'\u2019]+"
                        r"(?:[ -](?:(?:al|el|ad|ar|as|az|ash|an|at)-)?[A-Z][a-z'\u2019]+)*")


def _bare(name: str) -> str:
    return re.sub(r"^(?:a[lnsrdzt]|el|ash) ", "", normalize(name))


@cache
def _spellings(place: Place) -> tuple[str, ...]:
    """Alternate spellings a news desk might print (GeoNames' noise and exonyms left out)."""
    key = _bare(place.name)
    return tuple(a for a in place.alt_names if len(a) <= 30 and _PRINTABLE.fullmatch(a)
                 and not re.search(r"governorate|province", a, re.I)
                 # transliterations of the same name, not exonyms ("Callinicum" for Raqqa)
                 and SequenceMatcher(None, key, _bare(a)).ratio() >= 0.7
                 and not (_bare(a) != key and _bare(a).startswith(key)))  # "Homsz": a stray letter


def _variant(place: Place, rng: random.Random) -> str:
    """The place's name, or now and then one of its alternate spellings."""
    latin = _spellings(place)
    return rng.choice(latin) if latin and rng.random() < 0.3 else place.name


def _pools(gaz) -> tuple[list[Place], list[float], list[Place]]:
    local = [p for p in gaz.places.values()
             if p.country == "SY" and p.kind in ("city", "town", "village", "base", "crossing", "dam")
             and p.name.isascii()]
    if not local:
        raise RuntimeError("the gazetteer has no Syrian places to build articles from")
    # populous places come up more often, as they do in the news, without crowding out villages
    weights = [1.0 + math.log10(1 + (p.population or 0)) / 2 for p in local]
    cities = [p for p in local if p.kind == "city"] or local
    return local, weights, cities


def _when(pub: dt.date | None, rng: random.Random) -> str:
    """A date expression for an event up to a few weeks before publication."""
    if pub is None:
        return rng.choice(("recently", "this week", "on Tuesday", ""))
    day = pub - dt.timedelta(days=rng.randint(1, 6))
    form = rng.randrange(7)
    if form == 0:
        return f"on {WEEKDAYS[day.weekday()]}"
    if form == 1:
        return f"on {MONTHS[day.month - 1]} {day.day}"
    if form == 2:
        return f"on {AP_MONTHS[day.month - 1]} {day.day}"
    if form == 3:
        return f"on {day.day} {MONTHS[day.month - 1]}"
    if form == 4:
        return "last month"
    if form == 5:
        return "yesterday"
    return "earlier this week"


def _dateline(pub: dt.date | None, rng: random.Random) -> str:
    if pub is None:
        return ""
    return rng.choice((
        f"date {pub.isoformat()}",
        f"{MONTHS[pub.month - 1]} {pub.day}, {pub.year}",
        f"{pub.day} {MONTHS[pub.month - 1]} {pub.year}",
        f"{AP_MONTHS[pub.month - 1]} {pub.day}, {pub.year}",
    ))


def _sentence(rng: random.Random, pick, cities: list[Place], pub: dt.date | None) -> str:
    kind = rng.choices(("battle", "remote", "civ", "protest", "riot", "strategic", "background"),
                       weights=(5, 5, 2, 1, 1, 2, 4))[0]
    template = rng.choice({"battle": BATTLES, "remote": REMOTE, "civ": CIVILIANS, "protest": PROTESTS,
                           "riot": RIOTS, "strategic": STRATEGIC, "background": BACKGROUND}[kind])
    a = rng.choice(list(ACTORS))
    n = rng.choice((2, 3, 4, 5, 7, 9, 12, 15, 21, 33))
    toll = rng.choice((f"leaving {n} fighters dead", "with no word on casualties", f"killing at least {n}",
                       f"a commander said {n} of his men had died"))
    text = template.format(
        A=rng.choice(ACTORS[a][0]), R=rng.choice(ACTORS[a][1]),
        B=rng.choice(ACTORS[rng.choice(ENEMIES[a])][0]), P=pick(), Q=pick(),
        when=_when(pub, rng), n=n, toll=toll, src=rng.choice(SOURCES), cause=rng.choice(CAUSES),
        cap=rng.choice(CAPITALS), k=rng.randint(3, 60), dir=rng.choice(DIRECTIONS),
    )
    text = re.sub(r" {2,}", " ", text).replace(" ,", ",").replace(" .", ".").replace(" ;", ";")
    return text[0].upper() + text[1:]


def _as_html(title: str, dateline: str, pub: dt.date | None, paragraphs: list[str]) -> str:
    meta = f'<meta property="article:published_time" content="{pub.isoformat()}T08:00:00Z">' if pub else ""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>{meta}"
            "<script>var section = 'world'; var related = ['Aleppo', 'Idlib'];</script></head>\n"
            f"<body><h1>{html.escape(title)}</h1>\n{body}\n<footer>Share this story</footer></body></html>\n")


def generate(n: int, seed: int = 0, gaz=None) -> list[tuple[str, str]]:
    """Build ``n`` synthetic articles.

    Parameters
    ----------
    n : int
        How many articles.
    seed : int
        Seed of the random generator; the same seed gives the same articles.
    gaz : geo.gazetteer.Gazetteer, optional
        The gazetteer whose Syrian places fill the templates (loaded if omitted).

    Returns
    -------
    list of (str, str)
        ``(file name, text)`` pairs; the suffix (.txt, .md or .html) tells the format, and
        ``.html`` texts are page sources (read them as files, or strip them with
        :func:`geo.articles.html_to_text`).
    """
    if n < 0:
        raise ValueError(f"n should be zero or more, got {n} instead")
    rng = random.Random(seed)
    local, weights, cities = _pools(gaz if gaz is not None else load_gazetteer())
    first, span = dt.date(2017, 1, 1), (dt.date(2025, 6, 30) - dt.date(2017, 1, 1)).days
    out: list[tuple[str, str]] = []
    for i in range(n):
        pub = None if rng.random() < 0.08 else first + dt.timedelta(days=rng.randrange(span))
        focus = rng.choices(local, weights)[0]
        nearby = rng.choices(local, weights, k=4) + [rng.choice(cities)]

        def pick(focus=focus, nearby=nearby) -> str:
            return _variant(focus if rng.random() < 0.5 else rng.choice(nearby), rng)

        title = rng.choice(HEADLINES).format(P=_variant(focus, rng))
        paragraphs = [" ".join(_sentence(rng, pick, cities, pub) for _ in range(rng.randint(1, 3)))
                      for _ in range(rng.randint(3, 7))]
        dateline = _dateline(pub, rng)
        fmt = rng.choices(("txt", "md", "html"), weights=(85, 5, 10))[0]
        if fmt == "html":
            text = _as_html(title, dateline, pub, paragraphs)
        elif fmt == "md":
            text = f"# {title}\n\n" + (f"*{dateline.removeprefix('date ')}*\n\n" if dateline else "")
            text += "\n\n".join(paragraphs) + "\n"
        else:
            lines = [dateline, title] if dateline.startswith("date ") else [title, dateline]
            text = "\n".join(x for x in lines if x) + "\n\n" + "\n\n".join(paragraphs) + "\n"
        out.append((f"gen_{i:05d}.{fmt}", text))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write n synthetic Syrian war articles to a folder.")
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("folder", type=Path, help="output folder (created if missing)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate(args.n, args.seed):
        (args.folder / name).write_text(text, encoding="utf-8")
    print(f"wrote {args.n} articles to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
