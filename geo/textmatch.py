"""Fast case-insensitive matching of many patterns over the same sentence.

Python's ``re.IGNORECASE`` makes large alternations several times slower. The
rule tables of :mod:`geo.eventtypes` and :mod:`geo.actors` are instead compiled
in lower case and run over the lower-cased sentence, which keeps offsets as long
as lower-casing does not change the text's length (true for the scripts news in
English uses; otherwise the slow case-insensitive pattern is used).
"""

from __future__ import annotations

import re


def fold_pattern(pattern: str) -> str:
    """Lower-case the literal letters of a regular expression, leaving escapes alone.

    ``\\W``, ``\\S``, ``\\B``, ``\\D`` keep their meaning (lower-casing them would
    invert it); character classes written with capitals must not be folded, so
    callers keep such patterns case-sensitive.
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(pattern[i:i + 2])
            i += 2
            continue
        out.append(pattern[i].lower())
        i += 1
    return "".join(out)


class FoldedPattern:
    """A case-insensitive pattern run on lower-cased text when that is safe."""

    __slots__ = ("folded", "slow", "cased")

    def __init__(self, pattern: str, case_sensitive: bool = False) -> None:
        self.cased = re.compile(pattern) if case_sensitive else None
        self.folded = re.compile(fold_pattern(pattern))
        self.slow = re.compile(pattern, re.IGNORECASE)

    def finditer(self, text: str, lowered: str | None = None):
        """Matches over ``text``; pass ``lowered = text.lower()`` when matching many patterns."""
        if self.cased is not None:  # capitals matter ("took Saraqib" vs "took part")
            return self.cased.finditer(text)
        low = text.lower() if lowered is None else lowered
        if len(low) != len(text):
            return self.slow.finditer(text)
        return self.folded.finditer(low)
