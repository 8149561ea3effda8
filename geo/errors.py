"""One exception family for the whole package.

Every error the package raises on purpose derives from :class:`GeoError`; each
subclass also inherits the builtin it most resembles, so callers that catch
``ValueError`` or ``OSError`` keep working (the pattern of ``geopy.exc``).
Finding nothing is not an error: lookups return ``None`` or an empty list.
"""

from __future__ import annotations


class GeoError(Exception):
    """Root of every error raised on purpose by ``geo``."""


class InputError(GeoError, ValueError):
    """An input file or value cannot be used (encoding, emptiness, binary, syntax).

    The message names the file (or value) and the problem.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class GazetteerError(GeoError, ValueError):
    """The gazetteer or a place row is malformed (bad coordinates, unknown kind ...)."""


class ZoneError(GeoError, ValueError):
    """A control-zone file or feature is malformed (bad geometry, faction, dates)."""


class StoreError(GeoError, OSError):
    """The embedded store cannot be read or written."""


class ExportError(GeoError, OSError):
    """An export cannot be written (missing folder, unknown format, bad size)."""
