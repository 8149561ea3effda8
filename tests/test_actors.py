"""Actor normalisation."""

from __future__ import annotations

import pytest

from geo.actors import ACTORS, actor_mentions, find_actors

REQUIRED = ["Syrian government forces", "Russia", "Turkey", "Turkish-backed SNA", "SDF", "United States",
            "US-led coalition", "Islamic State", "HTS", "Syrian opposition", "Iran-backed militias",
            "Hezbollah", "Israel", "Civilians", "Kurdish PKK"]


def test_documented_list_has_the_required_actors():
    assert set(REQUIRED) <= set(ACTORS)


@pytest.mark.parametrize("sentence,expected", [
    ("SAA units pushed north of Hama.", ("Syrian government forces",)),
    ("Regime helicopters dropped barrel bombs.", ("Syrian government forces",)),
    ("Forces loyal to President Bashar al-Assad advanced.", ("Syrian government forces",)),
    ("Pro-government militiamen blocked the road.", ("Syrian government forces",)),
    ("The US-backed Syrian Democratic Forces held the dam.", ("SDF",)),
    ("YPG fighters withdrew from the town.", ("SDF",)),
    ("Kurdish-led forces arrested suspects.", ("SDF",)),
    ("Daesh cells attacked a checkpoint.", ("Islamic State",)),
    ("ISIL claimed the blast.", ("Islamic State",)),
    ("IS fighters ambushed a bus.", ("Islamic State",)),
    ("Hayat Tahrir al-Sham fighters shelled the town.", ("HTS",)),
    ("Jabhat al-Nusra held the crossing.", ("HTS",)),
    ("Turkish-backed rebels entered the village.", ("Turkish-backed SNA",)),
    ("The Syrian National Army took the hill.", ("Turkish-backed SNA",)),
    ("Free Syrian Army units regrouped.", ("Syrian opposition",)),
    ("Iranian-backed militias moved east.", ("Iran-backed militias",)),
    ("An IRGC adviser was killed.", ("Iran-backed militias",)),
    ("Hezbollah fighters crossed from Lebanon.", ("Hezbollah",)),
    ("Israeli jets hit a depot.", ("Israel",)),
    ("The Kurdistan Workers' Party denied involvement.", ("Kurdish PKK",)),
    ("Coalition jets struck a hideout.", ("US-led coalition",)),
    ("The US-led coalition confirmed the raid.", ("US-led coalition",)),
    ("American troops returned fire.", ("United States",)),
    ("U.S. forces patrolled the oil fields.", ("United States",)),
    ("Russian warplanes bombed the market, killing civilians.", ("Russia", "Civilians")),
    ("Turkish troops and Russian military police patrolled.", ("Turkey", "Russia")),
])
def test_find_actors(sentence, expected):
    assert find_actors(sentence) == expected


def test_backer_is_not_an_actor():
    assert find_actors("Russian-backed Syrian government forces advanced.") == ("Syrian government forces",)
    assert "United States" not in find_actors("US-backed fighters held the line.")


def test_sdf_is_not_the_government():
    assert "Syrian government forces" not in find_actors("Syrian Democratic Forces fighters regrouped.")


def test_lowercase_is_is_not_islamic_state():
    assert find_actors("The town is quiet.") == ()


def test_transitional_government_after_december_2024():
    assert find_actors("Government forces shelled the hills.", "2025-03-07") == ("Syrian"
                                                                                 " transitional government",)
    assert find_actors("Government forces shelled the hills.", "2019-03-07") == ("Syrian government forces",)


def test_mentions_have_offsets():
    s = "Clashes between the SDF and Turkish troops."
    ms = actor_mentions(s)
    assert [(m.actor, s[m.start:m.end]) for m in ms] == [("SDF", "SDF"), ("Turkey", "Turkish")]


def test_no_actor():
    assert find_actors("The weather was cold.") == ()
