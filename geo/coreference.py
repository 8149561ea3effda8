"""Which place "the academy", "the prison" or "the port" of a sentence refers back to.

News names a site once with its place ("a military academy in Homs", "the
Ghweran prison", "Latakia's port") and then only as "the academy". A sentence
that reports an event at such a site, and names no place of its own, happened
where the site was named: the place written next to the same noun earlier in
the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from geo.models import Mention

#: Nouns of sites that news refers back to with "the <noun>".
SITE_NOUNS = (
    "academy", "airport", "base", "prison", "camp", "hospital", "school", "market", "factory", "plant",
    "field", "depot", "depots", "complex", "facility", "mosque", "church", "bridge", "crossing",
    "checkpoint", "garrison", "compound", "consulate", "embassy", "headquarters", "port", "station",
    "refinery", "silos", "university", "stadium", "ceremony", "centre", "center", "bunkers", "warehouse",
)
_THE_SITE = re.compile(rf"\bthe (?:[a-z-]+ )?({'|'.join(SITE_NOUNS)})\b",
                       re.IGNORECASE)
#: How many characters before the site's first naming are looked at.
_SPAN = 60


def site_noun(sentence: str) -> str | None:
    """The site noun of a definite reference in the sentence ("the academy"), if any."""
    m = _THE_SITE.search(sentence)
    return m.group(1).lower() if m else None


def site_antecedent(text: str, noun: str, earlier: Sequence[Mention],
                    is_metonym: Callable[[str, Mention], bool]) -> Mention | None:
    """The latest earlier mention written next to ``noun``.

    "academy in Homs", "academy at Homs", "Homs military academy", "Homs's academy".
    ``earlier`` are the mentions before the sentence, in text order.
    """
    pat_before = re.compile(rf"\b{noun}\s+(?:(?:in|at|near|outside|of)\s+)(?:the\s+)?"
                            r"(?:(?:town|city|village|province)\s+of\s+)?$", re.IGNORECASE)
    pat_after = re.compile(rf"^(?:['\u2019]s)?\s+(?:[\w-]+\s+){{0,2}}?{noun}\b", re.IGNORECASE)
    for m in reversed(earlier):
        if m.place is None or m.place.kind == "country" or is_metonym(text, m):
            continue
        before = text[max(0, m.start - _SPAN):m.start]
        if pat_before.search(before) or pat_after.match(text[m.end:m.end + 40]):
            return m
    return None


# "a military air base in central Syria was hit ... The Tiyas air base lies ...": a lead that names
# the kind of site but not the site; the next such site the article names is it
# (headlines drop the article: "drone kills three soldiers at Jordan outpost")
_INDEFINITE_SITE = re.compile(r"\b(?:an?|at(?! the\b)) (?:[\w-]+ ){0,2}?(air ?base|air ?field|airport|base|"
                              r"outpost|dam|border crossing|crossing|prison)\b", re.IGNORECASE)
_SITE_KINDS = {"outpost": ("base",), "dam": ("dam",), "crossing": ("crossing",),
               "border crossing": ("crossing",)}


def next_site(sentence: str, later: Sequence[Sequence[Mention]],
              is_metonym: Callable[[Mention], bool]) -> list[Mention]:
    """The site a lead's "a military air base" turns out to be: the first place of that kind in
    the following sentences' mentions (``later``)."""
    m = _INDEFINITE_SITE.search(sentence)
    if not m:
        return []
    kinds = _SITE_KINDS.get(re.sub(r"\s+", " ", m.group(1).lower()), ("base",))
    for mentions in later:
        for men in mentions:
            if men.place is not None and men.place.kind in kinds and not is_metonym(men):
                return [men]
    return []
