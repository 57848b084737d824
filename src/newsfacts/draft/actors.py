"""Actors of an article for the draft: who is named, with a CAMEO code, a country and a type.

Read from the words with the Phoenix/PETRARCH dictionaries (the same lists as the code
lists): country names, adjectives and capitals (Russia, Russian, Moscow: RUS), international
and non-state organisations (NATO: IGOWSTNAT), armed groups, people the dictionaries know
(with the code that held on the publication date), and role nouns from the agents
dictionary, which add their code to a country's ("Russian Defense Ministry": RUSGOVMIL, "US
Navy": USAMIL). Titled people ("Defense Secretary Ash Carter") take the country of their
title or organisation, else the publisher's home country when their title is an office.
Later mentions join the actor they name: a surname, an alias, a description ("the
admiral", "the ministry"). Every actor keeps each mention's offsets; all of it is a
suggestion for the coder."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from ..dictionaries import phoenix
from ..text.speakers import ORG_WORDS, TITLE_WORDS, slug
from .events import IRREGULAR_PAST, REPORTING
from .groups import BACKED, modifier, role_of
from .tokens import Tok, tokens

# CAMEO role codes of the manual (chapter 3) that a drafted code may carry; the agents
# dictionary's finer codes (GOVPRS, GOVFRM) are cut to these.
MANUAL_ROLES = frozenset("COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG "
                         "MED REF MOD RAD PTY IGO IMG INT MNC NGM NGO UIS SET".split())
TYPE_OF_ROLE = [("IGO", "igo"), ("NGO", "ngo"), ("NGM", "ngo"), ("MNC", "company"), ("BUS", "company"),
                ("IMG", "armed_group"), ("REB", "armed_group"), ("UAF", "armed_group"), ("INS", "armed_group"),
                ("SEP", "armed_group"), ("MED", "media"), ("MIL", "military_unit"), ("GOV", "government"),
                ("LEG", "government"), ("JUD", "government"), ("SPY", "government"), ("COP", "government"),
                ("OPP", "political_party"), ("PTY", "political_party")]
DETERMINERS = ("the", "a", "an", "its", "his", "her", "their")
# Capitalised words that start sentences or headlines and name nothing.
STOP = frozenset("The A An This That These Those It He She They We I You His Her Its Their Our In On At For By With "
                 "From To Of And But Or As If When While After Before Also Earlier Later Thanks Mission Half Otherwise "
                 "According During Under Over Since Until Following Despite Today Yesterday Monday Tuesday Wednesday "
                 "Thursday Friday Saturday Sunday One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve "
                 "Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety Hundred Hundreds Thousands Dozens Several "
                 "Many Some Both All Most".split())
LOWER_TITLES = frozenset("minister president secretary leader commander spokesman spokeswoman chief general envoy "
                         "ambassador negotiator chairman premier governor mayor senator official director prime foreign defense "
                         "defence interior deputy vice former acting".split())
CALENDAR = frozenset("January February March April May June July August September October November December Jan. Feb. "
                     "Aug. Sept. Oct. Nov. Dec. Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
APPOSITIVE_ROLES = frozenset("activist spokesman spokeswoman coordinator envoy adviser advisor aide analyst lawmaker "
                             "legislator diplomat lawyer representative negotiator commander leader chief head "
                             "coordinator rapporteur".split())
MILITARY_WORDS = frozenset("Forces Force Army Navy Fleet Flotilla Brigade Division Regiment Battalion Corps Command".split())
PERSON_ROLES = ("GOV", "MIL", "ELI", "JUD", "LEG", "SPY", "COP", "MED", "IGO", "REB", "OPP")
# Words of places and buildings: a capitalised run ending in them names no person ("Naval Air Station Sigonella").
NOT_NAMES = frozenset("Destroyer Frigate Cruiser Carrier Submarine Ship Vessel Aircraft Jet Helicopter Station Base Airport Airfield Port Harbor Harbour Square Street Avenue Palace Hall House Building "
                      "Center Centre Sea Ocean Gulf Strait River Lake Mountains Island Islands Bay Province Region District "
                      "Republic Kingdom Union Federation State States".split())

# Names of agreements, meetings and plans: capitalised and holding an organisation word, but no actor.
NOT_ACTORS = frozenset("Treaty Agreement Accord Accords Convention Act Protocol Memorandum Resolution Initiative Program "
                       "Programme Plan Doctrine Charter Declaration Strategy Law Conference Summit Talks Forum Exercise "
                       "Operation".split())
# Lower-case words inside personal names ("Hans van den Broek", "Ahmed bin Salman").
PARTICLES = frozenset("van den der de del della di da du von le la al el bin ibn bint ben".split())
HYPHENED_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|ar|an|az|bin|ibn|abu|abd|bani|ben|van|von|de|da|di|du|le|la)-[A-Z]")
GROUP_CODES = frozenset("REB INS SEP UAF IMG NGO NGM MNC BUS MED PTY".split())
ARMED_ROLES = frozenset(("REB", "INS", "SEP", "UAF"))
EQUIPMENT = frozenset("jet warplane plane aircraft helicopter gunship warship ship vessel destroyer frigate cruiser "
                      "submarine carrier bomber fighter drone tank missile rocket".split())
LEADING_ADJECTIVES = frozenset("Senior Top Former Both Several Many Some".split())
DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,3}-?\d")  # SU-24, F-16, MiG-29, J5, T-90
US_SERVICE = re.compile(r"^(?:U\.?S\.? )?(?:Air Force|Army|Navy|Marine Corps|Marine|Coast Guard|Space Force|"
                        r"(?:Army |Air )?National Guard)\b")
APPOSED_HEADS = frozenset("counterpart counterparts minister commander chief officer general admiral envoy ambassador "
                          "spokesman spokeswoman official leader president premier colleague".split())

# "Acting Assistant Secretary of Defense for International Security Affairs Elissa Slotkin" is 11.
MAX_RUN = 16


@dataclass
class Mention:
    start: int
    end: int
    text: str
    how: str  # dictionary | composite | person | organisation | description | speaker | surname


@dataclass
class Actor:
    key: str
    name: str
    actor_type: str
    code: str | None
    country: str | None
    title: Mention | None = None
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    basis: str = ""

    @property
    def evidence(self) -> Mention:
        return self.mentions[0]


def clean_code(code: str | None) -> str | None:
    """A dictionary code cut to the manual's components (country first, then manual roles)."""
    if not code:
        return None
    parts = [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    kept = [p for i, p in enumerate(parts) if i == 0 or p in MANUAL_ROLES]
    return "".join(kept) or None


def type_of(code: str | None, person: bool = False) -> str:
    if person:
        return "person"
    if not code:
        return "collective"
    roles = code[3:] if len(code) >= 3 and code[:3] not in MANUAL_ROLES else code
    if not roles:
        return "state"
    for r, t in TYPE_OF_ROLE:
        if roles.startswith(r) or (r in ("MIL",) and "MIL" in roles and not roles.startswith("GOV")):
            return t
    return "government" if "GOV" in roles else "collective"


def _match(toks: list[Tok], i: int, words: tuple[str, ...], exact: bool) -> int:
    """How many tokens from i the dictionary words cover (0: no match)."""
    if i + len(words) > len(toks):
        return 0
    for k, w in enumerate(words):
        t = toks[i + k].low
        last = k == len(words) - 1
        if t == w or (toks[i + k].possessive and not last and t + "s" == w):
            continue  # "People's Republic": the dictionaries write PEOPLES_REPUBLIC
        if last and not exact and t.startswith(w) and len(t) - len(w) <= 3:
            continue
        return 0
    return len(words)


class Reader:
    """One article's actors; `read()` returns them with every mention."""

    def __init__(self, text: str, segments: list[tuple[int, int]], published: dt.date | None, publisher: str):
        self.text, self.published = text, published
        self.toks: list[Tok] = []
        for s, e in segments:  # a break between segments: no name runs across a line or a sentence
            self.toks += tokens(text, s, e) + [Tok(e, e, "\n")]
        self.ix = phoenix.index()
        self.agents: dict[str, list[phoenix.Agent]] = {}
        for a in phoenix.agents():
            self.agents.setdefault(a.words[0], []).append(a)
        self.actors: dict[str, Actor] = {}
        self._by_surname: dict[str, Actor] = {}  # the first person of each surname
        self._by_last_word: dict[str, Actor] = {}  # the latest organisation or state of each last word
        self.covered: set[int] = set()  # token indexes already read as part of an actor mention
        self.home = self._home(publisher)

    # --- the dictionaries -------------------------------------------------------------

    def _home(self, publisher: str) -> str | None:
        """The publisher's country, when the dictionaries know it (DoD News, TASS, VOA)."""
        toks = tokens(publisher)
        for i in range(len(toks)):
            hit = self._dictionary_at(toks, i)
            if hit and hit[1] and hit[1][:3] not in MANUAL_ROLES:  # "Reuters" is MED: a role, no country
                return hit[1][:3]
        low = publisher.lower()
        return "USA" if any(w in low for w in ("u.s.", "voice of america", "department of defense", "dod")) else None

    def _dictionary_at(self, toks: list[Tok], i: int) -> tuple[int, str | None, phoenix.Entry] | None:
        """(tokens covered, code on the publication date, entry) of the longest dictionary name at i."""
        t = toks[i]
        # "the UK" (THE_UK_): only where the name without "the" is no entry of its own.
        the = (t.low == "the" and i + 1 < len(toks) and toks[i + 1].cap and toks[i + 1].word
               and self._dictionary_at(toks, i + 1) is None)
        if not the and (not t.word or not t.cap or t.text in STOP):
            return None
        best = None
        for e in self.ix.entries(t.low):
            for words, exact in e.names:
                if words[0] != t.low:
                    continue
                n = _match(toks, i, words, exact)
                if n and (best is None or n > best[0] or n == best[0] and best[1] is None):
                    best = (n, clean_code(e.code_on(self.published)), e)
        return best

    def _agent_at(self, toks: list[Tok], i: int) -> tuple[int, phoenix.Agent] | None:
        best = None
        for a in self.agents.get(toks[i].low, ()):
            n = _match(toks, i, a.words, a.exact)
            if n and (best is None or n > best[0]):
                best = (n, a)
        if best is None:  # the dictionary lists role nouns in the singular: "rebels", "guerrillas"
            for one in _singulars(toks[i].low):
                for a in self.agents.get(one, ()):
                    if len(a.words) == 1:
                        return 1, a
        return best

    # --- actors ------------------------------------------------------------------------

    def _add(self, key: str, name: str, code: str | None, mention: Mention, person: bool = False,
             title: Mention | None = None, basis: str = "") -> Actor:
        if person and key not in self.actors:  # the same person by surname ("Bashar Assad", "Assad")
            same = self._by_surname.get(_surname(name))
            if same is not None:
                key = same.key
        a = self.actors.get(key)
        if a is None:
            country = code[:3] if code and code[:3] not in MANUAL_ROLES else None
            a = Actor(key, name, type_of(code, person), code, country, title, basis=basis)
            self.actors[key] = a
            if a.actor_type == "person":
                self._by_surname.setdefault(_surname(name), a)
            else:
                self._by_last_word[name.split()[-1]] = a
        a.mentions.append(mention)
        if mention.text != a.name:
            a.aliases.add(mention.text)
        before = self.text[max(0, mention.start - 4):mention.start]
        if before in ("The ", "the ") and a.actor_type != "person":  # "the US Navy": the name as the text says it
            a.aliases.add(before + mention.text)
        return a

    def read(self) -> list[Actor]:
        toks = self.toks
        i = 0
        while i < len(toks):
            n = self._at(i)
            i += max(n, 1)
        self._surnames_and_descriptions()
        self._titles_of_people()
        for a in self.actors.values():
            a.mentions.sort(key=lambda m: m.start)
        return sorted(self.actors.values(), key=lambda a: a.evidence.start)

    def _span(self, i: int, j: int) -> Mention:
        s, e = self.toks[i].start, self.toks[j - 1].end
        return Mention(s, e, self.text[s:e], "")

    def _at(self, i: int) -> int:
        toks = self.toks
        t = toks[i]
        if not t.word:
            return 1
        person = self._person_at(i)
        if person:
            return person
        hit = self._dictionary_at(toks, i)
        if hit:
            n, code, entry = hit
            m = self._span(i, i + n)
            # A country (or its adjective or capital) followed by a role noun: a composite actor.
            if code and len(code) == 3 and code not in MANUAL_ROLES:
                after = self._role_after(i + n)
                if after:
                    k, roles, words = after
                    # "Russia's Aerospace Forces": the organisation words after the role noun belong to it.
                    while i + n + k < len(toks) and toks[i + n + k].word and toks[i + n + k].text in ORG_WORDS:
                        if toks[i + n + k].text in MILITARY_WORDS and "MIL" not in roles:
                            roles = "MIL"
                        k += 1
                        if toks[i + n + k - 1].possessive:
                            break
                    comp = self._span(i, i + n + k)
                    full = code + roles
                    name = comp.text if not toks[i + n + k - 1].possessive else comp.text
                    self._add(f"{slug(name)}", name, full, Mention(comp.start, comp.end, comp.text, "composite"),
                              basis=f"{m.text} ({code}) + {words} ({roles})")
                    if toks[i + n - 1].possessive:
                        self._coordinated(i, i + n, i + n + k, roles, words)
                    return n + k
                if i >= 2 and toks[i - 1].text == "," and toks[i - 2].cap and toks[i - 2].word and not any(
                        (h := self._dictionary_at(toks, b)) and h[1] and b + h[0] == i - 1 for b in range(max(0, i - 5), i - 1)):
                    return n  # "Sigonella, Italy": the country of a place, not an actor ("Russia, Iran" is a list)
                name = entry.head.strip("_").replace("_", " ").title()
                key = f"country-{code.lower()}"
                self._add(key, _country_name(code, name), code, Mention(m.start, m.end, m.text, "dictionary"),
                          basis=f"Phoenix.Countries.actors: {entry.head} [{code}]")
                return n
            if code:
                # "Assad regime" is listed under BASHAR_AL-ASSAD: the words name a group, not the person
                is_person = _person_name(entry.head) and not role_of(toks[i + n - 1].low)
                nxt = toks[i + n] if i + n < len(toks) else None
                if is_person and nxt is not None and nxt.word and role_of(nxt.low) and not toks[i + n - 1].possessive:
                    # "the Assad regime", "Assad forces": the group of the person, with its role
                    comp = self._span(i, i + n + 1)
                    head = code[:3] if code[:3] not in MANUAL_ROLES else ""
                    self._add(slug(comp.text), comp.text, head + role_of(nxt.low),
                              Mention(comp.start, comp.end, comp.text, "composite"),
                              basis=f"{entry.head} [{code}] + group noun '{nxt.text}' ({role_of(nxt.low)})")
                    return n + 1
                if code[:3] in MANUAL_ROLES or _region(code[:3]):
                    # "Palestinian Islamic Jihad" listed as MEAREB (a region's): the nationality in its own name
                    # gives its country
                    own = next((c for c in (self._country_word(toks[x]) for x in range(i, i + n)) if c), None)
                    if own:
                        code = own + (code[3:] if _region(code[:3]) else code)
                if is_person and any(code[k:k + 3] in GROUP_CODES for k in range(0, len(code), 3)):
                    is_person = False  # a name of three words coded REB or NGO is a group's
                name = re.sub(r"^[Tt]he ", "", m.text)  # as the text writes it (NATO, "Islamic State of Iraq and the Levant")
                self._add(slug(name), name, code, Mention(m.start, m.end, m.text, "dictionary"), person=is_person,
                          basis=f"{entry.source}: {entry.head} [{code}]")
                return n
        org = self._organisation_at(i)
        if org:
            return org
        return self._group_at(i) or 1

    def _group_at(self, i: int) -> int:
        """A group named by a description alone: 'pro-Russian separatists', 'Kremlin-backed rebels',
        'mercenaries', 'militants in Syria': the role its noun implies (REB, SEP, INS, UAF), and the
        country the text ties it to: the place it is in, else the state that backs it."""
        toks = self.toks
        t = toks[i]
        role = role_of(t.low)
        if role not in ARMED_ROLES or not t.low.endswith("s") or t.cap and i > 0 and toks[i - 1].word:
            return 0
        start, backer = i, None
        if i >= 1 and toks[i - 1].word and "-" in toks[i - 1].text:
            m = BACKED.match(toks[i - 1].text)
            if m and m.group(1).lower() != toks[i - 1].low:
                sub = tokens(m.group(1))
                hit = self._dictionary_at(sub, 0) if sub else None
                if hit and hit[1] and len(hit[1]) == 3 and hit[0] == len(sub):
                    backer, start = hit[1], i - 1
                elif m.group(1).lower() in ("state", "government", "kremlin", "iranian", "foreign"):
                    start = i - 1
        country, end = None, i + 1
        if i + 2 < len(toks) and toks[i + 1].low in ("in", "from", "of"):
            for x in range(i + 2, min(len(toks), i + 5)):
                hit = self._dictionary_at(toks, x)
                if hit and hit[1] and len(hit[1]) == 3:
                    country, end = hit[1], x + hit[0]
                    break
                if not toks[x].word or toks[x].low not in ("the", "eastern", "western", "northern", "southern", "central"):
                    break
        country = country or backer
        short = self._span(start, i + 1)
        whole = self._span(start, end)
        code = (country or "") + role
        how = f"group noun '{t.text}' ({role}, newsfacts group list)" + (
            f", in {whole.text[len(short.text):].strip()}" if end > i + 1 else "") + (f", backed by {backer}" if backer else "")
        a = self._add(slug(whole.text), whole.text, code, Mention(whole.start, whole.end, whole.text, "composite"), basis=how)
        if end > i + 1:
            a.aliases.add(short.text)
        return i + 1 - start if start < i else 1

    def _coordinated(self, i: int, j: int, end: int, roles: str, how: str) -> None:
        """'Ukraine and Poland's defense ministers': the role words after the possessive belong to
        both countries; the first gets its own actor, the whole phrase its evidence."""
        toks = self.toks
        if i < 2 or toks[i - 1].low != "and":
            return
        for back in range(i - 2, max(-1, i - 6), -1):
            hit = self._dictionary_at(toks, back)
            if hit and hit[1] and len(hit[1]) == 3 and back + hit[0] == i - 1:
                first = self._span(back, i - 1)
                role_words = self._span(j, end).text
                name = f"{first.text} {role_words}"
                whole = self._span(back, end)
                self._add(slug(name), name, hit[1] + roles, Mention(whole.start, whole.end, whole.text, "composite"),
                          basis=f"{first.text} ({hit[1]}) + {how} ({roles}), coordinated with the possessive after it")
                return
            if not toks[back].word:
                return

    def _country_word(self, t: Tok) -> str | None:
        """The country a single word names in the dictionaries ('Palestinian': PSE), or None."""
        for e in self.ix.entries(t.low):
            for words, exact in e.names:
                if len(words) == 1 and (words[0] == t.low or not exact and t.low.startswith(words[0])
                                        and len(t.low) - len(words[0]) <= 3):
                    c = clean_code(e.code_on(self.published))
                    if c and len(c) == 3 and c not in MANUAL_ROLES:
                        return c
        return None

    def _role_after(self, j: int) -> tuple[int, str, str] | None:
        """A role noun right after a country (agents dictionary: 'Defense Ministry', 'Navy'), or a
        group noun after up to two words that describe it ('Kurd refugees', 'riot police'):
        (tokens, role codes, how)."""
        toks = self.toks
        for k in range(3):
            if j + k >= len(toks) or not toks[j + k].word:
                return None
            if DESIGNATION.match(toks[j + k].text) or toks[j + k].low in EQUIPMENT or _singulars(toks[j + k].low)[-1:] and _singulars(toks[j + k].low)[-1] in EQUIPMENT:
                return None  # "Russian jets", "a U.S. destroyer": equipment is an asset, its operator the actor
            got = self._agent_at(toks, j + k)
            if got and any(w in EQUIPMENT or _singulars(w)[-1:] and _singulars(w)[-1] in EQUIPMENT for w in got[1].words):
                return None  # "cruise missile", "fighter jet": equipment
            if got:
                n, agent = got
                roles = "".join(p for p in [agent.code[x:x + 3] for x in range(0, len(agent.code), 3)] if p in MANUAL_ROLES)
                if roles:
                    return k + n, roles, f"agents dictionary '{' '.join(agent.words)}' ({agent.code})"
            role = role_of(toks[j + k].low)
            nxt = toks[j + k + 1] if j + k + 1 < len(toks) else None
            # "rebel positions", "militia leader": a singular group noun before a noun names no group
            attributive = (not toks[j + k].low.endswith("s") and nxt is not None and nxt.word and not nxt.cap
                           and modifier(nxt.text) and nxt.low not in IRREGULAR_PAST and not nxt.low.endswith("ed"))
            if role and not attributive:
                return k + 1, role, f"group noun '{toks[j + k].text}' ({role}, newsfacts group list)"
            w = toks[j + k].low
            if (not modifier(w) or toks[j + k].possessive or self._dictionary_at(toks, j + k) or DESIGNATION.match(toks[j + k].text)
                    or w in IRREGULAR_PAST or w.endswith("ed") or w in REPORTING):
                return None
        return None

    def _run(self, i: int) -> list[int]:
        """A run of capitalised words from i (with "of", "for", "the" between them), within one
        segment; a possessive ends it."""
        toks, out, k = self.toks, [], i
        # No name or title runs longer than MAX_RUN words; the cap keeps a page of capitals linear.
        while k < len(toks) and toks[k].word and k - i < MAX_RUN:
            t = toks[k]
            if t.cap or out and HYPHENED_PARTICLE.match(t.text):  # "Bashar al-Assad"
                out.append(k)
            elif out and k + 1 < len(toks) and toks[k + 1].word and (
                    t.low in ("of", "for", "the") and toks[k + 1].cap
                    or t.text in PARTICLES and (toks[k + 1].cap or toks[k + 1].text in PARTICLES)):
                out.append(k)
            else:
                break
            k += 1
            if t.possessive:
                break
        while out and not (toks[out[-1]].cap or HYPHENED_PARTICLE.match(toks[out[-1]].text)):
            out.pop()
        return out

    def _is_title(self, t: Tok) -> bool:
        return (t.text in TITLE_WORDS or t.text + "." in TITLE_WORDS
                or "-" in t.text and all(p.title() in TITLE_WORDS for p in t.text.split("-")))  # Vice-President

    def _person_at(self, i: int) -> int:
        """A titled person: a run of capitalised words whose last one to three words are a name
        after title words ("Acting Assistant Secretary of Defense ... Elissa Slotkin", "Syrian
        President Bashar Assad", "Maj. Gen. Richard Clarke")."""
        toks = self.toks
        run = self._run(i)
        if len(run) < 2:
            return 0
        last_title = max((x for x in run if self._is_title(toks[x])), default=None)
        if last_title is None and 2 <= len(run) <= 3 and i >= 1 and toks[i - 1].low in LOWER_TITLES:
            return self._lower_titled(i, run)
        if last_title is None and 2 <= len(run) <= 3:
            return self._appositive_person(i, run)
        if last_title is None or last_title == run[-1]:
            return 0
        name_toks = [x for x in run if x > last_title]
        of = next((n for n, x in enumerate(name_toks) if toks[x].low == "of"), None)
        if of:  # "Prime Minister Najib of Malaysia": the name ends before "of"; the country follows
            name_toks = name_toks[:of]
        if len([x for x in name_toks if toks[x].text not in PARTICLES]) > 3:  # "... International Security Affairs Elissa Slotkin": the name is the last words
            k = 3 if re.fullmatch(r"[A-Z]", toks[run[-2]].text) else 2
            name_toks, last_title = run[-k:], run[-k - 1]
        if not name_toks or any(toks[x].text.strip(".") in ORG_WORDS or toks[x].text in NOT_NAMES or toks[x].text in STOP
               or not (toks[x].cap or (toks[x].text in PARTICLES or HYPHENED_PARTICLE.match(toks[x].text)) and x != name_toks[0])
               or any(ch.isdigit() for ch in toks[x].text) for x in name_toks):
            return 0
        title = self._span(i, last_title + 1)
        name = " ".join(toks[x].text for x in name_toks)
        whole = self._span(i, name_toks[-1] + 1)
        code = self._person_code(i, last_title + 1, title.text, name)
        key = slug(name)
        a = self._add(key, name, code, Mention(whole.start, whole.end, whole.text, "person"), person=True,
                      title=Mention(title.start, title.end, title.text, "title"), basis=f"titled person: {title.text}")
        if a.title is None:
            a.title = Mention(title.start, title.end, title.text, "title")
        return run[-1] + 1 - i if name_toks[-1] == run[-1] else name_toks[-1] + 1 - i

    def _appositive_person(self, i: int, run: list[int]) -> int:
        """'Salaheddine Sidhoum, Algeria's leading human rights activist,': a name with its title in
        an appositive after it (AP style: 'John Kirby, a Pentagon spokesman, said')."""
        toks = self.toks
        end = run[-1] + 1
        if end >= len(toks) or toks[end].text != "," or any(
                toks[x].text.strip(".") in ORG_WORDS or toks[x].text in NOT_NAMES or toks[x].text in STOP for x in run):
            return 0
        if any(self._dictionary_at(toks, x) for x in run) or any(
                toks[x].text in CALENDAR or any(ch.isdigit() for ch in toks[x].text) for x in run):
            return 0
        role = None
        for k in range(end + 1, min(len(toks), end + 10)):
            if toks[k].text in (",", "\n", ";") or not toks[k].word and toks[k].text not in ("’", "'"):
                break
            if toks[k].low in LOWER_TITLES or toks[k].low in APPOSITIVE_ROLES:
                role = k
        if role is None:
            return 0
        start = end + 1 + (1 if toks[end + 1].low in ("a", "an", "the") else 0)
        title = self._span(start, role + 1)
        name = " ".join(toks[x].text for x in run)
        code = self._person_code(start, role + 1, title.text, name)
        nm = self._span(i, end)
        self._add(slug(name), name, code, Mention(nm.start, nm.end, nm.text, "person"), person=True,
                  title=Mention(title.start, title.end, title.text, "title"), basis=f"person with an appositive title: {title.text}")
        return end - i

    def _lower_titled(self, i: int, run: list[int]) -> int:
        """'prime minister Andreas Papandreou', 'chief Palestinian negotiator Saeb Erakat': a name after
        a title written in lower case (with the capitalised words of the title before it)."""
        toks = self.toks
        if any(toks[x].text.strip(".") in ORG_WORDS or toks[x].text in NOT_NAMES or toks[x].text in STOP for x in run):
            return 0
        k = i - 1
        while k - 1 >= 0 and toks[k - 1].word and (toks[k - 1].low in LOWER_TITLES or toks[k - 1].cap
                                                   and toks[k - 1].text not in STOP) and i - k < 5:
            k -= 1
        title = self._span(k, i)
        name = " ".join(toks[x].text for x in run)
        code = self._person_code(k, i, title.text, name)
        self._add(slug(name), name, code, Mention(title.start, toks[run[-1]].end, self.text[title.start:toks[run[-1]].end], "person"),
                  person=True, title=Mention(title.start, title.end, title.text, "title"), basis=f"titled person: {title.text}")
        return run[-1] + 1 - i

    def _person_code(self, i: int, title_end: int, title: str, name: str) -> str | None:
        """A person's CAMEO code: the dictionaries' (on the publication date), else the country of
        an adjective before the title or of 'of <country>' after the name, else the publisher's
        home country for an office; the role from the title's words (agents dictionary)."""
        toks = self.toks
        for e in self.ix.entries(name.split()[0].lower()):
            for words, exact in e.names:
                if " ".join(words) == name.lower():
                    c = clean_code(e.code_on(self.published))
                    if c:
                        return c
        # The dictionaries' name with its title ("President Bush": PRESIDENT_BUSH).
        for x in range(i, title_end):
            hit = self._dictionary_at(toks, x)
            if hit and hit[1] and toks[x + hit[0] - 1].end >= toks[title_end - 1].end and _person_name(hit[2].head):
                return hit[1]
        country = None
        for x in range(i, title_end):  # a country in the title: "Syrian President", "Russian Defense Minister"
            hit = self._dictionary_at(toks, x)
            if hit and hit[1] and len(hit[1]) == 3:
                country = hit[1]
                break
        role = self._title_role(title)
        if country is None:
            country = self._country_after_name(title_end, name)
        if country is None:
            country = self._apposed_country(i, name)
        if country is None and US_SERVICE.match(title):
            country = "USA"  # "Air Force Lt. Col. ...": the service before the rank is how U.S. officers are named
        if country is None:
            country = self.home if role else None
        if country is None:
            return None
        return country + (role or "")

    def _country_after_name(self, j: int, name: str) -> str | None:
        """'Prime Minister Rutte of the Netherlands', 'President Poroshenko of Ukraine'."""
        toks, n = self.toks, len(name.split())
        k = j
        while k < len(toks) and k < j + 6 and toks[k].text != name.split()[-1]:
            k += 1
        k += 1
        if k + 1 < len(toks) and toks[k].low == "of":
            x = k + 1 + (toks[k + 1].low == "the")
            hit = self._dictionary_at(toks, x) if x < len(toks) else None
            if hit is None and x > k + 1:
                hit = self._dictionary_at(toks, k + 1)  # THE_NETHERLANDS
            if hit and hit[1] and len(hit[1]) == 3 and n:
                return hit[1]
        return None

    def _apposed_country(self, i: int, name: str) -> str | None:
        """The country an apposition gives a person: before ("his Russian counterpart, Army Gen.
        Valery Gerasimov") or after ("Gerasimov, the chief of the General Staff of the Russian
        Armed Forces,")."""
        toks = self.toks
        if i >= 2 and toks[i - 1].text == "," and toks[i - 2].low in APPOSED_HEADS:
            found = None
            for x in range(i - 3, max(-1, i - 7), -1):
                if not toks[x].word:
                    break
                hit = self._dictionary_at(toks, x)
                if hit and hit[1] and len(hit[1]) == 3:
                    found = hit[1]
                if found and toks[x].low in ("his", "her", "their", "its", "the", "a"):
                    return found  # "his Russian counterpart, Army Gen. ...": a noun phrase in apposition
        last = name.split()[-1]
        for j in range(i, min(len(toks), i + 8)):
            if toks[j].text == last and j + 2 < len(toks) and toks[j + 1].text == "," and toks[j + 2].low in ("the", "a", "an"):
                # ", the chief of the General Staff of the Russian Armed Forces": a country right after an "of"
                for x in range(j + 3, min(len(toks), j + 14)):
                    if not toks[x].word or toks[x].low in REPORTING:
                        break
                    if toks[x].low == "of":
                        y = x + 1 + (x + 1 < len(toks) and toks[x + 1].low == "the")
                        hit = self._dictionary_at(toks, y) if y < len(toks) else None
                        if hit and hit[1] and len(hit[1]) == 3:
                            return hit[1]
                break
        return None

    def _title_role(self, title: str) -> str:
        toks = tokens(title)
        best = ""
        for j in range(len(toks)):
            got = self._agent_at(toks, j)
            if got:
                code = "".join(p for p in [got[1].code[x:x + 3] for x in range(0, len(got[1].code), 3)] if p in MANUAL_ROLES)
                if len(code) > len(best):
                    best = code
        if not best and any(w in title for w in ("Gen.", "General", "Adm.", "Admiral", "Col.", "Maj.", "Capt.", "Lt.", "Sgt.")):
            best = "MIL"
        if not best and any(w in title for w in ("Secretary", "Minister", "President", "Ambassador", "Envoy")):
            best = "GOV"
        return best

    def _organisation_at(self, i: int) -> int:
        """A capitalised name with an organisation word ('Joint Chiefs of Staff', 'Caspian Flotilla')."""
        toks = self.toks
        k, words = i, []
        while k < len(toks) and k - i < MAX_RUN and toks[k].word and (toks[k].cap or (words and toks[k].low in ("of", "for")
                                                                     and k + 1 < len(toks) and toks[k + 1].cap)):
            if toks[k].text in STOP and not words:
                return 0
            if words and (toks[k].text in STOP or DESIGNATION.match(toks[k].text)) or _headline_verb(toks[k].low):
                break  # "Meet With Russian ..." and "Parliament Approves Use of ..." in a headline; "SU-24" an asset
            words.append(k)
            k += 1
            if toks[k - 1].possessive:
                break
        while words and toks[words[-1]].low in ("of", "for"):
            words.pop()
        while words and toks[words[0]].text in LEADING_ADJECTIVES:
            words.pop(0)  # "Senior Defense Department officials"
        if not words or not any(toks[x].text.strip(".") in ORG_WORDS for x in words):
            return 0
        if any(toks[x].text in NOT_ACTORS for x in words):
            return k - i  # "Intermediate-Range Nuclear Forces Treaty": an agreement, not an actor
        i = words[0]
        if len(words) == 1:  # "Department": the organisation named in full before ("Defense Department")
            same = self._by_last_word.get(toks[i].text)
            if same is not None:
                m = self._span(i, i + 1)
                same.mentions.append(Mention(m.start, m.end, m.text, "organisation"))
                same.aliases.add(m.text)
                return 1
        span = self._span(i, words[-1] + 1)
        # The country: a dictionary name inside the organisation's name, or before it.
        code = None
        for x in words:
            hit = self._dictionary_at(toks, x)
            if hit and hit[1] and len(hit[1]) == 3:
                code = hit[1]
                break
        role = self._title_role(span.text) or ("MIL" if any(toks[x].text in ("Navy", "Army", "Forces", "Force", "Flotilla",
                                                                            "Fleet", "Brigade", "Division", "Corps", "Staff")
                                                            for x in words) else "")
        if code is None:
            code = self._country_beside(words[0], k)
        # the publisher's home country only for an office (a role): "Islamic State" is no U.S. body
        country = code or (self.home if role else None)
        if toks[words[0]].text == "International" and not role:
            country, role = None, "IGO"  # "International Syria Support Group": states together, no one state
        full = (country or "") + (role or "") or None
        self._add(slug(span.text), span.text, full, Mention(span.start, span.end, span.text, "organisation"),
                  basis="organisation name" + (f", {country}" if country else ""))
        return k - i

    def _country_beside(self, first: int, after: int) -> str | None:
        """The country of an organisation named beside it: a country adjective right before
        ("Russian Chief of General Staff") or 'of the <country>' right after ("General Staff of
        the Russian Armed Forces")."""
        toks = self.toks
        if first >= 1 and toks[first - 1].word:
            for back in range(max(0, first - 3), first):
                hit = self._dictionary_at(toks, back)
                if hit and hit[1] and len(hit[1]) == 3 and back + hit[0] == first:
                    return hit[1]
        if after + 1 < len(toks) and toks[after].low == "of":
            x = after + 1 + (toks[after + 1].low == "the")
            hit = self._dictionary_at(toks, x) if x < len(toks) else None
            if hit and hit[1] and len(hit[1]) == 3:
                return hit[1]
        return None

    def _surnames_and_descriptions(self) -> None:
        """Later mentions by surname, and descriptions ("the admiral") join the actor they name."""
        people = [a for a in self.actors.values() if a.actor_type == "person"]
        wanted = {a.name.split()[-1] for a in people}
        at: dict[str, list[Tok]] = {}
        for t in self.toks:
            if t.text in wanted:
                at.setdefault(t.text, []).append(t)
        for a in people:
            last = a.name.split()[-1]
            spans = sorted((m.start, m.end) for m in a.mentions)
            starts, reach = [s for s, _ in spans], []  # reach[k]: the furthest end of spans[:k + 1]
            for _, e in spans:
                reach.append(max(e, reach[-1]) if reach else e)
            for t in at.get(last, ()):
                k = bisect.bisect_right(starts, t.start) - 1
                if k >= 0 and reach[k] > t.start:  # inside a mention already
                    continue
                a.mentions.append(Mention(t.start, t.end, t.text, "surname"))
                a.aliases.add(last)

    def _titles_of_people(self) -> None:
        """A title read alone ("Russian Defense Minister" in a headline) names the person who
        holds it in this text ("Russian Defense Minister Sergey Shoygu"): one actor, not two."""
        by_title: dict[str, Actor] = {}
        for a in self.actors.values():
            if a.actor_type == "person" and a.title is not None:
                by_title.setdefault(a.title.text.lower(), a)
        for key, a in list(self.actors.items()):
            if a.actor_type == "person":
                continue
            who = by_title.get(a.name.lower())
            if who is not None:
                who.mentions += a.mentions
                who.aliases |= {m.text for m in a.mentions}
                del self.actors[key]

    # --- what others need -------------------------------------------------------------

    def actor_of_span(self, start: int, end: int) -> Actor | None:
        for a in self.actors.values():
            for m in a.mentions:
                if m.start <= start and end <= m.end:
                    return a
        return None


def _region(code: str) -> bool:
    """A CAMEO region code (MEA, WAF, ...), which is no one's country."""
    from .coding import cameo_actor_codes

    return cameo_actor_codes().get(code, {}).get("kind") == "region"


def _headline_verb(word: str) -> bool:
    """A finite verb form of the CAMEO verb dictionary ('approves', 'condemned'): in a title-case
    headline it ends the name before it."""
    if not word.endswith(("s", "ed")) or word.endswith("ss") or word in ("forces", "affairs", "arms", "services", "news",
                                                                         "nations", "states", "relations", "united"):
        return False
    from ..dictionaries import cameo_verbs

    forms = getattr(cameo_verbs.load(), "forms", {})
    return word in forms and not role_of(word)


def _singulars(word: str) -> list[str]:
    """The singular a plural noun may have: militias -> militia, bodies -> body, forces -> force."""
    out = []
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        out.append(word[:-1])
    return out


def _surname(name: str) -> str:
    return name.split()[-1].split("-")[-1].lower()


def _person_name(head: str) -> bool:
    words = head.strip("_").split("_")
    return 2 <= len(words) <= 4 and not any(w.title() in ORG_WORDS or w in ORG_WORDS or role_of(w.lower()) for w in words)


def _display(head: str) -> str:
    words = head.strip("_").split("_")
    return " ".join(w if (len(w) <= 5 and w.isupper() and not w.isalpha()) or w in ("NATO", "UN", "EU", "OSCE", "ISIL", "ISIS")
                    else w.title() for w in words)


def _country_name(code: str, fallback: str) -> str:
    """The country's common English name (GeoNames: Russia, Syria, United States), else the dictionary's."""
    from .places import gazetteer

    row = gazetteer().countries.get(code)
    return row["name"] if row else fallback
