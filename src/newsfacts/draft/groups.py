"""Groups named by a description ("Sudanese rebels", "Egyptian riot police", "pro-government
militias", "mercenaries"): the head nouns of wire news and the CAMEO role each implies.

The roles are those of the CAMEO manual (1.1b3, chapter 3, "actor codes"): MIL "military",
COP "police forces", GOV "government", REB "rebels: militarized opposition groups", INS
"insurgents", SEP "separatist rebels", UAF "unaligned armed forces" (militias, mercenaries,
armed gangs), OPP "political opposition", REF "refugees", LAB "labor", EDU "education",
CVL "civilians", LEG "legislature", JUD "judiciary", MED "media", BUS "business", HLH
"health". The Phoenix agents dictionary holds most of these nouns in the singular; this list
adds the plurals and the nouns it lacks. Written for newsfacts, from the manual's definitions."""
from __future__ import annotations

import re

_GROUPS = {
    "MIL": "troops soldiers forces army military servicemen servicemembers marines sailors airmen paratroopers commandos "
           "navy garrison garrisons units",
    "COP": "police policemen gendarmes gendarmerie",
    "GOV": "authorities government officials regime ministers diplomats administration leaders leadership",
    "REB": "rebels guerrillas militants fighters rebel guerrilla",
    "INS": "insurgents insurgent",
    "SEP": "separatists separatist secessionists",
    "UAF": "mercenaries militias militiamen militia gunmen paramilitaries",
    "OPP": "opposition dissidents",
    "REF": "refugees displaced",
    "LAB": "workers strikers unions unionists",
    "EDU": "students teachers",
    "CVL": "civilians protesters demonstrators residents villagers settlers citizens population",
    "LEG": "lawmakers legislators parliament parliamentarians deputies",
    "JUD": "judges prosecutors court courts",
    "MED": "journalists reporters",
    "BUS": "businessmen companies",
    "HLH": "doctors",
}
GROUP_ROLE: dict[str, str] = {w: role for role, words in _GROUPS.items() for w in words.split()}

# Words that may stand between a country's adjective and the group noun ("Turkish Kurd refugees",
# "Egyptian riot police", "Syrian government forces"): no function word, verb or number.
_NOT_MODIFIER = frozenset("the a an of and or but to in on at by for with from as that which who said says told "
                          "have has had is are was were be been will would may might could can should must not no "
                          "than then there their its his her our".split())

# "Russian-backed", "pro-Russian", "Kremlin-backed": ties a group to a state that backs it.
BACKED = re.compile(r"^(?:pro-)?(.+?)(?:-(?:backed|supported|sponsored|funded|armed|led|allied))?$", re.I)


def role_of(word: str) -> str | None:
    """The CAMEO role a group noun implies (lowercase word), or None."""
    return GROUP_ROLE.get(word)


def modifier(word: str) -> bool:
    """A word that may stand inside a group's description (before its head noun)."""
    w = word.lower()
    return w not in _NOT_MODIFIER and not w[:1].isdigit() and not w.endswith("ly")
