"""Events of an article for the draft: the main verb phrase of each sentence, coded with CAMEO
from the CAMEO verb dictionary (petrarch2's CAMEO.2.0.txt) and with PLOVER through the
crosswalk, following the coding rules:

- a verb and the words after it pick the code (`- * (FOR &CEASEFIRE) [0256]`: "called for a
  ceasefire" is an appeal for de-escalation); the first coded verb of the main clause wins,
  after the reporting verbs ("said", "told") that frame it;
- "agreed/promised/vowed to VERB", or a future or modal "will/would VERB", is an intention
  (CAMEO 03) when VERB cooperates and a threat (CAMEO 13) when it coerces or fights; "urged
  X to VERB" an appeal (02) and "demanded that" a demand (10) for it; "refused to VERB" a
  rejection (12), each with the sub-code of what is intended; "X said Y must VERB" a demand;
- a negated verb keeps the code of the positive action, its polarity negative (read as the
  build reads it);
- the agent is the subject (the first actor of the clause before the verb; a pronoun is
  the last actor named, or the speaker of the frame; "by X" after a passive verb), the
  target the first other actor after the verb;
- the date is the sentence's date words, the place a place the sentence puts it in.

Every event is a suggestion, with the words that gave each field."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..dictionaries import cameo_verbs
from ..text.negation import polarity as read_polarity
from . import verbs
from .groups import GROUP_ROLE
from .tokens import Tok, tokens

REPORTING = frozenset("said say says saying told tell tells added adds stated states noted notes explained explains "
                      "announced announces declared declares reported reports wrote writes quoted reiterated reiterates "
                      "stressed stresses insisted insists emphasized emphasised underlined confirmed confirms "
                      "acknowledged indicated".split())
# Event nouns after a light or reporting verb ("announced a suspension of air links", "declared a
# unilateral ceasefire", "launched an investigation"): the verb whose dictionary entry codes them,
# or the CAMEO code the manual gives the act (label in the comment).
EVENT_NOUNS = {"suspension": "suspend", "withdrawal": "withdraw", "investigation": "investigate", "inquiry": "investigate",
               "probe": "investigate", "ceasefire": "0871", "cease-fire": "0871", "truce": "0871",  # declare truce
               "mediation": "045", "protest": "140", "protests": "140", "demonstration": "141", "demonstrations": "141",
               "rally": "141", "march": "141", "hunger": "142", "strike": "143", "boycott": "143",  # hunger strike; strike
               "sanctions": "163", "embargo": "163", "blockade": "191", "attack": "190", "attacks": "190",
               "offensive": "190", "raid": "190", "raids": "190", "airstrike": "195", "airstrikes": "195",
               "bombing": "195", "talks": "046", "negotiations": "046", "appeal": "020", "demand": "100",
               "demands": "100", "warning": "130", "ultimatum": "139", "threat": "130", "visit": "042",
               "crackdown": "175", "riots": "145", "riot": "145", "rioting": "145", "clashes": "190"}
RESTATING = frozenset("reiterated reiterates renewed renews repeated repeats insisted insists".split())
LIGHT_WORDS = frozenset("announced announces declared declares launched launches opened opens began begins started "
                        "held holds staged stages conducted conducts undertook undertakes issued issues made makes "
                        "gave gives carried mounted staging holding launching".split())
PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "any", "we": "any", "i": "person"}
NOUN_BEFORE = frozenset("the a an this these those its his her their our my your any no every each such another other "
                        "of for in on at with by from into about against after before during between over under "
                        "than new first last major recent latest".split())
OBLIGATION = frozenset("must should".split())
MODALS = frozenset("will would shall 'll wo going may might could".split())
FUNCTION = frozenset("in on for to with at by from upon into against of about over as that".split())
# Verbs whose complement is the event: "decided to allow" is the allowing, "tried to hack" the hacking.
PASS_THROUGH = frozenset("decide decided decides deciding continue continued continues continuing begin began begun "
                         "begins start started starts try tried tries trying attempt attempted attempts manage managed "
                         "resume resumed resumes move moved moves".split())
# Verbs that give a later, coded word the event when their own code is only their block's default:
# "issued a declaration demanding", "launched an investigation", "used tear gas to disperse".
LIGHT = frozenset("GRANT START SEND CONTINUE ATTEMPT UTILIZE ARRANGE TAKE_CONTROL BRING OBTAIN".split())
CONTROL_WORDS = frozenset("vow vowed vows swear swore sworn swears pledge pledged pledges promise promised promises "
                          "agree agreed agrees offer offered offers plan planned plans intend intended intends want "
                          "wanted wants seek sought seeks prepare prepared ready willing expect expected hope hoped "
                          "aim aimed".split())
IRREGULAR_PAST = frozenset("met sent gave took made held led won lost hit shot struck fought sought told said brought "
                           "bought caught threw drew drove flew froze forbade overran overthrew withdrew undertook rang "
                           "began beat bit blew broke chose cut dealt dug fled forgave got hung kept knew laid left lent "
                           "let put quit ran rose saw sold set shook shut slew spoke spent split spread stole stood stung "
                           "swore tore thrust underwent upheld wrote".split())
AUX = frozenset("is are was were be been being has have had do does did".split())
NEGATIONS = frozenset("not never n't no".split())
SOFT = frozenset("also still already then now once again later earlier just only further reportedly allegedly "
                 "formally officially publicly jointly recently first finally".split())
# Verbs that take "to VERB" and give the event its kind: intention, threat, rejection, request.
INTEND = frozenset("PROMISE PLEDGE VOW OFFER INTEND AGREE WANT SEARCH SELECT PREPARE PLAN VOLUNTEER EXPECT HOPE "
                   "COMMIT RESOLVE".split())
REFUSE = frozenset(["REFUSE"])
THREAT = frozenset(["THREATEN", "WARN"])
REQUEST = frozenset("ASK APPEAL DEMAND CALL URGE ENCOURAGE PRESS INVITE".split())
# Our additions where CAMEO.2.0.txt leaves a verb uncoded or out (each follows the CAMEO manual's
# definition of the code): block -> default code, and verbs -> (block, code).
BLOCK_DEFAULTS = {"REFUSE": "120", "VOW": "030", "SIGN": "057", "SEND": "150", "CANCEL": "160", "REVOKE_": "120"}
EXTRA_VERBS = {"urge": ("URGE", "020"), "urges": ("URGE", "020"), "urged": ("URGE", "020"), "urging": ("URGE", "020"),
               "encourage": ("URGE", "020"), "encouraged": ("URGE", "020"), "encourages": ("URGE", "020"),
               "sanction": ("SANCTION", "163"), "sanctioned": ("SANCTION", "163"), "sanctions": ("SANCTION", "163")}

# The parallel sub-codes of CAMEO 02/03/10/12: what is appealed for, intended, demanded or rejected.
ASPECT = {"04": "6", "046": "6", "05": "2", "057": "7", "06": "1", "061": "11", "062": "12", "063": "13",
          "064": "14", "07": "3", "071": "31", "072": "32", "073": "33", "074": "34", "08": "5", "081": "51",
          "082": "52", "084": "53", "085": "54", "086": "55", "087": "56", "0871": "56", "0872": "56", "0873": "56",
          "0874": "56", "083": "5", "03": "0"}
REJECT_OF = {"1": "121", "11": "1211", "12": "1212", "2": "120", "3": "122", "31": "1221", "32": "1222",
             "33": "1223", "34": "1224", "5": "124", "51": "1241", "52": "1242", "53": "1243", "54": "1244",
             "55": "1245", "56": "1246", "6": "125", "7": "127", "0": "120"}


def threat_of(code: str) -> str:
    """The CAMEO 13 threat of carrying out a coercive or violent action (CAMEO 131: 'When
    non-force threats are actually carried out codes 160-166 should be used instead')."""
    table = [("161", "1313"), ("162", "1311"), ("163", "1312"), ("164", "134"), ("165", "135"), ("166", "136"),
             ("16", "131"), ("172", "132"), ("17", "137"), ("14", "133"), ("15", "138"), ("18", "1383"),
             ("191", "1381"), ("192", "1382"), ("19", "1384"), ("20", "1385"), ("12", "130"), ("11", "130")]
    for prefix, threat in table:
        if code.startswith(prefix):
            return threat
    return "130"


def aspect_of(code: str) -> str | None:
    for n in (4, 3, 2):
        if code[:n] in ASPECT:
            return ASPECT[code[:n]]
    return None


def intent_of(code: str) -> str:
    """Intending an action: 03 + what (CAMEO 036 'refers to future commitments to meet'), or a
    threat when the action coerces, fights or rejects."""
    if code[:2] >= "11" and code[:2] not in ("03",):
        return threat_of(code)
    if code.startswith("03"):
        return code
    a = aspect_of(code)
    return "03" + a if a and a != "0" else "030"


def request_of(base: str, code: str) -> str:
    """Asking for an action: 02 + what (appeal) or 10 + what (demand)."""
    a = aspect_of(code)
    if a is None or a == "0":
        return base
    return base[:2] + a if base.startswith("02") else "10" + a


def rejection_of(code: str) -> str:
    if code.startswith("12"):
        return code
    a = aspect_of(code)
    return REJECT_OF.get(a or "0", "120")


@lru_cache(maxsize=1)
def crosswalk() -> dict[str, dict[str, str]]:
    """The CAMEO-to-PLOVER crosswalk the package ships (data/codelists/cameo_plover.csv)."""
    from .._resources import own_package_dir

    from ..safeio import read_csv_rows

    return {r["code"]: r for r in read_csv_rows(own_package_dir() / "data" / "codelists" / "cameo_plover.csv")}


@lru_cache(maxsize=1)
def cameo_labels() -> dict[str, str]:
    from .._resources import own_package_dir
    from ..safeio import read_csv_rows

    return {r["code"]: r["label"] for r in read_csv_rows(own_package_dir() / "data" / "codelists" / "cameo_events.csv")}


def plover_of(cameo: str) -> tuple[str | None, str | None, list[str], str]:
    """(type, mode, contexts, basis) of a CAMEO code through the crosswalk; CAMEO 02 appeals are
    REQUEST by the PLOVER manual ('All requests, demands, and orders') though the crosswalk drops them."""
    from ..pipeline.plover import crosswalk_row

    if cameo.startswith("02"):
        return "REQUEST", None, [], "02"
    row, code = crosswalk_row(crosswalk(), cameo)
    if row is None or not row.get("plover_type"):
        return None, None, [], code
    return row["plover_type"], row["plover_mode"] or None, [c for c in row["plover_context"].split("|") if c], code


@dataclass
class Words:
    start: int
    end: int
    text: str


@dataclass
class DraftEvent:
    sentence: tuple[int, int]
    trigger: Words
    cameo: str
    how: str
    polarity: str = "positive"
    modality: str = "actual"
    tense: str = "past"
    agent: object | None = None
    agent_words: Words | None = None
    more: list = field(default_factory=list)  # (role, actor, words) coordinated with the agent or target
    target: object | None = None
    target_words: Words | None = None
    attribution: Words | None = None
    speaker: object | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    plover_context: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    obliged: bool = False  # "X said Y must ...": X demands of Y


@dataclass
class Candidate:
    i: int          # token index of the verb's first word
    n: int          # tokens of the verb
    block: str
    code: str | None
    how: str


# "part of a stronghold", "most of the aid", "25,000 tons of food aid": words that measure the
# object, not the object the verb's patterns look for.
PARTITIVE = frozenset("part parts most half some all much many rest portion remainder bulk majority tons tonnes "
                      "thousands hundreds millions dozens number worth".split())


def _unquantified(words: list[str], lo: int, hi: int) -> list[str]:
    """The words, with the quantity before a noun blanked ("captured part of a stronghold":
    the pattern sees "... of a stronghold", not "part" as in "take part")."""
    out = None
    for j in range(lo, min(hi, len(words))):
        w = words[j]
        if (w in PARTITIVE and j + 1 < len(words) and words[j + 1] == "of") or re.fullmatch(r"\$?\d[\d,.]*", w) \
                or (w == "of" and j > lo and words[j - 1] in PARTITIVE):
            if out is None:
                out = list(words)
            out[j] = ""
    return out if out is not None else words


CLAUSE_OPENERS = frozenset("and but while whereas although though as after before when because since "
                           "which who where".split())
AIMS = frozenset("policy goal goals aim aims objective objectives mission plan strategy intention task priority "
                 "purpose ambition".split())
SUBORDINATE = frozenset("where which who whom whose when because if although though whereas".split())


def _nounish(w: str) -> bool:
    """A word that can end a noun phrase (not an auxiliary, modal, adverb, pronoun or conjunction)."""
    return not (w in AUX or w in MODALS or w in NEGATIONS or w in SOFT or w in PRONOUNS or w.endswith("ly")
                or w in FUNCTION or w in ("and", "or", "but", "then", "not", "that", "who", "which", "to"))


LOCATIVES = frozenset("in at near over across inside outside throughout within into around off from".split())


def _locative(words: list[str], j: int) -> bool:
    """The word at j is inside a place phrase: a locative preposition before it, with at most
    a determiner and an adjective between ('in eastern Ukraine', 'over Syria')."""
    for k in range(1, 4):
        if j - k < 0:
            return False
        w = words[j - k]
        if w in LOCATIVES:
            return True
        if w in FUNCTION or w in AUX or w in REPORTING or w in (",", "and"):
            return False
    return False


HEADS_OF = frozenset("group groups thousands hundreds dozens scores members leaders supporters some many most all "
                     "one two three third half part majority number units elements contingent delegation".split())


def _adjective_of_state(actor_at, t: Tok) -> bool:
    """'Russian', 'Syrian', 'Chinese': the adjective of a state (an actor's one-word mention that
    is not its name), which modifies the noun after it."""
    hit = actor_at(t.start, t.end)
    return hit is not None and re.search(r"(?:an|ese|ish|i|ch)$", t.text) is not None and \
        getattr(hit[0], "actor_type", "") == "state" and getattr(hit[0], "name", "") != t.text


def _coordinated(toks: list[Tok], words: list[str], head, m, limit: int) -> bool:
    """The mention m follows `head` as one of a list joined by 'and' or commas ('Russia and
    Iran', 'Russia, Iran and Turkey'), before `limit` (the verb, or the clause's end)."""
    if m[0] >= limit:
        return False
    between = [j for j in range(head[0] + 1, m[0]) if toks[j].start >= head[2].end]
    return bool(between) and all(words[j] in ("and", ",", "the") for j in between) and "and" in [words[j] for j in between] \
        or bool(between) and all(words[j] in (",", "the") for j in between) and any(
            words[k] == "and" for k in range(m[0] + 1, min(limit, m[0] + 4)))


def _partitive_of(words: list[str], j: int) -> bool:
    """'of' at j after a word that counts or groups ('thousands of', 'a group of', 'leaders of'):
    the phrase after it is the head of the subject."""
    return words[j] == "of" and j >= 1 and (words[j - 1] in HEADS_OF or words[j - 1].isdigit())


def _reports(toks: list[Tok], words: list[str], i: int) -> bool:
    """A speech verb used to report ("argued that ...", "..., he conceded."): followed by 'that',
    a quote, a colon or the clause's end, rather than by an object it acts on."""
    if i + 1 >= len(toks):
        return True
    if words[i] in verbs.NAMING and any(toks[k].text in ("\"", "“", "'", "‘") for k in range(i + 1, min(len(toks), i + 9))):
        return True  # "called the maneuvers 'unsafe'": naming what was done, in quoted words
    nxt = toks[i + 1].text
    if words[i] in verbs.NAMING:
        return nxt in (",", ":", ";", ".")  # "called on Russia to ...", "called for talks": an appeal, coded
    return words[i + 1] == "that" or nxt in (",", ":", ";", "\"", "“", ".") or (
        i + 2 < len(words) and words[i + 1] in ("on", "in") and (words[i + 2] in ("a", "an") or toks[i + 2].cap))


def _after_by(words: list[str], j: int) -> bool:
    """The word at j heads the agent phrase of a passive: "by Turkey", "by the U.N. court"."""
    for k in range(1, 4):
        if j - k < 0:
            return False
        w = words[j - k]
        if w == "by":
            return True
        if w in FUNCTION or w in AUX or w in REPORTING:
            return False
    return False


def _clean(t: Tok) -> str:
    return t.low.replace("’", "'")


class EventReader:
    """`read(start, end)` drafts the main event of one sentence."""

    def __init__(self, text: str, actor_at, excluded: list[tuple[int, int]], tense_of=None):
        self.text = text
        self.dic = cameo_verbs.load()
        self.actor_at = actor_at  # (start, end) -> (actor, mention start, mention end) or None
        # Direct quotes: their verbs are the speaker's words, coded by the speech event. Merged and
        # sorted, so a position is looked up by bisection.
        merged: list[list[int]] = []
        for a, b in sorted(excluded):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.excluded = [(a, b) for a, b in merged]
        self._excluded_starts = [a for a, _ in merged]
        self.last_actor = None

    # --- verbs -------------------------------------------------------------------------

    def _inside_excluded(self, pos: int) -> bool:
        k = bisect.bisect_right(self._excluded_starts, pos) - 1
        return k >= 0 and pos < self.excluded[k][1]

    def _verbs_at(self, toks: list[Tok], words: list[str], i: int) -> list[Candidate]:
        out = []
        w = words[i]
        if w in EXTRA_VERBS:
            block, code = EXTRA_VERBS[w]
            out.append(Candidate(i, 1, block, code, f"newsfacts verb list: {w} [{code}]"))
        own = verbs.verb_at(words, i)
        if own is not None:
            n, block, code, why = own
            out.append(Candidate(i, n, block, code, f"newsfacts verb list: '{' '.join(words[i:i + n])}', CAMEO {why}"))
        for v in self.dic.forms.get(w, ()):
            k = len(v.words)
            if i + k <= len(words) and all(words[i + j] == v.words[j][0] for j in range(k)):
                out.append(Candidate(i, k, v.block, v.code, ""))
        return out

    def _code(self, c: Candidate, words: list[str], lo: int, hi: int) -> Candidate:
        default, patterns = self.dic.block(c.block)
        best = None
        words = _unquantified(words, c.i + c.n, hi)
        for p in patterns:
            if best is not None and p.size <= best.size:
                continue
            if p.before and cameo_verbs.match_elements(words, max(lo, c.i - 8), c.i, p.before, 8) is None:
                continue
            only_function = all(all(w in FUNCTION for seq in alts for w, _ in seq) for alts in p.after)
            if p.after and cameo_verbs.match_elements(words, c.i + c.n, min(hi, c.i + c.n + 2) if only_function else hi,
                                                      p.after, 8) is None:
                continue
            if not p.before and not p.after:
                continue
            best = p
        verb = " ".join(words[c.i:c.i + c.n])
        if best is not None and best.code is None:
            best = None  # a pattern that codes nothing ([---]): the verb's object may still code it
        if best is not None:
            code = best.code
            if code and code.startswith("02") and words[c.i].startswith("demand"):
                # The DEMAND block holds URGE's appeal patterns; "demanded" itself is a demand (CAMEO 10),
                # the parallel code of the appeal (025 appeal to yield: 105 demand that target yields).
                return Candidate(c.i, c.n, c.block, "10" + code[2:], f"CAMEO.2.0.txt {c.block}: '{verb}' with a pattern "
                                 f"[{code}], a demand: its parallel CAMEO 10 code {'10' + code[2:]}")
            return Candidate(c.i, c.n, c.block, code, f"CAMEO.2.0.txt {c.block}: '{verb}' with a pattern [{code or '---'}]")
        by_object = verbs.object_code(words, c.i, c.n, hi)
        if by_object is not None:
            code, why = by_object
            return Candidate(c.i, c.n, c.block, code, f"'{verb}' with its object: CAMEO {why} (newsfacts verb-object list)")
        code = c.code or default or BLOCK_DEFAULTS.get(c.block)
        how = c.how or f"CAMEO.2.0.txt {c.block}: '{verb}' [{code or '---'}]"
        if code and not (c.code or default):
            how = f"CAMEO.2.0.txt {c.block}: '{verb}' (uncoded there; newsfacts default [{code}])"
        return Candidate(c.i, c.n, c.block, code, how)

    def _noun_like(self, toks: list[Tok], words: list[str], i: int) -> bool:
        """A verb form used as a noun: after a determiner, a preposition or a possessive ('the
        attack', 'his visit', 'Russia's support'), or capitalised inside the sentence (a name)."""
        if i > 0 and toks[i].cap and toks[i - 1].word:
            return True
        j = i - 1
        if j >= 0 and toks[j].possessive:
            return True
        if j >= 0 and words[j] in NOUN_BEFORE:
            return True
        if j >= 0 and words[i].endswith("s") and toks[j].word and ("-" in words[j] and not toks[j].cap
                                                               or _adjective_of_state(self.actor_at, toks[j])
                                                               or words[i] in GROUP_ROLE and not toks[j].cap
                                                               and _nounish(words[j]) and words[j] not in PRONOUNS):
            return True  # "close-range passes", "Russian ships": a noun after its modifier
        if j >= 1 and words[i].endswith("s") and words[j - 1] in NOUN_BEFORE and toks[j].word \
                and _nounish(words[j]) and words[j] not in IRREGULAR_PAST and not words[j].endswith("ed"):
            return True  # "of strategic plans", "the new talks": a noun after its adjective
        if j >= 0 and re.fullmatch(r"\d[\d,.]*", words[j]):
            return True
        k = i + 1
        if k < len(words) and (words[k] in AUX | MODALS - {"may"} or words[k] in ("who", "which")) and words[i].endswith("s"):
            return True  # "Security forces have tortured": the head of a subject
        if (k < len(words) and words[i].endswith("s") and words[k] in ("in", "of", "from", "at")
                and (j < 0 or toks[j].cap and toks[j].word)):
            return True  # "Security forces in Guinea", "Doctors from two aid groups" opening a sentence
        w = words[i]
        base = not re.search(r"(?:ed|s|ing|en)$", w) and w not in IRREGULAR_PAST
        if base:
            # A verb's base form needs "to", a modal, "do", a negation or a pronoun before it.
            m = j
            while m >= 0 and (words[m] in SOFT or words[m].endswith("ly")):
                m -= 1
            prev = self.actor_at(toks[m].start, toks[m].end) if m >= 0 else None
            if prev is not None and self.text[prev[2] - 1:prev[2]] == "s" and toks[m].end == prev[2]:
                return False  # "The Palestinians reject": a plural subject
            if m < 0 or not (words[m] in ("to", "not", "never", "we", "they", "i", "you", "who") or words[m] in MODALS
                             or words[m] in OBLIGATION or words[m] in ("do", "does", "did") or words[m].endswith("n't")):
                return True
        return False

    def _nominal(self, toks: list[Tok], words: list[str], i: int) -> Candidate | None:
        """'announced a suspension of ...', 'declared a unilateral ceasefire': the event noun, coded;
        'riots ... are continuing': the event noun that is the subject of a verb that carries it."""
        if words[i] in verbs.CARRIERS and (i + 1 >= len(words) or not toks[i + 1].word or words[i + 1] in FUNCTION):
            for j in range(i - 1, max(-1, i - 9), -1):
                if words[j] in EVENT_NOUNS and EVENT_NOUNS[words[j]][0].isdigit() and words[j] != "hunger":
                    code = EVENT_NOUNS[words[j]]
                    return Candidate(j, 1, "NOUN", code, f"'{words[j]} ... {words[i]}': an act the CAMEO manual codes {code}")
        for j in range(i + 1, min(len(words), i + 5)):
            if not toks[j].word:
                return None
            w = words[j]
            if w in EVENT_NOUNS:
                if w == "hunger" and (j + 1 >= len(words) or words[j + 1] != "strike"):
                    return None
                if self.actor_at(toks[j].start, toks[j].end) is not None:
                    return None
                lemma = EVENT_NOUNS[w]
                n = j - i + 1 + (1 if w == "hunger" else 0)
                if lemma[0].isdigit():
                    return Candidate(i, n, "NOUN", lemma, f"'{words[i]} ... {w}': an act the CAMEO manual codes {lemma}")
                for v in self.dic.forms.get(lemma, ()):
                    if len(v.words) == 1:
                        c = self._code(Candidate(j, 1, v.block, v.code, ""), words, j, len(words))
                        if c.code:
                            return Candidate(i, n, "NOUN", c.code, f"'{words[i]} ... {w}': the act of '{lemma}', {c.how}")
                return None
            if j == i + 1 and w == "on":
                continue  # "insisted on its demands"
            if w in AUX or w in REPORTING or w in ("that", "to", "on", "by", "with", "for", "in"):
                return None
        return None

    # --- the sentence --------------------------------------------------------------------

    def read(self, start: int, end: int, speaker=None) -> DraftEvent | None:
        toks = [t for t in tokens(self.text, start, end)]
        words = [_clean(t) for t in toks]
        if not toks:
            return None
        cands: list[Candidate] = []
        frames: list[int] = []
        for i, t in enumerate(toks):
            if not t.word or self._inside_excluded(t.start):
                continue
            nominal = self._nominal(toks, words, i) if words[i] in LIGHT_WORDS | RESTATING | verbs.CARRIERS else None
            if nominal is not None:
                cands.append(nominal)
                continue
            if self.actor_at(t.start, t.end) is not None:
                continue  # a word of a name ("the United States"): no verb, no frame
            if words[i] in REPORTING or words[i] in verbs.SPEECH and _reports(toks, words, i):
                frames.append(i)  # a speech verb frames what is said: it is coded, not the verb
                continue
            found = self._verbs_at(toks, words, i)
            if not found or self._noun_like(toks, words, i):
                continue
            cands.append(max(found, key=lambda c: c.n))
        # "where they say ...": a reporting verb inside a relative clause frames nothing of the main clause
        frames = [f for f in frames if not any(words[j] in SUBORDINATE for j in range(max(0, f - 3), f))]
        if not cands:
            return None
        chosen = None
        for n, c in enumerate(cands):
            lo = max([f + 1 for f in frames if f < c.i], default=0)
            if words[c.i].endswith(("ed", "ing")) and all(words[j] in SOFT or words[j].endswith("ly") for j in range(lo, c.i)):
                continue  # "Newly appointed Prime Minister ...": a participle before any subject modifies a noun
            if n > 0 and words[c.i].endswith("s") and not words[c.i].endswith("ss") and c.i > 0 and toks[c.i - 1].word \
                    and _nounish(words[c.i - 1]) and not toks[c.i - 1].cap and words[c.i - 1] not in PRONOUNS \
                    and c.i < self._clause_end(toks, cands[0].i, frames):
                continue  # "made several low altitude passes": a plural noun after the main verb, not a verb
            if n > 0 and words[c.i].endswith(("ed", "ing")) and c.i > 0 and toks[c.i - 1].word and _nounish(words[c.i - 1]) \
                    and cands[n - 1].i < c.i - 1 and cands[n - 1].block not in LIGHT and words[cands[n - 1].i] not in LIGHT_WORDS:
                continue  # "a program aimed at", "refugees fleeing the war": a participle after a noun, after the main verb
            coded = self._code(c, words, lo, self._clause_end(toks, c.i, frames))
            if not coded.code or coded.code.startswith("01"):
                continue
            later = [d for d in cands[n + 1:] if d.i < self._clause_end(toks, c.i, frames)]
            if words[c.i] in PASS_THROUGH and later and words[later[0].i - 1] == "to" and later[0].i - c.i <= 3:
                continue  # "decided to allow": the allowing
            if c.block in LIGHT and c.code is None and "pattern" not in coded.how and "with its object" not in coded.how and later:
                continue  # "issued a declaration demanding": the demand
            chosen = coded
            break
        if chosen is None:
            return None
        ev = self._shape(toks, words, chosen, cands, frames)
        if ev is None:
            return None
        ev.sentence = (start, end)
        self._actors(toks, words, ev, chosen, frames, speaker)
        ev.plover_type, ev.plover_mode, ev.plover_context, basis = plover_of(ev.cameo)
        manual = verbs.plover_by_manual(ev.cameo, chosen.block)
        if manual is not None and (manual[0], manual[1]) != (ev.plover_type, ev.plover_mode):
            ev.plover_type, ev.plover_mode, why = manual
            ev.notes.append(why)
        elif verbs.manual_note(ev.cameo):
            ev.notes.append(verbs.manual_note(ev.cameo))
        if ev.cameo.startswith("02"):
            ev.notes.append("PLOVER REQUEST: 'All requests, demands, and orders' (the PLOVER manual); the CAMEO-to-PLOVER "
                            "crosswalk drops CAMEO 02 appeals")
        return ev

    def _clause_end(self, toks: list[Tok], i: int, frames: list[int]) -> int:
        """Where the clause of the verb at i ends: a closing reporting frame (', the army said'), a
        semicolon, a comma before a conjunction that opens another clause (', while', ', and
        Ukraine ...'), or the sentence's end."""
        for j in range(i + 1, len(toks)):
            if toks[j].text == ";":
                return j
            if toks[j].text == "," and any(f > j and f - j <= 6 for f in frames):
                return j
            if toks[j].text == "," and j + 1 < len(toks) and toks[j + 1].low in CLAUSE_OPENERS:
                return j
        return len(toks)

    def _before(self, words: list[str], i: int, lo: int) -> list[int]:
        """Indexes of the words just before the verb at i that modify it (modals, auxiliaries,
        negation, adverbs), nearest first."""
        out, j = [], i - 1
        while j >= lo and (words[j] in MODALS or words[j] in OBLIGATION or words[j] in AUX or words[j] in NEGATIONS or words[j] in SOFT
                           or words[j].endswith("n't") or words[j].endswith("ly")):
            out.append(j)
            j -= 1
        return out

    def _shape(self, toks, words, c: Candidate, cands: list[Candidate], frames: list[int]) -> DraftEvent | None:
        code, how = c.code or "", c.how
        trig_end = c.i + c.n
        lo = max([f + 1 for f in frames if f < c.i], default=0)
        mods = self._before(words, c.i, lo)
        mod_words = {words[j] for j in mods}
        future = bool(mod_words & MODALS) or (words[c.i - 1] == "to" and c.i >= 2 and words[c.i - 2] in AUX) if c.i >= 1 else False
        tense = "future" if future else ("present" if words[c.i].endswith("s") and not words[c.i].endswith("ss")
                                         and not (mod_words & {"was", "were", "had", "did"}) else "past")
        if words[c.i].endswith("ing") and mod_words & {"is", "are"}:
            tense = "present"
        modality = "intended" if future else "actual"
        aim = c.i >= 3 and words[c.i - 1] == "to" and words[c.i - 2] in AUX and words[c.i - 3] in AIMS
        if aim and not (mod_words & MODALS):
            # "The U.S. policy is to defeat ISIL": an aim stated, not a threat (CAMEO 13 is force not yet
            # used, and the aim of a campaign under way threatens nothing): the act, intended
            future, tense = False, "present"
            how += f"; '{words[c.i - 3]} {words[c.i - 2]} to': an aim, coded as the act it names (intended), not a threat"
        comp = None
        control = c.block in INTEND | REFUSE | THREAT | REQUEST or words[c.i] in CONTROL_WORDS
        if control:
            for d in cands:
                if d.i > trig_end and d.i - trig_end <= 8 and words[d.i - 1] == "to":
                    dc = self._code(d, words, d.i, self._clause_end(toks, d.i, frames))
                    if dc.code and not dc.code.startswith("01"):
                        comp = dc
                    break
        if comp is not None:
            verb = " ".join(words[c.i:trig_end])
            if c.block in REFUSE:
                code, how = rejection_of(comp.code), f"'{verb} to' + {comp.how}: a rejection (CAMEO 12)"
            elif c.block in THREAT:
                code, how = threat_of(comp.code), f"'{verb} to' + {comp.how}: a threat (CAMEO 13)"
            elif c.block in REQUEST:
                base = "100" if c.block == "DEMAND" else "020"
                code, how = request_of(base, comp.code), f"'{verb} ... to' + {comp.how}: a request (CAMEO {base[:2]})"
            elif c.block == "AGREE" or words[c.i] in ("agree", "agreed", "agrees"):
                a = aspect_of(comp.code) if comp.code[:2] < "09" else None
                code = "03" + a if a and a != "0" else "030"
                how = f"'{verb} to' + {comp.how}: agreeing to act, an intention (CAMEO 03)"
                modality = "intended"
            else:
                code, how = intent_of(comp.code), f"'{verb} to' + {comp.how}: an intention (CAMEO 03) or threat (13)"
                if any(w in ("unless", "if") for w in words):
                    code = threat_of(comp.code) if comp.code[:2] >= "11" else "130"
                modality, tense = "intended", "future" if tense == "future" else tense
        elif (c.block == "AGREE" or words[c.i] in CONTROL_WORDS) and any(
                w in ("to", "on", "upon", "that") for w in words[trig_end:trig_end + 2]):
            code = "030" if code[:2] != "03" else code  # "agreed to a six-month extension", "agreed upon a pact"
            how += "; agreeing to or promising what is to come: CAMEO 030 (PLOVER AGREE)"
            modality = "intended"
        elif future and code[:2] not in ("01", "02", "03", "10", "11", "12", "13"):
            new = intent_of(code)
            if any(w in ("unless", "if") for w in words[trig_end:]) and new.startswith("03"):
                new = "130"  # "will withdraw ... unless": a conditional threat (CAMEO 13)
            how += f"; future ('{' '.join(words[j] for j in reversed(mods))}'): CAMEO {new[:2]}, not the action itself"
            code = new
        obliged = bool(mod_words & OBLIGATION) and (bool(frames) or "that" in words[:c.i])
        if obliged and comp is None and code[:2] not in ("02", "10", "11", "12", "13"):
            new = request_of("100", code)
            how += f"; '{' '.join(sorted(mod_words & OBLIGATION))}' in what someone says: a demand, CAMEO {new}"
            code, modality, tense = new, "actual", "past"
            future = False
        # Polarity as the build reads it (text/negation.py): CAMEO codes the positive action and
        # the negation is carried apart.
        polarity = read_polarity(self.text, toks[c.i].start, toks[0].start)
        if code[:2] in ("03", "13"):
            # The expression of intent is the event, and it happened (the coding rule "intent coded
            # twice"): modality actual, the tense of the expression.
            modality = "actual"
            expressed = [words[f] for f in frames] + [words[c.i]] + [words[j] for j in mods]
            tense = "past" if any(w.endswith("ed") or w in IRREGULAR_PAST or w in ("would", "was", "were", "had")
                                  for w in expressed) else "present"
        trig = Words(toks[c.i].start, toks[trig_end - 1].end, self.text[toks[c.i].start:toks[trig_end - 1].end])
        if comp is not None:
            e = comp.i + comp.n - 1
            trig = Words(toks[c.i].start, toks[e].end, self.text[toks[c.i].start:toks[e].end])
        ev = DraftEvent((0, 0), trig, code, how, modality=modality, tense=tense, polarity=polarity)
        ev.obliged = obliged
        return ev

    def _actors(self, toks, words, ev: DraftEvent, c: Candidate, frames: list[int], speaker) -> None:
        lo = max([f + 1 for f in frames if f < c.i], default=0)
        # A leading phrase ("In an unprecedented move, ...") holds no subject.
        if words[lo] in NOUN_BEFORE - {"the", "a", "an", "this", "these", "those", "its", "his", "her", "their", "our"}:
            comma = next((j for j in range(lo, c.i) if toks[j].text == ","), None)
            if comma is not None:
                lo = comma + 1
        hi = self._clause_end(toks, c.i, frames)
        mentions = []
        seen = set()
        for j in range(len(toks)):
            t = toks[j]
            if not t.word:
                continue
            hit = self.actor_at(t.start, t.end)
            if hit is None:
                continue
            a, ms, me = hit
            if (ms, me) in seen:
                continue
            seen.add((ms, me))
            mentions.append((j, a, Words(ms, me, self.text[ms:me])))
        passive = c.i >= 1 and any(words[j] in ("was", "were", "been", "being", "is", "are")
                                   for j in self._before(words, c.i, lo)) and re.search(r"(?:ed|en|wn|ck|ht|t)$", words[c.i])
        if passive and (words[c.i + c.n:c.i + c.n + 1] == ["to"] or words[c.i] in CONTROL_WORDS):
            passive = False  # "is prepared to impose", "is committed to": the subject acts
        before = [m for m in mentions if lo <= m[0] < c.i]
        after = [m for m in mentions if c.i + c.n <= m[0] < hi]
        subject = None
        pron = next((j for j in range(c.i - 1, lo - 1, -1) if words[j] in PRONOUNS), None)
        if before:
            # The head of the subject: the first actor not inside a prepositional phrase.
            free = [m for m in before if m[0] == lo or words[m[0] - 1] not in ("of", "in", "near", "at", "from", "with", "to",
                                                                                "against", "on", "for", "by", "over")
                    or _partitive_of(words, m[0] - 1)]
            subject = (free or before)[0]
        if pron is not None and (subject is None or subject[0] < pron) and (subject is None or not any(
                toks[k].text == "," for k in range(subject[0], pron))):
            if subject is None or pron > subject[0] + 3:
                res = speaker if speaker is not None else (self._frame_subject(mentions, frames, c.i)
                                                           or self._antecedent(mentions, words[pron], pron)
                                                           or self.last_actor)
                if res is not None:
                    subject = (pron, res, Words(toks[pron].start, toks[pron].end, toks[pron].text))
        if subject is None and frames:
            fs = self._frame_subject(mentions, frames, c.i)
            if fs is not None:
                subject = (c.i, fs, None)
        if passive:
            by = next((m for m in after if _after_by(words, m[0])), None)
            target = subject
            subject = by
        else:
            # a place is no target of a statement, a meeting or diplomatic cooperation ("met in Geneva",
            # "talks on safety over Syria"); of other acts it may be ("shelled Juba", "a curfew in Algiers")
            material = (ev.cameo or "")[:2] not in ("01", "04", "05")
            target = next((m for m in after if (subject is None or m[1] is not subject[1])
                           and (material or not _locative(words, m[0]))), None)
        if ev.obliged:
            fs = speaker if speaker is not None else self._frame_subject(mentions, frames, c.i)
            that = next((j for j in range(c.i - 1, -1, -1) if words[j] == "that"), None)
            if fs is None and that is not None:
                # "X issued a reminder to Y that it must ...": X asks, of the subject after "that"
                head = [m for m in mentions if m[0] < that and (m[0] == 0 or words[m[0] - 1] not in FUNCTION)]
                fs = head[0][1] if head else None
            if fs is not None:
                target = subject if subject is not None and subject[1] is not fs else target
                subject = next(((m[0], m[1], m[2]) for m in mentions if m[1] is fs), (c.i, fs, None))
        if subject is not None:
            ev.agent, ev.agent_words = subject[1], subject[2]
            self.last_actor = subject[1]
        if target is not None and (subject is None or target[1] is not subject[1]):
            ev.target, ev.target_words = target[1], target[2]
        # "Russia and Iran attacked ...", "... attacked Aleppo and Idlib": each actor coordinated
        # with the agent or the target has its role too (PLOVER: "the actor and recipient are a list")
        for role, head in (("agent", subject), ("target", target)):
            if head is None or head[0] >= c.i and role == "agent" or head[2] is None:
                continue
            last = head
            for m in mentions:
                if m[0] > last[0] and m[1] is not last[1] and m[2] is not None \
                        and _coordinated(toks, words, last, m, c.i if role == "agent" else hi):
                    last = m
                    if all(m[1] is not x[1] for x in ev.more) and m[1] is not ev.agent and m[1] is not ev.target:
                        ev.more.append((role, m[1], m[2]))
        if frames:
            f = frames[-1] if frames[-1] > c.i else max((x for x in frames if x < c.i), default=frames[0])
            ev.attribution = Words(toks[f].start, toks[f].end, toks[f].text)
            fs = self._frame_subject(mentions, frames, c.i)
            ev.speaker = fs

    def _antecedent(self, mentions, pronoun: str, at: int):
        """What a pronoun stands for in its own sentence: the nearest actor before it that can
        be so called ('to Iraq that it must': Iraq; 'he' a person, 'it' not a person)."""
        for m in reversed([m for m in mentions if m[0] < at]):
            person = getattr(m[1], "actor_type", None) == "person"
            if pronoun in ("he", "she", "i") and person or pronoun == "it" and not person or pronoun in ("they", "we"):
                return m[1]
        return None

    def _frame_subject(self, mentions, frames: list[int], i: int):
        """Who speaks in the reporting frame: the actor next to the frame verb ('the army said',
        'said the ministry', 'X told reporters')."""
        for f in frames:
            near = [m for m in mentions if 0 < f - m[0] <= 4] or [m for m in mentions if 0 < m[0] - f <= 3]
            if near:
                return near[-1][1] if near[-1][0] < f else near[0][1]
        return None
