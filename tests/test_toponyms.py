"""Place-name extraction and disambiguation on sentences written for these tests."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo import ROOT
from geo.gazetteer import load_gazetteer
from geo.geodesy import place_km
from geo.models import Place
from geo.toponyms import find_mentions, is_metonym, resolve_spans

NONE = Path("/nonexistent/none.csv")


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(user_path=NONE, imported_path=NONE)


def near(place: Place | None, lat: float, lon: float, km: float) -> bool:
    return place is not None and place_km(place, Place("x", "x", lat, lon, "town", "")) <= km


def mentions(text, gaz):
    return {m.text: m for m in find_mentions(text, gaz)}


@pytest.mark.parametrize("sentence, surface, lat, lon, km", [
    ("Artillery hit Deir el-Zour overnight.", "Deir el-Zour", 35.34, 40.14, 25),
    ("Artillery hit Dayr az-Zawr overnight.", "Dayr az-Zawr", 35.34, 40.14, 25),
    ("Artillery hit Deir ez-Zor overnight.", "Deir ez-Zor", 35.34, 40.14, 25),
    ("Protesters gathered in Qamishlo.", "Qamishlo", 37.05, 41.23, 15),
    ("Protesters gathered in Qamishli.", "Qamishli", 37.05, 41.23, 15),
    ("Families fled Serekaniye.", "Serekaniye", 36.85, 40.07, 15),
    ("Families fled Ras al-Ain.", "Ras al-Ain", 36.85, 40.07, 15),
    ("Families fled Ras al-Ayn.", "Ras al-Ayn", 36.85, 40.07, 15),
    ("Patrols reached Tell Abiad.", "Tell Abiad", 36.70, 38.95, 15),
    ("Patrols reached Tal Abyad.", "Tal Abyad", 36.70, 38.95, 15),
    ("Shells fell on Kobane.", "Kobane", 36.89, 38.35, 15),
    ("Shells fell on Kobani.", "Kobani", 36.89, 38.35, 15),
    ("Shells fell on Ayn al-Arab.", "Ayn al-Arab", 36.89, 38.35, 15),
    ("Troops massed near Ain Issa.", "Ain Issa", 36.39, 38.86, 15),
    ("Troops massed near Ayn Issa.", "Ayn Issa", 36.39, 38.86, 15),
    ("Rockets landed in Kafr A\u2019wid.", "Kafr A\u2019wid", 35.64, 36.48, 20),
    ("Rockets landed in Kafr A'wid.", "Kafr A'wid", 35.64, 36.48, 20),
    ("A convoy entered through Kafr Losin.", "Kafr Losin", 36.28, 36.63, 20),
    ("Jets struck Barah at dawn.", "Barah", 35.68, 36.54, 15),
    ("Civilians left Talhia and Al-Bawabiya.", "Talhia", 35.87, 36.84, 40),
    ("A US convoy got stuck in Khirbet Ammu.", "Khirbet Ammu", 37.06, 41.31, 15),
    ("Aid trucks crossed at Bab al-Hawa.", "Bab al-Hawa", 36.23, 36.67, 10),
    ("Russian jets took off from Hmeimim.", "Hmeimim", 35.40, 35.95, 10),
    ("Missiles hit the T4 airbase in Homs.", "T4 airbase", 34.52, 37.63, 10),
    ("Traffic resumed on the M4 highway.", "M4 highway", 35.8, 36.6, 150),
    ("The Euphrates has fallen to record lows.", "Euphrates", 35.6, 39.3, 300),
    ("Fighting was reported in the ruins of Palmyra.", "Palmyra", 34.56, 38.27, 15),
])
def test_spellings_resolve_to_the_right_place(gaz, sentence, surface, lat, lon, km):
    found = mentions(sentence, gaz)
    assert surface in found, found
    assert near(found[surface].place, lat, lon, km), found[surface].place


def test_generic_names_one_letter_off_match_loosely(gaz):
    found = mentions("A convoy passed Kafr Lusim and Tal Rifaa.", gaz)
    assert near(found["Kafr Lusim"].place, 36.28, 36.63, 20)
    assert found["Kafr Lusim"].confidence < 0.9  # loose matches say they are less sure
    assert near(found["Tal Rifaa"].place, 36.47, 37.10, 10)


def test_offsets_point_into_the_original_text(gaz):
    text = "Overnight, Turkish drones struck al-Malikiyah and Derik's outskirts."
    for m in find_mentions(text, gaz):
        assert text[m.start:m.end] == m.text
    assert {m.text for m in find_mentions(text, gaz)} >= {"al-Malikiyah", "Derik"}


@pytest.mark.parametrize("sentence, surface, kind", [
    ("Clashes continued across Idlib province on Monday.", "Idlib", "governorate"),
    ("Clashes continued across the province of Idlib.", "Idlib", "governorate"),
    ("Clashes continued in the Hama countryside.", "Hama", "governorate"),
    ("Markets reopened in the city of Idlib.", "Idlib", "city"),
    ("Markets reopened in Raqqa city.", "Raqqa", "city"),
])
def test_cue_words_choose_governorate_or_city(gaz, sentence, surface, kind):
    found = [m for m in find_mentions(sentence, gaz) if m.text.startswith(surface)]
    assert found and found[0].place.kind == kind


def test_syria_wins_over_namesakes_elsewhere(gaz):
    text = "Shelling hit Tadmur and Safita, while residents of Saida near Ain Issa fled."
    found = mentions(text, gaz)
    assert found["Tadmur"].place.country == "SY" and found["Safita"].place.country == "SY"
    # Saida is also Sidon in Lebanon; named beside Ain Issa it is the Syrian village
    assert near(found["Saida"].place, 36.40, 38.93, 20)


def test_places_named_together_pull_each_other(gaz):
    from geo.placecontext import score

    sy = gaz.lookup("Ain Issa")[0]
    far = Place("x:far", "Faraway", 30.0, 30.0, "village", "SY")
    close = Place("x:close", "Close", sy.lat + 0.05, sy.lon, "village", "SY")
    assert score(close, set(), [sy], set()) > score(far, set(), [sy], set())


@pytest.mark.parametrize("sentence", [
    "The Hama Brigade announced new recruits.",
    "Students returned to Aleppo University this week.",
    "A statement by the Damascus Security Office was read out.",
    "State news agency SANA carried the statement.",
    "According to Sana, the road reopened.",
    "The Manbij Military Council denied the report.",
    "Operation Olive Branch began in January.",
    "Turkish President Recep Tayyip Erdogan spoke to reporters.",
    "President Bashar al-Assad met the envoy.",
    "SDF spokesman Mustafa Bali denied it.",
    "Hayat Tahrir al-Sham and Ahrar al-Sham exchanged fire.",
    "Some observers said One would expect Bar owners to close.",
    "May brought rain. Can they stop it? Of course. Bar owners and Mari agreed, Tal said.",
    "Read more: Turkey shells Kobani\n",
])
def test_not_places(gaz, sentence):
    resolved = [m.text for m in find_mentions(sentence, gaz) if m.place is not None
                and m.place.kind not in ("country",)]
    assert resolved == []


def test_lowercase_words_are_never_places(gaz):
    assert find_mentions("they said the bar was open and may close, as can happen in hama", gaz) == []


@pytest.mark.parametrize("sentence, surface, expected", [
    ("Moscow warned that the truce was at risk.", "Moscow", True),
    ("Tensions between Washington and Ankara rose.", "Washington", True),
    ("Tensions between Washington and Ankara rose.", "Ankara", True),
    ("Militias loyal to Damascus shelled the town.", "Damascus", True),
    ("Damascus-backed forces advanced.", "Damascus", True),
    ("A car bomb exploded in Damascus on Monday.", "Damascus", False),
    ("Protesters in Damascus said prices had doubled.", "Damascus", False),
    ("A bombing in Istanbul killed six.", "Istanbul", False),
])
def test_government_metonyms(gaz, sentence, surface, expected):
    m = next(m for m in find_mentions(sentence, gaz) if m.text == surface)
    assert is_metonym(sentence, m) is expected


def test_unknown_names_marked_as_places_are_unresolved_mentions(gaz):
    found = mentions("Drones hit the village of Umm Zaytuna al-Gharbiya and Kafr Qutnaya.", gaz)
    assert "Kafr Qutnaya" in found and found["Kafr Qutnaya"].place is None


@pytest.mark.parametrize("surface, country", [
    ("Turkish", "TR"), ("Syrian", "SY"), ("Russian", "RU"), ("Iranian", "IR"), ("Iraqi", "IQ"),
])
def test_resolve_demonyms_to_countries(gaz, surface, country):
    text = f"The {surface} delegation arrived."
    start = text.index(surface)
    (m,) = resolve_spans(text, [(start, start + len(surface))], gaz)
    assert m.place.kind == "country" and m.place.country == country


def test_resolve_uses_the_whole_text_as_context(gaz):
    text = "Clashes erupted in Idlib province. Later, Idlib was quiet; Saida near Ain Issa was shelled."
    spans = [(text.index("Idlib"), text.index("Idlib") + 5), (text.index("Saida"), text.index("Saida") + 5),
             (0, 7)]
    got = resolve_spans(text, spans, gaz)
    assert got[0].place.kind == "governorate"
    assert near(got[1].place, 36.40, 38.93, 20)
    assert got[2].confidence <= 0.1  # "Clashes" names no place: at most a low-confidence stand-in


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True, cwd=ROOT,
                          input=stdin, timeout=120)


def test_places_command_reports_unreadable_files_and_goes_on(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Shelling hit Saraqib and Maarat al-Numan on Monday.", encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    proc = _cli("places", str(good), str(bad), str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    assert "b.txt" in proc.stderr and "missing.txt" in proc.stderr
    recs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {r["text"] for r in recs} == {"Saraqib", "Maarat al-Numan"}
    assert set(recs[0]) == {"article", "start", "end", "text", "name", "lat", "lon", "kind", "country",
                            "gazetteer_id", "confidence"}


def test_resolve_command(tmp_path):
    text = "Turkish troops entered Afrin."
    f = tmp_path / "spans.jsonl"
    f.write_text(json.dumps({"id": "a1", "text": text, "spans": [[0, 7], [23, 28]]}) + "\nnot json\n",
                 encoding="utf-8")
    proc = _cli("resolve", str(f))
    assert proc.returncode == 1 and "spans.jsonl:2" in proc.stderr
    recs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in recs] == ["a1", "a1"]
    assert recs[0]["country"] == "TR" and recs[0]["kind"] == "country"
    assert recs[1]["name"] == "Afrin" and recs[1]["gazetteer_id"]


@pytest.mark.parametrize("surface, kind, country", [
    ("north-eastern Syria", "country", "SY"),
    ("US-backed", "country", "US"),
    ("the Golan Heights", "region", "SY"),
    ("Idlib's southern countryside", "governorate", "SY"),
    ("Kafr Lusein", "crossing", "SY"),
])
def test_resolve_trims_and_loosens_given_spans(gaz, surface, kind, country):
    text = f"Reports came from {surface} on Sunday."
    start = text.index(surface)
    (m,) = resolve_spans(text, [(start, start + len(surface))], gaz)
    assert m.place is not None and (m.place.kind, m.place.country) == (kind, country)


def test_surname_of_a_named_person_is_not_a_town_abroad(gaz):
    text = "US Defense Secretary Lloyd Austin landed in Erbil. Austin said troops in Hasakah would stay."
    found = [m.text for m in find_mentions(text, gaz) if m.place]
    assert "Austin" not in found and {"US", "Erbil", "Hasakah"} <= set(found)


def test_acronyms_of_countries(gaz):
    found = mentions("The U.S. and the UK backed the UAE plan, not us.", gaz)
    assert found["U.S."].place.country == "US" and found["UK"].place.country == "GB"
    assert found["UAE"].place.country == "AE" and "us" not in found


def test_hyphenated_backing_is_a_metonym(gaz):
    text = "fighters of the US-backed SDF"
    (m,) = [m for m in find_mentions(text, gaz) if m.text == "US"]
    assert is_metonym(text, m)


@pytest.mark.parametrize("text", [
    "", "   ", "\n\n", "!!!", "Al-", "al", "'s", "U.S", "Kafr", "Tal al-", "A" * 5000,
    "Idlib " * 2000, "\u0625\u062f\u0644\u0628 \u062d\u0644\u0628", "Ra\u2019s", "-Aleppo-", "Aleppo's's",
])
def test_odd_text_never_raises_and_offsets_hold(gaz, text):
    for m in find_mentions(text, gaz):
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("word", ["They", "Hamas", "Shia", "Souq", "Sham", "Khorasan", "Monday", "Islamic",
                                  "Beni"])
def test_frequent_capitalised_words_are_not_places(gaz, word):
    assert [m for m in find_mentions(f"It was quiet. {word} was mentioned again.", gaz) if m.place] == []


@pytest.mark.parametrize("text, surface, lat, lon", [
    ("Rebels advanced on Souran and Taybat al-Imam north of Hama.", "Souran", 35.29, 36.75),
    ("Turkish-backed factions shelled Souran near Azaz and Akhtarin.", "Souran", 36.57, 37.21),
    ("YPG units in Tal Rifaat and the Shahba area were shelled.", "Shahba", 36.42, 37.10),
    ("Druze leaders met in Shahba and Suwayda city.", "Shahba", 32.85, 36.63),
])
def test_syrian_namesakes_follow_their_neighbours(gaz, text, surface, lat, lon):
    assert near(mentions(text, gaz)[surface].place, lat, lon, 15)


def test_province_cue_beats_nearby_places(gaz):
    text = "Shelling hit Saraqib, Sarmin and Binnish in Idlib province."
    assert mentions(text, gaz)["Idlib province"].place.kind == "governorate"


def test_hyphenated_place_pairs_and_longer_unknown_names(gaz):
    found = mentions("Gunmen blocked the Damascus-Sweida highway; fighters gathered in Busra al-Harir "
                     "and Kafr Shams al-Jadida.", gaz)
    assert found["Sweida"].place.country == "SY"
    assert near(found["Busra al-Harir"].place, 32.84, 36.34, 10)
    assert "Kafr Shams" not in found or found["Kafr Shams"].place is None  # the longer name is unknown


def test_resolve_stands_in_the_nearest_place_of_the_sentence_for_unknown_names(gaz):
    text = "Israeli troops raided the village of Umm Zzzbatna near Quneitra. Moscow warned. Xyzabad was calm."
    spans = [(text.index("Umm Zzzbatna"), text.index("Umm Zzzbatna") + 12),
             (text.index("Xyzabad"), text.index("Xyzabad") + 7)]
    first, second = resolve_spans(text, spans, gaz)
    assert first.place.name == "Quneitra" and first.confidence < 0.2
    assert second.place is None  # nothing specific in its sentence: better unknown than a guess


def test_first_names_alone_are_people(gaz):
    found = mentions("Omar Alloush was killed. Omar said. Troops returned to al-Omar field.", gaz)
    assert set(found) == {"al-Omar field"}


def test_place_before_a_generic_noun_is_kept(gaz):
    assert mentions("Civilians fled the Afrin Canton.", gaz)["Afrin"].place.country == "SY"


def test_border_twins_keep_their_sides(gaz):
    found = mentions("Shelling from Ceylanpinar hit Ras al-Ain; Serekaniye's hospital and Rasalain "
                     "market burned.", gaz)
    assert found["Ceylanpinar"].place.country == "TR"
    assert {found[s].place.country for s in ("Ras al-Ain", "Serekaniye", "Rasalain")} == {"SY"}


def test_a_compound_name_after_a_preposition_is_one_place(gaz):
    found = mentions("On Wednesday the fighting moved to Ashrafiyat Sahnaya, south-west of the capital.", gaz)
    assert found["Ashrafiyat Sahnaya"].place.country == "SY"
    # people keep their names
    assert "Abdi" not in mentions("Talks with Mazloum Abdi were held in Hasakah.", gaz)


def test_plain_words_get_no_stand_in(gaz):
    text = "Clashes erupted near Quneitra. Shelling hit the camp near Quneitra."
    spans = [(0, 7), (text.index("Shelling"), text.index("Shelling") + 8),
             (text.index("the camp"), text.index("the camp") + 8)]
    assert [m.place for m in resolve_spans(text, spans, gaz)] == [None, None, None]


def test_a_name_written_with_the_arabic_article_is_not_a_city_outside_the_arab_world(gaz):
    found = mentions("Jets pounded districts of Aleppo including al-Mashhad on Wednesday.", gaz)
    assert found["al-Mashhad"].place is None or found["al-Mashhad"].place.country == "SY"
    assert mentions("Troops flew from El Paso.", gaz)["El Paso"].place.country == "US"


def test_a_name_placed_near_another_keeps_a_nearby_reading_or_stands_in(gaz):
    found = mentions("Strikes hit bunkers near the town of Ayyash, north-west of Deir al-Zor city.", gaz)
    assert near(found["Ayyash"].place, 35.33, 40.14, 40)
    found = mentions("The camp at Jabal Xqzwy, a hill near the town of Kafr Takharim, was hit.", gaz)
    assert found["Jabal Xqzwy"].place.name == "Kafr Takharim" and found["Jabal Xqzwy"].confidence <= 0.1
    assert mentions("Fighting in Aleppo, north of Damascus.", gaz)["Aleppo"].place.country == "SY"
    assert near(mentions("Fighting in Aleppo, north of Damascus.", gaz)["Aleppo"].place, 36.2, 37.16, 30)


def test_a_neighbourhood_is_near_the_city_the_text_names(gaz):
    text = ("Fighting broke out in the Tayy district of Qamishli. The militia left the Tayy "
            "neighbourhood on Saturday.")
    found = [m for m in find_mentions(text, gaz) if m.text == "Tayy"]
    assert found and all(m.place is None or near(m.place, 37.05, 41.23, 30) for m in found)


def test_a_name_before_airbase_is_the_base(gaz):
    found = mentions("The Nayrab military airbase shares the airport's runways.", gaz)
    assert found["Nayrab"].place.kind == "base" and near(found["Nayrab"].place, 36.18, 37.22, 10)
    assert mentions("Shelling hit Nayrab near Saraqib.", gaz)["Nayrab"].place.kind == "village"


def test_local_news_networks_and_far_namesakes_of_villages_are_no_places(gaz):
    found = mentions("according to the news network Suwayda 24, jets hit Salkhad.", gaz)
    assert "Suwayda" not in found and "Salkhad" in found
    found = mentions("Jets hit the village of Ormanqq and Salkhad in Sweida.", gaz)
    assert found["Ormanqq"].place is None
    assert mentions("Strikes hit Dirbêsiyê.", gaz)["Dirbêsiyê"].place.country == "SY"


def test_a_town_listed_with_others_is_not_a_namesake_far_away(gaz):
    found = mentions("They were taken from the towns of Ruhaiba, Jayrud and al-Nasiriyah to Jarablus.", gaz)
    assert found["al-Nasiriyah"].place is None or found["al-Nasiriyah"].place.country == "SY"
    found = mentions("Delegations from Damascus, Baghdad and Amman met.", gaz)
    assert found["Baghdad"].place.country == "IQ"
