"""Event extraction from hand-built articles and mentions (no gazetteer needed)."""

from __future__ import annotations

import re

import pytest

from geo.actors import actor_mentions
from geo.events import extract_events, on_map, to_frame
from geo.eventtypes import classify
from geo.fatalities import fatalities
from geo.models import Article, Mention, Place
from geo.sentences import split_sentences
from geo.triggers import find_triggers

PLACES = {
    "Idlib": Place("t:idlib", "Idlib", 35.93, 36.63, "city", "SY", "Idlib", 165000),
    "Idlib province": Place("t:idlib-gov", "Idlib Governorate", 35.8, 36.6, "governorate", "SY", "Idlib"),
    "Saraqib": Place("t:saraqib", "Saraqib", 35.86, 36.80, "town", "SY", "Idlib", 30000),
    "Nayrab": Place("t:nayrab", "Nayrab", 35.85, 36.73, "village", "SY", "Idlib", 3000),
    "Tal Abyad": Place("t:tal-abyad", "Tal Abyad", 36.70, 38.95, "town", "SY", "Raqqa", 15000),
    "Ras al-Ayn": Place("t:ras-al-ayn", "Ras al-Ayn", 36.85, 40.07, "town", "SY", "Hasakah", 30000),
    "Qamishli": Place("t:qamishli", "Qamishli", 37.05, 41.22, "city", "SY", "Hasakah", 180000),
    "Syria": Place("t:sy", "Syria", 35.0, 38.5, "country", "SY"),
    "Moscow": Place("t:moscow", "Moscow", 55.75, 37.62, "city", "RU", "", 10000000),
    "Ankara": Place("t:ankara", "Ankara", 39.92, 32.85, "city", "TR", "", 3500000),
    "Turkey": Place("t:tr", "Turkey", 39.0, 35.0, "country", "TR"),
    "Gaziantep": Place("t:gaziantep", "Gaziantep", 37.06, 37.38, "city", "TR", "", 1500000),
    "Manbij": Place("t:manbij", "Manbij", 36.53, 37.95, "city", "SY", "Aleppo", 100000),
    "Damascus": Place("t:damascus", "Damascus", 33.51, 36.29, "city", "SY", "Damascus", 2000000),
    "Douma": Place("t:douma", "Douma", 33.57, 36.40, "city", "SY", "Rif Dimashq", 110000),
    "Sahnaya": Place("t:sahnaya", "Sahnaya", 33.43, 36.23, "town", "SY", "Rif Dimashq", 30000),
    "Middle East": Place("t:mideast", "Middle East", 29.0, 41.0, "region", ""),
    "Jordan": Place("t:jo", "Jordan", 31.0, 36.5, "country", "JO"),
    "Rukban": Place("t:rukban", "Rukban", 33.3, 38.7, "base", "JO"),
}


def mentions_for(text: str, names: list[str]) -> list[Mention]:
    """Every occurrence of each name, resolved to the test place of that name."""
    out = []
    for name in names:
        surface = name.replace(" province", "")
        for m in re.finditer(re.escape(surface), text):
            if name.endswith("province") and not text.startswith(" province", m.end()):
                continue
            out.append(Mention(m.start(), m.end(), surface, PLACES[name], 0.9))
    return out


def events_of(text: str, names: list[str], published: str | None = "2020-02-28"):
    art = Article(path="t.txt", text=text, published=published)
    return extract_events(art, mentions_for(text, names))


def test_strike_on_a_town_is_located_dated_and_counted():
    text = "Russian warplanes struck Saraqib on Wednesday, killing five civilians, a monitor said."
    (ev,) = events_of(text, ["Saraqib"])
    assert ev.event_type == "Explosions/Remote violence" and ev.sub_event_type == "Air/drone strike"
    assert (ev.place, ev.place_precision) == ("Saraqib", "sentence")
    assert (ev.date, ev.date_precision) == ("2020-02-26", "day")
    assert ev.actors == ("Russia", "Civilians")
    assert ev.fatalities == 5
    assert text[ev.start:ev.end] == ev.quote == text
    assert ev.published == "2020-02-28" and ev.article == "t.txt"


def test_most_specific_place_wins():
    text = "Government troops recaptured Nayrab, east of Idlib, after heavy clashes."
    (ev,) = events_of(text, ["Nayrab", "Idlib"])
    assert ev.place == "Nayrab"
    assert ev.event_type == "Battles" and ev.sub_event_type == "Government regains territory"


def test_non_state_capture():
    text = "HTS fighters captured the town of Saraqib after a night of fighting."
    (ev,) = events_of(text, ["Saraqib"])
    assert ev.sub_event_type == "Non-state actor overtakes territory" and ev.actors == ("HTS",)


def test_metonym_capital_is_not_a_location():
    text = "Moscow warned that rockets fired from Idlib had hit its positions."
    evs = events_of(text, ["Moscow", "Idlib"])
    assert evs and all(ev.place == "Idlib" for ev in evs)


def test_syrian_place_preferred_over_foreign_city():
    text = "Turkish artillery in Gaziantep province shelled Manbij overnight."
    (ev,) = events_of(text, ["Gaziantep", "Manbij"])
    assert ev.place == "Manbij"


def test_foreign_place_used_when_it_is_the_scene():
    text = "A car bomb exploded in Ankara on Monday, killing two people."
    (ev,) = events_of(text, ["Ankara"])
    assert ev.place == "Ankara" and ev.sub_event_type == "Remote explosive/landmine/IED"
    assert ev.fatalities == 2


def test_paragraph_then_article_fallback():
    text = ("Residents of Qamishli described a tense morning.\n\n"
            "A patrol came under fire near a checkpoint and soldiers returned fire on Tuesday.")
    (ev,) = events_of(text, ["Qamishli"])
    assert ev.place == "Qamishli" and ev.place_precision == "article"
    assert ev.event_type == "Battles"
    text2 = "Residents of Qamishli described a tense morning. A patrol came under fire and returned fire."
    (ev2,) = events_of(text2, ["Qamishli"])
    assert ev2.place_precision == "paragraph"


def test_places_listed_together_each_get_an_event():
    text = "Joint patrols began in the strip between Tal Abyad and Ras al-Ayn on Thursday."
    evs = events_of(text, ["Tal Abyad", "Ras al-Ayn"])
    assert [e.place for e in evs] == ["Tal Abyad", "Ras al-Ayn"]
    assert {e.event_type for e in evs} == {"Strategic developments"}


def test_no_place_gives_event_without_coordinates():
    (ev,) = events_of("Gunmen abducted two aid workers on Sunday.", [])
    assert ev.event_type == "Violence against civilians"
    assert ev.sub_event_type == "Abduction/forced disappearance"
    assert ev.place is None and ev.lat is None and ev.place_precision is None


def test_country_only_sentence_uses_country():
    (ev,) = events_of("Israeli jets struck targets in Syria on Monday.", ["Syria"])
    assert ev.place == "Syria" and ev.event_type == "Explosions/Remote violence"


@pytest.mark.parametrize("sentence", [
    "Ankara threatened to strike Saraqib if its troops were harmed.",
    "Officials warned that a new offensive on Saraqib is imminent.",
    "A recapture of Saraqib would be a major victory.",
    "Will the army attack Saraqib next?",
    "The rebels did not attack Saraqib.",
    "Turkey may soon launch an offensive against Saraqib.",
])
def test_hypothetical_sentences_give_no_event(sentence):
    assert events_of(sentence, ["Saraqib"]) == []


def test_undated_article_keeps_relative_dates_unknown():
    (ev,) = events_of("Shelling hit Saraqib on Monday.", ["Saraqib"], published=None)
    assert ev.date is None and ev.date_precision is None
    (ev2,) = events_of("Shelling hit Saraqib on 3 February 2020.", ["Saraqib"], published=None)
    assert ev2.date == "2020-02-03"


def test_sentence_without_date_takes_publication_as_week():
    (ev,) = events_of("Clashes erupted around Saraqib.", ["Saraqib"])
    assert (ev.date, ev.date_precision) == ("2020-02-28", "week")


def test_day_from_previous_sentence_of_paragraph():
    text = "Officials said on Tuesday that fighting had resumed. Clashes erupted around Saraqib."
    evs = events_of(text, ["Saraqib"])
    assert evs[-1].date == "2020-02-25"


def test_repeated_sentence_gives_one_event():
    s = "Shelling hit Saraqib on Monday."
    assert len(events_of(s + "\n\n" + s, ["Saraqib"])) == 1


@pytest.mark.parametrize("sentence,etype,sub", [
    ("Hundreds of protesters rallied in Idlib against the siege.", "Protests", "Peaceful protest"),
    ("Police fired tear gas to disperse demonstrators in Idlib.", "Protests", "Protest with intervention"),
    ("Security forces opened fire on protesters in Idlib, killing three.", "Protests",
     "Excessive force against protesters"),
    ("Rioters torched a police station in Idlib.", "Riots", "Violent demonstration"),
    ("A suicide bomber blew himself up at a checkpoint in Idlib.", "Explosions/Remote violence",
     "Suicide bomb"),
    ("A roadside bomb hit a bus in Idlib.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Artillery shells landed on Idlib.", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Rebels and government troops clashed in Idlib.", "Battles", "Armed clash"),
    ("Gunmen executed four villagers in Idlib.", "Violence against civilians", "Attack"),
    ("Russia and Turkey signed a ceasefire agreement for Idlib.", "Strategic developments", "Agreement"),
    ("Security forces arrested dozens of men in Idlib.", "Strategic developments", "Arrests"),
    ("Turkish troops withdrew from an observation post in Idlib.", "Strategic developments",
     "Non-violent transfer of territory"),
    ("Turkey established a new base in Idlib.", "Strategic developments", "Headquarters or base established"),
    ("Engineers defused an explosive device in Idlib.", "Strategic developments", "Disrupted weapons use"),
    ("Two factions in Idlib merged into a new alliance.", "Strategic developments",
     "Change to group/activity"),
    ("A Turkish convoy of 40 vehicles entered Idlib.", "Strategic developments", "Other"),
])
def test_types(sentence, etype, sub):
    (ev,) = events_of(sentence, ["Idlib"])
    assert (ev.event_type, ev.sub_event_type) == (etype, sub)


def test_killing_civilians_without_fighting_is_violence_against_civilians():
    got = classify("Gunmen killed three civilians near the market.",
                   actor_mentions("Gunmen killed three civilians near the market."))
    assert got is not None and got[0] == "Violence against civilians"


def test_question_has_no_trigger():
    assert find_triggers("Who shelled the market?") == []


@pytest.mark.parametrize("sentence,expected", [
    ("The blast killed six, including two children.", 6),
    ("At least 12 people were killed in the raid.", 12),
    ("Artillery fire hit the base, killing 33 soldiers.", 33),
    ("One man was killed and another wounded.", 1),
    ("Fourteen Turks, most of them soldiers, were killed.", 14),
    ("The death toll rose to 20.", 20),
    ("Twenty-one fighters died in the assault.", 21),
    ("Dozens were killed.", None),
    ("Four people were wounded.", None),
    ("No soldiers were killed.", None),
    ("Many died in 2016 in the siege.", None),
    ("The strike left 7 dead.", 7),
    ("The strike left 7 wounded.", None),
])
def test_fatalities(sentence, expected):
    assert fatalities(sentence) == expected


def test_sentence_splitter_keeps_offsets_and_abbreviations():
    text = ("Lt. Gen. Smith met U.S. officials on Feb. 7 in Ankara. The talks ended.\n\n"
            "Read more: Another story here\nFighting resumed.The army advanced.")
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Lt. Gen. Smith met U.S. officials on Feb. 7 in Ankara.", "The talks ended.",
        "Read more: Another story here", "Fighting resumed.", "The army advanced."]
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert [s.boilerplate for s in sents] == [False, False, True, False, False]


def test_header_line_is_not_part_of_a_sentence():
    text = "date 2020-01-01 Troops advanced on the town."
    (s,) = split_sentences(text)
    assert s.text == "Troops advanced on the town."


def test_to_frame():
    evs = events_of("Russian jets struck Saraqib. Gunmen abducted a farmer on Sunday.", ["Saraqib"])
    gdf = to_frame(evs)
    assert gdf.crs.to_epsg() == 4326 and len(gdf) == 2
    assert gdf.iloc[0].geometry.x == pytest.approx(36.80)
    assert gdf.iloc[0]["actors"] == "Russia"
    assert "quote" in gdf.columns and "extra" not in gdf.columns
    assert to_frame([]).crs.to_epsg() == 4326


def test_each_clause_gives_its_own_event_and_date():
    text = "Manbij fell to the factions on Monday, and Saraqib was taken on Wednesday."
    evs = events_of(text, ["Manbij", "Saraqib"], published="2020-02-28")
    got = {(e.place, e.date) for e in evs}
    assert got == {("Manbij", "2020-02-24"), ("Saraqib", "2020-02-26")}
    assert all(e.event_type == "Battles" for e in evs)


def test_strike_and_fighting_in_one_sentence_give_two_types():
    text = "Jets struck Saraqib on Thursday as rebels fought their way back into the town."
    types = {e.event_type for e in events_of(text, ["Saraqib"])}
    assert types == {"Explosions/Remote violence", "Battles"}


def test_date_of_an_embedded_earlier_event_is_not_used():
    text = "On Sunday the rebels took Saraqib, a town that government forces had captured in early 2020."
    (ev,) = events_of(text, ["Saraqib"], published="2024-12-02")
    assert ev.date == "2024-12-01" and ev.sub_event_type == "Non-state actor overtakes territory"


def test_origin_is_not_the_scene_of_a_protest():
    text = ("Clashes went on around Manbij.\n\n"
            "Buses brought residents from Qamishli and Idlib to a sit-in near the front line.")
    evs = events_of(text, ["Manbij", "Qamishli", "Idlib"])
    protest = [e for e in evs if e.event_type == "Protests"]
    assert protest and protest[0].place == "Manbij"


def test_convoy_located_at_its_crossing_point():
    text = "A convoy of 30 trucks entered the province from Saraqib on Monday."
    (ev,) = events_of(text, ["Saraqib"])
    assert ev.place == "Saraqib" and ev.sub_event_type == "Other"


def test_the_town_refers_back_to_the_last_scene():
    text = ("Government troops captured Nayrab, near Idlib, on Monday.\n\n"
            "Rebels said they had withdrawn from the town under heavy air strikes.")
    evs = events_of(text, ["Nayrab", "Idlib"])
    later = [e for e in evs if e.start >= text.index("Rebels")]
    assert later and all(e.place == "Nayrab" for e in later)


def test_reactions_to_an_attack_are_not_events():
    assert events_of("Ankara condemned the attack on Saraqib.", ["Saraqib"]) == []


def test_place_in_a_since_phrase_is_not_the_scene():
    text = "A drone struck a base in Syria, the first deaths since the war in Idlib began."
    (ev,) = events_of(text, ["Syria", "Idlib"])
    assert ev.place == "Syria"


def test_part_of_syria_filters_context_places():
    text = ("A landmine killed two shepherds near Idlib on Monday.\n\n"
            "Separately, troops clashed with militants in north-east Syria on Tuesday.")
    evs = events_of(text, ["Idlib"])
    clash = [e for e in evs if e.event_type == "Battles"]
    assert clash and clash[0].place != "Idlib"


def test_captured_person_is_an_arrest():
    (ev,) = events_of("Coalition forces captured a senior IS commander near Manbij.", ["Manbij"])
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Arrests")


def test_acting_foreign_country_is_not_the_scene_of_a_syria_story():
    text = "Syria said its air defences were active.\n\nTurkey fired missiles at military sites overnight."
    evs = events_of(text, ["Syria"]) + events_of(text, ["Syria", "Turkey"])
    assert all(e.place in (None, "Syria") for e in evs)


def test_comment_on_an_earlier_attack_is_not_an_event():
    text = "The attack was one of the deadliest in Saraqib this year."
    assert events_of(text, ["Saraqib"]) == []


def test_the_same_day_and_the_next_day():
    text = ("Clashes erupted near Saraqib on Monday.\n\n"
            "Jets struck Manbij the same day. Shelling hit Idlib the next day.")
    evs = {e.place: e.date for e in events_of(text, ["Saraqib", "Manbij", "Idlib"], published="2020-02-28")}
    assert evs == {"Saraqib": "2020-02-24", "Manbij": "2020-02-24", "Idlib": "2020-02-25"}


def test_river_is_a_weaker_scene_than_a_town():
    places = dict(PLACES, Euphrates=Place("t:euph", "Euphrates", 35.6, 39.3, "river", "SY"))
    text = "Fighting resumed south-east of Manbij, near the Euphrates."
    art = Article(path="t.txt", text=text, published=None)
    ms = [Mention(text.index(n), text.index(n) + len(n), n, places[n], 0.9) for n in ("Manbij", "Euphrates")]
    (ev,) = extract_events(art, ms)
    assert ev.place == "Manbij"


def test_month_may_is_not_the_modal():
    text = "Hundreds of residents marched through Idlib on May 14."
    (ev,) = events_of(text, ["Idlib"], published="2020-05-20")
    assert ev.event_type == "Protests" and ev.date == "2020-05-14"
    assert events_of("Turkey may attack Idlib.", ["Idlib"]) == []


def test_unplaced_event_falls_back_to_the_articles_country():
    text = "The war in Syria entered its tenth year.\n\nGunmen abducted two aid workers on Sunday."
    evs = events_of(text, ["Syria"])
    (ev,) = [e for e in evs if e.event_type == "Violence against civilians"]
    assert (ev.place, ev.place_precision) == ("Syria", "country")


def test_events_placed_only_at_a_country_stay_off_the_map():
    text = "Gunmen abducted two aid workers in Syria on Sunday.\n\nShelling hit Idlib on Monday."
    frame = to_frame(events_of(text, ["Syria", "Idlib"], published="2021-03-10"))
    drawn = frame[on_map(frame)]
    assert set(frame["place"]) == {"Syria", "Idlib"}
    assert list(drawn["place"]) == ["Idlib"]
    country = frame[frame["place"] == "Syria"].iloc[0]
    assert country["lat"] is not None and country.geometry is None


def test_a_where_clause_places_its_event_at_the_place_it_describes():
    text = ("Inspectors arrived in Damascus on Saturday and were due to travel to Douma, in the "
            "Ghouta, where rescuers said 40 people died.")
    evs = [e for e in events_of(text, ["Damascus", "Douma"]) if e.event_type != "Strategic developments"]
    assert evs and evs[0].place == "Douma"


def test_fighting_that_moves_to_a_place_happens_there():
    text = "On Wednesday the fighting moved to Sahnaya, where gunmen fought local militiamen."
    (ev,) = [e for e in events_of(text, ["Sahnaya"]) if e.event_type == "Battles"]
    assert (ev.place, ev.place_precision) == ("Sahnaya", "sentence")


def test_deaths_told_after_a_strike_are_its_toll():
    text = ("Turkish drones struck a power station near Qamishli on Friday. "
            "Two civilians were killed near Qamishli on Saturday, officials said.")
    evs = events_of(text, ["Qamishli"], published="2024-01-15")
    assert [e.event_type for e in evs] == ["Explosions/Remote violence"] * 2
    # without a strike before, the same sentence is an attack on civilians
    (alone,) = events_of(text.split(". ", 1)[1], ["Qamishli"], published="2024-01-15")
    assert alone.event_type == "Violence against civilians"


def test_agreeing_with_someone_on_something_is_an_agreement():
    (t,) = find_triggers("Leaders in the city agreed with the government on Thursday that local men "
                         "would join the police.")
    assert (t.event_type, t.sub_event_type) == ("Strategic developments", "Agreement")
    assert find_triggers("I agreed with him.") == []


@pytest.mark.parametrize("sentence, expected", [
    ("The convoy of buses drove out of the besieged enclave on Thursday.", {"Strategic developments"}),
    ("Rebels drove the militants out of Manbij.", {"Battles"}),
    ("Coalition aircraft carried out 23 strikes near Raqqa last week.", {"Explosions/Remote violence"}),
    ("Under the agreement reached with Russian officers, rebels will hand over weapons.",
     {"Strategic developments"}),
    ("The army raised the flag over the crossing on Friday, taking back the trade route.", {"Battles"}),
])
def test_trigger_types(sentence, expected):
    assert {t.event_type for t in find_triggers(sentence)} == expected


def test_an_event_type_no_clause_can_place_is_located_by_context():
    text = ("Gunmen attacked villages near Saraqib on Monday. The militants took 30 women hostage from "
            "an unnamed hamlet, and withdrew to Nayrab.")
    types = {e.event_type for e in events_of(text, ["Saraqib", "Nayrab"]) if "hostage" in e.quote}
    assert "Violence against civilians" in types


@pytest.mark.parametrize("sentence, expected", [
    ("Officials said 7 guards and at least 28 militants were killed on the first night.", 35),
    ("Shelling killed three soldiers and two civilians on Monday.", 5),
    ("The strike killed five civilians and wounded 12.", 5),
    ("Three soldiers were killed and 12 wounded.", 3),
])
def test_groups_of_dead_named_together_are_summed(sentence, expected):
    assert fatalities(sentence) == expected


def test_the_village_of_a_name_is_no_anaphor():
    text = ("Troops took Saraqib on Monday after a long siege. Rebels said they had fought in Saraqib "
            "for weeks. Saraqib lies on the highway. A car bomb exploded in the village of Xyzzy, "
            "north of the town, killing four people.")
    (ev,) = [e for e in events_of(text, ["Saraqib"]) if e.fatalities == 4]
    assert ev.place == "Saraqib"


def test_the_academy_happened_where_the_academy_was_named():
    text = ("A drone attack on a military academy in Saraqib killed 20 people on Thursday.\n\n"
            "Drones struck a ceremony at the academy in the central town, witnesses said.")
    evs = [e for e in events_of(text, ["Saraqib"]) if "ceremony" in e.quote]
    assert evs and evs[0].place == "Saraqib"


def test_a_date_of_what_an_event_answered_is_not_its_date():
    text = ("Jets struck depots near Saraqib on Tuesday night. "
            "Officials said the strikes hit bunkers near Saraqib, in response to an attack on August 15.")
    evs = events_of(text, ["Saraqib"], published="2022-08-25")
    assert [e.date for e in evs] == ["2022-08-23", "2022-08-23"]


def test_a_border_town_abroad_can_be_the_scene_of_a_syria_story():
    places = dict(PLACES, Kilis=Place("t:kilis", "Kilis", 36.72, 37.12, "city", "TR", "", 100000),
                  Azaz=Place("t:azaz", "Azaz", 36.59, 37.05, "town", "SY", "Aleppo", 30000))
    text = ("Rockets fired from Azaz hit Kilis on Monday.\n\n"
            "Warplanes struck positions on the Syrian side on Tuesday, the army said.")
    ms = [Mention(text.index(n), text.index(n) + len(n), n, places[n], 0.9) for n in ("Azaz", "Kilis")]
    evs = extract_events(Article(path="t.txt", text=text, published="2020-02-28"), ms)
    assert evs[-1].place in ("Kilis", "Azaz")


def test_ground_taken_without_a_fight_is_a_non_violent_transfer():
    text = "Troops seized the army's abandoned post on the hill above Saraqib on Sunday."
    (ev,) = events_of(text, ["Saraqib"])
    assert ev.event_type == "Strategic developments"
    assert ev.sub_event_type == "Non-violent transfer of territory"
    (ev,) = events_of("Rebels seized Saraqib after fierce clashes on Sunday.", ["Saraqib"])
    assert ev.event_type == "Battles"


def test_an_event_recalled_after_since_is_reported_at_its_own_place_and_date():
    text = ("Turkish jets have struck Qamishli every week since a bombing in Gaziantep in "
            "November 2022 which Ankara blamed on the PKK.")
    evs = events_of(text, ["Qamishli", "Gaziantep", "Ankara"], published="2024-01-15")
    recalled = [e for e in evs if e.place == "Gaziantep"]
    assert recalled and recalled[0].date.startswith("2022-11")
    assert recalled[0].event_type == "Explosions/Remote violence"
    main = [e for e in evs if e.place == "Qamishli"]
    assert main and not main[0].date.startswith("2022")


def test_a_gas_attack_is_a_chemical_weapon():
    (ev,) = events_of("Rescuers said a poison gas attack hit Saraqib on Tuesday.", ["Saraqib"])
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Chemical weapon")


def test_a_strike_on_a_list_of_targets_gives_an_event_at_each():
    text = ("Officials said the strikes hit a gas plant near Saraqib, an oil station near Manbij, "
            "a power station in Qamishli and grain silos near Idlib on Friday.")
    places = {e.place for e in events_of(text, ["Saraqib", "Manbij", "Qamishli", "Idlib"])}
    assert {"Saraqib", "Manbij", "Qamishli"} <= places
    # a place named after the dead is no target
    (ev,) = events_of("Jets struck Nayrab, killing three people in Saraqib.", ["Saraqib", "Nayrab"])
    assert ev.place == "Nayrab"


def test_an_air_power_striking_a_site_is_remote_violence_and_where_clauses_get_their_own_place():
    text = ("Israel struck a base near Saraqib late on Wednesday and sent troops south, where a clash "
            "with local gunmen near Nayrab killed nine people.")
    evs = events_of(text, ["Saraqib", "Nayrab"], published="2025-04-03")
    assert ("Explosions/Remote violence", "Saraqib") in {(e.event_type, e.place) for e in evs}
    assert ("Battles", "Nayrab") in {(e.event_type, e.place) for e in evs}


def test_a_dateline_date_does_not_date_the_event():
    text = "DAMASCUS, April 3 (Reuters) - Jets struck Saraqib late on Wednesday."
    (ev,) = events_of(text, ["Saraqib"], published="2025-04-03")
    assert ev.date == "2025-04-02"


def test_troops_advancing_towards_a_place_fight_there():
    text = "Troops advanced towards the Nayrab area west of Saraqib before dawn."
    (ev,) = events_of(text, ["Nayrab", "Saraqib"])
    assert ev.place == "Nayrab"


def test_a_town_handed_to_the_army_is_a_transfer():
    ts = find_triggers("Local leaders handed the town to the army under an agreement mediated by Russia.")
    assert "Non-violent transfer of territory" in {t.sub_event_type for t in ts}
    assert find_triggers("He handed a letter to the envoy.") == []


def test_an_attack_recalled_after_days_after_and_a_day_of_the_month():
    text = ("Turkish drones struck Qamishli on Thursday, days after two militants attacked a ministry "
            "in Ankara with explosives on Sunday.")
    evs = events_of(text, ["Qamishli", "Ankara"], published="2023-10-06")
    got = {(e.event_type, e.place, e.date) for e in evs}
    assert ("Explosions/Remote violence", "Ankara", "2023-10-01") in got
    (ev,) = events_of("Three civilians were killed by a landmine near Saraqib on the 3rd.", ["Saraqib"],
                      published="2017-06-05")
    assert ev.date == "2017-06-03"


def test_a_disaster_toll_its_ruins_and_its_aid_are_no_conflict_events():
    text = ("An earthquake hit Saraqib before dawn on Monday and killed 40 people.\n\n"
            "Relief lorries crossed into Idlib on Tuesday, but the help fell far short of the need. "
            "Over 200 people have been confirmed dead, and many homes collapsed in Nayrab. "
            "The injured were taken to hospitals in Idlib.")
    assert events_of(text, ["Saraqib", "Idlib", "Nayrab"]) == []


def test_shelling_amid_a_disaster_is_still_an_event():
    text = "Artillery shelled Saraqib on Monday as rescuers dug through the quake rubble, killing two."
    (ev,) = events_of(text, ["Saraqib"])
    assert ev.event_type == "Explosions/Remote violence"


def test_a_bombing_recalled_as_what_a_raid_answers_is_remote_violence_with_no_second_event():
    text = ("Turkish jets struck Tal Abyad on Sunday. Ankara says the raids are a response to the bombing "
            "in Gaziantep on February 20, which killed four people.")
    evs = [e for e in events_of(text, ["Tal Abyad", "Gaziantep", "Ankara"]) if e.place == "Gaziantep"]
    assert [(e.event_type, e.date) for e in evs] == [("Explosions/Remote violence", "2020-02-20")]


def test_a_town_taken_after_its_defenders_withdrew_is_a_battle_only():
    text = "Syrian government forces took control of Saraqib on Wednesday after the rebels withdrew at night."
    (ev,) = events_of(text, ["Saraqib"])
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Government regains territory")


def test_a_toll_told_after_a_strike_is_that_strikes_count_not_a_new_event():
    text = ("Israeli missiles struck the air base at Nayrab on Monday.\n\n"
            "The army said four soldiers were killed at the base.")
    (ev,) = events_of(text, ["Nayrab"])
    assert (ev.event_type, ev.place, ev.fatalities) == ("Explosions/Remote violence", "Nayrab", 4)


def test_who_killed_gives_an_event_of_its_own():
    text = ("Israeli missiles struck the air base at Nayrab on Monday. "
            "Pro-government militiamen killed six civilians in the village, a monitor said.")
    assert len(events_of(text, ["Nayrab"])) == 2


def test_a_lead_naming_only_a_country_or_the_middle_east_is_placed_at_the_site_named_next():
    text = ("Drone kills two soldiers at Jordan outpost\n\n"
            "Two soldiers were killed when a drone hit a small base in Jordan on Sunday, the first such "
            "deaths in the Middle East this year.\n\n"
            "The attack hit Rukban, a post on the border.")
    evs = events_of(text, ["Middle East", "Jordan", "Rukban"])
    assert evs and {e.place for e in evs} == {"Rukban"}


@pytest.mark.parametrize("sentence", [
    "Russian military police are also deployed around the town.",
    "Joint patrols are to start next week along the highway.",
    "Patrols are also planned in the countryside of the district.",
])
def test_states_and_plans_are_no_movements(sentence):
    assert find_triggers(sentence) == []


@pytest.mark.parametrize("sentence", [
    "In Ankara, the foreign ministry said the attack violated international law.",
    "The Islamic State group claimed the attack in a statement on Friday.",
    "The offensive, which began in May, has driven more than 200,000 people from their homes.",
    "Rebels and the army have clashed there several times since 2019.",
    "The clashes were the most serious in the city for a year.",
])
def test_what_is_said_of_an_event_already_told_is_no_new_event(sentence):
    assert find_triggers(sentence) == []


def test_an_assault_halted_several_times_still_began():
    assert find_triggers("The final assault began on May 2 but was halted several times by rain.")


def test_the_apposition_of_a_recalled_place_is_no_scene_either():
    text = ("Turkish jets struck Tal Abyad on Sunday.\n\nThe president ordered the strikes in response to "
            "a bombing in Saraqib, a town in Idlib province, where nine people died.")
    evs = events_of(text, ["Tal Abyad", "Saraqib", "Idlib province"])
    assert "Idlib Governorate" not in {e.place for e in evs}
