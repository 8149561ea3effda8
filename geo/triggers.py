"""Trigger words and phrases of ACLED event types, and whether they report a fact.

A trigger is a verb or noun of fighting, remote violence, violence against
civilians, protest, riot or a strategic move, tied to an ACLED event type and
sub-event type. It does not count when it is hypothetical, intended or denied
("threatened to strike", "would launch an offensive", "an offensive is
imminent", "did not attack", "condemned the attack") or when the sentence is a
question. :mod:`geo.eventtypes` turns a sentence's triggers into its types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.textmatch import FoldedPattern

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

_I = re.IGNORECASE
# (type, sub-event type, pattern). Within a type, earlier rules are more specific.
_RULES: list[tuple[str, str, str]] = [
    # --- Explosions/Remote violence --------------------------------------------------------------
    (REMOTE, "Suicide bomb", r"\bsuicide (?:car )?(?:bomb(?:er|ing|s)?|attack(?:er)?s?|blast|vest|truck bomb|"
                             r"VBIED)\b|\bblew (?:himself|herself|themselves) up\b"),
    (REMOTE, "Chemical weapon",
     r"\b(?:chemical(?: weapons?)?|poison(?:ous)? gas|gas|sarin|chlorine|nerve (?:gas|agent)|toxic gas) "
     r"(?:attacks?|strikes?|bombings?|shells?|rockets?)\b"),
    (REMOTE, "Remote explosive/landmine/IED",
     r"\b(?:car|truck|motorcycle|motorbike|roadside|booby-trapped|parcel) ?bombs?\b|\bIEDs?\b|"
     r"\bimprovised explosive\b|\b(?:land ?mines?|mines? (?:exploded|blast|explosion))\b|"
     r"\bexplosive device\b|\bwith explosives\b|\bbooby[- ]trap(?:ped|s)?\b|"
     r"\bbomb (?:blast|attack|explo\w+|went off)\b|"
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
     r"\bstrikes? (?:on|against)\b|\b\d+ (?:air ?)?strikes\b|"
     r"\b(?:carried out|conducted|launched) (?:\w+ ){0,3}?(?:air ?)?strikes?\b"),
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
     r"\bdrove (?:\w+ ){1,4}?out\b|\bdrove out\b(?! of)|"
     r"\b(?:took|taking|takes|take) back\b|\bretak(?:ing|es)\b|"
     r"\braised (?:\w+ ){0,3}?flags? (?:over|above|in)\b|"
     r"\bexpelled\b|\bpushed (?:\w+ ){0,3}?out\b|"
     r"\badvanc(?:ed|es|ing) (?:into|on|towards?)\b|\badvances on\b|\bbreached\b|\btook over\b|"
     r"\btook (?=the (?:town|city|village|base|airport|district|hill|area|centre|center|neighbou?rhoods?|"
     r"crossing|dam|camp|countryside|enclave|region)|(?:control|most|much|all|parts?) of)|"
     r"\b(?:had|has|have|was|were|been|being) taken\b(?! to\b| into\b| hostage| prisoner| captive| away|"
     r" aback)|"
     r"\bcontroll?ed (?:most|much|all|parts?|"
     r"large parts) of\b|"
     r"\bfell\b(?<!shells fell)(?<!rockets fell)(?<!mortars fell)(?<!missiles fell)(?<!bombs fell)"
     r"(?<!prices fell)(?! (?:short|"
     r"silent|apart|"
     r"ill|asleep|sharply|by|back|on|in love|(?:far|well|just) short))|"
     r"\bfell on (?:Monday|Tuesday|Wednesday|Thursday|Friday|"
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
     r"(?<!the )(?<!a )(?<!an )(?<!its )\bbesieg(?:ed|ing)\b|\bsiege\b|"
     r"\brepel(?:led|s)?\b|\brepuls(?:ed|es)\b|\bpush(?:ed)? back\b|"
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
     r"\bagreed with (?:[\w-]+ ){1,5}?(?:on|that)\b|"
     r"\b(?:ceasefire|cease-fire|truce) (?:took|takes|went|came|has come|entered) (?:into )?effect\b|"
     r"\bprisoner (?:swap|exchange)\b|\breconciliation (?:deal|agreement)\b|"
     r"\b(?:agreements?|deal|accord|ceasefire|truce) (?:was |had been |has been )?(?:reached|signed|struck|"
     r"brokered|mediated|concluded|sealed)\b"),
    (STRATEGIC, "Arrests", r"\barrest(?:ed|s|ing)?\b|\bdetain(?:ed|s|ing)\b|\brounded up\b|"
                           r"\btook (?:\w+ )?into custody\b|\bapprehended\b|\bdetention campaign\b"),
    (STRATEGIC, "Non-violent transfer of territory",
     r"\bwithdr(?:ew|awn|awal|aws|awing)\b|\bpull(?:ed|s|ing) out\b|\bhand(?:ed|s|ing)? over\b|"
     r"\bhand(?:ed|s|ing)? (?:(?:the|its|their) )?(?:town|city|village|area|district|base|positions?|"
     r"checkpoints?|crossing|control|neighbou?rhood|airport|dam|territory|security) (?:back )?to\b|"
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


# Words in the clause before a trigger that make it hypothetical, intended or denied.
_MODAL = re.compile(
    r"\b(?:would|could|might|(?-i:may)(?!\s*\d)|will|shall|should|must|can|cannot|can't|won't|wouldn't|'ll|"
    r"going to|plans? to|planned|planning|threat(?:en(?:s|ed|ing)?)?|vow(?:s|ed|ing)?|pledg\w+|promis\w+|"
    r"intends?|intention|aim(?:s|ed|ing)? (?:to|at)|seek(?:s|ing)? to|wants? to|want|prepar(?:es|ed|"
    r"ing) (?:to|for)|"
    r"ready|poised|expected|likely|set to|about to|in order to|prevent(?:ed|ing)?|avoid(?:ed|ing)?|if|unless|"
    r"whether|possible|possibility|potential|fears?|feared|fearing|risk|calls? for|called for|demand(?:s|ed|"
    r"ing)?|"
    r"warn(?:s|ed|ing)? (?:of|against)|against any|no|not|never|denied|deny|denies|without|"
    r"rather than|instead of|halt|stop|end to|ending|future|upcoming|new round|amid|"
    r"condemn\w*|denounc\w*|describ\w+|branded|termed|characteri[sz]ed|labell?ed|"
    r"called (?:the|this|that|these|those)|responsibility for|in response to|retaliation for|investigat\w*|"
    r"respond(?:s|ed|ing)? to|response to|reaction to|years of|decades of|"
    r"(?:wa|i)s (?:being )?(?:planned|prepared|considered))\b", _I)
_AFTER_MODAL = re.compile(r"^(?:\s+[\w'\u2019-]+){0,4}\s+(?:would|could|might|will|(?-i:may)(?!\s*\d))\b|"
                          # "the attack was one of the deadliest": a comment on an event told before
                          r"^\s+(?:was|is|were|are|has been|had been|have been) (?:one of the|the "
                          r"(?:deadliest|worst|first|latest|most serious|most intense|fiercest|"
                          r"biggest|largest|heaviest|bloodiest))|"
                          # "have clashed there several times": a habit, not one event
                          # (not "began on March 1 but was halted several times")
                          r"^(?:\s+(?!but\b|and\b|was\b|were\b|been\b)[\w'-]+){0,5}\s+(?:several|many|"
                          r"multiple|numerous|a number of) times\b|"
                          r"^(?:\s+(?!but\b|and\b|was\b|were\b|been\b)[\w'-]+){0,5}\s+on (?:several|many|"
                          r"numerous|multiple) occasions\b|"
                          # "patrols are to start", "patrols are also planned"
                          r"^\s+(?:is|are|was|were) (?:also |now |still )?(?:to|due to|scheduled to|set to|"
                          r"planned|expected|scheduled)\b|"
                          r"^[^.;,]{0,40}\b(?:is|was|are|were|seemed|seems|appears) (?:imminent|looming|"
                          r"expected|likely|planned|possible|unlikely|feared)\b|^\w*\s+(?:is|"
                          r"was) imminent", _I)
_CLAUSE_CUT = re.compile(r"[,;:()\u2014\u2013\"\u201c\u201d]|\b(?:and|but|while|after|before|when|as|"
                         r"since|because|following)\b", _I)
# Verbs after which "to <trigger>" reports something that did happen.
_REALISING = re.compile(r"\b(?:forced|began|begun|started|continued|continues|continue|managed|attempted|"
                        r"tried|went on|rushed|moved|used|came|sought|resumed|agreed|decided)"
                        r"(?:\s+\w+){0,3}\s+to\s+$", _I)


_OFFICIAL = re.compile(r"\b(?:authorities|government|ministry|ministers?|officials?|president|embassy|"
                       r"diplomats?|foreign|envoy|spokes(?:man|woman|person)|Damascus|Ankara|Moscow|Tehran|"
                       r"Washington)\b(?:\s+\S+){0,2}\s*$", _I)


# "the attack violated international law", "Islamic State claimed the attack", "the offensive has
# driven 300,000 people from their homes": what is said of an event already told, not a new one
_DEFINITE_NOUN = re.compile(r"(?:^|\s)(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}$", _I)
_EVENT_NOUN = re.compile(r"(?:the |its |their )?(?:[\w-]+ )?(?:attacks?|strikes?|raids?|bombings?|"
                         r"clashes|fighting|offensive|assault|explosions?|blasts?)", _I)
_COMMENT_AFTER = re.compile(r"^(?:,[^,]{0,60},)?\s+(?:(?:has|had|have)\s+)?(?:violated|violates|drew|draws|"
                            r"sparked|prompted|triggered|was condemned|were condemned|marked|"
                            r"(?:driven|drove|forced|displaced|uprooted) (?:more than |at least |some |"
                            r"about |nearly |over |an estimated )?[\d,]+)\b", _I)
_COMMENT_BEFORE = re.compile(r"\b(?:claimed|attributed|blamed\s+(?:[\w-]+\s+){0,3}?for)\s+$", _I)


def _told_before(sentence: str, start: int, end: int) -> bool:
    """Whether a definite event noun ("the attack") is only talked about in this sentence."""
    if not _EVENT_NOUN.fullmatch(sentence[start:end]):
        return False
    head = sentence[max(0, start - 40):start]
    if not (_DEFINITE_NOUN.search(head) or re.match(r"(?:the|its|their)\s", sentence[start:end], _I)):
        return False
    lead = _DEFINITE_NOUN.search(head)
    before = head[:lead.start()] if lead else head
    return bool(_COMMENT_AFTER.match(sentence[end:end + 90]) or _COMMENT_BEFORE.search(before + " "))


_STATIVE = re.compile(r"\b(?:are|is|remain|remains)\s+(?:\w+\s+)?$", _I)
_TOLL = re.compile(r"kill\w*|dead|died|slain|wounded|injured", _I)
_RELATIVE = re.compile(r"^[^.;]{0,100}?,\s*(?:which|that|who)\s+(?:\w+\s+){0,2}$", _I)


@dataclass(frozen=True)
class Trigger:
    """A trigger word or phrase found in a sentence."""

    event_type: str
    sub_event_type: str
    start: int
    end: int
    text: str


def _is_hypothetical(sentence: str, start: int, end: int, agreement: bool = False) -> bool:
    """Whether the trigger at ``start`` is intended, feared, denied or conditional.

    What an agreement settles is future by nature ("agreed that men would be recruited"):
    only the words before an agreement trigger can make it hypothetical.
    """
    before = sentence[max(0, start - 90):start]
    cuts = list(_CLAUSE_CUT.finditer(before))
    clause = before[cuts[-1].end():] if cuts else before
    if re.search(r"\bto\s+$", before) and not _REALISING.search(before):
        return True  # "threatened to hit", "a coalition to defeat"
    if _MODAL.search(clause):
        return True
    return not agreement and bool(_AFTER_MODAL.match(sentence[end:end + 60]))


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
    dropped = -1  # end of the last trigger that does not count
    for s, e, etype, sub in sorted(found):
        if _is_hypothetical(sentence, s, e, agreement=sub == "Agreement"):
            dropped = e
            continue
        # "a response to the bombing in X, which killed six": the dead belong to the recalled event
        if dropped >= 0 and _TOLL.fullmatch(sentence[s:e]) and _RELATIVE.search(sentence[dropped:s]):
            continue
        if _told_before(sentence, s, e):
            continue
        if sub == "Other" and _STATIVE.search(sentence[max(0, s - 30):s]):
            continue  # "troops are deployed around the town": a state of affairs, not a move
        if etype == PROTESTS and _OFFICIAL.search(sentence[max(0, s - 50):s]):
            continue  # "the ministry protested", "authorities protest": a diplomatic objection
        out.append(Trigger(etype, sub, s, e, sentence[s:e]))
    return out


# Natural disasters, accidents and disease: their dead and ruins are no ACLED event.
_DISASTER = re.compile(r"\b(?:(?:earth)?quakes?|tremors?|aftershocks?|seismic|magnitude \d|floods?|flooding|"
                       r"flash floods?|landslides?|avalanches?|storms?|wildfires?|forest fires?|blaze|"
                       r"fire broke out|cholera|epidemic|outbreak|pandemic|covid(?:-19)?|coronavirus|"
                       r"disease|heatwave|drought|hurricane|cyclone|tsunami|(?:traffic|road|car|mining|"
                       r"industrial) accident|accident|crash(?:ed)?|capsiz\w+|drown\w*|"
                       r"(?:buildings?|blocks|homes|houses|apartment \w+|roofs?|bridges?) (?:\w+ ){0,2}?"
                       r"(?:collapsed|fell|crumbled|caved in)|rubble|quake-hit|disaster)\b", _I)
# Words that still name armed violence inside such a passage ("shelling hit quake-hit towns").
_ARMED = re.compile(r"\b(?:bomb\w*|missiles?|rockets?|shell(?:s|ed|ing)|mortars?|artillery|air ?strikes?|"
                    r"air ?raids?|drones?|jets|warplanes|gunmen|gunfire|snipers?|IEDs?|clash\w*|"
                    r"fighters|militants|militia\w*|rebels|insurgents|troops|soldiers|army|forces)\b", _I)
# Triggers that say what a quake or a fire does as well as what a war does.
_SHARED = re.compile(r"kill\w*|dead|died|slain|struck|hit|striking|fell|attack\w*|target\w*|"
                     r"explosions?|blasts?|exploded|destroy\w*", _I)


def names_disaster(text: str) -> bool:
    """Whether a text names a natural disaster, an accident or an epidemic."""
    return bool(_DISASTER.search(text))


def drop_disaster_triggers(sentence: str, triggers: list[Trigger], in_disaster: bool) -> list[Trigger]:
    """The triggers of a sentence that still report armed conflict amid a disaster.

    A sentence that names a disaster ("the quake killed 6,000"), or that stands in a
    paragraph about one and names no weapon or armed group ("3,000 people have been
    confirmed dead"), reports its toll and its aid, not violence: death, hit and
    fall words, movements and withdrawals ("teams pulling out bodies", "a convoy of
    aid lorries crossed") do not count there. Weapons, clashes, protests, arrests
    and agreements still do.
    """
    own = names_disaster(sentence)
    if not (own or in_disaster) or (not own and _ARMED.search(sentence)):
        return triggers
    keep = []
    for t in triggers:
        if _SHARED.fullmatch(t.text) or t.sub_event_type in ("territory", "Other",
                                                              "Non-violent transfer of territory",
                                                              "Looting/property destruction"):
            continue
        if own and t.event_type == BATTLES and not _ARMED.search(sentence):
            continue  # "the quake struck ... the fighting of rescuers": no armed party
        keep.append(t)
    return keep
