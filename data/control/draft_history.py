"""The facts behind ``draft_control.py``: town histories and sketched regions.

Histories are ``|``-separated change points ``[~]YYYY-MM-DD faction``; ``~``
marks a date (or holder) known only roughly. Regions are coarse lon/lat
sketches of the fronts of each period; anchors drawn from them are always
marked approximate in the CSV.
"""

from __future__ import annotations

import math

from shapely.geometry import LineString, Point, Polygon

S = "2016-01-01"

SOURCES: dict[str, str] = {
    "raqqa": "Wikipedia: Raqqa campaign (2016-2017); Battle of Raqqa (2017)",
    "peace_spring": "Wikipedia: 2019 Turkish offensive into north-eastern Syria; Carter Center Syria reports",
    "idlib_core": "Wikipedia: Idlib Governorate clashes; Syrian Salvation Government; ISW Syria control maps",
    "idlib_2019": "Wikipedia: Northwestern Syria offensive (April-August 2019); ISW Syria control maps",
    "idlib_2020": "Wikipedia: Northwestern Syria offensive (December 2019-March 2020); ISW control maps",
    "saraqib": "Wikipedia: Northwestern Syria offensive (December 2019-March 2020), Saraqib; ISW reports "
               "Feb-Mar 2020",
    "abu_duhur": "Wikipedia: Northwestern Syria campaign (October 2017-February 2018)",
    "fuah": "Wikipedia: Al-Fu'ah; Kafriya; evacuation of July 2018",
    "hama_2017": "Wikipedia: 2016 Hama offensive; 2017 Hama offensive",
    "offensive_2024": "Wikipedia: 2024 Syrian opposition offensives; Fall of the Assad regime; ISW/CTP "
                      "Iran Update Nov-Dec 2024",
    "south_2024": "Wikipedia: 2024 Syrian opposition offensives (Southern Operations Room, Suwayda factions)",
    "afrin": "Wikipedia: Operation Olive Branch (2018)",
    "shield": "Wikipedia: Operation Euphrates Shield (2016-2017)",
    "manbij": "Wikipedia: Manbij offensive (2016); Operation Dawn of Freedom (2024); Liveuamap",
    "rifaat": "Wikipedia: Tell Rifaat; 2016 northern Aleppo offensive; Operation Dawn of Freedom (2024)",
    "aleppo": "Wikipedia: Battle of Aleppo (2012-2016); Aleppo offensive (November-December 2016)",
    "aleppo_2017": "Wikipedia: East Aleppo offensive (January-April 2017); Maskanah (2017)",
    "ghouta": "Wikipedia: Rif Dimashq offensive (February-April 2018)",
    "damascus_pockets": "Wikipedia: Rif Dimashq Governorate campaign; reconciliation agreements 2016-2018",
    "qalamoun": "Wikipedia: Eastern Qalamoun offensive (April 2018)",
    "homs_2018": "Wikipedia: Northern Homs pocket; Rastan evacuation agreement (May 2018)",
    "homs_waer": "Wikipedia: Al-Waer; evacuation agreement (March-May 2017)",
    "south_2018": "Wikipedia: 2018 Southern Syria offensive",
    "dez": "Wikipedia: Deir ez-Zor campaign (2017-2019); Battle of Hajin; Battle of Baghuz Fawqani",
    "palmyra": "Wikipedia: Palmyra offensive (March 2016, December 2016, 2017); Al-Qaryatayn",
    "desert_2017": "Wikipedia: Syrian Desert campaign (May-July 2017); Central Syria campaign (2017)",
    "suwayda_2018": "Wikipedia: As-Suwayda offensive (June-November 2018)",
    "tanf": "Wikipedia: Al-Tanf; US-Russia deconfliction arrangements 2016-2017",
    "israel_2024": "Wikipedia: Israeli invasion of Syria (2024-present); UNDOF reports, Dec 2024 (Israeli "
                   "forces in the area of separation, drawn as contested)",
    "sdf": "Wikipedia: Rojava conflict; al-Hasakah offensive (February 2016); Liveuamap",
    "security_squares": "Wikipedia: Qamishli and al-Hasakah government security squares; ISW/CTP Dec 2024",
    "latakia_2016": "Wikipedia: 2015-2016 Latakia offensive",
    "core": "Wikipedia: Timeline of the Syrian civil war (government-held until the fall of the Assad "
            "government); ISW/CTP Dec 2024",
    "region": "Sketched from ISW and Liveuamap control maps and Wikipedia's Syrian civil war control map "
              "history (approximate)",
}

#: Gazetteer ids that are not anchors: the Israeli-held Golan (outside the de facto outline).
EXCLUDE = {"gn:167444", "gn:167167", "gn:171200", "gn:163843"}

_AFRIN_SNA = "~2018-03-10 turkey_sna"


def _h(*parts: str) -> str:
    return " | ".join((f"{S} {parts[0]}", *parts[1:]))


#: gazetteer id -> (history, source key, keep the holder past 8 Dec 2024 as written)
TOWNS: dict[str, tuple[str, str, bool]] = {
    # Raqqa and the Peace Spring strip
    "gn:172955": (_h("islamic_state", "2017-10-17 sdf"), "raqqa", False),
    "gn:172374": (_h("islamic_state", "2017-05-10 sdf"), "raqqa", False),
    "gn:8559276": (_h("islamic_state", "2017-06-04 sdf"), "raqqa", False),
    "gn:169162": (_h("islamic_state", "~2017-01-10 sdf"), "raqqa", False),
    "cur:tabqa-dam": (_h("islamic_state", "2017-05-10 sdf"), "raqqa", False),
    "cur:tabqa-air-base": (_h("islamic_state", "2017-03-26 sdf"), "raqqa", False),
    "cur:baath-dam": (_h("islamic_state", "~2017-06-04 sdf"), "raqqa", False),
    "gn:163750": (_h("sdf", "2019-10-13 turkey_sna"), "peace_spring", False),
    "gn:164895": (_h("sdf", "2019-10-14 turkey_sna"), "peace_spring", False),
    "gn:165509": (_h("sdf", "2019-10-20 turkey_sna"), "peace_spring", False),
    "cur:tal-halaf": (_h("sdf", "~2019-10-20 turkey_sna"), "peace_spring", False),
    "cur:mabrouka": (_h("sdf", "~2019-10-15 turkey_sna"), "peace_spring", False),
    "gn:172134": (_h("sdf"), "sdf", False),
    "gn:163434": (_h("sdf"), "sdf", False),
    "gn:172837": (_h("islamic_state", "2016-02-19 sdf"), "sdf", False),
    # Hasakah and Qamishli: government footholds inside SDF ground
    "cur:qamishli-airport": (_h("government", "~2024-12-08 sdf"), "security_squares", True),
    # Aleppo
    "gn:170063": (_h("government", "2024-11-30 hts"), "offensive_2024", False),
    "cur:nayrab-air-base": (_h("government", "~2024-11-30 hts"), "offensive_2024", False),
    "gn:168724": (_h("government", "~2024-11-30 hts"), "offensive_2024", False),
    "gn:170137": (_h("government", "~2024-11-30 hts"), "offensive_2024", False),
    "gn:172503": (_h("government", "~2024-12-01 hts"), "offensive_2024", False),
    "gn:173852": (_h("government", "~2024-12-01 hts"), "offensive_2024", False),
    "gn:171851": (_h("government", "~2024-12-01 hts"), "offensive_2024", False),
    "gn:168351": (_h("government", "~2024-12-02 hts"), "offensive_2024", False),
    "gn:167713": (_h("government", "~2024-12-01 hts"), "offensive_2024", False),
    "cur:kuweires-air-base": (_h("government", "~2024-12-01 hts"), "offensive_2024", False),
    "gn:166331": (_h("government", "~2024-12-01 hts"), "offensive_2024", False),
    "cur:zahraa": (_h("government", "~2024-12-01 hts"), "offensive_2024", False),
    "gn:163747": (_h("hts", "~2018-01-10 government", "~2024-12-01 hts"), "abu_duhur", False),
    "gn:165428": (_h("islamic_state", "~2017-02-20 government", "~2024-12-01 hts"), "aleppo_2017", False),
    "gn:163811": (_h("islamic_state", "~2017-02-26 government", "~2024-12-01 hts"), "shield", False),
    "gn:170785": (_h("islamic_state", "2017-03-09 government", "~2024-12-01 sdf"), "aleppo_2017", False),
    "gn:167080": (_h("islamic_state", "2017-06-03 government", "~2024-12-01 sdf"), "aleppo_2017", False),
    "gn:174018": (_h("islamic_state", "2017-02-23 turkey_sna"), "shield", False),
    "gn:169179": (_h("islamic_state", "2016-08-24 turkey_sna"), "shield", False),
    "cur:jarabulus-crossing": (_h("islamic_state", "2016-08-24 turkey_sna"), "shield", False),
    "gn:172082": (_h("opposition", "~2016-08-24 turkey_sna"), "shield", False),
    "gn:167245": (_h("opposition", "~2016-08-24 turkey_sna"), "shield", False),
    "gn:163913": (_h("opposition", "~2016-08-24 turkey_sna"), "shield", False),
    "cur:bab-al-salama": (_h("opposition", "~2016-08-24 turkey_sna"), "shield", False),
    "gn:169138": (_h("islamic_state", "~2016-08-18 turkey_sna"), "shield", False),
    "gn:174115": (_h("islamic_state", "~2016-10-06 turkey_sna"), "shield", False),
    "cur:dabiq": (_h("islamic_state", "2016-10-16 turkey_sna"), "shield", False),
    "gn:166285": (_h("islamic_state", "~2017-02-26 turkey_sna"), "shield", False),
    "gn:167357": (_h("islamic_state", "2016-08-12 sdf", "2024-12-09 turkey_sna"), "manbij", False),
    "gn:174043": (_h("islamic_state", "~2016-11-10 sdf", "~2024-12-09 turkey_sna"), "manbij", False),
    "cur:tishreen-dam": (_h("sdf", "~2024-12-10 contested"), "manbij", False),
    "gn:163476": (_h("opposition", "2016-02-15 sdf", "2024-12-01 turkey_sna"), "rifaat", False),
    "cur:menagh-air-base": (_h("opposition", "2016-02-10 sdf", "~2024-12-01 turkey_sna"), "rifaat", False),
    "gn:174186": (_h("sdf", "2018-03-18 turkey_sna"), "afrin", False),
    "gn:169190": (_h("sdf", "2018-03-08 turkey_sna"), "afrin", False),
    "gn:165571": (_h("sdf", "~2018-03-03 turkey_sna"), "afrin", False),
    "gn:171212": (_h("sdf", "~2018-02-22 turkey_sna"), "afrin", False),
    "gn:164354": (_h("sdf", "~2018-03-10 turkey_sna"), "afrin", False),
    "gn:164451": (_h("sdf", "~2018-03-08 turkey_sna"), "afrin", False),
    "gn:167577": (_h("sdf", "~2018-03-13 turkey_sna"), "afrin", False),
    "gn:172045": (_h("hts", "~2020-02-08 government", "~2024-11-29 hts"), "idlib_2020", False),
    "cur:al-eis": (_h("hts", "~2020-02-08 government", "~2024-11-29 hts"), "idlib_2020", False),
    "cur:khan-tuman": (_h("hts", "~2020-02-10 government", "~2024-11-29 hts"), "idlib_2020", False),
    "cur:khan-al-asal": (_h("hts", "~2020-02-12 government", "~2024-11-28 hts"), "idlib_2020", False),
    "cur:anadan": (_h("hts", "~2020-02-16 government", "~2024-11-28 hts"), "idlib_2020", False),
    "cur:hayan": (_h("hts", "~2020-02-16 government", "~2024-11-28 hts"), "idlib_2020", False),
    "gn:169858": (_h("hts", "~2020-02-16 government", "~2024-11-28 hts"), "idlib_2020", False),
    # Idlib and north Hama
    "gn:169389": (_h("hts"), "idlib_core", False),
    "gn:164816": (_h("hts", "2020-02-06 government", "2020-02-27 hts", "2020-03-02 government",
                     "~2024-11-30 hts"), "saraqib", False),
    "gn:167611": (_h("hts", "2020-01-28 government", "~2024-11-30 hts"), "idlib_2020", False),
    "gn:168661": (_h("hts", "2020-02-25 government", "~2024-11-30 hts"), "idlib_2020", False),
    "gn:169563": (_h("hts", "~2020-01-27 government", "~2024-11-30 hts"), "idlib_2020", False),
    "gn:174191": (_h("hts", "~2020-02-06 government", "~2024-11-30 hts"), "idlib_2020", False),
    "gn:169358": (_h("hts", "~2020-02-04 government", "~2024-11-30 hts"), "idlib_2020", False),
    "cur:talhiya": (_h("hts", "~2020-02-04 government", "~2024-11-30 hts"), "idlib_2020", False),
    "cur:al-bawabiya": (_h("hts", "~2020-02-04 government", "~2024-11-30 hts"), "idlib_2020", False),
    "cur:tal-mardikh": (_h("hts", "~2020-02-01 government", "~2024-11-30 hts"), "idlib_2020", False),
    "cur:jarjanaz": (_h("hts", "~2019-12-24 government", "~2024-11-30 hts"), "idlib_2020", False),
    "gn:168325": (_h("hts", "2019-08-21 government", "~2024-12-01 hts"), "idlib_2019", False),
    "gn:172347": (_h("hts", "~2019-08-20 government", "~2024-12-01 hts"), "idlib_2019", False),
    "cur:hbeit": (_h("hts", "~2019-08-11 government", "~2024-12-01 hts"), "idlib_2019", False),
    "cur:kafr-nabudah": (_h("hts", "~2019-05-27 government", "~2024-12-02 hts"), "idlib_2019", False),
    "gn:166227": (_h("hts", "2019-05-09 government", "~2024-12-02 hts"), "idlib_2019", False),
    "cur:al-lataminah": (_h("hts", "2019-08-23 government", "~2024-12-03 hts"), "idlib_2019", False),
    "gn:166640": (_h("hts", "2019-08-23 government", "~2024-12-03 hts"), "idlib_2019", False),
    "gn:168620": (_h("hts", "2019-08-23 government", "~2024-12-03 hts"), "idlib_2019", False),
    "gn:174611": (_h("hts", "2018-01-20 government", "~2024-12-01 hts"), "abu_duhur", False),
    "cur:abu-al-duhur-air-base": (_h("hts", "2018-01-20 government", "~2024-12-01 hts"), "abu_duhur", False),
    "gn:164094": (_h("hts", "~2018-01-05 government", "~2024-12-01 hts"), "abu_duhur", False),
    "gn:170044": (_h("government", "~2016-08-30 hts", "~2017-04-14 government", "~2024-12-03 hts"),
                  "hama_2017", False),
    "gn:170017": (_h("government", "2024-12-05 hts"), "offensive_2024", False),
    "gn:164947": (_h("government", "~2024-12-06 hts"), "offensive_2024", False),
    "gn:162803": (_h("islamic_state", "~2017-09-02 government"), "desert_2017", False),
    "gn:167863": (_h("opposition", "~2016-02-13 government"), "latakia_2016", False),
    "gn:167880": (_h("opposition", "2016-01-24 government"), "latakia_2016", False),
    # Homs, Palmyra and the desert
    "gn:169577": (_h("government"), "offensive_2024", False),
    "gn:172946": (_h("opposition", "2018-05-16 government", "~2024-12-06 hts"), "homs_2018", False),
    "gn:163779": (_h("opposition", "2018-05-16 government", "~2024-12-06 hts"), "homs_2018", False),
    "gn:168668": (_h("opposition", "~2018-05-15 government"), "homs_2018", False),
    "gn:163596": (_h("opposition", "~2018-05-15 government"), "homs_2018", False),
    "gn:173311": (_h("opposition", "~2018-05-15 government", "~2024-12-06 hts"), "homs_2018", False),
    "gn:168098": (_h("government"), "homs_2018", False),
    "gn:169886": (_h("government", "~2024-12-06 hts"), "homs_2018", False),
    "gn:173361": (_h("islamic_state", "2016-04-03 government", "2017-10-01 islamic_state",
                     "2017-10-21 government"), "palmyra", False),
    "gn:163808": (_h("islamic_state", "2016-03-27 government", "2016-12-11 islamic_state",
                     "2017-03-02 government", "~2024-12-07 opposition"), "palmyra", False),
    "cur:palmyra-air-base": (_h("islamic_state", "2016-03-27 government", "~2016-12-11 islamic_state",
                                "~2017-03-02 government", "~2024-12-07 opposition"), "palmyra", False),
    "cur:tiyas": (_h("government"), "palmyra", False),
    "gn:172425": (_h("islamic_state", "2017-08-06 government"), "desert_2017", False),
    "cur:al-tanf": (_h("islamic_state", "2016-03-04 coalition"), "tanf", False),
    # Damascus and its countryside
    "gn:170654": (_h("government"), "offensive_2024", False),
    "gn:166716": (_h("islamic_state", "2018-05-21 government"), "damascus_pockets", False),
    "gn:8419677": (_h("islamic_state", "2018-05-21 government"), "damascus_pockets", False),
    "gn:171998": (_h("opposition", "~2018-05-03 government"), "damascus_pockets", False),
    "gn:170892": (_h("opposition", "2016-08-27 government"), "damascus_pockets", False),
    "cur:moadamiyeh": (_h("opposition", "~2016-10-19 government"), "damascus_pockets", False),
    "gn:166251": (_h("opposition", "2016-10-13 government"), "damascus_pockets", False),
    "gn:172349": (_h("opposition", "2016-12-02 government"), "damascus_pockets", False),
    "gn:172232": (_h("opposition", "2017-01-28 government"), "damascus_pockets", False),
    "gn:172059": (_h("opposition", "2017-04-14 government"), "damascus_pockets", False),
    "gn:167558": (_h("opposition", "2017-04-14 government"), "damascus_pockets", False),
    "gn:168579": (_h("opposition", "~2016-12-15 government"), "damascus_pockets", False),
    "gn:162560": (_h("opposition", "~2016-11-25 government"), "damascus_pockets", False),
    "gn:166946": (_h("opposition", "~2018-01-01 government"), "damascus_pockets", False),
    "gn:170592": (_h("opposition", "2018-04-12 government"), "ghouta", False),
    "gn:169897": (_h("opposition", "2018-03-22 government"), "ghouta", False),
    "gn:169372": (_h("opposition", "~2018-03-24 government"), "ghouta", False),
    "cur:zamalka": (_h("opposition", "~2018-03-24 government"), "ghouta", False),
    "gn:168713": (_h("opposition", "~2018-03-23 government"), "ghouta", False),
    "cur:jobar": (_h("opposition", "~2018-03-25 government"), "ghouta", False),
    "gn:173178": (_h("opposition", "~2018-03-10 government"), "ghouta", False),
    "gn:170817": (_h("opposition", "~2018-03-08 government"), "ghouta", False),
    "gn:173434": (_h("opposition", "~2016-08-14 government"), "ghouta", False),
    "gn:172922": (_h("opposition", "~2018-04-24 government"), "qalamoun", False),
    "gn:169113": (_h("opposition", "~2018-04-24 government"), "qalamoun", False),
    "gn:170589": (_h("opposition", "~2018-04-19 government"), "qalamoun", False),
    "cur:dumayr-air-base": (_h("government"), "qalamoun", False),
    # The south
    "gn:170905": (_h("government", "~2024-12-06 opposition"), "south_2024", False),
    "cur:daraa-al-balad": (_h("opposition", "2018-07-12 government", "~2024-12-06 opposition"), "south_2018",
                           False),
    "gn:171126": (_h("opposition", "2018-07-06 government", "~2024-12-06 opposition"), "south_2018", False),
    "cur:nasib": (_h("opposition", "2018-07-06 government", "~2024-12-06 opposition"), "south_2018", False),
    "gn:172469": (_h("government", "~2024-12-06 opposition"), "south_2024", False),
    "gn:170325": (_h("government", "~2024-12-06 opposition"), "south_2024", False),
    "gn:169341": (_h("government", "~2024-12-06 opposition"), "south_2024", False),
    "gn:168120": (_h("government", "~2024-12-06 opposition"), "south_2024", False),
    "gn:173462": (_h("government", "~2024-12-06 opposition"), "south_2024", False),
    "gn:171706": (_h("government", "~2024-12-06 opposition"), "south_2024", False),
    "gn:168355": (_h("government", "~2024-12-07 opposition"), "south_2024", False),
    "gn:164328": (_h("opposition", "2016-01-26 government", "~2024-12-06 opposition"), "south_2018", False),
    "gn:173334": (_h("opposition", "~2018-07-20 government", "~2024-12-06 opposition",
                     "~2024-12-08 contested"), "israel_2024", False),
    "cur:quneitra-crossing": (_h("opposition", "~2018-07-20 government", "~2024-12-06 opposition",
                                 "~2024-12-08 contested"), "israel_2024", False),
    "cur:khalkhalah-air-base": (_h("government", "~2024-12-07 opposition"), "south_2024", True),
    # Deir ez-Zor
    "gn:170794": (_h("government", "~2024-12-06 sdf", "~2024-12-11 transitional"), "dez", False),
    "cur:deir-ez-zor-airport": (_h("government", "~2024-12-06 sdf", "~2024-12-11 transitional"), "dez",
                                False),
    "gn:173480": (_h("islamic_state", "2017-10-14 government"), "dez", False),
    "gn:174448": (_h("islamic_state", "2017-11-19 government"), "dez", False),
    "cur:al-qaim-crossing": (_h("islamic_state", "~2017-11-19 government"), "dez", False),
    "gn:174506": (_h("islamic_state", "2018-12-14 sdf"), "dez", False),
    "gn:172415": (_h("islamic_state", "~2019-01-20 sdf"), "dez", False),
    "cur:al-shaafa": (_h("islamic_state", "~2019-01-10 sdf"), "dez", False),
    "cur:baghuz": (_h("islamic_state", "2019-03-23 sdf"), "dez", False),
    "gn:167899": (_h("islamic_state", "~2017-09-22 government", "~2024-12-06 sdf"), "dez", False),
    "cur:tabiyah": (_h("islamic_state", "~2017-09-22 government", "~2024-12-06 sdf"), "dez", False),
    "cur:conoco-gas-field": (_h("islamic_state", "2017-09-23 sdf"), "dez", False),
    "cur:al-omar-oil-field": (_h("islamic_state", "2017-10-22 sdf"), "dez", False),
    "cur:jafra-oil-field": (_h("islamic_state", "~2017-10-30 sdf"), "dez", False),
    "gn:173927": (_h("islamic_state", "~2017-10-25 sdf"), "dez", False),
    "cur:hatla": (_h("islamic_state", "~2017-09-22 government", "~2024-12-06 sdf"), "dez", False),
    # added after the gazetteer grew: places the sketched regions would get wrong
    "cur:sheikh-maqsoud": (_h("sdf"), "aleppo", False),
    "cur:ashrafiyeh": (_h("sdf"), "aleppo", False),
    "cur:ain-al-havr": (_h("government"), "idlib_2020", False),
    "cur:beit-jinn": (_h("opposition", "~2018-01-01 government"), "damascus_pockets", False),
    "cur:salma": (_h("opposition", "2016-01-12 government"), "latakia_2016", False),
    "cur:sayqal-air-base": (_h("government"), "core", False),
    "cur:deir-ballut": (_h("sdf", "~2018-03-08 turkey_sna"), "afrin", False),
    "cur:qara-qozak-bridge": (_h("sdf", "~2024-12-10 contested"), "manbij", False),
    "cur:al-fuah": (_h("government", "2018-07-19 hts"), "fuah", False),
    "cur:kafraya": (_h("government", "2018-07-19 hts"), "fuah", False),
    "cur:al-waer": (_h("opposition", "2017-05-21 government"), "homs_waer", False),
    "cur:barzeh": (_h("opposition", "~2017-05-08 government"), "damascus_pockets", False),
    "cur:qaboun": (_h("opposition", "~2017-05-14 government"), "damascus_pockets", False),
    "cur:masaken-hanano": (_h("opposition", "2016-11-27 government", "2024-11-30 hts"), "aleppo", False),
    "cur:salaheddine": (_h("opposition", "~2016-12-07 government", "2024-11-30 hts"), "aleppo", False),
    "cur:bustan-al-qasr": (_h("opposition", "~2016-12-12 government", "2024-11-30 hts"), "aleppo", False),
    "cur:ramouseh": (_h("government", "~2024-11-30 hts"), "aleppo", False),
    "cur:hamdaniyah": (_h("government", "2024-11-30 hts"), "aleppo", False),
    "cur:sheikh-najjar": (_h("government", "~2024-11-30 hts"), "aleppo", False),
    "cur:kinsabba": (_h("opposition", "~2016-02-13 government"), "latakia_2016", False),
    "cur:al-salhiyah": (_h("islamic_state", "~2017-09-22 government", "~2024-12-06 sdf"), "dez", False),
    "cur:sukayk": (_h("hts", "~2019-08-19 government", "~2024-12-01 hts"), "idlib_2019", False),
    "cur:abu-dali": (_h("government", "~2017-10-20 hts", "~2018-01-20 government", "~2024-12-01 hts"),
                     "abu_duhur", False),
}

#: Coordinate anchors that no gazetteer row marks: (lat, lon, name, history, source key, keep).
EXTRA: list[tuple[float, float, str, str, str, bool]] = [
    (36.2250, 37.1520, "Aleppo: Sheikh Maqsoud", _h("sdf"), "aleppo", False),
    (36.2320, 37.1800, "Aleppo: Masaken Hanano (east)", _h("opposition", "2016-11-27 government",
                                                               "2024-11-30 hts"), "aleppo", False),
    (36.2050, 37.1950, "Aleppo: al-Shaar (east)", _h("opposition", "~2016-12-07 government",
                                                      "2024-11-30 hts"), "aleppo", False),
    (36.1750, 37.1850, "Aleppo: al-Sukkari (south-east)", _h("opposition", "2016-12-22 government",
                                                              "2024-11-30 hts"), "aleppo", False),
    (36.2450, 37.1250, "Aleppo: al-Layramoun (north-west)", _h("opposition", "~2016-07-28 government",
                                                                 "2024-11-30 hts"), "aleppo", False),
    (36.2380, 37.1470, "Aleppo: Bani Zeid (north)", _h("opposition", "~2016-07-29 government",
                                                         "2024-11-30 hts"), "aleppo", False),
    (36.2480, 37.1700, "Aleppo: al-Jandoul (north)", _h("government", "~2024-11-30 hts"), "aleppo", False),
    (36.2150, 37.1100, "Aleppo: New Aleppo (west)", _h("government", "2024-11-30 hts"), "aleppo", False),
    (36.1700, 37.1400, "Aleppo: al-Ramouseh (south)", _h("government", "~2024-11-30 hts"), "aleppo",
     False),
    (35.9870, 36.7070, "al-Fu'ah", _h("government", "2018-07-19 hts"), "fuah", False),
    (35.9840, 36.6860, "Kafriya", _h("government", "2018-07-19 hts"), "fuah", False),
    (34.7450, 36.6650, "Homs: al-Waer", _h("opposition", "2017-05-21 government"), "homs_waer", False),
    (33.3850, 36.1050, "Khan al-Shih", _h("opposition", "2016-11-28 government"), "damascus_pockets", False),
    (33.5450, 36.3220, "Damascus: Qaboun", _h("opposition", "~2017-05-14 government"), "damascus_pockets",
     False),
    (33.5570, 36.3120, "Damascus: Barzeh", _h("opposition", "~2017-05-08 government"), "damascus_pockets",
     False),
    (36.5035, 40.7425, "al-Hasakah: government security square", _h("government", "~2024-12-08 sdf"),
     "security_squares", True),
    (36.5200, 40.7350, "al-Hasakah: north (Tal Hajar)", _h("sdf"), "sdf", False),
    (36.4900, 40.7300, "al-Hasakah: south-west (al-Nashwa)", _h("sdf"), "sdf", False),
    (36.5550, 40.8800, "Jabal Kawkab (Regiment 123 base)", _h("government", "~2024-12-08 sdf"),
     "security_squares", True),
    (37.0450, 41.2150, "Qamishli: government security square", _h("government", "~2024-12-08 sdf"),
     "security_squares", True),
    (37.0330, 41.2400, "Qamishli: al-Tayy quarter", _h("government", "~2021-04-26 sdf"), "security_squares",
     False),
    (37.0000, 41.2500, "Qamishli: southern outskirts", _h("sdf"), "sdf", False),
    (33.0300, 36.4000, "al-Lajat plateau (west)", _h("opposition", "~2018-07-03 government",
                                                       "~2024-12-06 opposition"), "south_2018", False),
    (33.0900, 36.5200, "al-Lajat plateau (east)", _h("opposition", "~2018-07-03 government",
                                                       "~2024-12-06 opposition"), "south_2018", False),
    (32.8400, 36.3400, "Busra al-Harir", _h("opposition", "~2018-06-26 government", "~2024-12-06 opposition"),
     "south_2018", False),
    (33.4000, 35.8700, "Mount Hermon (Syrian side)", _h("government", "~2024-12-08 contested"), "israel_2024",
     False),
    (33.1000, 37.1000, "Tulul al-Safa", _h("islamic_state", "~2018-11-17 government"), "suwayda_2018", False),
]

# --- sketched regions --------------------------------------------------------

TANF = (33.50, 38.66)

#: The Euphrates drawn between towns known to lie on each bank (Raqqa, Karamah,
#: Kasrah, Khusham, Busayrah, Dhiban, al-Kishkiyah, Abu Hamam, Hajin, Susah,
#: Baghuz on the left; Tabqa, Sabkhah, Maadan, Tibni, Deir ez-Zor, Muhasan,
#: Mayadin, al-Ashara, Subaykhan, Abu Kamal on the right).
EUPHRATES = LineString([
    (38.00, 37.10), (38.01, 36.82), (38.10, 36.70), (38.22, 36.58), (38.20, 36.38), (38.27, 36.15),
    (38.45, 35.95), (38.56, 35.87), (38.75, 35.865), (39.01, 35.93), (39.27, 35.84), (39.60, 35.775),
    (39.87, 35.59), (40.05, 35.40), (40.21, 35.32), (40.30, 35.27), (40.37, 35.19), (40.50, 35.00),
    (40.58, 34.935), (40.605, 34.835), (40.70, 34.80), (40.84, 34.665), (40.93, 34.52), (40.915, 34.468),
    (40.98, 34.445), (41.00, 34.38), (41.20, 34.20),
])

#: Everything left (north and east) of the Euphrates: the Jazira.
JAZIRA = Polygon([*EUPHRATES.coords, (43.0, 34.2), (43.0, 37.6), (38.0, 37.6)])

IDLIB_CORE = Polygon([
    (36.15, 35.83), (36.10, 35.90), (36.30, 36.13), (36.45, 36.27), (36.60, 36.31), (36.70, 36.33),
    (36.85, 36.31), (36.95, 36.21), (36.97, 36.10), (36.90, 36.00), (36.80, 35.92), (36.745, 35.86),
    (36.64, 35.72), (36.55, 35.64), (36.45, 35.63), (36.35, 35.70), (36.25, 35.75),
])

#: The larger pocket of 2016-2019 (the core plus the belt lost in 2018-2020).
IDLIB_2016 = Polygon([
    (36.10, 35.90), (36.30, 36.13), (36.45, 36.27), (36.60, 36.31), (36.70, 36.33), (36.85, 36.31),
    (37.00, 36.33), (37.12, 36.28), (37.10, 36.18), (37.05, 36.05), (37.10, 35.95), (37.15, 35.70),
    (37.10, 35.45), (36.85, 35.33), (36.75, 35.30), (36.62, 35.30), (36.50, 35.35), (36.45, 35.45),
    (36.40, 35.60), (36.30, 35.68), (36.15, 35.80),
])

AFRIN = Polygon([(36.45, 36.33), (36.97, 36.33), (36.97, 36.95), (36.45, 36.95)])

GHOUTA = Polygon([(36.31, 33.52), (36.34, 33.57), (36.40, 33.60), (36.47, 33.60), (36.53, 33.55),
                  (36.52, 33.47), (36.44, 33.45), (36.37, 33.48), (36.33, 33.50)])

QALAMOUN_EAST = Polygon([(36.60, 33.70), (36.85, 33.85), (36.95, 33.75), (36.80, 33.62), (36.66, 33.61)])

HOMS_NORTH = Polygon([(36.45, 34.80), (36.55, 34.92), (36.70, 34.99), (36.80, 34.93), (36.82, 34.83),
                      (36.70, 34.80), (36.55, 34.76)])

PALMYRA = (34.56, 38.28)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot((a[0] - b[0]) * 111.0, (a[1] - b[1]) * 111.0 * math.cos(math.radians(a[0])))


def _gov_2024(lat: float, lon: float) -> tuple[str, str, bool]:
    """Government ground and the day the November-December 2024 offensives reached it."""
    if lon < 36.25:  # the coast and its mountains: no fighting, handed over with Damascus
        return _h("government"), "core", False
    if lon < 37.6 and lat >= 35.6:
        return _h("government", "~2024-11-30 hts"), "offensive_2024", False
    if lon < 37.6 and lat >= 35.2:
        return _h("government", "~2024-12-03 hts"), "offensive_2024", False
    if lon < 37.6 and lat >= 34.95:
        return _h("government", "~2024-12-05 hts"), "offensive_2024", False
    if lon < 37.0 and lat >= 34.8:
        return _h("government", "~2024-12-07 hts"), "offensive_2024", False
    return _h("government"), "core", False


def region_history(lat: float, lon: float, km_to_turkey: float, admin1: str = "") -> tuple[str, str, bool]:
    """The sketched history of an anchor at ``lat``/``lon`` (always approximate)."""
    p = Point(lon, lat)
    if _km((lat, lon), TANF) < 55:
        return _h("islamic_state", "~2016-03-04 coalition"), "tanf", False
    if JAZIRA.contains(p):
        if 38.93 <= lon <= 40.10 and km_to_turkey <= 31:
            return _h("sdf", "~2019-10-17 turkey_sna"), "peace_spring", False
        if lat >= 36.3:
            return _h("sdf"), "sdf", False
        if lon >= 40.3 and lat >= 35.95:
            return _h("islamic_state", "~2016-02-19 sdf"), "sdf", False
        if lat >= 35.95:
            return _h("islamic_state", "~2017-01-15 sdf"), "raqqa", False
        if lon < 39.15:
            return _h("islamic_state", "~2017-06-15 sdf"), "raqqa", False
        if lon < 39.6:
            return _h("islamic_state", "~2017-06-25 sdf"), "raqqa", False
        if lon >= 40.3 and lat >= 35.6:
            return _h("islamic_state", "~2017-03-20 sdf"), "sdf", False
        if lat >= 34.78:
            return _h("islamic_state", "~2017-11-20 sdf"), "dez", False
        return _h("islamic_state", "~2018-12-20 sdf"), "dez", False
    if lat >= 36.3 and lon >= 37.78:
        if lat >= 36.62:
            return _h("islamic_state", "~2016-08-30 turkey_sna"), "shield", False
        after = "~2024-12-10 contested" if lon >= 38.15 else "~2024-12-09 turkey_sna"
        return _h("islamic_state", "~2016-08-12 sdf", after), "manbij", False
    if lat >= 36.3 and lon >= 37.25:
        if lat >= 36.5:
            return _h("islamic_state", "~2016-10-15 turkey_sna"), "shield", False
        if lon >= 37.65:
            return _h("islamic_state", "~2016-11-10 sdf", "~2024-12-09 turkey_sna"), "manbij", False
        return _h("islamic_state", "~2017-02-23 turkey_sna"), "shield", False
    if AFRIN.contains(p):
        return _h("sdf", _AFRIN_SNA), "afrin", False
    if lat >= 36.33 and 36.95 <= lon < 37.25:
        if lat >= 36.55 or lon >= 37.15:
            return _h("opposition", "~2016-08-24 turkey_sna"), "shield", False
        return _h("opposition", "~2016-02-15 sdf", "~2024-12-01 turkey_sna"), "rifaat", False
    if IDLIB_CORE.contains(p):
        return _h("hts"), "idlib_core", False
    if IDLIB_2016.contains(p):
        if lon >= 36.95 and lat < 35.95:
            return _h("hts", "~2018-01-20 government", "~2024-12-01 hts"), "abu_duhur", False
        if lat < 35.5:
            return _h("hts", "~2019-08-23 government", "~2024-12-02 hts"), "idlib_2019", False
        if lat < 35.95:
            return _h("hts", "~2020-01-30 government", "~2024-11-30 hts"), "idlib_2020", False
        return _h("hts", "~2020-02-16 government", "~2024-11-28 hts"), "idlib_2020", False
    if lat >= 35.75 and 37.6 <= lon < 38.45:
        return _h("islamic_state", "~2017-04-01 government", "~2024-12-01 sdf"), "aleppo_2017", False
    if lat >= 35.72 and 38.45 <= lon < 39.15:
        return _h("islamic_state", "~2017-06-01 sdf"), "raqqa", False
    if _km((lat, lon), PALMYRA) < 30:
        return (_h("islamic_state", "~2016-03-27 government", "~2016-12-11 islamic_state",
                   "~2017-03-02 government"), "palmyra", False)
    if lon >= 37.6:
        if lat < 33.8:
            return _h("opposition", "~2017-06-15 government"), "desert_2017", False
        if lon < 38.3:
            return _h("islamic_state", "~2017-05-25 government"), "desert_2017", False
        if lon < 39.3:
            return _h("islamic_state", "~2017-08-15 government"), "desert_2017", False
        if lon < 40.2:
            return _h("islamic_state", "~2017-09-30 government"), "dez", False
        return _h("islamic_state", "~2017-11-19 government"), "dez", False
    if lon >= 37.0 and lat < 34.4:
        if lat < 33.8:
            return _h("opposition", "~2017-06-15 government"), "desert_2017", False
        return _h("islamic_state", "~2017-05-25 government"), "desert_2017", False
    if lon >= 37.35 and 34.8 <= lat < 35.5:
        return _h("islamic_state", "~2017-09-15 government"), "desert_2017", False
    if GHOUTA.contains(p):
        return _h("opposition", "~2018-04-01 government"), "ghouta", False
    if QALAMOUN_EAST.contains(p):
        return _h("opposition", "~2018-04-22 government"), "qalamoun", False
    if HOMS_NORTH.contains(p):
        return _h("opposition", "~2018-05-16 government", "~2024-12-06 hts"), "homs_2018", False
    suwayda = admin1 == "As-Suwayda" or (not admin1 and lat < 33.05 and lon >= 36.53)
    if suwayda:
        return _h("government", "~2024-12-07 opposition"), "south_2024", True
    if lat < 33.25 and lon < 36.55 and admin1 not in ("Rif Dimashq", "Damascus"):
        if lon < 36.0 and lat < 32.86:
            return (_h("islamic_state", "~2018-07-31 government", "~2024-12-06 opposition"), "south_2018",
                    False)
        if lon < 35.95:
            return _h("opposition", "~2018-07-20 government", "~2024-12-06 opposition"), "south_2018", False
        return _h("opposition", "~2018-07-10 government", "~2024-12-06 opposition"), "south_2018", False
    return _gov_2024(lat, lon)
