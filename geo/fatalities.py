"""Fatalities a sentence states ("killed six", "at least 12 people were killed")."""

from __future__ import annotations

import re

_I = re.IGNORECASE

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
_NUM2 = _NUM.replace("?P<n>", "?P<n2>")
# two groups of dead named together ("7 guards and at least 28 militants were killed"): ACLED sums
_SUMS = [
    re.compile(rf"\b{_QUAL}{_NUM}\s+(?:[\w'\u2019-]+\s+){{0,6}}?(?:and|as well as)\s+{_QUAL}{_NUM2}\s+"
               r"(?:[\w'\u2019-]+\s+){0,4}?(?:were|was|have been|had been)\s+(?:killed|slain)\b", _I),
    re.compile(rf"\b(?:killed|killing)\s+{_QUAL}{_NUM}\s+(?:[\w'\u2019-]+\s+){{0,6}}?and\s+{_QUAL}{_NUM2}\b"
               r"(?!\s+(?:were|was|others were) (?:wounded|injured|hurt))", _I),
]
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
    for pat in _SUMS:
        for m in pat.finditer(sentence):
            a, b = _num(m["n"]), _num(m["n2"])
            if a and b and not any(1900 <= x <= 2100 for x in (a, b)):
                return a + b
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
