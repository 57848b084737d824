"""Verbs and verb-object pairs the CAMEO verb dictionary leaves out or codes only by its
block's default, each coded as the CAMEO manual (1.1b3) defines the code. Written for
newsfacts; the draft consults them where the dictionary has no pattern of its own.

PLOVER's weakest types on unseen news are the CAMEO 08 (yield: RETREAT, CONCEDE), 14 (protest),
17 (coerce) and 11 (disapprove: ACCUSE) families; most entries below fill those."""
from __future__ import annotations

from .groups import GROUP_ROLE


def _forms(base: str, *more: str) -> tuple[str, ...]:
    """A verb's forms: the base and its regular endings, with any irregular forms given."""
    b = base
    stem = b[:-1] if b.endswith("e") else b
    if b.endswith("y") and b[-2:-1] not in "aeiou":
        out = (b, b[:-1] + "ies", b[:-1] + "ied", b + "ing")
    else:
        out = (b, b + ("es" if b.endswith(("s", "sh", "ch", "x", "z")) else "s"), stem + "ed", stem + "ing")
    return out + more


# Verbs missing from the dictionary: (block, code, the manual's words for the code).
VERBS: dict[tuple[str, ...], tuple[str, str, str]] = {}
for forms, entry in [
    (_forms("demobilize") + _forms("demobilise") + _forms("disband"), ("DEMOBILIZE", "0873", "0873 Demobilize armed forces")),
    (_forms("hand", "handed") , ("HAND_OVER", "084", "084 Return, release")),  # with "over", below
    (_forms("surrender") + _forms("capitulate"), ("YIELD", "0874", "0874 Retreat or surrender militarily")),
    (("pull", "pulls", "pulled", "pulling"), ("PULL_OUT", "0874", "0874 Retreat or surrender militarily")),
    (_forms("rally", "rallied") + _forms("picket"), ("MARCH", "141", "141 Demonstrate or rally")),
]:
    for f in forms:
        VERBS[(f,)] = entry
for f in ("step", "steps", "stepped", "stepping"):
    VERBS[(f,)] = ("RESIGN", "0831", "0831 Accede to demands for change in leadership")
# Phrasal verbs: the particle must follow ("handed over", "pulled out", "stepped down").
PARTICLE = {"HAND_OVER": ("over",), "PULL_OUT": ("out", "back"), "RESIGN": ("down", "aside")}


# Where the crosswalk row and the manual's text part, and the draft keeps the crosswalk's type,
# the event carries the manual's words for the coder (the manual wins where the coder applies it).
MANUAL_NOTES = {
    "035": "the PLOVER manual codes this otherwise than the crosswalk's AGREE: 'Announcements of future retreats should "
           "be coded as CONCEDE' and 'Future concessions ... do not reduce to AGREE'; code CONCEDE where the words "
           "announce a concession or retreat",
}


def manual_note(cameo: str) -> str | None:
    return next((n for prefix, n in MANUAL_NOTES.items() if cameo.startswith(prefix)), None)


def plover_by_manual(cameo: str, block: str) -> tuple[str, str | None, str] | None:
    """(type, mode, note) where the PLOVER manual codes an event otherwise than the crosswalk row
    of its CAMEO code and the words leave no doubt; the note quotes the manual."""
    if cameo.startswith(("0813", "0814")):
        return ("CONCEDE", None, "PLOVER CONCEDE, not the crosswalk's RETREAT: the manual's CONCEDE 'covers verbal "
                                 "concessions which have no immediate material consequences, including ... removing "
                                 "curfews' ('the lifting of a curfew is, effectively, a promise')")
    if block == "RESIGN" and cameo.startswith("083"):
        return ("RETREAT", "resign", "PLOVER RETREAT, mode resign: the manual says 'RETREAT also covers resignations of "
                                     "government officials'")
    return None

_PEACEKEEPERS = frozenset("peacekeepers peacekeeping blue helmets".split())
_INSPECTORS = frozenset("inspectors inspection observers monitors monitoring investigators".split())
_AID = frozenset("aid relief food medicine medicines supplies humanitarian".split())
_ARMS = frozenset("arms weapons weaponry munitions ammunition missiles tanks".split())
_PASSAGE = frozenset("road roads highway highways bridge bridges railway railways street streets entrance entrances "
                     "crossing crossings traffic access roadway port".split())
_FORCES = frozenset(w for w, r in GROUP_ROLE.items() if r == "MIL")

# (verb forms, object words, code, why): the object within a few words after the verb.
OBJECTS: list[tuple[frozenset[str], frozenset[str], str, str]] = [
    (frozenset(_forms("receive") + _forms("welcome") + _forms("admit", "admitted", "admitting") + _forms("allow")
               + _forms("accept")), _PEACEKEEPERS, "0861", "0861 Receive deployment of peacekeepers"),
    (frozenset(_forms("receive") + _forms("welcome") + _forms("admit", "admitted", "admitting") + _forms("allow")
               + _forms("accept")), _INSPECTORS, "0862", "0862 Receive inspectors"),
    (frozenset(_forms("allow") + _forms("permit", "permitted", "permitting")), _AID, "0863",
     "0863 Allow delivery of humanitarian aid"),
    (frozenset(_forms("send", "sent") + _forms("ship", "shipped", "shipping") + _forms("supply") + _forms("deliver")
               + _forms("provide")), _ARMS, "072", "072 Provide military aid"),
    (frozenset(_forms("block") + _forms("blockade") + _forms("barricade") + _forms("obstruct") + _forms("occupy")),
     _PASSAGE, "144", "144 Obstruct passage, block"),
    (frozenset(_forms("strengthen") + _forms("reinforce") + _forms("boost") + _forms("increase") + _forms("build", "built")
               + _forms("mass") + _forms("deploy")), _FORCES, "154", "154 Mobilize or increase armed forces"),
    (frozenset(_forms("lift") + _forms("ease") + _forms("relax") + _forms("end")), frozenset(["curfew"]), "0813",
     "0813 Ease curfew"),
    (frozenset(_forms("lift") + _forms("ease") + _forms("relax") + _forms("end")), frozenset(["sanctions", "embargo", "boycott"]),
     "085", "085 Ease economic sanctions, boycott, embargo"),
    (frozenset(_forms("lift") + _forms("ease") + _forms("end")), frozenset(["blockade", "siege"]), "0872",
     "0872 Ease military blockade"),
    (frozenset(_forms("suspend") + _forms("halt", "halted") + _forms("cut", "cut", "cutting") + _forms("freeze", "froze", "frozen")
               + _forms("stop", "stopped", "stopping") + _forms("withhold", "withheld") + _forms("reduce")),
     frozenset("aid assistance funding loans aid".split()), "162", "162 Reduce or stop material aid"),
    (frozenset(_forms("sever") + _forms("break", "broke", "broken") + _forms("cut", "cut", "cutting") + _forms("suspend")
               + _forms("downgrade")), frozenset("relations ties".split()), "161", "161 Reduce or break diplomatic relations"),
    (frozenset(_forms("release") + _forms("free", "freed", "freeing") + _forms("return")),
     frozenset("prisoners prisoner hostages hostage detainees captives soldiers pows".split()), "0841",
     "0841 Return, release person(s)"),
]
# Verbs of speech the CAMEO dictionary codes by themselves (ARGUE 110, SUGGEST 020, DISCLOSE 050,
# YIELD 080 for "conceded"): used to report ("argued that ...") they frame what is said, and
# nothing is drafted from the verb alone (CAMEO: statements are "typically subordinate events").
SPEECH = frozenset(f for base in ("claim argue assert suggest contend admit reveal concede disclose hint affirm comment "
                                  "remark predict estimate describe mention observe underscore highlight respond reply "
                                  "answer clarify tweet recall assure note").split() for f in _forms(base)) | frozenset(
    ["wrote", "written", "writes", "write"])

# Verbs that name what something is ("called the maneuvers 'unsafe and unprofessional'"): speech when
# quoted words follow, an event of their own otherwise ("called Putin", "called for talks").
NAMING = frozenset(f for base in "call term label brand dub describe".split() for f in _forms(base))
SPEECH = SPEECH | NAMING

# Verbs that carry an event noun's code ("tightened the blockade", "continued a hunger strike").
CARRIERS = frozenset("complete completed completes completing conclude concluded concludes concluding order ordered "
                     "orders finish finished tighten tightened tightens tightening impose imposed imposes imposing enforce enforced enforces "
                     "enforcing maintain maintained maintains maintaining extend extended extends extending continue "
                     "continued continues continuing step stepped escalate escalated intensify intensified "
                     "went go goes going staged stage stages".split())


def verb_at(words: list[str], i: int) -> tuple[int, str, str, str] | None:
    """(words, block, code, why) of a verb of this list at i, or None."""
    got = VERBS.get((words[i],))
    if got is None:
        return None
    block, code, why = got
    if block in PARTICLE:
        if i + 1 < len(words) and words[i + 1] in PARTICLE[block]:
            return 2, block, code, why
        return None
    return 1, block, code, why


def object_code(words: list[str], i: int, n: int, hi: int) -> tuple[str, str] | None:
    """(code, why) of the verb at i by the object after it (within five words), or None."""
    verb = words[i]
    for verbs, objects, code, why in OBJECTS:
        if verb in verbs:
            for j in range(i + n, min(hi, i + n + 6)):
                if words[j] in objects:
                    return code, why
    return None
