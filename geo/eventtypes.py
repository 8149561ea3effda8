"""Typing a sentence with ACLED's event and sub-event types.

The triggers of a sentence (:mod:`geo.triggers`: verbs and nouns of fighting,
remote violence, violence against civilians, protest, riot and strategic
moves, without the hypothetical, intended or denied ones) decide its types.
When a sentence holds triggers of several types, ACLED's
precedence decides: remote violence (the weapon used) before battles, battles
before violence against civilians, then riots, protests and strategic
developments. Who was killed (soldiers or civilians) tells a battle from an
attack on civilians; who took ground tells *Government regains territory*
from *Non-state actor overtakes territory*.
"""

from __future__ import annotations

import re

from geo.actors import ActorMention
from geo.fatalities import fatalities
from geo.triggers import BATTLES, PROTESTS, REMOTE, RIOTS, STRATEGIC, VAC, Trigger, find_triggers

__all__ = ["BATTLES", "PROTESTS", "REMOTE", "RIOTS", "STRATEGIC", "VAC", "Trigger", "classify",
           "classify_all", "fatalities", "find_triggers"]

_I = re.IGNORECASE
_ARMED_VICTIM = (r"(?:soldiers?|troops?|servicem[ae]n|fighters?|militants?|militiam[ae]n|rebels?|"
                 r"officers?|commanders?|personnel|jihadists?|guards?|policem[ae]n|gunmen|insurgents?|"
                 r"combatants?|recruits?|conscripts?|Turks|Russians|Americans|"
                 r"(?:members of the )?security (?:forces|personnel|men))")
_CIVIL_VICTIM = (r"(?:civilians?|children|child|wom[ae]n|residents?|villagers?|famil(?:y|ies)|worshippers|"
                 r"workers?|farmers?|shepherds?|journalists?|medics?|doctors?|students?|pupils?|boys?|"
                 r"girls?|people|persons?|m[ae]n|refugees?|passengers?|shoppers|teachers?|elderly)")


def _victims_armed(sentence: str, trig: Trigger) -> bool | None:
    """True when the killed or attacked are combatants, False civilians, None unknown.

    Active voice names the victims after the verb ("killed three civilians"),
    the passive before it ("three soldiers were killed").
    """
    after = sentence[trig.end:trig.end + 50]
    before = sentence[max(0, trig.start - 80):trig.start]
    for window, last in ((after, False), (before, True)):
        armed = list(re.finditer(r"\b" + _ARMED_VICTIM + r"\b", window, _I))
        civil = list(re.finditer(r"\b" + _CIVIL_VICTIM + r"\b", window, _I))
        if armed or civil:
            if not civil:
                return True
            if not armed:
                return False
            # the noun nearest the verb names the victims
            if last:
                return armed[-1].start() > civil[-1].start()
            return armed[0].start() < civil[0].start()
    return None


_AIR = re.compile(r"\b(?:jets?|warplanes?|war ?planes?|aircraft|planes?|helicopters?|gunships?|drones?|UAVs?|"
                  r"air ?(?:strikes?|raids?|force|power|attacks?|campaign)|aerial|air-launched)\b", _I)
_ARTILLERY = re.compile(r"\b(?:artillery|shell(?:s|ing|ed)?|mortars?|rockets?|missiles?(?![- ](?:defen[cs]e|"
                        r"systems?))|howitzers?|cannons?|tank fire)\b", _I)
_SUICIDE = re.compile(r"\bsuicide\b|\bblew (?:himself|herself|themselves) up\b", _I)
_IED = re.compile(r"\b(?:car|truck|motorcycle|motorbike|roadside|parcel) ?bombs?\b|\bIEDs?\b|"
                  r"\bimprovised explosive\b|\bwith explosives\b|"
                  r"\blandmines?\b|\bexplosive device\b|\bbooby[- ]trap\w*\b", _I)
_HIT_VERB = re.compile(r"^(?:attack\w*|raid\w*|strik\w+|struck|hit|bomb\w*|pound\w*|target\w*|kill\w*)$", _I)
_WEAK_BATTLE = re.compile(r"kill\w*|dead|died|slain|attack\w*|target\w*|raid\w*", _I)
_PERSON_TAKEN = re.compile(r"\s+(?:an?|the|two|three|several|\d+)?\s*(?:[\w-]+\s+){0,3}?(?:commanders?|"
                           r"leaders?|"
                           r"emirs?|members?|suspects?|officials?|pilots?|militants?|operatives?|"
                           r"financiers?)\b", _I)
# ground taken with no fight: ACLED's non-violent transfer of territory ("after the rebels withdrew"
# is not enough: a withdrawal under an offensive leaves the ground to the victor of a battle)
_UNOPPOSED = re.compile(r"\b(?:abandoned|deserted|vacated|unopposed|without (?:a |any )?(?:fight|fighting|"
                        r"resistance|clashes|a shot))\b", _I)


def clash_words(by_type: dict) -> bool:
    """Whether a sentence's battle triggers name fighting itself, not only ground taken."""
    return any(t.sub_event_type != "territory" and not _WEAK_BATTLE.fullmatch(t.text)
               for t in by_type.get(BATTLES, []))


_TAKEN = ("Government regains territory", "Non-state actor overtakes territory")
_AIR_POWERS = ("Israel", "United States", "US-led coalition", "Russia")
_SECONDARY_SD = ("Agreement", "Arrests", "Non-violent transfer of territory",
                 "Headquarters or base established")


def _remote_subtype(sentence: str, default: str) -> str:
    """The weapon a sentence names decides the remote-violence sub-event type."""
    if default == "Chemical weapon":
        return default
    if _SUICIDE.search(sentence):
        return "Suicide bomb"
    if _IED.search(sentence):
        return "Remote explosive/landmine/IED"
    if _AIR.search(sentence):
        return "Air/drone strike"
    if _ARTILLERY.search(sentence):
        return "Shelling/artillery/missile attack"
    return default


def classify_all(sentence: str, triggers: list[Trigger],
                 actors: list[ActorMention]) -> list[tuple[str, str, Trigger]]:
    """Every ACLED ``(event_type, sub_event_type, trigger)`` a sentence reports, main one first.

    The main type follows ACLED's precedence (module docstring). A sentence also
    reports a battle when it names fighting or a capture besides a strike, and a
    strategic development when it names an agreement, arrests, a withdrawal or
    a new base besides violence.

    Parameters
    ----------
    sentence : str
        The sentence (context for victims, weapons and who took ground).
    triggers : list of Trigger
        The triggers to use (all of the sentence's, or those of one clause).
    actors : list of ActorMention
        The actors named in the sentence.
    """
    main = _classify(sentence, triggers, actors)
    if main is None:
        return []
    out = [main]
    if main[0] == REMOTE:
        strong = [t for t in triggers if t.event_type == BATTLES and not _WEAK_BATTLE.fullmatch(t.text)
                  and not _HIT_VERB.match(t.text)]
        if strong:
            t = strong[0]
            territory = t.sub_event_type == "territory"
            sub = _territory_subtype(sentence, t, actors) if territory else "Armed clash"
            out.append((BATTLES, sub, t))
    if main[0] != STRATEGIC:
        sd = [t for t in triggers if t.event_type == STRATEGIC and t.sub_event_type in _SECONDARY_SD
              # "took the town after the rebels withdrew": the loser's side of the same capture
              and not (main[1] in _TAKEN and t.sub_event_type == "Non-violent transfer of territory")]
        if sd:
            out.append((STRATEGIC, sd[0].sub_event_type, sd[0]))
    return out


def classify(sentence: str, actors: list[ActorMention]) -> tuple[str, str, Trigger] | None:
    """The main ACLED ``(event_type, sub_event_type, trigger)`` of a sentence, or ``None``.

    Parameters
    ----------
    sentence : str
        One sentence.
    actors : list of ActorMention
        The actors named in it (from :func:`geo.actors.actor_mentions`).
    """
    return _classify(sentence, find_triggers(sentence), actors)


def _classify(sentence: str, triggers: list[Trigger],
              actors: list[ActorMention]) -> tuple[str, str, Trigger] | None:
    if not triggers:
        return None
    names = [a.actor for a in actors]
    armed = {n for n in names if n not in ("Civilians", "Protesters", "Rioters")}
    by_type: dict[str, list[Trigger]] = {}
    for t in triggers:
        by_type.setdefault(t.event_type, []).append(t)

    if REMOTE in by_type:
        t = by_type[REMOTE][0]
        disrupted = [d for d in by_type.get(STRATEGIC, []) if d.sub_event_type == "Disrupted weapons use"]
        if disrupted and all(0 <= r.start - disrupted[0].end <= 50 for r in by_type[REMOTE]):
            d = disrupted[0]  # "defused an explosive device", "intercepted two missiles"
            return STRATEGIC, d.sub_event_type, d
        return REMOTE, _remote_subtype(sentence, t.sub_event_type), t
    # "jets joined in striking the town", "raids by helicopters": a strike verb with an air or
    # artillery weapon named in the sentence is remote violence
    hits = [t for t in by_type.get(BATTLES, []) if _HIT_VERB.match(t.text)]
    # air powers strike from the air ("Israel struck the Hama military airport")
    remote_actor = any(a.actor in _AIR_POWERS and a.end <= hits[0].start for a in actors) if hits else False
    if hits and (_AIR.search(sentence) or _ARTILLERY.search(sentence) or remote_actor) \
            and not by_type.get(PROTESTS):
        t = hits[0]
        return REMOTE, _remote_subtype(sentence, "Shelling/artillery/missile attack"), t
    if PROTESTS in by_type:
        protest = by_type[PROTESTS][0]
        if re.search(r"\b(?:killed|shot|opened fire|live (?:fire|ammunition)|fired (?:on|"
                     r"at))\b", sentence, _I):
            return PROTESTS, "Excessive force against protesters", protest
        if RIOTS in by_type:
            t = by_type[RIOTS][0]
            return RIOTS, t.sub_event_type, t
        if re.search(r"\b(?:dispers\w+|tear ?gas|water cannons?|arrest(?:ed|s|ing)?|detain(?:ed|ing)|"
                     r"beat(?:en)?|"
                     r"broke up|intervened|cracked down|crackdown)\b", sentence, _I):
            return PROTESTS, "Protest with intervention", protest
        return PROTESTS, "Peaceful protest", protest
    if BATTLES in by_type:
        terr = [t for t in by_type[BATTLES] if t.sub_event_type == "territory"]
        clash = [t for t in by_type[BATTLES] if t.sub_event_type != "territory"]
        if terr:
            t = terr[0]
            if _PERSON_TAKEN.match(sentence[t.end:t.end + 60]):
                return STRATEGIC, "Arrests", t  # "captured a senior IS commander"
            if _UNOPPOSED.search(sentence) and not clash_words(by_type):
                return STRATEGIC, "Non-violent transfer of territory", t  # "seized the abandoned post"
            return BATTLES, _territory_subtype(sentence, t, actors), t
        strong = [t for t in clash if not _WEAK_BATTLE.fullmatch(t.text)]
        if strong:
            return BATTLES, "Armed clash", strong[0]
        t = clash[0]
        victims = _victims_armed(sentence, t)
        if VAC in by_type:
            v = by_type[VAC][0]
            return VAC, v.sub_event_type, v
        if victims is False or (victims is None and len(armed) < 2 and "Civilians" in names):
            return VAC, "Attack", t
        if victims is True or len(armed) >= 1:
            return BATTLES, "Armed clash", t
        return VAC, "Attack", t
    if VAC in by_type:
        t = by_type[VAC][0]
        return VAC, t.sub_event_type, t
    if RIOTS in by_type:
        t = by_type[RIOTS][0]
        return RIOTS, t.sub_event_type, t
    if STRATEGIC in by_type:
        order = ("Agreement", "Arrests", "Non-violent transfer of territory",
                 "Headquarters or base established",
                 "Looting/property destruction", "Disrupted weapons use", "Change to group/activity", "Other")
        t = min(by_type[STRATEGIC], key=lambda x: (order.index(x.sub_event_type), x.start))
        return STRATEGIC, t.sub_event_type, t
    return None


_GOVERNMENTS = ("Syrian government forces", "Syrian transitional government")


def _territory_subtype(sentence: str, trig: Trigger, actors: list[ActorMention]) -> str:
    """Who took the ground: the government (regains) or anyone else (non-state actor overtakes)."""
    if re.match(r"fell to|fall of", trig.text, _I):
        after = [a for a in actors if a.start >= trig.end and a.actor not in ("Civilians",)]
        taker = after[0].actor if after else None
    else:
        before = [a for a in actors if a.end <= trig.start and a.actor not in ("Civilians",)]
        after = [a for a in actors if a.start >= trig.end and a.actor not in ("Civilians",)]
        taker = before[-1].actor if before else (after[0].actor if after else None)
        # "backed by Russia": the state backer is not the one on the ground
        if taker in ("Russia", "Iran") and len(before) > 1:
            taker = before[-2].actor
    if taker in _GOVERNMENTS or taker in ("Russia", "Iran-backed militias", "Hezbollah"):
        return "Government regains territory"
    return "Non-state actor overtakes territory"
