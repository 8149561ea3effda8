"""Small immutable value objects passed between the package's modules.

Dates travel as ISO strings (``"2019-10-09"``) so that records serialise to
JSON/CSV without conversion; ``None`` means unknown, never a guess.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

PLACE_KINDS = (
    "country", "governorate", "district", "city", "town", "village",
    "base", "crossing", "dam", "river", "road", "region",
)

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)


@dataclass(frozen=True)
class Place:
    """One row of the gazetteer."""

    id: str  # "gn:<geonameid>" for GeoNames rows, "cur:<slug>" curated, "user:<slug>" analyst-added
    name: str
    lat: float
    lon: float
    kind: str  # one of PLACE_KINDS
    country: str  # ISO 3166-1 alpha-2, "" for regions spanning several
    admin1: str = ""  # governorate / first-level division name
    population: int = 0
    alt_names: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Article:
    """A news article as read from disk or pasted text."""

    path: str  # as given by the user; the key of every record derived from it
    text: str  # visible text only (HTML stripped), with the header line kept
    published: str | None = None  # ISO date or None
    title: str = ""
    outlet: str = ""


@dataclass(frozen=True)
class Mention:
    """A place name found in an article's text, resolved or not."""

    start: int
    end: int
    text: str
    place: Place | None
    confidence: float = 0.0

    def to_record(self, article: str) -> dict:
        p = self.place
        return {
            "article": article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": p.name if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "kind": p.kind if p else None,
            "country": p.country if p else None,
            "gazetteer_id": p.id if p else None,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Event:
    """One event reported by one sentence, with the sentence as evidence."""

    article: str
    published: str | None
    date: str | None
    date_precision: str | None  # "day" | "week" (about a week before) | "month" | "year" | None
    event_type: str  # one of EVENT_TYPES
    sub_event_type: str
    actors: tuple[str, ...]
    place: str | None
    lat: float | None
    lon: float | None
    place_precision: str | None  # "sentence" | "paragraph" | "article" | None
    fatalities: int | None
    quote: str
    start: int
    end: int
    gazetteer_id: str | None = None
    country: str | None = None
    admin1: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def to_record(self) -> dict:
        rec = asdict(self)
        rec["actors"] = list(self.actors)
        rec.pop("extra")
        return rec
