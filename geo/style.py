"""Colours and labels shared by the interactive map and the static export.

Both renderers read these tables so that a briefing picture matches the
dashboard exactly.
"""

from __future__ import annotations

#: ACLED event type -> marker colour.
EVENT_COLORS: dict[str, str] = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
}

#: Faction key -> (label, fill colour). Keys are what zone data stores.
FACTIONS: dict[str, tuple[str, str]] = {
    "government": ("Syrian government and allies", "#e6553a"),
    "transitional": ("Transitional government (from 8 Dec 2024)", "#6a9c3a"),
    "sdf": ("SDF", "#f2d43d"),
    "turkey_sna": ("Turkey and Turkish-backed SNA", "#4a8fd6"),
    "hts": ("HTS and other Idlib opposition", "#3f9e8c"),
    "opposition": ("Other opposition", "#9bc45a"),
    "islamic_state": ("Islamic State", "#555555"),
    "coalition": ("US-led coalition garrison", "#b07ad6"),
    "contested": ("Contested", "#bdbdbd"),
}

#: Agreement zones are drawn as outlines in this colour.
AGREEMENT_COLOR = "#222222"


def faction_label(key: str) -> str:
    """Human label of a faction key (the key itself when unknown)."""
    return FACTIONS.get(key, (key, ""))[0]


def faction_color(key: str) -> str:
    """Fill colour of a faction key (grey when unknown)."""
    return FACTIONS.get(key, ("", "#999999"))[1]


def event_color(event_type: str) -> str:
    """Marker colour of an ACLED event type (black when unknown)."""
    return EVENT_COLORS.get(event_type, "#000000")
