"""Who speaks: speaker phrases before or after a cue verb, and matching them to actors.

A phrase is a name with or without a title ("Defense Secretary Ash Carter", "Carter",
"The US Navy"), a description ("the press secretary", "The ships commander", "U.S.
officials") or a pronoun ("he"). Names are matched to known actors by the whole phrase,
the name without its title, or the surname; descriptions by the end of a known title;
pronouns go to the last person (he, she) or group (they, it) that spoke.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .spans import Span

TITLE_WORDS = frozenset("""
Secretary Minister President Vice Prime Premier Chancellor Spokesman Spokeswoman Spokesperson Ambassador Envoy
Gen. General Lt. Lieutenant Col. Colonel Maj. Major Adm. Admiral Capt. Captain Cmdr. Commander Sgt. Sergeant
Brig. Cpl. Pvt. Chairman Chairwoman Chair Chief Director Senator Sen. Rep. Representative Gov. Governor Mayor
Deputy Acting Assistant Under Press Defense Defence Foreign Interior Justice Attorney Secretary-General Chief
King Queen Prince Princess Pope Judge Justice Officer Marshal Marine Corps Air Force Army Navy Coast Guard
Mr. Mrs. Ms. Dr. Prof. Professor Sheikh Emir Ayatollah Patriarch Presidential Pentagon Kremlin Staff Joint
""".split())
ORG_WORDS = frozenset("""
Ministry Department Navy Army Forces Force Office Agency Council Committee Command Pentagon Kremlin Government
Union Nations News Service Staff Guard Corps Police Military Embassy Parliament Congress Senate House Court
Organization Organisation Group Alliance Coalition Front Party Movement Company Corporation Institute Bureau
Center Centre Directorate Administration Commission Fleet Flotilla Brigade Division Regiment Battalion State
NATO UN ISIL ISIS EU OSCE IAEA
""".split())
ROLE_NOUNS = ("spokesman", "spokeswoman", "spokesperson", "spokespeople", "official", "officials", "secretary",
              "minister", "ministry", "commander", "president", "diplomat", "diplomats", "source", "sources",
              "analyst", "analysts", "expert", "experts", "general", "admiral", "officer", "officers", "ambassador",
              "envoy", "chief", "statement", "report", "department", "agency", "military", "army", "navy",
              "government", "administration", "pentagon", "kremlin", "leader", "leaders", "lawmaker", "lawmakers",
              "senator", "witness", "witnesses", "residents", "activists", "monitor", "observatory", "police",
              "prosecutor", "prosecutors", "authorities", "governor", "mayor", "aide", "aides", "adviser", "advisers",
              "representative", "representatives", "press secretary", "press office", "press service", "office")
# Abbreviated titles and the word a later description uses ("Adm. Mark Ferguson" ... "the admiral").
TITLE_ABBREVIATIONS = {"adm.": "admiral", "gen.": "general", "lt.": "lieutenant", "col.": "colonel", "maj.": "major",
                       "capt.": "captain", "cmdr.": "commander", "sgt.": "sergeant", "sen.": "senator",
                       "rep.": "representative", "gov.": "governor", "brig.": "brigadier", "prof.": "professor",
                       "amb.": "ambassador", "secy.": "secretary"}
PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "group",
            "him": "person", "her": "person", "them": "group"}  # "according to him"
_TOKEN = r"[A-Z][\w.’'-]*"
_CONNECT = r"(?:of|for|and|the|de|al|bin|ibn|van|von|der|la|le|da|dos)"
NAME_RUN = rf"(?:[Tt]he\s+)?{_TOKEN}(?:\s+(?:{_CONNECT}\s+)*{_TOKEN})*"
_ROLE = "|".join(sorted((re.escape(r) for r in ROLE_NOUNS), key=len, reverse=True))
DESCRIPTION = (rf"(?:(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ne)\s+(?:[\w’'.-]+\s+){{0,3}}?(?:{_ROLE})"
               rf"|(?:{_TOKEN}\s+){{1,2}}(?:{_ROLE})|(?:officials|sources|authorities|analysts|experts|diplomats))")
PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)"
# "Foreign Ministry spokeswoman Maria Zakharova": a lower-case role between the affiliation and the name.
TITLED_NAME = rf"(?:{_TOKEN}\s+){{0,3}}(?:{_ROLE})\s+{NAME_RUN}"
SPEAKER = rf"(?:{TITLED_NAME}|{DESCRIPTION}|{NAME_RUN}|{PRONOUN})"
BEFORE_CUE = re.compile(rf"(?:^|(?<=[\s,;:(—–]))(?P<spk>{SPEAKER})(?P<comma>,)?\s+$")
# "John Smith, a spokesman for the ministry, said" / "The official, who spoke on condition of anonymity, said"
APPOSED = re.compile(rf"(?:^|(?<=[\s,;:(—–]))(?P<spk>{SPEAKER}),\s+(?:a|an|the|who|whose|its|his|her|their)\s[^,\"“”]{{1,120}},\s*$")
AFTER_CUE = re.compile(rf"\s+(?P<spk>{TITLED_NAME}|{DESCRIPTION}|{NAME_RUN}|{PRONOUN})(?=\s*(?:[.,;:!?)]|$|\s+(?:who|in|on|at|during|after|before|told|according)\b))")
NOT_SPEAKERS = frozenset(w.lower() for w in ("The", "This", "That", "These", "Those", "There", "Here", "When", "While", "But",
                                             "And", "As", "If", "In", "On", "At", "For", "A", "An", "It's", "We", "I", "You"))


@dataclass(frozen=True)
class Phrase:
    span: Span
    kind: str  # name | description | pronoun
    name: str | None  # the name without title words ("Ash Carter"), for names
    title: str | None  # title words before the name ("Defense Secretary")

    @property
    def is_person(self) -> bool:
        return self.kind == "name" and (bool(self.title) or looks_like_person(self.name or ""))


def looks_like_person(name: str) -> bool:
    toks = name.split()
    return 1 <= len(toks) <= 4 and not any(t.strip(".") in ORG_WORDS for t in toks) and not name.isupper()


def parse(span: Span) -> Phrase | None:
    words = span.text
    low = words.lower()
    if low in PRONOUNS:
        return Phrase(span, "pronoun", None, None)
    if low in NOT_SPEAKERS:
        return None
    if re.search(rf"(?:^|\s)(?:{_ROLE})$", words):  # ends in a lower-case role noun: "the press secretary"
        return Phrase(span, "description", None, None)
    toks = words.split()
    if toks and toks[0].lower() == "the":
        toks = toks[1:]
    if not toks:
        return None
    last = toks[-1].strip(".")
    titled = any(t in TITLE_WORDS or t.lower() in ROLE_NOUNS for t in toks[:-1])
    if titled and toks[-1] not in TITLE_WORDS and last not in ORG_WORDS and toks[-1].lower() not in ROLE_NOUNS:
        # A titled person: the name is the last two tokens (three with a middle initial or a particle).
        k = 3 if len(toks) >= 3 and (re.fullmatch(r"[A-Z]\.", toks[-2]) or toks[-2].lower() in ("al", "bin", "van", "von", "de")) else 2
        name_toks = [t for t in toks[-k:] if t not in TITLE_WORDS]
        title = " ".join(toks[: len(toks) - len(name_toks)]) or None
        return Phrase(span, "name", " ".join(name_toks), title)
    return Phrase(span, "name", " ".join(toks), None)


@dataclass
class Speaker:
    key: str
    name: str
    names: set[str]
    titles: set[str] = field(default_factory=set)
    person: bool = True


# A person the text names with a title ("President Vladimir Putin", "Gen. Joseph Dunford"):
# a pronoun later on may refer to them even if they have not spoken yet.
_TITLE = "|".join(sorted((re.escape(t) for t in TITLE_WORDS if t[0].isupper()), key=len, reverse=True))
TITLED_PERSON = re.compile(rf"(?<![\w.])(?:{_TITLE})(?:\s+(?:{_TITLE}))*\s+(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z’'-]+)(?![\w’'])")


class SpeakerIndex:
    """Known speakers (from the coding) and, for a draft, new ones met in the text."""

    def __init__(self, learn: bool = False):
        self.speakers: list[Speaker] = []
        self.learn = learn
        self.last_person: str | None = None
        self.last_group: str | None = None
        self.pending: Phrase | None = None  # a titled person named after the last speaker
        # Indexes over the speakers, so resolving a phrase costs no scan of every speaker
        # (a text naming thousands of people stays linear): name -> first speaker with it,
        # a person's last name -> speakers, a title's or name's last word -> speakers.
        self._name: dict[str, int] = {}
        self._surname: dict[str, set[int]] = {}
        self._tail: dict[str, set[int]] = {}
        self._keys: dict[str, int] = {}
        self._pos: dict[int, int] = {}

    def _register(self, i: int, name: str | None = None, title: str | None = None) -> None:
        sp = self.speakers[i]
        if name:
            if self._name.get(name, i) >= i:
                self._name[name] = i
            toks = name.split()
            if toks and sp.person:
                self._surname.setdefault(toks[-1], set()).add(i)
            if toks:
                self._tail.setdefault(toks[-1].lower(), set()).add(i)
        if title and title.split():
            self._tail.setdefault(title.split()[-1], set()).add(i)

    def note_people(self, text: str, start: int, end: int) -> None:
        """Remember the last titled person named in text[start:end], as a pronoun's antecedent."""
        for m in TITLED_PERSON.finditer(text, start, end):
            sp = Span(m.start(), m.end(), m.group(0))
            self.pending = parse(sp)

    def add(self, key: str, name: str, names: list[str], titles: list[str] = (), person: bool | None = None) -> Speaker:
        sp = Speaker(key, name, {n for n in [name, *names] if n}, {x for t in titles if t for x in _title_forms(t)},
                     looks_like_person(name) if person is None else person)
        self.speakers.append(sp)
        i = len(self.speakers) - 1
        self._keys.setdefault(key, i)
        self._pos[id(sp)] = i
        for n in sp.names:
            self._register(i, name=n)
        for t in sp.titles:
            self._register(i, title=t)
        return sp

    def _by_name(self, words: str) -> Speaker | None:
        i = self._name.get(words)
        if i is not None:
            return self.speakers[i]
        last = words.split()[-1] if words.split() else ""
        hits = self._surname.get(last, set()) if last else set()
        return self.speakers[next(iter(hits))] if len(hits) == 1 else None

    def _name_inside(self, words: str) -> Speaker | None:
        """The speaker with the longest known name that stands as whole words inside `words`."""
        toks = list(re.finditer(r"\w+", words))
        best: tuple[int, int] | None = None  # (length, speaker index)
        for a in range(len(toks)):
            for b in range(a, min(len(toks), a + 12)):
                cand = words[toks[a].start():toks[b].end()]
                for c in (cand, cand + "." if words[toks[b].end():toks[b].end() + 1] == "." else None):
                    i = self._name.get(c) if c else None
                    if i is not None and (best is None or len(c) > best[0]):
                        best = (len(c), i)
        return self.speakers[best[1]] if best else None

    def _by_description(self, desc: str) -> Speaker | None:
        """The last speaker a title (or name) of whom ends with the description."""
        toks = desc.split()
        if not toks:
            return None
        for i in sorted(self._tail.get(toks[-1], ()), reverse=True):
            s = self.speakers[i]
            lowered = {n.lower() for n in s.names}
            if desc in lowered or any(t.endswith(desc) for t in s.titles | lowered):
                return s
        return None

    def resolve(self, phrase: Phrase) -> tuple[str | None, str]:
        """(speaker key or None, resolution: name | description | pronoun)."""
        if phrase.kind == "pronoun":
            if PRONOUNS[phrase.span.text.lower()] == "person" and self.pending is not None and self.pending.name:
                pending, self.pending = self.pending, None
                key, _ = self.resolve(pending)  # the titled person named since the last speaker
                if key:
                    return key, "pronoun"
            key = self.last_person if PRONOUNS[phrase.span.text.lower()] == "person" else (self.last_group or self.last_person)
            return key, "pronoun"
        words = phrase.span.text
        sp = self._by_name(words) or (self._by_name(phrase.name) if phrase.name else None)
        if sp is None and words.lower().startswith("the "):
            sp = self._by_name(words[4:])
        if sp is None and phrase.kind == "name":  # "UN statistics": a known name inside the phrase
            sp = self._name_inside(words)
        if sp is None and phrase.kind == "description":
            sp = self._by_description(re.sub(r"^(the|a|an|its|his|her|their)\s+", "", words.lower()))
        if sp is None and self.learn:
            name = phrase.name or re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", words)
            sp = self.add(slug(name), name, [words] if words != name else [], [phrase.title] if phrase.title else [],
                          phrase.is_person if phrase.kind == "name" else False)
        elif sp is not None and self.learn:
            i = self._pos[id(sp)]
            if words not in sp.names and phrase.kind != "pronoun":
                sp.names.add(words)
                self._register(i, name=words)
            if phrase.title:
                for t in _title_forms(phrase.title):
                    sp.titles.add(t)
                    self._register(i, title=t)
        if sp is None:
            return None, phrase.kind
        self.pending = None  # a named speaker is the more recent antecedent
        if sp.person:
            self.last_person = sp.key
        else:
            self.last_group = sp.key
        return sp.key, phrase.kind

    def get(self, key: str | None) -> Speaker | None:
        i = self._keys.get(key) if key is not None else None
        return self.speakers[i] if i is not None else None


def _title_forms(title: str) -> list[str]:
    """A title as written (lower case) and with its abbreviations spelled out ("adm." -> "admiral")."""
    low = title.lower()
    full = " ".join(TITLE_ABBREVIATIONS.get(w, w) for w in low.split())
    return [low] if full == low else [low, full]


def slug(words: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", words.lower().replace("’", "").replace("'", "")).strip("-")
    return s or "speaker"


WINDOW = 250  # characters before a cue a speaker phrase may take


def speaker_before(text: str, lo: int, cue_start: int) -> tuple[Phrase | None, bool]:
    """The speaker phrase ending right before a cue at cue_start (text[lo:cue_start]); and
    whether a comma separates it from the cue ("Sergey Ivanov, said")."""
    if cue_start - lo > WINDOW:  # a speaker phrase is short; start the window at a space
        cut = text.find(" ", cue_start - WINDOW, cue_start)
        lo = cut + 1 if cut != -1 else cue_start - WINDOW
    head = text[lo:cue_start]
    tail = head.rstrip()
    if not tail or (len(tail) == len(head) and not tail.endswith(",")):  # no pattern ends in a word
        return None, False
    m = APPOSED.search(head) if tail.endswith(",") else None  # APPOSED ends ",\s*$"
    if m and not re.fullmatch(rf"{PRONOUN}", m.group("spk")):
        sp = Span(lo + m.start("spk"), lo + m.end("spk"), m.group("spk"))
        return parse(sp), True
    m = BEFORE_CUE.search(head)
    if not m:
        return None, False
    sp = Span(lo + m.start("spk"), lo + m.end("spk"), m.group("spk"))
    return parse(sp), bool(m.group("comma"))


def speaker_after(text: str, cue_end: int, hi: int) -> Phrase | None:
    m = AFTER_CUE.match(text, cue_end, hi)
    if not m:
        return None
    return parse(Span(m.start("spk"), m.end("spk"), m.group("spk")))
