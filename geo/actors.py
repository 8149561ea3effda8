"""The actors of the Syrian war, and how news text names them.

Each sentence's actors are normalised to this list (ACLED-style actor names,
simplified for briefing). Patterns are matched longest first and a matched span
is not matched again, so "US-backed Syrian Democratic Forces" gives *SDF* only
(the backer is not an actor of the sentence), and "Syrian Democratic Forces"
never reads as *Syrian government forces*.

==============================  ================================================================
actor                           surface forms (examples, case-insensitive unless noted)
==============================  ================================================================
Syrian government forces        Syrian army/troops/forces/military, SAA, regime (forces), Assad
                                forces, forces loyal to Assad, pro-government forces/militias,
                                government troops, Tiger Forces, 4th Division, Republican Guard,
                                NDF, Damascus (when acting)
Syrian transitional government  transitional/interim government, new Syrian authorities,
                                General Security, Military Operations Command (from Dec 2024;
                                "government forces" in events dated after 8 Dec 2024 map here)
Russia                          Russia, Russian forces/jets/warplanes/aircraft/military/police,
                                Moscow, Wagner
Turkey                          Turkey, Turkiye, Turkish army/troops/forces/military/jets/drones,
                                TAF, Ankara
Turkish-backed SNA              Syrian National Army, SNA, National Army, Turkish-backed
                                rebels/factions/fighters, Sultan Murad, Hamza Division
SDF                             Syrian Democratic Forces, SDF, YPG, YPJ, Kurdish-led forces,
                                Kurdish fighters/forces/militia, Asayish, Manbij Military Council
United States                   United States, US, U.S., American forces/troops/soldiers,
                                Pentagon, Washington
US-led coalition                US-led coalition, coalition forces/troops/jets, CJTF-OIR,
                                Operation Inherent Resolve
Islamic State                   Islamic State, IS (capitals), ISIS, ISIL, Daesh, jihadists of IS
HTS                             Hayat Tahrir al-Sham, HTS, Tahrir al-Sham, Nusra Front, Jabhat
                                al-Nusra, Jabhat Fateh al-Sham, al-Qaeda-linked/affiliated
Syrian opposition               rebels, opposition fighters/groups/factions, Free Syrian Army,
                                FSA, insurgents, Jaish al-Izza, National Front for Liberation
Iran-backed militias            Iran-backed / Iranian-backed / pro-Iranian militias, IRGC,
                                Revolutionary Guards, Quds Force, Fatemiyoun, Zainabiyoun
Iran                            Iran, Iranian forces/military/officials, Tehran
Hezbollah                       Hezbollah, Hizbollah, Hizbullah
Israel                          Israel, Israeli jets/army/military/forces/strikes, IDF
Kurdish PKK                     PKK, Kurdistan Workers' Party
Civilians                       civilians, residents, villagers, children, women, families,
                                displaced people, refugees, aid workers, journalists
Protesters                      protesters, demonstrators, crowds of residents protesting
Rioters                         rioters, mob
==============================  ================================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.textmatch import FoldedPattern

#: The documented actor names, in the order of the table above.
ACTORS: tuple[str, ...] = (
    "Syrian government forces", "Syrian transitional government", "Russia", "Turkey",
    "Turkish-backed SNA", "SDF", "United States", "US-led coalition", "Islamic State", "HTS",
    "Syrian opposition", "Iran-backed militias", "Iran", "Hezbollah", "Israel", "Kurdish PKK",
    "Civilians", "Protesters", "Rioters",
)

#: Armed actors (used to tell a battle from violence against civilians).
ARMED: frozenset[str] = frozenset(ACTORS) - {"Civilians", "Protesters", "Rioters"}

#: Date from which the government in Damascus is the transitional one (fall of Assad).
TRANSITION_DATE = "2024-12-08"

_GOV = "Syrian government forces"
_S = r"(?:'s|\u2019s)?"  # possessive
_FORCE = (r"(?:forces?|troops?|army|armed forces|military|soldiers?|units?|jets?|warplanes?|aircraft|"
          r"planes?|drones?|artillery|helicopters?|gunships?|militar(?:y|ies)|police|navy|air force|"
          r"fighters?|personnel|convoys?|patrols?|positions?|tanks?|commandos?|special forces|"
          r"strikes?|air ?strikes?|shelling|missiles?|rockets?)")
_BACKED = r"(?:-| )(?:backed|led|linked|allied|affiliated|supported|sponsored|aligned)\b"

# (actor, pattern, case_sensitive); order matters: specific before generic.
_RULES: list[tuple[str, str, bool]] = [
    # --- compound names that contain another actor's word ---------------------------------
    ("US-led coalition", r"\b(?:US|U\.S\.|American|United States)(?:-| )led (?:international |global |"
                         r"anti-(?:IS|ISIS|ISIL|jihadist) )?coalition\b", False),
    ("US-led coalition", r"\b(?:international |global |anti-(?:IS|ISIS|ISIL|jihadist) )?coalition "
                         r"(?:forces|troops|jets|warplanes|aircraft|strikes?|air ?strikes?|soldiers|"
                         r"partners|officials|spokesm[ae]n|bases?)\b|\bthe coalition\b|\bCJTF-OIR\b|"
                         r"\bOperation Inherent Resolve\b|\bglobal coalition\b", False),
    ("Turkish-backed SNA", r"\b(?:Turkish|Turkey|Ankara)(?:-| )(?:backed|supported|allied|aligned|"
                           r"sponsored) (?:Syrian )?(?:rebels?|factions?|fighters?|militias?|groups?|forces|"
                           r"opposition(?: fighters| groups| factions| forces)?|mercenaries|proxies|"
                           r"Syrian National Army|National Army|SNA|Free Syrian Army|FSA)\b", False),
    ("Turkish-backed SNA", r"\bSyrian National Army\b|\bSNA\b|\bNational Army\b|\bSultan Murad\b|"
                           r"\bHamza Division\b|\bAmshat\b|\bSultan Suleiman Shah\b", False),
    ("Iran-backed militias", r"\b(?:Iran|Iranian|Tehran)(?:-| )(?:backed|supported|allied|aligned|"
                             r"sponsored|linked) (?:\w+ ){0,2}?(?:militias?|militiamen|fighters|groups?|"
                             r"forces|paramilitar(?:y|ies))\b|\bpro-Iran(?:ian)? (?:\w+ )?(?:militias?|"
                             r"militiamen|fighters|groups?|forces|targets|positions)\b|\bIRGC\b|"
                             r"\bRevolutionary Guards?(?: Corps)?\b|\bQuds Force\b|\bFatemiyoun\b|"
                             r"\bZainabiyoun\b|\bKata'?ib Hezbollah\b|\bNujaba\b", False),
    ("SDF", r"\b(?:US|U\.S\.|American|coalition)(?:-| )(?:backed|supported|allied) (?:Kurdish(?:-led)? )?"
            r"(?:Syrian Democratic Forces|SDF|forces|fighters|militias?|groups?|troops|alliance)\b", False),
    ("SDF", r"\bSyrian Democratic (?:Forces|Council)\b|\bSDF\b|\bYP[GJ]\b|\bPeople'?s Protection Units\b|"
            r"\bWomen'?s Protection Units\b|\bAsayish\b|\bManbij Military Council\b|"
            r"\bDeir (?:ez|el)[- ]Zor Military Council\b|\bKurdish(?:-led)? (?:forces|fighters|militias?|"
            r"militiamen|troops|units|groups?|alliance|administration|authorities|self-administration)\b|"
            r"\bthe Kurds\b|\bAutonomous Administration\b", False),
    ("Kurdish PKK", r"\bPKK\b|\bKurdistan Workers'? Party\b|\bKurdistan Worker's Party\b", False),
    ("HTS", r"\bHayat Tahrir al[- ]Sham\b|\bHay'?at Tahrir al[- ]Sham\b|\bTahrir al[- ]Sham\b|\bHTS\b|"
            r"\b(?:al[- ])?Nusra(?: Front)?\b|\bJabhat (?:al[- ])?Nusra\b|\bJabhat Fateh al[- ]Sham\b|"
            r"\b(?:al[- ])?Qaeda(?:-| )(?:linked|affiliated|allied|inspired)\b|\bHurras al[- ]Din\b", False),
    ("Islamic State", r"\bIslamic State\b|\bISIS\b|\bISIL\b|\bDaesh\b|\bDaish\b|\bIsis\b", False),
    ("Islamic State", r"\bIS\b", True),
    ("Syrian transitional government",
     r"\b(?:Syria's |Syrian )?(?:transitional|interim|caretaker) (?:government|authorities|administration|"
     r"president)\b|\bnew Syrian (?:authorities|government|army)\b|\bSyria's new (?:authorities|"
     r"government|rulers|army)\b|\bGeneral Security(?: Service| forces)?\b|"
     r"\bMilitary Operations Command\b", False),
    ("Syrian opposition", r"\bFree Syrian Army\b|\bFSA\b|\bNational Front for Liberation\b|\bNLF\b|"
                          r"\bJaish al[- ]Izza\b|\bAhrar al[- ]Sham\b|\bJaysh al[- ]Islam\b|"
                          r"\b(?:Syrian )?(?:rebels?|insurgents?|opposition (?:fighters|groups|factions|"
                          r"forces|militias?)|armed opposition|rebel (?:groups?|fighters|factions|forces))\b|"
                          r"\b(?:jihadists?|militants?|Islamists?|Islamist (?:militias?|fighters|groups?))\b",
     False),
    # --- the government in Damascus -------------------------------------------------------
    (_GOV, r"\b(?:Russian|Moscow|Iran(?:ian)?)(?:-| )backed (?:Syrian )?(?:government |regime |army |"
           r"pro-government )?(?:forces|troops|army|soldiers)\b", False),
    (_GOV, r"\bSyrian (?:Arab )?(?:government|regime|army|troops|soldiers|military|armed forces|air force|"
           r"forces|warplanes|jets|helicopters|artillery|state forces)\b|\bSAA\b|"
           r"\b(?:pro-)?(?:government|regime|Assad) (?:forces|troops|soldiers|army|militias?|militiamen|"
           r"fighters|jets|warplanes|aircraft|helicopters|artillery|shelling|positions|loyalists|"
           r"gunmen|units)\b|\bpro-(?:government|regime|Assad)\b|"
           r"\b(?:forces|troops|militias?|fighters|gunmen) (?:loyal to|of) (?:President |Syrian President )?"
           r"(?:Bashar )?(?:al[- ])?Assad\b|\bAssad(?:'s|\u2019s)? (?:forces|troops|regime|army|"
           r"government|soldiers)\b|\bthe regime\b|\bregime\b|\bTiger Forces\b|\b(?:4th|Fourth) "
           r"(?:Armou?red )?Division\b|\bRepublican Guard\b|\bNational Defen[cs]e Forces\b|\bNDF\b|"
           r"\bDamascus\b(?= (?:has|had|said|says|sent|launched|accused|warned|signed|agreed|forces|troops))|"
           r"\bSyrian (?:air )?defen[cs]es?\b|\bSyrian state media\b", False),
    # --- states -------------------------------------------------------------------------------
    ("Hezbollah", r"\bHezbollah\b|\bHizbollah\b|\bHizbullah\b|\bHizballah\b", False),
    ("Israel", rf"\bIsrael{_S}\b|\bIsraeli\b|\bIDF\b|\bIsrael Defen[cs]e Forces\b", False),
    ("Russia", rf"\bRussia{_S}\b|\bRussian\b|\bMoscow{_S}\b(?!-(?:backed|linked|allied))|\bKremlin\b|"
               r"\bWagner(?: Group)?\b", False),
    ("Turkey", rf"\bTurkey{_S}\b|\bTurks\b|\bT[uü]rkiye{_S}\b|\bTurkish\b|\bAnkara{_S}\b|\bTAF\b", False),
    ("Iran", rf"\bIran{_S}\b|\bIranian\b|\bTehran{_S}\b", False),
    ("United States", rf"\bUnited States\b|\bU\.S\.(?=\W)|\bUS\b|\bUSA\b|\bAmerican{_S}\b|\bAmericans\b|"
                      r"\bPentagon\b|\bWashington\b|\bCENTCOM\b|\bCentral Command\b", True),
    # --- people ------------------------------------------------------------------------------
    ("Protesters", r"\bprotest(?:e|o)rs?\b|\bdemonstrators?\b|\bmarchers\b", False),
    ("Rioters", r"\brioters?\b|\b(?:angry )?mobs?\b", False),
    ("Civilians", r"\bcivilians?\b|\bresidents?\b|\bvillagers?\b|\bchildren\b|\bchild\b|\bwom[ae]n\b|"
                  r"\bfamil(?:y|ies)\b|\bdisplaced (?:people|persons|families)\b|\brefugees?\b|"
                  r"\baid workers?\b|\bjournalists?\b|\bworshippers\b|\bfarmers?\b|\bshepherds?\b|"
                  r"\bpeople\b|\bpassers-by\b|\bcivilian\b|\bboys?\b|\bgirls?\b|\bman\b|\bmen\b|"
                  r"\bpatients\b|\bmedics\b|\bdoctors\b|\bteachers?\b|\bstudents?\b|\bpupils\b", False),
]

_COMPILED = [(actor, FoldedPattern(pat, case_sensitive=cs)) for actor, pat, cs in _RULES]
# A backer or leader named as a modifier ("US-backed", "Russian-led") is not an actor itself.
_MODIFIER = re.compile(r"^(?:-| )?(?:backed|led|linked|allied|affiliated|supported|sponsored|aligned|"
                       r"designated|brokered|mediated)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ActorMention:
    """Where an actor is named in a sentence."""

    actor: str
    start: int
    end: int
    text: str


def actor_mentions(sentence: str) -> list[ActorMention]:
    """All actor mentions of a sentence, in text order, without overlaps.

    A state named only as the backer of another force ("US-backed", "Russian-led")
    is skipped; the force it backs is kept.
    """
    return list(_actor_mentions(sentence))


@lru_cache(maxsize=4096)  # a sentence is read for its type, then again for each of its events
def _actor_mentions(sentence: str) -> tuple[ActorMention, ...]:
    taken: list[tuple[int, int]] = []
    found: list[ActorMention] = []
    lowered = sentence.lower()
    for actor, pat in _COMPILED:
        for m in pat.finditer(sentence, lowered):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            if _MODIFIER.match(sentence[e:e + 14]):
                continue  # the span is claimed (so "US" is not re-read) but not an actor
            found.append(ActorMention(actor, s, e, sentence[s:e]))
    return tuple(sorted(found, key=lambda a: a.start))


def find_actors(sentence: str, date: str | None = None) -> tuple[str, ...]:
    """The actors a sentence names, normalised to :data:`ACTORS`, in order of first mention.

    Parameters
    ----------
    sentence : str
        One sentence of an article.
    date : str or None
        The event's ISO date; from 8 December 2024 on, "government forces"
        are those of the transitional government.

    Returns
    -------
    tuple of str
        Distinct actor names; empty when none is named.
    """
    out: list[str] = []
    for am in actor_mentions(sentence):
        actor = am.actor
        if actor == _GOV and date and date >= TRANSITION_DATE:
            actor = "Syrian transitional government"
        if actor not in out:
            out.append(actor)
    return tuple(out)
