"""Typing a sentence with ACLED's event and sub-event types, and reading its fatalities.

The typing is a set of trigger patterns (verbs and nouns of fighting, remote
violence, violence against civilians, protest, riot and strategic moves), each
tied to an ACLED type and sub-event type. A trigger does not count when it is
hypothetical, intended or denied ("threatened to strike", "would launch an
offensive", "an offensive is imminent", "did not attack") or when the sentence
is a question. When a sentence holds triggers of several types, ACLED's
precedence decides: remote violence (the weapon used) before battles, battles
before violence against civilians, then riots, protests and strategic
developments. Who was killed (soldiers or civilians) tells a battle from an
attack on civilians; who took ground tells *Government regains territory*
from *Non-state actor overtakes territory*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.actors import ActorMention
from geo.textmatch import FoldedPattern

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

_I = re.IGNORECASE
_ARMED_VICTIM = (r"(?:soldiers?|troops?|servicem[ae]n|fighters?|militants?|militiam[ae]n|rebels?|"
                 r"officers?|commanders?|personnel|jihadists?|guards?|policem[ae]n|gunmen|insurgents?|"
                 r"combatants?|recruits?|conscripts?|Turks|Russians|Americans)")
_CIVIL_VICTIM = (r"(?:civilians?|children|child|wom[ae]n|residents?|villagers?|famil(?:y|ies)|worshippers|"
                 r"workers?|farmers?|shepherds?|journalists?|medics?|doctors?|students?|pupils?|boys?|"
                 r"girls?|people|persons?|m[ae]n|refugees?|passengers?|shoppers|teachers?|elderly)")

# (type, sub-event type, pattern). Within a type, earlier rules are more specific.
_RULES: list[tuple[str, str, str]] = [
    # --- Explosions/Remote violence --------------------------------------------------------------
    (REMOTE, "Suicide bomb", r"\bsuicide (?:car )?(?:bomb(?:er|ing|s)?|attack(?:er)?s?|blast|vest|truck bomb|"
                             r"VBIED)\b|\bblew (?:himself|herself|themselves) up\b"),
    (REMOTE, "Remote explosive/landmine/IED",
     r"\b(?:car|truck|motorcycle|motorbike|roadside|booby-trapped|parcel) ?bombs?\b|\bIEDs?\b|"
     r"\bimprovised explosive\b|\b(?:land ?mines?|mines? (?:exploded|blast|explosion))\b|"
     r"\bexplosive device\b|\bbooby[- ]trap(?:ped|s)?\b|\bbomb (?:blast|attack|explo\w+|went off)\b|"
     r"\b(?:explosions?|blasts?|exploded|detonat\w+)\b|\bbombings?\b(?! by (?:the )?(?:SAA|army|regime|"
     r"government|Syrian army|jets|warplanes|aircraft|Russian|Israeli|coalition))"),
    (REMOTE, "Air/drone strike",
     r"\bair ?(?:-| )?strikes?\b|\bair ?raids?\b|\bair (?:offensive|attacks?|campaign|bombardment)\b|"
     r"\bdrone (?:strikes?|attacks?)\b|\bdrones? (?:struck|hit|targeted|attacked)\b|"
     r"\b(?:war)?planes? (?:struck|hit|bombed|targeted|pounded|raided)\b|"
     r"\b(?:jets|aircraft|warplanes|helicopters?|drones?) (?:\w+ ){0,3}?(?:struck|hit|bombed|targeted|"
     r"pounded|attacked|raided)\b|\bbarrel bombs?\b|\baerial (?:bombardment|bombing|attack)s?\b|"
     r"\b(?:bombed|bombing|bombings) by (?:the )?(?:jets|warplanes|aircraft|Russian|Israeli|coalition)\b|"
     r"\b(?:Israeli|Russian|coalition|US|U\.S\.|American|Turkish) (?:\w+ )?strikes?\b"
     r"(?! (?:a |an )?(?:deal|agreement|balance|compromise|tone|note))|"
     # headline present tense: "Turkey strikes Kurdish targets", "Israel pounds Damascus"
     r"\b(?:turkey|russia|israel|iran|coalition|jets|warplanes|drones?|regime) (?:strikes|pounds|bombs|"
     r"hits|targets)\b(?! (?:a |an )?(?:deal|agreement|balance|compromise|tone|note))|"
     r"\bstrikes? (?:by|from) (?:Israeli|Russian|coalition|US|U\.S\.|American|Turkish)\b|"
     r"\bunmanned aerial\b|\bUAVs?\b|"
     r"\b(?:the|its|their|these|new|further|repeated|heavy|deadly|overnight|retaliatory) (?:air )?strikes?\b|"
     r"\bstrikes? (?:on|against)\b"),
    (REMOTE, "Air/drone strike", r"\bcame under (?:\w+ ){0,2}?(?:air|aerial|drone) (?:attack|fire|strikes?|"
                                 r"raids?)\b"),
    (REMOTE, "Shelling/artillery/missile attack",
     r"\bcame under (?:\w+ ){0,2}?(?:rocket|artillery|mortar|missile|shell) (?:attack|fire|strikes?)\b|"
     r"\b(?:was|were|been|being) (?:hit|struck|shelled|bombed)\b|"
     r"\b(?:drones?|missiles?|rockets?|shells?|blasts?|explosions?|bombs?|strikes?) (?:hit|struck|slammed|"
     r"landed|"
     r"fell)\b"),
    (REMOTE, "Shelling/artillery/missile attack",
     r"\bshell(?:ing|ed|s)\b|\bartillery\b|\bmortars?\b|\brockets?\b|\bmissiles?\b(?![- ](?:defen[cs]e|"
     r"systems?|shield))|\bbombard(?:ment|ed|ing)\b|"
     r"\bhowitzers?\b|\bbombings? by\b|\bbombed\b|\bpounded\b|\bstruck (?:\w+ ){0,3}?(?:targets|"
     r"positions|sites|depots?|bases?|convoys?)\b|\btargeted (?:\w+ ){0,3}?(?:positions|sites|depots?)\b"),
    # --- Battles -------------------------------------------------------------------------------
    (BATTLES, "territory",
     r"\b(?:re)?captur(?:ed|es|ing)\b|\bseiz(?:ed|es|ing)\b|\btook (?:full )?control\b|\btaken control\b|"
     r"\bgain(?:ed|s)? control\b|\bretook\b|\bretaken\b|\bregain(?:ed|s)?\b|\bliberat(?:ed|es|ing|ion)\b|"
     r"\boverr?an\b|\boverrun\b|\bstorm(?:ed|s)\b|\bfell to\b|"
     r"\bfall of\b(?! (?:the )?(?:regime|government|president|bashar|assad|the assad))|\brecapture\b|"
     r"\bcapture of\b|"
     r"\bdrove (?:\w+ ){1,4}?out\b|\bdrove out\b|\bexpelled\b|\bpushed (?:\w+ ){0,3}?out\b|"
     r"\badvanc(?:ed|es|ing) (?:into|on|towards?)\b|\badvances on\b|\bbreached\b|\btook over\b|"
     r"\btook (?=the (?:town|city|village|base|airport|district|hill|area|centre|center|neighbou?rhoods?|"
     r"crossing|dam|camp|countryside|enclave|region)|(?:control|most|much|all|parts?) of)|"
     r"\b(?:had|has|have|was|were|been|being) taken\b|\bcontroll?ed (?:most|much|all|parts?|"
     r"large parts) of\b|"
     r"\bfell\b(?<!shells fell)(?<!rockets fell)(?<!mortars fell)(?<!missiles fell)(?<!bombs fell)"
     r"(?<!prices fell)(?! (?:short|"
     r"silent|apart|"
     r"ill|asleep|sharply|by|back|on|in love))|\bfell on (?:Monday|Tuesday|Wednesday|Thursday|Friday|"
     r"Saturday|Sunday)\b|"
     r"\b(?:troops|forces|fighters|army|rebels|insurgents|militants|soldiers|units) (?:\w+ ){0,2}?entered\b|"
     r"\bpush(?:ed|ing)? (?:back )?(?:into|deeper)\b|\bswept (?:into|through)\b|\bsweep into\b"),
    # "took" before a capitalised name ("the rebels took Saraqib"): matched with case (see _CASED)
    (BATTLES, "territory", r"\btook (?=[A-Z][a-z])"),
    (BATTLES, "Armed clash",
     r"\blaunch(?:ed|es|ing)? (?:a |an |its |the |their )?(?:(?!air\b|aerial\b|drone\b)[\w-]+ ){0,3}?"
     r"(?:operation|offensive|assault|attack|campaign|incursion)\b|"
     r"\bclash(?:ed|es|ing)?\b|\bfight(?:ing|s)?\b|\bfought\b|\bbattl(?:es?|ed|ing)\b|\bambush(?:ed|es)?\b|"
     r"\boffensive\b|\bassault(?:ed|s)?\b|\bfirefights?\b|\bgun ?(?:fire|battles?)\b|"
     r"\bexchang\w+ (?:of )?fire\b|"
     r"\breturn(?:ed)? fire\b|\bopen(?:ed)? fire\b|\bcame under (?:\w+ ){0,2}?(?:fire|attack)\b|"
     r"\bskirmish(?:es)?\b|\bhostilities\b|\bcounter-?attack(?:ed|s)?\b|\bsnipers?\b|\battack(?:ed|s|ing)?\b|"
     r"\binfiltrat(?:ed|ion)\b|\braid(?:ed|s)?\b|\bcombat\b|\bengaged\b|\bfired (?:on|at|upon)\b|"
     r"\bsmall arms fire\b|\btargeting\b|\btargeted\b|\bkill(?:ed|ing|s)?\b|\bdead\b|\bdied\b|\bslain\b|"
     r"\boffensives\b|\bcounter-?offensive\b|\bbroke through\b|\bbreakthrough\b|\bencircl(?:ed|ing|ement)\b|"
     r"\bbesieg(?:ed|ing)\b|\bsiege\b|\brepel(?:led|s)?\b|\brepuls(?:ed|es)\b|\bpush(?:ed)? back\b|"
     r"\bincursions?\b|\bground (?:offensive|operation|assault|push|incursion)\b|\bwarfare\b|"
     r"(?<!an )(?<!the )(?<!most )(?<!more )(?<!highly )\badvanc(?:ed|ing)\b(?! (?:weapons?|systems?|"
     r"technology|talks|negotiations|stage|age|degree))|\bfighting\b|\bmilitary (?:campaign|operation)\b|"
     r"\bstriking\b|\bstruck\b(?! (?:a |an |the )?(?:\w+ )?(?:deal|agreement|accord|truce|ceasefire|bargain|"
     r"balance|tone|note|chord|compromise))"),
    # --- Violence against civilians ---------------------------------------------------------------
    (VAC, "Abduction/forced disappearance",
     r"\bkidnap(?:ped|ping|s)?\b|\babduct(?:ed|ion|s|ing)?\b|\bforcibly disappeared\b|"
     r"\bforced disappearances?\b|\btaken hostage\b|\bhostages?\b"),
    (VAC, "Sexual violence", r"\brap(?:ed|e)\b|\bsexual (?:violence|assault|abuse)\b"),
    (VAC, "Attack", r"\bexecut(?:ed|ion|ions|ing)\b|\bmassacre[ds]?\b|\bmurder(?:ed|s)?\b|\bbeheaded\b|"
                    r"\btortur(?:ed|e)\b|\bshot dead\b|\bslaughter(?:ed)?\b|\bassassinat(?:ed|ion)\b|"
                    r"\blynch(?:ed|ing)\b|\bbeat(?:en)? to death\b"),
    # --- Riots ---------------------------------------------------------------------------------
    (RIOTS, "Mob violence", r"\bmobs?\b|\blynch(?:ed|ing)\b|\bvigilantes?\b"),
    (RIOTS, "Violent demonstration",
     r"\briot(?:s|ing|ers)?\b|\bpelt(?:ed|ing)\b|\b(?:threw|throwing|hurled) (?:\w+ )?(?:stones|rocks|"
     r"molotov)\b|\bstone-throwing\b|\bset fire to\b|\btorched\b"),
    # --- Protests ------------------------------------------------------------------------------
    (PROTESTS, "protest",
     r"\bprotest(?:s|ed|ing|ers)?\b|\bdemonstrat(?:ion|ions|ors|ed)\b|\brall(?:y|ies|ied)\b|\bsit-ins?\b|"
     r"\bmarch(?:ed|ing|ers)\b|\btook to the streets\b|\bchant(?:ed|ing)\b|"
     r"\b(?:crowds?|thousands|hundreds|dozens|residents|people|locals) (?:\w+ ){0,3}?gathered\b"),
    # --- Strategic developments ----------------------------------------------------------------
    (STRATEGIC, "Agreement",
     r"\b(?:sign(?:ed|s|ing)?|struck|reach(?:ed|es)?|broker(?:ed)?|conclud(?:ed|es)|seal(?:ed|s)?|"
     r"agreed|announc(?:ed|es)) (?:\w+ ){0,5}?(?:agreements?|deal|accord|ceasefire|cease-fire|truce|"
     r"memorandum|protocol|pact|settlement|understanding)\b|\bagreed (?:to|on|upon)\b|"
     r"\b(?:ceasefire|cease-fire|truce) (?:took|takes|went|came|has come|entered) (?:into )?effect\b|"
     r"\bprisoner (?:swap|exchange)\b|\breconciliation (?:deal|agreement)\b"),
    (STRATEGIC, "Arrests", r"\barrest(?:ed|s|ing)?\b|\bdetain(?:ed|s|ing)\b|\brounded up\b|"
                           r"\btook (?:\w+ )?into custody\b|\bapprehended\b|\bdetention campaign\b"),
    (STRATEGIC, "Non-violent transfer of territory",
     r"\bwithdr(?:ew|awn|awal|aws|awing)\b|\bpull(?:ed|s|ing) out\b|\bhand(?:ed|s|ing)? over\b|"
     r"\bevacuat(?:ed|ion)\b|\bsurrender(?:ed)?\b|\bhandover\b|\btook over (?:\w+ ){0,4}?without\b"),
    (STRATEGIC, "Headquarters or base established",
     r"\b(?:establish(?:ed|es|ing)?|set(?:ting)? up|buil[dt]|open(?:ed)?|"
     r"erect(?:ed)?) (?:\w+ ){0,4}?(?:bases?|"
     r"outposts?|headquarters|observation posts?|military points?|checkpoints?|positions?)\b"),
    (STRATEGIC, "Looting/property destruction",
     r"\blo+t(?:ed|ing)\b|\bplunder(?:ed)?\b|\b(?:burn(?:ed|t)|demolish(?:ed)?|bulldoz(?:ed)|raz(?:ed)|"
     r"destroy(?:ed)?) (?:\w+ ){0,3}?(?:homes|houses|property|properties|crops|fields|shops|buildings)\b|"
     r"\bconfiscat(?:ed|ion)\b"),
    (STRATEGIC, "Disrupted weapons use",
     r"\bdefus(?:ed|ing)\b|\bdismantl(?:ed|ing) (?:\w+ ){0,3}?(?:bombs?|mines?|explosives?|IEDs?|devices?)\b|"
     r"\bintercept(?:ed|ing)?\b|\bshot down\b|\bweapons? (?:cache|depot)s? (?:was|were )?(?:seized|found)\b|"
     r"\bseiz(?:ed|ing) (?:\w+ ){0,2}?(?:weapons|arms|ammunition|explosives)\b|\bfoil(?:ed|s)\b|"
     r"\bthwart(?:ed|s)\b"),
    (STRATEGIC, "Change to group/activity",
     r"\bmerg(?:ed|er|ing)\b|\bdisband(?:ed|s)?\b|\bdissolv(?:ed|es)\b|\bdefect(?:ed|ion|ions)\b|"
     r"\bformation of\b|\bformed (?:a|an) (?:new )?(?:group|alliance|coalition|faction|brigade|council|"
     r"army|force)\b|\bintegrat(?:ed|ion) into\b|\bjoined (?:the )?(?:ranks|SDF|SNA|HTS|army)\b|"
     r"\brebrand(?:ed)?\b|\brenamed\b"),
    (STRATEGIC, "Other",
     r"\bpatrol(?:s|led|ling)?\b|\bconvoys?\b|\breinforcements?\b|\b(?:re)?deploy(?:ed|ment|s|ing)?\b|"
     r"\bmass(?:ed|ing) (?:\w+ ){0,3}?(?:troops|tanks|forces|soldiers|commandos)\b|\bbuild-?up\b|"
     r"\bmet\b|\bmeeting\b|\bheld talks\b|\btalks\b|\bsummit\b|\bvisit(?:ed)?\b|"
     r"\bsent (?:\w+ ){0,2}?(?:troops|reinforcements|forces|soldiers|tanks)\b|\bcross(?:ed|ing) (?:into|"
     r"the border)\b|"
     r"\bentered\b|\barrived\b|\bmilitary (?:drills|exercises?|manoeuvres|maneuvers)\b|\bcurfew\b"),
]

_COMPILED = [(t, sub, FoldedPattern(p, case_sensitive="[A-Z]" in p)) for t, sub, p in _RULES]

_TYPE_ORDER = (REMOTE, BATTLES, VAC, RIOTS, PROTESTS, STRATEGIC)

# Words in the clause before a trigger that make it hypothetical, intended or denied.
_MODAL = re.compile(
    r"\b(?:would|could|might|may|will|shall|should|must|can|cannot|can't|won't|wouldn't|'ll|"
    r"going to|plans? to|planned|planning|threat(?:en(?:s|ed|ing)?)?|vow(?:s|ed|ing)?|pledg\w+|promis\w+|"
    r"intends?|intention|aim(?:s|ed|ing)? (?:to|at)|seek(?:s|ing)? to|wants? to|want|prepar(?:es|ed|"
    r"ing) (?:to|for)|"
    r"ready|poised|expected|likely|set to|about to|in order to|prevent(?:ed|ing)?|avoid(?:ed|ing)?|if|unless|"
    r"whether|possible|possibility|potential|fears?|feared|fearing|risk|calls? for|called for|demand(?:s|ed|"
    r"ing)?|"
    r"warn(?:s|ed|ing)? (?:of|against)|against any|no|not|never|denied|deny|denies|without|"
    r"rather than|instead of|halt|stop|end to|ending|future|upcoming|new round|amid|"
    r"condemn\w*|denounc\w*|responsibility for|in response to|retaliation for|investigat\w*|"
    r"respond(?:s|ed|ing)? to|years of|decades of|"
    r"(?:wa|i)s (?:being )?(?:planned|prepared|considered))\b", _I)
_AFTER_MODAL = re.compile(r"^(?:\s+[\w'\u2019-]+){0,4}\s+(?:would|could|might|will|may)\b|"
                          # "the attack was one of the deadliest": a comment on an event told before
                          r"^\s+(?:was|is|has been|had been) (?:one of the|the (?:deadliest|worst|first|"
                          r"latest|"
                          r"biggest|largest|heaviest|bloodiest))|"
                          r"^[^.;,]{0,40}\b(?:is|was|are|were|seemed|seems|appears) (?:imminent|looming|"
                          r"expected|likely|planned|possible|unlikely|feared)\b|^\w*\s+(?:is|"
                          r"was) imminent", _I)
_CLAUSE_CUT = re.compile(r"[,;:()\u2014\u2013\"\u201c\u201d]|\b(?:and|but|while|after|before|when|as|"
                         r"since|because|following)\b", _I)
# Verbs after which "to <trigger>" reports something that did happen.
_REALISING = re.compile(r"\b(?:forced|began|begun|started|continued|continues|continue|managed|attempted|"
                        r"tried|went on|rushed|moved|used|came|sought|resumed)\s+to\s+$", _I)


_OFFICIAL = re.compile(r"\b(?:authorities|government|ministry|ministers?|officials?|president|embassy|"
                       r"diplomats?|foreign|envoy|spokes(?:man|woman|person)|Damascus|Ankara|Moscow|Tehran|"
                       r"Washington)\b(?:\s+\S+){0,2}\s*$", _I)


@dataclass(frozen=True)
class Trigger:
    """A trigger word or phrase found in a sentence."""

    event_type: str
    sub_event_type: str
    start: int
    end: int
    text: str


def _is_hypothetical(sentence: str, start: int, end: int) -> bool:
    """Whether the trigger at ``start`` is intended, feared, denied or conditional."""
    before = sentence[max(0, start - 90):start]
    cuts = list(_CLAUSE_CUT.finditer(before))
    clause = before[cuts[-1].end():] if cuts else before
    if re.search(r"\bto\s+$", before) and not _REALISING.search(before):
        return True  # "threatened to hit", "a coalition to defeat"
    if _MODAL.search(clause):
        return True
    return bool(_AFTER_MODAL.match(sentence[end:end + 60]))


def find_triggers(sentence: str) -> list[Trigger]:
    """All triggers of a sentence that report something that happened.

    Questions report nothing. Overlapping triggers keep the more specific rule.
    """
    if sentence.rstrip("\"'\u201d\u2019) ").endswith("?"):
        return []
    lowered = sentence.lower()
    # every rule's matches; where they overlap the leftmost wins, then the earlier rule
    matches = sorted((m.start(), k, m.end())
                     for k, (_, _, pat) in enumerate(_COMPILED) for m in pat.finditer(sentence, lowered))
    found: list[tuple[int, int, str, str]] = []
    end = -1
    for start, k, stop in matches:
        if start >= end:
            found.append((start, stop, _COMPILED[k][0], _COMPILED[k][1]))
            end = stop
    out: list[Trigger] = []
    for s, e, etype, sub in sorted(found):
        if _is_hypothetical(sentence, s, e):
            continue
        if etype == PROTESTS and _OFFICIAL.search(sentence[max(0, s - 50):s]):
            continue  # "the ministry protested", "authorities protest": a diplomatic objection
        out.append(Trigger(etype, sub, s, e, sentence[s:e]))
    return out


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
                  r"\bimprovised explosive\b|"
                  r"\blandmines?\b|\bexplosive device\b|\bbooby[- ]trap\w*\b", _I)
_HIT_VERB = re.compile(r"^(?:attack\w*|raid\w*|strik\w+|struck|hit|bomb\w*|pound\w*|target\w*|kill\w*)$", _I)
_WEAK_BATTLE = re.compile(r"kill\w*|dead|died|slain|attack\w*|target\w*|raid\w*", _I)
_PERSON_TAKEN = re.compile(r"\s+(?:an?|the|two|three|several|\d+)?\s*(?:[\w-]+\s+){0,3}?(?:commanders?|"
                           r"leaders?|"
                           r"emirs?|members?|suspects?|officials?|pilots?|militants?|operatives?|"
                           r"financiers?)\b", _I)
_SECONDARY_SD = ("Agreement", "Arrests", "Non-violent transfer of territory",
                 "Headquarters or base established")


def _remote_subtype(sentence: str, default: str) -> str:
    """The weapon a sentence names decides the remote-violence sub-event type."""
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
        sd = [t for t in triggers if t.event_type == STRATEGIC and t.sub_event_type in _SECONDARY_SD]
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
    if hits and (_AIR.search(sentence) or _ARTILLERY.search(sentence)) and not by_type.get(PROTESTS):
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


# --- fatalities --------------------------------------------------------------------------------------
_NUMWORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12,
    "two dozen": 24, "a hundred": 100,
}
_NUM = (r"(?P<n>\d{1,4}(?:,\d{3})?|a dozen|two dozen|a hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|"
        r"eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|"
        r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
        r"an?(?= (?:civilian|soldier|man|woman|child|boy|girl|fighter|person|member|officer|resident|"
        r"policeman|journalist|militant|commander|worker|farmer|shepherd|teenager)\b))")
_QUAL = (r"(?:at least |some |about |around |nearly |almost |more than |over |up to |an estimated |"
         r"approximately )?")
_FATAL = [
    re.compile(rf"\b(?:killed|killing|kills|kill|claimed the lives of|left|leaving)\s+{_QUAL}{_NUM}\b"
               r"(?P<tail>(?:\s+[\w-]+){0,4})", _I),
    re.compile(rf"\b{_QUAL}{_NUM}\s+(?P<mid>(?:[\w'\u2019-]+,?\s+){{0,8}}?)(?:were|was|have been|had been|"
               rf"are|"
               r"being|got)?\s*(?:killed|dead|died|slain|executed|massacred|lost their lives)\b", _I),
    re.compile(rf"\bdeath toll (?:\w+ ){{0,3}}?{_QUAL}{_NUM}\b", _I),
]


def _num(s: str) -> int | None:
    s = s.lower().replace(",", "")
    if s.isdigit():
        return int(s)
    if "-" in s:
        tens, unit = s.split("-", 1)
        return _NUMWORDS.get(tens, 0) + _NUMWORDS.get(unit, 0) or None
    return _NUMWORDS.get(s)


def fatalities(sentence: str) -> int | None:
    """Deaths a sentence states, or ``None`` when it states none.

    "killed six", "at least 12 people were killed", "killing 33 soldiers",
    "One man was killed", "the death toll rose to 20". Vague amounts ("dozens")
    and the wounded are not counted; years are not numbers of dead.
    """
    for pat in _FATAL:
        for m in pat.finditer(sentence):
            n = _num(m["n"])
            if n is None or 1900 <= n <= 2100:
                continue
            gd = m.groupdict()
            if "tail" in gd and m.group(0).lower().startswith(("left", "leaving")):
                if not re.search(r"\b(?:dead|killed)\b", gd["tail"] or "", _I):
                    continue
            if gd.get("mid") and re.search(r"\b(?:wounded|injured|hurt|and)\b", gd["mid"], _I):
                continue
            before = sentence[max(0, m.start() - 25):m.start()].lower()
            if re.search(r"\b(?:no|not|none|nobody)\s+$", before):
                continue
            return n
    return None
