"""Read a press report of a forum meeting and propose the facts it states.

Rules and gazetteers, no model: the text is cut into sentences; states, ranks and names are found
as mentions and joined into *actors* ("Tajik Foreign Minister Sirojiddin Muhriddin"); each fact is
read from the sentences whose wording carries it (a list of participants, a chair, a speech, an
adoption, a decision). Every value keeps the character span it came from and a confidence.
Contradictions are flagged in ``conflicts``, never resolved. What the text does not say is ``None``
or an empty list. The output shape is described in docs/intake.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise

from babel.dates import get_month_names
from rapidfuzz import fuzz, process

from plenary.intake.gazetteer import CAPITALS, CENTRAL_ASIA, Gazetteer, fold, fold_name

KEYS = [
    "forum",
    "edition_number",
    "start_date",
    "end_date",
    "city",
    "country",
    "format",
    "theme",
    "chairs",
    "participants",
    "expert_session_fields",
    "expert_count",
    "preparatory_meetings",
    "proposals",
    "outcome_documents",
    "decisions",
    "conflicts",
]

# ---------------------------------------------------------------------------------------------
# HTML to text


class _TextParser(HTMLParser):
    SKIP = {"script", "style", "nav", "footer", "aside", "form", "noscript", "template", "svg"}
    BLOCK = {
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
        "header", "main", "blockquote", "ul", "ol", "table", "time",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: scripts, navigation and footers left out."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(html|body|p|div|h1|article)\b", text[:5000], re.I))


# ---------------------------------------------------------------------------------------------
# Vocabulary

RANK_PATTERNS: list[tuple[str, str]] = [
    (r"first\s+(?:deputy|vice)[\s-]+(?:foreign\s+)?minister(?:\s+of\s+foreign\s+affairs)?", "first_deputy_minister"),
    (r"deputy\s+prime\s+minister|vice[\s-]+premier|vice\s+prime\s+minister", "deputy_prime_minister"),
    (r"(?:deputy|vice)[\s-]+(?:foreign\s+)?ministers?(?:\s+(?:of|for)\s+foreign\s+affairs)?(?!ial)", "deputy_minister"),
    (r"deputy\s+(?:foreign\s+)?ministers?", "deputy_minister"),
    (r"state\s+secretary|secretary\s+of\s+state\s+for\s+foreign\s+affairs(?=\W+of)", "deputy_minister"),
    (r"secretary\s+of\s+state|secretary(?!\s+(?:general|of|to))", "foreign_minister"),
    (r"external\s+affairs\s+ministers?|ministers?\s+of\s+external\s+affairs", "foreign_minister"),
    (r"high\s+representative(?:\s+(?:of\s+the\s+(?:European\s+)?Union\s+)?for\s+foreign\s+affairs\s+and\s+security\s+policy)?(?:\s*/\s*vice[\s-]president\s+of\s+the\s+european\s+commission|\s*\(HR/VP\))?", "foreign_minister"),
    (r"ministers?\s+(?:of|for)\s+foreign\s+affairs(?:\s+and\s+[\w ]{3,30}?(?=\W))?", "foreign_minister"),
    (r"foreign\s+affairs\s+ministers?|foreign\s+ministers?|top\s+diplomats?|chief\s+diplomats?", "foreign_minister"),
    (r"heads?\s+of\s+the\s+(?:\w+\s+)?foreign\s+(?:policy\s+)?(?:department|agency|service|ministry|office)", "foreign_minister"),
    (r"prime\s+ministers?|premiers?|heads?\s+of\s+government", "head_of_government"),
    (r"presidents?|heads?\s+of\s+state", "head_of_state"),
    (r"ambassadors?(?:\s+extraordinary\s+and\s+plenipotentiary)?", "ambassador"),
    (r"directors?[\s-]+general", "director_general"),
    (r"ministers?\s+of\s+state(?:\s+for\s+(?:foreign\s+affairs|international\s+cooperation))?", "minister"),
    (r"ministers?(?:\s+(?:of|for)\s+(?!foreign)[A-Z][\w,]*(?:\s+(?:and\s+)?[A-Z][\w]*){0,4})?", "minister"),
]  # fmt: skip
RANK_RE = re.compile(
    "|".join(f"(?P<r{i}>\\b(?:{pattern})\\b)" for i, (pattern, _) in enumerate(RANK_PATTERNS)),
    re.I,
)

# Ranks that "minister" alone may stand for.
MINISTERIAL = frozenset(
    {"minister", "foreign_minister", "deputy_prime_minister", "head_of_government"}
)

NAME_STOP = {
    "the", "a", "an", "and", "of", "on", "in", "at", "for", "to", "with", "by", "from", "as",
    "forum", "minister", "ministers", "foreign", "deputy", "vice", "first", "republic", "central",
    "asia", "asian", "cooperation", "affairs", "president", "secretary", "state", "general",
    "ambassador", "mr", "ms", "mrs", "dr", "h", "e", "he", "she", "his", "her", "they", "their",
    "during", "after", "before", "while", "also", "meanwhile", "speaking", "according", "this",
    "that", "these", "both", "all", "each", "joint", "statement", "declaration", "work", "plan",
    "summit", "dialogue", "meeting", "session", "ministry", "mfa", "said", "high", "representative",
    "prime", "head", "heads", "chairman", "chair", "director", "agency", "information", "department",
    "press", "service", "news", "today", "it", "its", "we", "our", "new", "northern", "policy",
    "silk", "road", "sea", "aral", "union", "european", "united", "nations", "un", "president's",
    "minister's", "koica", "kazaid", "ict", "covid", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "however", "moreover", "furthermore",
    "in addition", "there", "here", "following", "ahead", "among", "between", "under", "welcoming",
    "prince", "sheikh", "sheikha", "king", "emir", "excellency", "highness", "opening", "addressing",
    "omani", "bahraini", "kuwaiti", "emirati", "saudi", "qatari", "uae", "gcc",
}  # fmt: skip

NAME_TOKEN = r"(?:[A-Z]\.(?=[A-Z])[A-Z][\w'’]+|[A-Z][a-z]?\.|[A-Z][\w'’]*(?:-[\w'’]+)*)"
NAME_PARTICLE = r"(?:bin|ibn|bint|al|el|van|von|de|der|da|di|du|dos|la|le)"
NAME_RE = re.compile(rf"{NAME_TOKEN}(?:[ \t]+(?:{NAME_PARTICLE}[ \t]+)?{NAME_TOKEN}){{0,4}}")

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a hundred": 100, "one hundred": 100,
    "two hundred": 200, "hundred": 100, "fifty": 50, "forty": 40, "thirty": 30, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "twenty": 20,
}  # fmt: skip
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}

_EN_MONTHS = {
    name.lower(): number
    for width in ("wide", "abbreviated")
    for number, name in get_month_names(width, locale="en").items()
}
_EN_MONTHS["sept"] = 9
MONTH = (
    r"(?:" + "|".join(sorted((re.escape(m) for m in _EN_MONTHS), key=len, reverse=True)) + r")\.?"
)

DATE_PATTERNS = [
    # 5-6 October 2021, 30 November, 30 Nov. 2021
    re.compile(
        rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:[-–—]|to|and)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?"
        rf"\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>\d{{4}}))?",
        re.I,
    ),
    # November 30, Nov. 30-December 1, 2021
    re.compile(
        rf"\b(?P<m>{MONTH})\s+(?P<d1>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
        rf"(?:\s*(?:[-–—]|to|and)\s*(?:(?P<m2>{MONTH})\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?"
        rf"(?:,?\s+(?P<y>\d{{4}}))?",
        re.I,
    ),
    # 30.11.2021
    re.compile(r"\b(?P<num>\d{1,2}[./]\d{1,2}[./]\d{4})\b"),
    # 2021-11-30
    re.compile(r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b"),
]

EVENT_VERBS = re.compile(
    r"\b(took\s+place|was\s+held|were\s+held|held|convened|met|gathered|hosted|opened|"
    r"kicked\s+off|co-chaired|chaired|co-hosted|was\s+conducted|participated|attended)\b",
    re.I,
)
LIST_CUES = re.compile(
    r"\b(participants\s+included|participants\s+were|attended\s+by|took\s+part|participated|"
    r"with\s+the\s+participation\s+of|joined\s+by|brought\s+together|gathered|delegations?\s+(?:of|from)|"
    r"attending\s+were|attending\s+in\s+person\s+were|joined\s+(?:the\s+)?(?:talks|meeting|forum|session|dialogue|summit|discussions?)|were\s+represented|was\s+represented|in\s+attendance|attended|"
    r"joining\s+(?:the\s+)?(?:meeting|forum|talks|session|dialogue|summit)|present\s+were|"
    r"among\s+the\s+participants|delegations\s+were\s+led|takes\s+part|taking\s+part|"
    r"(?:headed|led|heads|leads)\s+(?:the\s+)?(?:\w+\s+)?delegation|met|gathered|convened)\b",
    re.I,
)
CHAIR_CUES = re.compile(
    r"\b(co-?chaired|co-?chairs?|chaired\s+by|co-?hosted\s+by|presided|chairmanship|chaired|"
    r"co-?chairmen|co-?chairing|chairing|under\s+the\s+chairmanship|"
    r"hosted\s+(?:the\s+|an?\s+)?(?:[\w+’'-]+\s+){0,4}?(?:meeting|forum|talks|dialogue|summit|session|ministerial))\b",
    re.I,
)
SPEECH_VERBS = re.compile(
    r"\b(said|says|noted|stressed|suggested|suggesting|proposed|proposing|called|calling|urged|"
    r"expressed|voiced|voicing|emphasi[sz]ed|highlighted|underlined|underscored|conveyed|commended|"
    r"mentioned|spoke|speaking|addressed|stated|pointed\s+out|welcomed|praised|put\s+forward|"
    r"invited|offered|noting|hoped|reaffirmed|outlined|briefed|presented|informed|thanked|"
    r"advocated|recommended|announced|took\s+note|raised|shared|elaborated|reiterated)\b",
    re.I,
)
PROPOSAL_VERBS = re.compile(
    r"\b(?:suggest(?:ed|s|ing)?|propos(?:ed|es|ing|e)|put\s+forward|call(?:ed|s|ing)?\s+(?:for|on|upon)|"
    r"urg(?:ed|es|ing)|invit(?:ed|es|ing)|advocat(?:ed|es|ing)|recommend(?:ed|s|ing)?|"
    r"initiat(?:ed|es)|offered|came\s+up\s+with|pushed\s+for|asked|"
    r"(?:expressed|voiced|conveyed|expresses|voices|conveys|shared)\s+(?:(?:his|her|their|the)\s+)?(?:hope|wish|interest|readiness)|"
    r"hoped|hopes)\b(?P<rest>.*)",
    re.I | re.S,
)

SENTENCE_RE = re.compile(r"(?:[^.!?\n]|[.!?](?![”’\"]*(?:\s|$)))+(?:[.!?]+[”’\"]*|(?=\n)|$)", re.S)
ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Ms|Mrs|Dr|St|Nov|Dec|Jan|Feb|Aug|Sept|Sep|Oct|Mar|Apr|Jun|Jul|No|U\.S|U\.N|E\.U|H\.E|Gen|Amb|Prof|vs|etc|i\.e|e\.g|Jr|Sr|[A-Za-z]|[ap]\.m)\.$"
)


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Actor:
    country: str | None
    rank: str | None
    person: str | None
    start: int
    end: int
    role: str = ""  # listed, chair, speaker
    confidence: float = 0.8
    sentence: int = -1


@dataclass
class Found:
    value: object
    start: int
    end: int
    confidence: float


def _span(found: Found | None):
    if found is None:
        return None
    return {"start": found.start, "end": found.end, "confidence": round(found.confidence, 2)}


@dataclass
class Extractor:
    text: str
    published: dt.date | None
    gazetteer: Gazetteer
    sentences: list[Sentence] = field(default_factory=list)

    # -- set-up ---------------------------------------------------------------------------------

    def __post_init__(self) -> None:
        # Wrapped lines are read as one paragraph; offsets stay those of the text given.
        self.text = _unwrap(self.text)
        self._split_sentences()
        # The gazetteer's patterns are compiled once and kept with it.
        compiled = self.gazetteer.compiled
        if "states" not in compiled:
            compiled["states"] = self._compile_states()
            compiled["cities"] = self._compile_cities()
        self._state_re, self._state_of = compiled["states"]
        self._city_re = compiled["cities"]
        self.mentions = self._state_mentions()

    def _split_sentences(self) -> None:
        pieces: list[Sentence] = []
        for match in SENTENCE_RE.finditer(self.text):
            chunk = match.group(0)
            if not chunk.strip():
                continue
            start = match.start() + (len(chunk) - len(chunk.lstrip()))
            end = match.end() - (len(chunk) - len(chunk.rstrip()))
            if (
                pieces
                and ABBREVIATIONS.search(pieces[-1].text)
                and "\n" not in self.text[pieces[-1].end : start]
            ):
                last = pieces[-1]
                pieces[-1] = Sentence(last.start, end, self.text[last.start : end])
            else:
                pieces.append(Sentence(start, end, self.text[start:end]))
        self.sentences = pieces

    def _compile_states(self):
        of: dict[str, str] = {}
        for code, (names, demonyms) in self.gazetteer.states.items():
            for term in [*names, *demonyms]:
                if term:
                    of.setdefault(term.lower(), code)
        terms = sorted(of, key=len, reverse=True)
        # Short upper-case abbreviations (US, EU, ROK) only as written, names in any case.
        ci = [re.escape(t) for t in terms if len(t) > 3]
        cs = [re.escape(t.upper()) for t in terms if len(t) <= 3 or "." in t]
        pattern = r"(?<![\w-])(?:(?i:" + "|".join(ci) + r")|" + "|".join(cs) + r")(?![\w])"
        return re.compile(pattern), of

    def _compile_cities(self):
        names = sorted(self.gazetteer.cities, key=len, reverse=True)
        return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")

    def state_of(self, term: str) -> str | None:
        return self._state_of.get(term.lower()) or self._state_of.get(term.upper().lower())

    def _state_mentions(self) -> list[tuple[int, int, str]]:
        found = []
        for match in self._state_re.finditer(self.text):
            term = match.group(0)
            code = self.state_of(term)
            if code is None:
                continue
            # "Korea-Central Asia" names a forum or a relation, not a delegation.
            found.append((match.start(), match.end(), code))
        return found

    def sentence_index(self, position: int) -> int:
        for i, sentence in enumerate(self.sentences):
            if sentence.start <= position < sentence.end + 1:
                return i
        return len(self.sentences) - 1

    # -- names ----------------------------------------------------------------------------------

    def clean_name(self, raw: str, *, skip_titles: bool = False) -> str | None:
        """The person's name in ``raw``, or None; with ``skip_titles`` leading titles are passed
        over ("Secretary Blinken" gives "Blinken")."""
        tokens = raw.split()
        kept: list[str] = []
        for token in tokens:
            bare = token.strip(",.;:'’").lower()
            if bare.endswith(("'s", "’s")):
                break
            if bare in NAME_STOP or self.state_of(token.strip(",.;:")) or token in ("Forum",):
                if kept:
                    break
                if skip_titles:
                    continue
                return None
            kept.append(token.strip(",;:"))
        if not kept:
            return None
        name = " ".join(kept).rstrip(".")
        if len(name) < 2 or (name.isupper() and len(name) <= 5):
            return None
        return name

    def known_person(self, name: str) -> str | None:
        """The recorded name of the person ``name`` is a form of, if any (cached per gazetteer)."""
        cache = self.gazetteer.person_cache
        if name not in cache:
            cache[name] = self._known_person(name)
        return cache[name]

    def _known_person(self, name: str) -> str | None:
        folded = fold_name(name)
        tokens = folded.split()
        forms = self.gazetteer.folded_people()
        if not forms or not tokens:
            return None
        best = process.extractOne(folded, [f for f, _ in forms], scorer=fuzz.ratio, score_cutoff=88)
        if best:
            return forms[best[2]][1]
        if len(tokens) == 1 and len(tokens[0]) >= 4:
            candidates = {recorded for form, recorded in forms if tokens[0] in form.split()}
            if len(candidates) == 1:
                return candidates.pop()
        return None

    # -- actors ---------------------------------------------------------------------------------

    def actors_in(self, start: int, end: int) -> list[Actor]:
        """Every actor phrase between ``start`` and ``end``: a state, a rank and a name close together."""
        segment = self.text[start:end]
        ranks = [
            (start + m.start(), start + m.end(), RANK_PATTERNS[int(m.lastgroup[1:])][1])
            for m in RANK_RE.finditer(segment)
        ]
        states = [s for s in self.mentions if start <= s[0] and s[1] <= end]
        actors: list[Actor] = []
        used_states: set[int] = set()
        for r_start, r_end, rank in ranks:
            # Adjective or possessive before the rank: "Tajik Foreign Minister", "Korea's foreign minister"
            country = None
            c_start = r_start
            for s_start, s_end, code in states:
                between = self.text[s_end:r_start]
                if s_end <= r_start and re.fullmatch(
                    r"(?:['’]s)?\s+(?:(?:acting|then|first|the)\s+)?", between, re.I
                ):
                    country, c_start = code, s_start
                    used_states.add(s_start)
            tail_end = r_end
            # "Minister of Foreign Affairs of (the Republic of) Tajikistan"
            after = self.text[r_end:end]
            of_match = re.match(
                r"\s+of\s+(?:the\s+)?(?:(?:Ministry\s+of\s+Foreign\s+Affairs|Foreign\s+Ministry|MFA|"
                r"Government|Cabinet\s+of\s+Ministers)\s+of\s+(?:the\s+)?)?",
                after,
            )
            if of_match:
                for s_start, s_end, code in states:
                    if s_start == r_end + of_match.end():
                        if country is None:
                            country = code
                        used_states.add(s_start)
                        tail_end = s_end
                        break
            # A name after it: "Foreign Minister Sirojiddin Muhriddin", "..., Murat Nurtleu,"
            person = None
            posted = re.match(
                r"\s+(?:to|in)\s+(?:the\s+)?(?:Republic\s+of\s+)?[A-Z][\w-]+",
                self.text[tail_end:end],
            )
            if rank == "ambassador" and posted:
                tail_end += posted.end()  # "Ambassador to Seoul Nurgali Arystanov"
            rest = self.text[tail_end:end]
            forward, forward_end, comma = None, tail_end, False
            name_match = re.match(
                r"(?:\s*,)?[ \t]+(?:(?:Mr|Ms|Mrs|Dr|Prof|H\.\s?E)\.?[ \t]+)*", rest
            )
            if name_match:
                candidate = NAME_RE.match(rest, name_match.end())
                if candidate:
                    forward = self.clean_name(candidate.group(0))
                    if forward:
                        forward_end = tail_end + candidate.start() + len(forward)
                        comma = "," in name_match.group(0)
            # "Murat Nurtleu, Kazakhstan's Foreign Minister" / "Wang Yi, the Chinese foreign minister"
            backward, back_at = None, c_start
            before = self.text[max(start, c_start - 80) : c_start]
            back = re.search(
                rf"({NAME_TOKEN}(?:[ \t]+{NAME_TOKEN}){{0,3}})\s*,\s*(?:the\s+)?$", before
            )
            if back:
                backward = self.clean_name(back.group(1), skip_titles=True)
                back_at = c_start - len(before) + back.start(1) + back.group(1).find(backward or "")
                if backward and any(a.start <= back_at < a.end for a in actors):
                    backward = (
                        None  # the name closes the actor before: "..., Vepa Hajiyev, the ..."
                    )
            # A name right after the rank is its holder; else one before it ("Name, Rank of X, ");
            # else one after a comma ("Rank of X, Name").
            if forward and not comma:
                person, tail_end = forward, forward_end
            elif backward:
                person, c_start = backward, back_at
            elif forward:
                person, tail_end = forward, forward_end
            plural = re.match(
                r"\w+(?:[\s-]+\w+)*?s\b", self.text[r_start:r_end].split(" of ")[0].strip()
            )
            if country is None and not (
                plural
                and plural.group(0)
                .lower()
                .endswith(("ministers", "ambassadors", "presidents", "diplomats"))
            ):
                # "Kazakhstan was represented by Deputy Minister ...", "Uzbekistan by its first
                # deputy foreign minister", "a delegation of Kyrgyzstan led by ..."
                for s_start, s_end, code in states:
                    if s_end <= c_start and re.fullmatch(
                        r"\s+(?:(?:was|were)\s+)?(?:represented\s+|led\s+|headed\s+)?by\s+(?:its\s+|their\s+|a\s+|an\s+|the\s+)?",
                        self.text[s_end:c_start],
                        re.I,
                    ):
                        country = code
                        used_states.add(s_start)
            if country is None and re.match(
                r"high\s+representative", self.text[r_start:r_end], re.I
            ):
                country = "EU"
            if country is None and person is None:
                # A bare rank after a list of states: "... were represented by their foreign ministers"
                actors.append(Actor(None, rank, None, r_start, r_end, confidence=0.5))
                continue
            actors.append(Actor(country, rank, person, c_start, tail_end, confidence=0.85))
        # "the Kazakh side", "the Turkmen delegation", "Uzbekistan" as a subject
        for s_start, s_end, code in states:
            if s_start in used_states:
                continue
            follow = self.text[s_end : s_end + 14]
            if re.match(
                r"\s+(side|delegation|party|representatives?|diplomat|envoy|counterpart)\b",
                follow,
                re.I,
            ):
                actors.append(Actor(code, None, None, s_start, s_end, confidence=0.6))
        # A state as the subject: "The Kyrgyz Republic called for ..."
        for s_start, s_end, code in states:
            if s_start in used_states or any(a.start <= s_start < a.end for a in actors):
                continue
            term = self.text[s_start:s_end]
            if term.lower() in (n.lower() for n in self.gazetteer.states[code][0]) and re.match(
                r"\s+(?:also\s+|further\s+|in\s+turn\s+)?(?:called|proposed|suggested|urged|stressed|noted|said|expressed|voiced|welcomed|invited|offered|put\s+forward|advocated|emphasi[sz]ed|reaffirmed)\b",
                self.text[s_end : s_end + 30],
                re.I,
            ):
                actors.append(Actor(code, None, None, s_start, s_end, confidence=0.6))
        # Known people named without a rank: "Muhriddin voiced hope"
        for match in NAME_RE.finditer(segment):
            name = self.clean_name(match.group(0), skip_titles=True)
            if not name:
                continue
            absolute = start + match.start() + max(match.group(0).find(name), 0)
            if any(a.start <= absolute < a.end + 1 for a in actors):
                continue
            if self.seen_person(name) or self.known_person(name):
                actors.append(
                    Actor(None, None, name, absolute, absolute + len(name), confidence=0.6)
                )
        actors.sort(key=lambda a: a.start)
        return actors

    # -- the facts ------------------------------------------------------------------------------

    def run(self) -> dict:
        self.people_seen: dict[str, Actor] = {}
        result: dict = dict.fromkeys(KEYS)
        spans: dict = {}
        forum = self.find_forum()
        result["forum"], spans["forum"] = (forum.value if forum else None), _span(forum)
        number = self.find_edition_number(forum)
        result["edition_number"], spans["edition_number"] = (
            number.value if number else None,
            _span(number),
        )
        self._number = result["edition_number"]
        self.decision_sentences = self.find_decision_sentences()
        dates = self.find_dates()
        for key, found in zip(("start_date", "end_date"), dates, strict=True):
            result[key] = found.value.isoformat() if found else None
            spans[key] = _span(found)
        city = self.find_city() or self.find_capital()
        fmt = self.find_format(city)
        if fmt and fmt.value == "online":
            city = None  # a video conference has no venue, whatever cities the report names
        result["city"], spans["city"] = (city.value[0] if city else None), _span(city)
        result["country"] = city.value[1] if city else None
        spans["country"] = _span(city)
        result["format"], spans["format"] = (fmt.value if fmt else None), _span(fmt)
        theme = self.find_theme()
        result["theme"], spans["theme"] = (theme.value if theme else None), _span(theme)

        self._host = city.value[1] if city else None
        chairs, participants, listed, speakers = self.find_delegations()
        result["chairs"] = [self.actor_value(a) for a in chairs]
        spans["chairs"] = [self.actor_span(a) for a in chairs]
        result["participants"] = [self.actor_value(a) for a in participants]
        spans["participants"] = [self.actor_span(a) for a in participants]

        fields = self.find_expert_fields()
        result["expert_session_fields"] = [f.value for f in fields]
        spans["expert_session_fields"] = [_span(f) for f in fields]
        count = self.find_expert_count()
        result["expert_count"], spans["expert_count"] = (
            count.value if count else None,
            _span(count),
        )
        preparatory = self.find_preparatory()
        result["preparatory_meetings"] = [f.value for f in preparatory]
        spans["preparatory_meetings"] = [_span(f) for f in preparatory]
        proposals = self.find_proposals()
        result["proposals"] = [f.value for f in proposals]
        spans["proposals"] = [_span(f) for f in proposals]
        for chair in result["chairs"]:
            if chair["person"] is None:
                named = {
                    p["person"]
                    for p in result["participants"]
                    if p["country"] == chair["country"] and p["rank"] == chair["rank"]
                }
                if len(named) == 1 and None not in named:
                    chair["person"] = named.pop()
        for proposal in result["proposals"]:
            if proposal["person"] is None:
                named = {
                    p["person"]
                    for p in result["participants"]
                    if p["country"] == proposal["country"]
                }
                if len(named) == 1 and None not in named:
                    proposal["person"] = named.pop()
        self._meeting_year = (
            int(result["start_date"][:4])
            if result["start_date"]
            else (self.published.year if self.published else None)
        )
        documents = self.find_documents()
        result["outcome_documents"] = [f.value for f in documents]
        spans["outcome_documents"] = [_span(f) for f in documents]
        decisions = self.find_decisions()
        result["decisions"] = [f.value for f in decisions]
        spans["decisions"] = [_span(f) for f in decisions]

        # The year, when the date had none, from the context.
        if result["start_date"] is None and self._undated is not None:
            year = self.infer_year(result)
            if year:
                start, end, found = self._resolve_undated(year)
                result["start_date"], result["end_date"] = start.isoformat(), end.isoformat()
                spans["start_date"] = spans["end_date"] = _span(found)

        result["conflicts"] = self.find_conflicts(result, listed, speakers, chairs)
        result["spans"] = spans
        return result

    # forum and edition -----------------------------------------------------------------------

    FORUM_ANCHOR = re.compile(
        r"\b(?:Cooperation\s+Forum|Forum|Dialogue|Summit|Ministerial(?:\s+Meeting)?|"
        r"Foreign\s+Ministers['’]?\s+Meeting|Meeting\s+of\s+Foreign\s+Ministers|format)\b"
    )
    FORUM_GLUE = {"the", "of", "and", "plus", "+", "–", "—", "-", "(", ")", "&"}

    def forum_phrases(self) -> list[tuple[int, str]]:
        """Capitalised phrases that end in Forum, Dialogue, Summit ... with where they start."""
        if hasattr(self, "_forum_phrases"):
            return self._forum_phrases
        phrases = []
        for anchor in self.FORUM_ANCHOR.finditer(self.text):
            line_start = self.text.rfind("\n", 0, anchor.start()) + 1
            before = self.text[max(line_start, anchor.start() - 160) : anchor.start()]
            tokens = list(re.finditer(r"[^\s]+", before))
            first = anchor.start()
            for token in reversed(tokens[-10:]):
                word = token.group(0)
                if word[-1] in ",.;:" or not (
                    word[0].isupper()
                    or word[0].isdigit()
                    or word.lower() in self.FORUM_GLUE
                    or re.fullmatch(r"[–—+-]?[A-Z0-9][\w+’'.–—-]*", word)
                ):
                    break
                first = anchor.start() - len(before) + token.start()
            phrases.append((first, self.text[first : anchor.end()]))
        self._forum_phrases = phrases
        return phrases

    def find_forum(self) -> Found | None:
        folded_text = fold(self.text)
        best: Found | None = None
        for recorded, names in self.gazetteer.forums.items():
            for name in sorted(names, key=len, reverse=True):
                folded = fold(name)
                if len(folded) < 8:
                    continue
                position = folded_text.find(folded)
                if position >= 0:
                    start, end = self._unfold_span(name)
                    found = Found(recorded, start, end, 0.95)
                    if best is None or found.start < best.start:
                        best = found
                    break
        if best:
            return best
        # Near matches by words in any order ("Central Asia – the Republic of Korea Cooperation Forum")
        for first, raw in self.forum_phrases():
            phrase = self._trim_forum_phrase(raw)
            if not phrase:
                continue
            for recorded, names in self.gazetteer.forums.items():
                for name in names:
                    if (
                        fuzz.token_sort_ratio(self._forum_words(phrase), self._forum_words(name))
                        >= 90
                    ):
                        start = first + raw.find(phrase)
                        return Found(recorded, start, start + len(phrase), 0.8)
        for match in re.finditer(r"\bC5\s*\+\s*1\b", self.text):
            return Found("C5+1", match.start(), match.end(), 0.7)
        for first, raw in self.forum_phrases():
            phrase = self._trim_forum_phrase(raw)
            if phrase and len(phrase.split()) >= 2 and self._names_region(phrase):
                start = first + raw.find(phrase)
                return Found(phrase, start, start + len(phrase), 0.6)
        return None

    def _names_region(self, phrase: str) -> bool:
        return bool(
            re.search(r"Central\s+Asia|C5|Asia|Europe|EU\b", phrase)
            or any(s for s in self._state_re.finditer(phrase))
        )

    @staticmethod
    def _trim_forum_phrase(phrase: str) -> str:
        phrase = re.sub(r"^(?:(?:the|The|of|and|\(|\))\s*)+", "", phrase.strip())
        phrase = re.sub(r"^\d+(?:st|nd|rd|th)\s+", "", phrase)
        phrase = re.sub(r"^(?:" + "|".join(ORDINAL_WORDS) + r")\s+", "", phrase, flags=re.I)
        phrase = re.sub(r"^(?:(?:the|The)\s*)+", "", phrase)
        return phrase.strip(" ()")

    @staticmethod
    def _forum_words(name: str) -> str:
        words = fold(name)
        words = re.sub(r"\b(republic of korea|rok|south korea)\b", "korea", words)
        words = re.sub(r"\b(the|of|and)\b", " ", words)
        return re.sub(r"\s+", " ", words).strip()

    def _unfold_span(self, name: str) -> tuple[int, int]:
        """Where ``name`` stands in the text, dashes and spaces as the text writes them."""
        tokens = [re.escape(t) for t in re.split(r"[\s‐-―−\-]+", name) if t]
        pattern = r"[\s‐-―−\-]*".join(tokens)
        match = re.search(pattern, self.text, re.I)
        return (match.start(), match.end()) if match else (0, 0)

    def find_edition_number(self, forum: Found | None) -> Found | None:
        ordinal = re.compile(
            r"\b(?:(?P<num>\d{1,3})(?:st|nd|rd|th)|(?P<word>"
            + "|".join(ORDINAL_WORDS)
            + r")|(?P<roman>[IVXL]{1,6}))\b(?=(?P<after>[^.;\n]{0,80}))",
            re.I,
        )
        for match in ordinal.finditer(self.text):
            after = match.group("after")
            if re.search(
                r"\bsince\s+(?:the\s+)?$",
                self.text[max(0, match.start() - 12) : match.start()],
                re.I,
            ):
                continue  # "five years since the first meeting"
            if re.match(r"\s+(?:Vice|Deputy|vice|deputy)\b", after):
                continue  # "First Vice Minister" is a rank
            if match.group("roman") and not match.group("roman").isupper():
                continue
            head = re.match(r"\s*((?:[\w+’'–—-]+\s*){0,10})", after).group(1)
            if re.match(
                r"\s*(anniversary|century|time|day|year|round|stage|phase|session of the un)",
                after,
                re.I,
            ):
                continue
            if not re.search(
                r"\b(Forum|Dialogue|Summit|Ministerial|Meeting|meeting|edition|forum|summit|dialogue|C5\+1)\b",
                head,
            ):
                continue
            if re.match(r"\s*(?:and|or|,)", after):
                continue
            # The next edition named in a decision is not this one.
            index = self.sentence_index(match.start())
            sentence = self.sentences[index].text
            if (
                re.search(
                    r"\b(next|hold the|to host|will be held|will host|agreed to hold|decided to hold)\b",
                    sentence,
                    re.I,
                )
                and match.start() > self.sentences[index].start
                and re.search(
                    r"\b(hold|host|held)\b[^.]*$",
                    self.text[self.sentences[index].start : match.start()],
                    re.I,
                )
            ):
                continue
            if match.group("num"):
                value = int(match.group("num"))
            elif match.group("word"):
                value = ORDINAL_WORDS[match.group("word").lower()]
            else:
                value = _roman(match.group("roman"))
            if value and 0 < value < 200:
                return Found(value, match.start(), match.end(), 0.9)
        return None

    # dates ------------------------------------------------------------------------------------

    def _date_matches(self):
        found = []
        for pattern in DATE_PATTERNS:
            for match in pattern.finditer(self.text):
                if any(match.start() < e and s < match.end() for s, e, _ in found):
                    continue
                found.append((match.start(), match.end(), match))
        found.sort(key=lambda f: f[0])
        return found

    def _parse_date_match(self, match):
        groups = match.groupdict()
        if groups.get("iso"):
            try:
                day = dt.date.fromisoformat(groups["iso"])
            except ValueError:
                return None
            return day, day, True
        if groups.get("num"):
            import dateparser

            parsed = dateparser.parse(
                groups["num"], languages=["en"], settings={"DATE_ORDER": "DMY"}
            )
            if parsed is None:
                return None
            return parsed.date(), parsed.date(), True
        month = _EN_MONTHS.get(groups["m"].lower().rstrip("."))
        month2 = _EN_MONTHS.get((groups.get("m2") or "").lower().rstrip("."), month)
        if not month:
            return None
        d1 = int(groups["d1"])
        d2 = int(groups["d2"]) if groups.get("d2") else d1
        year = int(groups["y"]) if groups.get("y") else None
        return (month, d1, month2, d2), year, False

    def find_dates(self) -> tuple[Found | None, Found | None]:
        """The meeting's first and last day, from the sentence that says it took place."""
        self._undated = None
        candidates = []
        for start, end, match in self._date_matches():
            index = self.sentence_index(start)
            if index in self.decision_sentences:
                continue
            sentence = self.sentences[index].text
            context = self.text[max(0, start - 60) : start]
            if re.search(
                r"\b(since|founded|established|in the year|last year|published|posted|updated)\b[^.]{0,40}$",
                context,
                re.I,
            ):
                continue
            score = 0
            if EVENT_VERBS.search(sentence):
                score += 2
            if re.search(
                r"\b(Forum|meeting|Dialogue|Summit|ministerial|talks|session|conference)\b",
                sentence,
                re.I,
            ):
                score += 1
            if re.search(r"\b(On|on)\s*$", context):
                score += 1
            if re.match(r"\s*\(", self.text[end : end + 3]) or re.search(
                r"^[A-Z][A-Z ,.'-]+$", context.split("\n")[-1]
            ):
                score += 1  # dateline: "SEOUL, Nov. 30 (Yonhap) --"
            if re.search(
                r"\b(ahead\s+of|prior\s+to|preparat\w*|preceded|vice\s+ministers|senior\s+officials|working[\s-]level)\b",
                sentence,
                re.I,
            ):
                score -= 2  # a preparatory meeting's date
            if PROPOSAL_VERBS.search(sentence):
                score -= 1
            score += self._edition_weight(sentence)
            if re.search(r"\btoday\b", sentence) is None and self._today_line(start):
                score += 3  # "Luxembourg, 23.10.2023 ... today chaired"
            candidates.append((score, -start, start, end, match))
        if not candidates:
            return None, None
        candidates.sort(reverse=True)
        _, _, start, end, match = candidates[0]
        parsed = self._parse_date_match(match)
        if parsed is None:
            return None, None
        if parsed[2] is True:
            first, last = parsed[0], parsed[1]
            return Found(first, start, end, 0.85), Found(last, start, end, 0.85)
        (month, d1, month2, d2), year, _ = parsed
        if year is None:
            year = self._year_nearby(start)
        if year is None and self.published:
            year = self.published.year
            try:
                if dt.date(year, month, d1) > self.published:
                    year -= 1
            except ValueError:
                return None, None
        if year is None:
            self._undated = (month, d1, month2, d2, start, end)
            return None, None
        try:
            first = dt.date(year, month, d1)
            last = dt.date(year + (1 if month2 < month else 0), month2, d2)
        except ValueError:
            return None, None
        confidence = 0.85 if self.published or parsed[1] else 0.7
        return Found(first, start, end, confidence), Found(last, start, end, confidence)

    def _edition_weight(self, sentence: str) -> int:
        """A sentence naming this edition speaks of it; one naming another edition does not."""
        if self._number is None:
            return 0
        numbers = {
            int(n)
            for n in re.findall(
                r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:[\w'’\"“”-]+\s+){0,6}?(?:Forum|Meeting|Summit|Dialogue|Ministerial|meeting|forum|summit)",
                sentence,
            )
        }
        if self._number in numbers:
            return 2
        return -3 if numbers else 0

    def _today_line(self, position: int) -> bool:
        """The date at ``position`` heads a report whose event happened "today"."""
        if position > 400:
            return False
        return bool(
            re.search(r"\b(?:today|this\s+morning|this\s+afternoon)\b", self.text[position:], re.I)
        ) and bool(EVENT_VERBS.search(self.text[position : position + 1500]))

    def _year_nearby(self, position: int) -> int | None:
        """A year in the same sentence as an undated day ("on 30 November in 2021")."""
        sentence = self.sentences[self.sentence_index(position)]
        years = re.findall(r"\b(19[5-9]\d|20\d\d)\b", sentence.text)
        if len(years) == 1 and not re.search(
            r"\b(since|established|anniversary|in \d{4},)\b", sentence.text, re.I
        ):
            return int(years[0])
        return None

    def infer_year(self, result: dict) -> int | None:
        for decision in result["decisions"]:
            if decision["kind"] == "next_edition" and decision["year"]:
                return decision["year"] - 1
        for title in result["outcome_documents"]:
            match = re.search(r"\b(20\d\d)\b", title)
            if match and re.search(r"work\s*plan|action\s*plan|programme|program", title, re.I):
                return int(match.group(1)) - 1
        match = re.search(r"\b(20\d\d)\s+(?:Work\s+Plan|work\s+plan)", self.text)
        if match:
            return int(match.group(1)) - 1
        return None

    def _resolve_undated(self, year: int):
        month, d1, month2, d2, start, end = self._undated
        first = dt.date(year, month, d1)
        last = dt.date(year + (1 if month2 < month else 0), month2, d2)
        return first, last, Found(first, start, end, 0.6)

    # place and format -------------------------------------------------------------------------

    def find_capital(self) -> Found | None:
        """ "In the Uzbek capital", "held in the capital of Kazakhstan": the state's capital."""
        for match in re.finditer(
            r"\b(?:in|at)\s+the\s+(?P<adj>[A-Z][\w-]+)\s+capital\b|\b(?:in|at)\s+the\s+capital\s+of\s+(?:the\s+)?(?P<name>[A-Z][\w ]+)",
            self.text,
        ):
            sentence = self.sentences[self.sentence_index(match.start())].text
            if not EVENT_VERBS.search(sentence) or PROPOSAL_VERBS.search(sentence):
                continue
            term = match.group("adj") or match.group("name")
            state = next((self.state_of(m.group(0)) for m in self._state_re.finditer(term)), None)
            city = CAPITALS.get(state or "")
            if state == "KZ" and self.published and 2019 <= self.published.year <= 2022:
                city = "Nur-Sultan"  # the capital's name from March 2019 to September 2022
            if city:
                return Found((city, state), match.start(), match.end(), 0.6)
        return None

    def find_city(self) -> Found | None:
        candidates = []
        for match in self._city_re.finditer(self.text):
            index = self.sentence_index(match.start())
            if index in self.decision_sentences:
                continue
            sentence = self.sentences[index]
            before = self.text[max(sentence.start, match.start() - 40) : match.start()]
            score = 0
            if re.search(r"\b(in|at)\s+(?:the\s+[\w ]+\s+(?:of|in)\s+)?$", before, re.I):
                score += 1
            if re.search(
                r"\b(took\s+place|held|met|convened|gathered|hosted)\s+in\s+$", before, re.I
            ):
                score += 2
            if EVENT_VERBS.search(sentence.text):
                score += 2
            if re.search(r"\b(next|following|upcoming|will|to hold)\b", sentence.text, re.I):
                score -= 2
            line_start = self.text.rfind("\n", 0, match.start()) + 1
            if match.start() - line_start <= 2 and re.match(
                r"[\s,]*(?:[A-Z][a-z]+\.?\s+\d|\d|\()|\.\s+[A-Z]",
                self.text[match.end() : match.end() + 12],
            ):
                score += 2  # dateline: where the report was filed, most often the meeting's city
            if re.match(
                r"\s*[,(]?\s*(?:" + MONTH + r")", self.text[match.end() : match.end() + 15], re.I
            ):
                score += 1
            if PROPOSAL_VERBS.search(sentence.text) or re.search(
                r"\b(ahead\s+of|prior\s+to|preparat\w*)\b", sentence.text, re.I
            ):
                score -= 2
            score += self._edition_weight(sentence.text)
            candidates.append((score, -match.start(), match))
        if not candidates:
            return None
        candidates.sort(reverse=True)
        score, _, match = candidates[0]
        if score < 2:
            return None
        name = match.group(1)
        code = self.gazetteer.cities[name]
        canonical = {"Ashkhabad": "Ashgabat", "Xian": "Xi'an"}.get(name, name)
        return Found((canonical, code), match.start(), match.end(), 0.85 if score >= 3 else 0.7)

    def _not_preparatory(self, match) -> bool:
        sentence = self.sentences[self.sentence_index(match.start())].text
        return not re.search(
            r"\b(preceded|ahead\s+of|prior\s+to|preparat\w*)\b",
            sentence,
            re.I,
        )

    def find_format(self, city: Found | None) -> Found | None:
        online = next(
            (
                m
                for m in re.finditer(
                    r"\b(video\s*-?\s*conference|videoconference|video\s+link|virtual(?:ly)?\s+(?:format|meeting|mode)|"
                    r"held\s+virtually|held\s+online|online\s+format|in\s+(?:an?\s+)?online|via\s+video|by\s+video|"
                    r"video\s+format|virtual\s+format|videoconferencing|online\s+meeting|met\s+online|met\s+virtually)\b",
                    self.text,
                    re.I,
                )
                if self._not_preparatory(m)
            ),
            None,
        )
        hybrid = next(
            (
                m
                for m in re.finditer(
                    r"\bhybrid\b|\bin\s+person\s+and\s+(?:online|virtually)|joined\s+(?:online|virtually|by\s+video)",
                    self.text,
                    re.I,
                )
                if self._not_preparatory(m)
            ),
            None,
        )
        if hybrid:
            return Found("hybrid", hybrid.start(), hybrid.end(), 0.8)
        if online:
            return Found("online", online.start(), online.end(), 0.85)
        if city:
            return Found("in_person", city.start, city.end, 0.6)
        return None

    def find_theme(self) -> Found | None:
        quoted = r"[“\"‘']\s*(?P<q>[^”\"’]{4,200}?)\s*[”\"’]"
        patterns = [
            rf"\b(?:themed|theme\s+(?:of|was|:)?|under\s+the\s+(?:theme|motto|slogan)(?:\s+of)?|entitled|titled|motto\s+(?:of|was)?)\s*[:,]?\s*{quoted}",
            rf"\b(?:theme|motto)\b[^.“\"]{{0,40}}{quoted}",
        ]
        for pattern in patterns:
            for match in re.finditer(pattern, self.text, re.I):
                sentence = self.sentences[self.sentence_index(match.start())].text
                # the theme of this meeting, not a motto of the year
                if re.search(
                    r"\b(Forum|meeting|Dialogue|Summit|session|conference|ministerial)\b",
                    sentence,
                    re.I,
                ) and not re.search(
                    r"\b(?:year|motto\s+of\s+the\s+year)\b[^.]{0,30}\b(?:declared|motto)\b|\bthe\s+year['’]s\s+motto|\byear\s+\d{4}\b[^.]{0,40}\bmotto",
                    sentence,
                    re.I,
                ):
                    return Found(match.group("q").strip(), match.start("q"), match.end("q"), 0.85)
        match = re.search(
            r"\bunder\s+the\s+theme\s+(?:of\s+)?(?P<q>[A-Z][^.;\n]{4,150}?)(?=[.;,]\s|\n|$)",
            self.text,
        )
        if match:
            return Found(match.group("q").strip(), match.start("q"), match.end("q"), 0.6)
        return None

    # delegations ------------------------------------------------------------------------------

    def home_state(self) -> str | None:
        """The state whose ministry publishes the report, when the report says so once."""
        if hasattr(self, "_home"):
            return self._home
        codes = set()
        pattern = re.compile(
            r"(?:Ministry\s+of\s+Foreign\s+Affairs|Foreign\s+Ministry|MFA)(?:\s+of|,)\s+(?:the\s+)?(?P<a>[A-Z][\w ]+)"
            r"|(?P<b>[A-Z][\w]+(?:\s+[A-Z][\w]+)?)\s+(?:Foreign\s+Ministry|MFA|Ministry\s+of\s+Foreign\s+Affairs)"
        )
        for match in pattern.finditer(self.text[:600]):
            term = (match.group("a") or match.group("b") or "").strip()
            for s_match in self._state_re.finditer(term):
                code = self.state_of(s_match.group(0))
                if code:
                    codes.add(code)
                    break
        self._home = codes.pop() if len(codes) == 1 else None
        return self._home

    def seen_person(self, name: str) -> Actor | None:
        """The earlier mention of the person ``name`` shortens ("Park", "A.Komilov", "M.Tleuberdi")."""
        key = fold_name(name)
        if key in self.people_seen:
            return self.people_seen[key]
        tokens = key.split()
        if not tokens:
            return None
        for other, seen in self.people_seen.items():
            others = other.split()
            if set(tokens) <= set(others) or set(others) <= set(tokens):
                return seen
            # initial and surname: "a komilov" for "abdulaziz kamilov"
            if len(tokens[-1]) >= 4 and fuzz.ratio(tokens[-1], others[-1]) >= 80:
                initials = [t for t in tokens[:-1] if len(t) == 1]
                if not initials or (others[0] and initials[0] == others[0][0]):
                    return seen
        return None

    def resolve(self, actor: Actor) -> Actor:
        """Fill a bare name from an earlier mention, and use the recorded form of known people."""
        if actor.person:
            key = fold_name(actor.person)
            known = self.known_person(actor.person)
            earlier = self.seen_person(actor.person)
            if earlier:
                actor.country = actor.country or earlier.country
                if not actor.rank or (actor.rank == "minister" and earlier.rank):
                    actor.rank = earlier.rank
                if earlier.person and not known and len(earlier.person) >= len(actor.person) - 1:
                    actor.person = earlier.person  # the form the report gave first and in full
            if known:
                actor.person = known
            if actor.country is None and known and self.gazetteer.people_states.get(known):
                actor.country = self.gazetteer.people_states[known]
            if (
                actor.country is None
                and actor.rank
                and not earlier
                and len(actor.person.split()) > 1
            ):
                # "Minister of Foreign Affairs Kang Kyung-wha" in her own ministry's release
                actor.country = self.home_state()
            self.people_seen[key] = actor
            self.people_seen[fold_name(actor.person)] = actor
        return actor

    def find_delegations(self):
        chairs: list[Actor] = []
        listed: list[Actor] = []
        speakers: list[Actor] = []
        last_actor: Actor | None = None
        self.sentence_actor: dict[int, Actor] = {}
        in_list = False  # within the lines that follow "The following took part:"
        for index, sentence in enumerate(self.sentences):
            actors = [self.resolve(a) for a in self.actors_in(sentence.start, sentence.end)]
            text = sentence.text
            if index in self.decision_sentences and not CHAIR_CUES.search(text):
                actors = [a for a in actors if a.start < sentence.start + 5]
            chair_cue = CHAIR_CUES.search(text)
            list_cue = LIST_CUES.search(text)
            # "chaired by A, was also attended by B and C": A chairs, B and C are listed
            split_at = None
            if chair_cue and list_cue and list_cue.start() > chair_cue.end():
                split_at = sentence.start + list_cue.start()
            if chair_cue:
                for actor in actors:
                    if split_at is not None and actor.start >= split_at:
                        continue
                    if not actor.country and actor.rank and actor.person:
                        actor.country = self.home_state() or self._host  # the host chairs
                    if actor.country or actor.person:
                        actor.role = "chair"
                        actor.sentence = index
                        chairs.append(actor)
            bullet = re.match(r"\s*(?:[-•*–]|\d+[.)])\s+", text)
            if in_list and bullet:
                listed.extend(self.list_members(sentence, actors, index))
            elif text.rstrip().endswith(":") and list_cue:
                in_list = True
            else:
                in_list = False
            if in_list and not bullet:
                pass
            elif list_cue and (not chair_cue or split_at) and self.lists_delegations(text):
                members = self.list_members(sentence, actors, index)
                if split_at is not None:
                    members = [m for m in members if m.start >= split_at]
                listed.extend(members)
            subject = self.subject_of(sentence, actors, last_actor)
            if subject is None:
                # "The Secretary proposed ...": a title alone names the one chair who holds it
                bare = [a for a in actors if a.rank and not a.country and not a.person]
                verb = SPEECH_VERBS.search(text)
                if bare and verb and bare[0].start < sentence.start + verb.start():
                    holders = [c for c in chairs if c.rank == bare[0].rank and c.country]
                    if len(holders) == 1:
                        subject = holders[0]
            if subject and SPEECH_VERBS.search(text):
                subject.role = subject.role or "speaker"
                subject.sentence = index
                speakers.append(subject)
                self.sentence_actor[index] = subject
            elif subject:
                self.sentence_actor[index] = subject
            if subject:
                last_actor = subject
        # one chair per state
        unique_chairs: list[Actor] = []
        for actor in chairs:
            if not actor.country and actor.rank and actor.person:
                actor.country = self.home_state() or self._host  # the host chairs
            if not actor.country:
                continue
            same = next((c for c in unique_chairs if c.country == actor.country), None)
            if same:
                same.person = same.person or actor.person
                same.rank = same.rank or actor.rank
            else:
                unique_chairs.append(actor)
        participants = self.merge_participants(listed, unique_chairs, speakers)
        return unique_chairs, participants, listed, speakers

    @staticmethod
    def lists_delegations(text: str) -> bool:
        """A sentence lists delegations when it speaks of ranks, ministers or delegations."""
        return bool(
            RANK_RE.search(text)
            or re.search(
                r"\b(delegations?|heads?\s+of|ministers|sides|leaders|representatives)\b",
                text,
                re.I,
            )
        )

    def list_members(self, sentence: Sentence, actors: list[Actor], index: int) -> list[Actor]:
        """States named in a list of participants, each with its rank (own, shared before or after)."""
        members: list[Actor] = []
        ranked = [a for a in actors if a.rank]
        # The list ends where the report names its own source ("according to the Tajik MFA").
        cut = re.search(
            r",?\s+(?:according\s+to|citing|reported|reports|said|says)\b", sentence.text
        )
        list_end = sentence.start + cut.start() if cut else sentence.end
        for s_start, s_end, code in self.mentions:
            if not (sentence.start <= s_start < list_end):
                continue
            owner = next(
                (
                    a
                    for a in actors
                    if a.country
                    and (
                        a.start <= s_start < a.end + 1
                        # "Kazakhstan was represented by Deputy Minister ...": the state before it
                        or (
                            a.country == code
                            and 0 <= a.start - s_end <= 40
                            and re.search(r"\bby\b", self.text[s_end : a.start])
                        )
                    )
                ),
                None,
            )
            if owner is not None:
                if owner not in members:
                    members.append(owner)
                continue
            if re.search(
                r"\bambassadors?\b[^,;.]{0,60}\bto\s+(?:the\s+)?$",
                self.text[max(0, s_start - 80) : s_start],
                re.I,
            ):
                continue  # "Turkmenistan's ambassador to Uzbekistan"
            if any(a.country == code and a.rank for a in actors) and re.search(
                r"\bdelegations?\s+of\s+(?:the\s+)?$", self.text[max(0, s_start - 30) : s_start]
            ):
                continue  # "the delegation of Turkmenistan by the Ambassador of Turkmenistan"
            # "Deputy Ministers of Foreign Affairs of Tajikistan and the Republic of Uzbekistan"
            joined = next(
                (
                    a
                    for a in ranked
                    if a.country
                    and a.end <= s_start
                    and re.fullmatch(r"\s*(?:,|and)\s*(?:the\s+)?", self.text[a.end : s_start])
                ),
                None,
            )
            if (
                joined is None
                and members
                and members[-1].rank
                and re.fullmatch(
                    r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", self.text[members[-1].end : s_start]
                )
            ):
                joined = members[-1]  # the list goes on: "..., Tajikistan, Kyrgyzstan and ..."
            if joined is not None:
                members.append(Actor(code, joined.rank, None, s_start, s_end, confidence=0.7))
                continue
            # "foreign minister from Korea, Tajikistan and Kazakhstan": the last rank before it
            before = [a for a in ranked if a.end <= s_start and not a.country]
            after = [a for a in ranked if a.start >= s_end and not a.country]
            rank = before[-1].rank if before else (after[0].rank if after else None)
            follow = self.text[s_end : s_end + 25]
            if re.match(r"\s*[-–—]\s*[A-Z]", follow) or re.match(
                r"\s*(?:Cooperation|Forum|relations|cooperation)\b", follow
            ):
                continue  # "Korea-Central Asia", "Central Asia-ROK Cooperation"
            prev = self.text[max(sentence.start, s_start - 3) : s_start]
            if re.search(r"[-–—]\s*$", prev):
                continue
            term = self.text[s_start:s_end]
            if term.lower() not in (
                n.lower() for n in self.gazetteer.states[code][0]
            ) and not re.match(
                r"[\s,]*(?:and\s+\w+\s+)*(?:delegations?|ministers?|sides?|counterparts?|representatives?)\b",
                follow,
                re.I,
            ):
                continue  # a demonym that qualifies something else ("the Tajik MFA")
            members.append(
                Actor(
                    code, rank, None, s_start, s_end, role="listed", confidence=0.75, sentence=index
                )
            )
        # One entry per state and rank: "Kazakhstan ... headed the Kazakh delegation" is one.
        unique: list[Actor] = []
        for member in members:
            same = [u for u in unique if u.country == member.country]
            if any(
                u.rank == member.rank
                or member.rank is None
                or (member.rank == "minister" and u.rank in MINISTERIAL)
                for u in same
            ):
                for u in same:
                    u.person = u.person or member.person
                continue
            for u in same:
                if u.rank is None:
                    unique.remove(u)
                    member.person = member.person or u.person
            unique.append(member)
        for member in unique:
            member.role = "listed"
            member.sentence = index
        return unique

    def subject_of(
        self, sentence: Sentence, actors: list[Actor], last_actor: Actor | None
    ) -> Actor | None:
        """Who speaks in the sentence: an actor before its main verb, or "he"/"she" for the last one."""
        verb = SPEECH_VERBS.search(sentence.text)
        limit = sentence.start + (verb.start() if verb else len(sentence.text))
        before = [a for a in actors if a.start < limit and (a.country or a.person)]
        lead = sentence.text[:40]
        if before:
            # Prefer the actor that opens the sentence or follows "For his part,".
            return before[0]
        if (
            re.match(
                r"\s*(?:(?:For\s+(?:his|her)\s+part|In\s+turn|Also|Then|Meanwhile),?\s+)?(?:He|She)\b",
                lead,
            )
            and last_actor
        ):
            return last_actor
        return None

    def merge_participants(self, listed, chairs, speakers) -> list[Actor]:
        merged: list[Actor] = []

        def add(actor: Actor, from_list: bool) -> None:
            if not actor.country:
                return
            for existing in merged:
                if existing.country != actor.country:
                    continue
                if (
                    existing.rank == actor.rank
                    or actor.rank is None
                    or (existing.rank is None and not from_list)
                    or (actor.rank == "minister" and not from_list)
                ):
                    existing.person = existing.person or actor.person
                    existing.rank = existing.rank or actor.rank
                    return
                if existing.rank and actor.rank and not from_list:
                    # a speaker with another rank than listed: keep it only if the list has none like it
                    continue
            merged.append(
                Actor(
                    actor.country,
                    actor.rank,
                    actor.person,
                    actor.start,
                    actor.end,
                    actor.role,
                    actor.confidence,
                )
            )

        for actor in listed:
            add(actor, True)
        for actor in [*chairs, *speakers]:
            same_state = [m for m in merged if m.country == actor.country]
            if same_state and actor.rank == "minister":
                add(actor, False)  # "the Uzbek minister": the delegation already listed
                continue
            if (
                same_state
                and actor.rank
                and all(m.rank and m.rank != actor.rank for m in same_state)
            ):
                # a speaker whose rank the list does not give: a delegation of its own only if the
                # list gave that state no rank at all
                if any(m.rank is None for m in same_state):
                    add(actor, False)
                    continue
                if any(m.rank == actor.rank for m in same_state):
                    continue
                merged.append(
                    Actor(
                        actor.country,
                        actor.rank,
                        actor.person,
                        actor.start,
                        actor.end,
                        actor.role,
                        actor.confidence,
                    )
                )
                continue
            add(actor, False)
        # People named for a state and rank elsewhere in the text
        for actor in merged:
            if actor.person is None:
                for seen in self.people_seen.values():
                    if seen.country == actor.country and seen.rank == actor.rank and seen.person:
                        actor.person = seen.person
                        break
        return merged

    def actor_value(self, actor: Actor) -> dict:
        return {"country": actor.country, "person": actor.person, "rank": actor.rank}

    def actor_span(self, actor: Actor) -> dict:
        return {"start": actor.start, "end": actor.end, "confidence": round(actor.confidence, 2)}

    # experts, preparation ---------------------------------------------------------------------

    FIELD_SYNONYMS = {
        "healthcare": "health",
        "health care": "health",
        "public health": "health",
        "digital matters": "digitalization",
        "digital": "digitalization",
        "digitalisation": "digitalization",
        "digital transformation": "digitalization",
        "digital economy": "digitalization",
        "forests": "forestry",
        "forest": "forestry",
    }

    def find_expert_fields(self) -> list[Found]:
        found: list[Found] = []
        seen: set[str] = set()
        for sentence in self.sentences:
            if not re.search(
                r"\bexperts?\b|\bexpert\s+sessions?\b|\bsessions?\b|\bpanels?\b|\broundtables?\b",
                sentence.text,
                re.I,
            ):
                continue
            if not re.search(r"\bexpert|\bpanel|\bsession|\bround\s*table", sentence.text, re.I):
                continue
            for match in re.finditer(
                r"\b(?:in\s+the\s+(?:fields?|areas?|spheres?)\s+of|(?:sessions?|panels?|roundtables?)\b[^.;]{0,40}?\b(?:on|devoted\s+to|dedicated\s+to|covering|focused\s+on|focusing\s+on)|(?:fields?|areas?)\s+(?:such\s+as|including|of)|covering)\s+(?P<list>[^.;:()]+)",
                sentence.text,
                re.I,
            ):
                items = match.group("list")
                items = re.sub(
                    r"^(?:the\s+)?(?:development|issues|questions|problems|matters|topics)\s+of\s+(?:the\s+)?",
                    "",
                    items,
                    flags=re.I,
                )
                items = re.split(
                    r",?\s+(?:who|which|that|where|while|with|were|was|brought|gathered|attracted|involved|featured|drew|took|had|have)\b",
                    items,
                )[0]
                parts = re.split(r"\s*[,;]\s*", items)
                last = re.split(r"\s+(?:and|as\s+well\s+as)\s+", parts[-1])
                if len(parts) > 1 and last and last[0].startswith("and "):
                    last[0] = last[0][4:]
                items = [*parts[:-1], *last]
                base = sentence.start + match.start("list")
                cursor = 0
                for item in items:
                    item_clean = re.sub(r"^(?:the|matters\s+of)\s+", "", item.strip(), flags=re.I)
                    item_clean = re.sub(r"[“”\"‘’]", "", item_clean)
                    item_clean = re.split(
                        r"\s+(?:who|which|that|to|where|with|were|was|and\s+the)\b", item_clean
                    )[0].strip(" ,")
                    if (
                        not item_clean
                        or len(item_clean.split()) > 4
                        or not re.match(r"[a-zA-Z]", item_clean)
                        or re.match(r"(?:who|which|that|where|whose|while)\b", item_clean, re.I)
                    ):
                        continue
                    offset = match.group("list").find(item_clean, cursor)
                    cursor = max(cursor, offset)
                    value = item_clean.lower()
                    key = self.FIELD_SYNONYMS.get(value, value)
                    if key in seen:
                        continue
                    seen.add(key)
                    start = base + max(offset, 0)
                    found.append(Found(value, start, start + len(item_clean), 0.75))
        return found

    def find_expert_count(self) -> Found | None:
        number_words = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
        match = re.search(
            rf"\b(?:some|about|around|over|more\s+than|nearly|almost|approximately|up\s+to|at\s+least)?\s*"
            rf"(?P<n>\d[\d,]*|{number_words})\s+(?:[\w-]+\s+){{0,2}}?experts\b",
            self.text,
            re.I,
        )
        if not match:
            for sentence in self.sentences:
                if not re.search(r"\bexpert|\bsessions?\b", sentence.text, re.I):
                    continue
                match = re.search(
                    rf"\b(?:some|about|around|over|more\s+than|nearly|almost|approximately|up\s+to|at\s+least)?\s*"
                    rf"(?P<n>\d[\d,]*|{number_words})\s+(?:specialists|scholars|researchers|scientists|representatives\s+of\s+(?:[\w-]+\s+){{0,4}}?(?:institut\w*|universit\w*|centres|centers|think[\s-]tanks))\b",
                    sentence.text,
                    re.I,
                )
                if match:
                    raw = match.group("n").lower().replace(",", "")
                    value = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
                    if value:
                        start = sentence.start + match.start("n")
                        return Found(value, start, sentence.start + match.end(), 0.6)
            return None
        raw = match.group("n").lower().replace(",", "")
        value = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
        if not value:
            return None
        return Found(value, match.start("n"), match.end(), 0.8)

    def find_preparatory(self) -> list[Found]:
        found: list[Found] = []
        kinds_seen: set[str] = set()
        patterns = [
            (
                r"\b(?:vice|deputy)[\s-]+(?:foreign\s+)?minist(?:erial|ers['’]?)(?:[\s-]+level)?(?:\s+(?:and\s+[\w-]+\s+)?(?:meetings?|consultations?|talks))?",
                "senior_officials",
            ),
            (
                r"\b(?:senior|high[\s-]+level)\s+officials['’]?(?:\s*(?:meetings?|consultations?)|[^.]{0,40}?\bmet\b)?|\bSOM\b|\b1\s*\+\s*5\s+(?:meeting|consultations?)"
                r"|\bmeeting\s+of\s+(?:the\s+)?(?:deputy|vice)[\s-]+(?:foreign\s+)?ministers"
                r"|\b(?:deputy|vice)[\s-]+(?:foreign\s+)?ministers\b[^.]{0,60}?\bmet\b",
                "senior_officials",
            ),
            (
                r"\bworking[\s-]+level\s+(?:meetings?|consultations?|talks)?|\bworking\s+group\s+meetings?|\bmeetings?\s+of\s+(?:the\s+)?working\s+group"
                r"|\bpreparatory\s+meeting\s+of\s+experts|\bexperts['’]\s+(?:preparatory\s+)?meeting|\bmeeting\s+of\s+experts",
                "working_group",
            ),
        ]
        for pattern, kind in patterns:
            for match in re.finditer(pattern, self.text, re.I):
                sentence = self.sentences[self.sentence_index(match.start())].text
                if not re.search(
                    r"\b(meetings?|consultations?|talks|held|met|preparat|prepared|ahead|preceded)\b",
                    sentence,
                    re.I,
                ):
                    continue
                if (
                    kind == "senior_officials"
                    and re.search(
                        r"\bminister(?:ial)?\b[^.]{0,30}\b(level|format)\b", match.group(0), re.I
                    )
                    is None
                    and not re.search(r"meeting|consultation|talks|prepar", sentence, re.I)
                ):
                    continue
                if not re.search(
                    r"prepar|ahead|preced|before|held|holding|preliminary|finali[sz]|draft",
                    sentence,
                    re.I,
                ):
                    continue
                if kind in kinds_seen:
                    continue
                kinds_seen.add(kind)
                found.append(
                    Found(
                        {"kind": kind, "text": match.group(0).strip()},
                        match.start(),
                        match.end(),
                        0.7,
                    )
                )
        return found

    # proposals, documents, decisions ----------------------------------------------------------

    CLAUSE_BREAK = re.compile(
        r",\s+(?:while|whereas|and)\s+(?=(?:the\s+)?[A-Z])|;\s+"
        r"|,?\s+and\s+(?=(?:also\s+)?(?:call|propos|suggest|urg|invit|put\s+forward|advocat|recommend|ask)\w*\b)"
    )

    ENUMERATOR = re.compile(
        r"\s*(?:First(?:ly)?|Second(?:ly)?|Third(?:ly)?|Fourth(?:ly)?|Fifth(?:ly)?|Finally|Lastly)\s*[,:]\s*"
    )
    VAGUE = re.compile(
        r"(?:a\s+)?(?:number|series|set|package|range|list)\s+of\s+(?:[\w-]+\s+){0,2}?(?:initiatives|proposals|ideas|suggestions|measures)"
        r"|(?:several|some|two|three|four|five|new|concrete|specific)\s+(?:[\w-]+\s+){0,2}?(?:initiatives|proposals|ideas|suggestions)",
        re.I,
    )

    def _proposal(self, actor: Actor, sentence: Sentence, clause: str, after: int) -> Found:
        offset = sentence.text.find(clause, after)
        start = sentence.start + max(offset, 0)
        return Found(
            {"country": actor.country, "person": actor.person, "text": clause},
            start,
            start + len(clause),
            0.7,
        )

    def find_proposals(self) -> list[Found]:
        found: list[Found] = []
        enumerating: Actor | None = None  # who "put forward a number of initiatives. First, ..."
        previous: Actor | None = None
        for index, sentence in enumerate(self.sentences):
            lead = self.ENUMERATOR.match(sentence.text)
            if enumerating and lead:
                clause = sentence.text[lead.end() :].strip().rstrip(".").strip()
                if len(clause.split()) >= 3:
                    found.append(self._proposal(enumerating, sentence, clause, lead.end()))
                continue
            enumerating = None
            if index in self.decision_sentences:
                continue
            bounds = [0]
            bounds += [m.end() for m in self.CLAUSE_BREAK.finditer(sentence.text)]
            bounds.append(len(sentence.text))
            for c_start, c_end in pairwise(bounds):
                clause_text = sentence.text[c_start:c_end]
                match = PROPOSAL_VERBS.search(clause_text)
                if not match:
                    continue
                rest = match.group("rest")
                verb = match.group(0)[: len(match.group(0)) - len(rest)]
                actor = self.sentence_actor.get(index)
                if c_start > 0:
                    own = [
                        self.resolve(a)
                        for a in self.actors_in(
                            sentence.start + c_start, sentence.start + c_start + match.start()
                        )
                    ]
                    own = [a for a in own if a.country or a.person]
                    if own:
                        actor = own[0]
                if actor is None and re.search(
                    r"\bit\s+was\s+(?:also\s+)?(?:proposed|suggested)\b|^\s*In\s+particular\b",
                    sentence.text,
                ):
                    actor = previous  # "In particular, it was proposed to ..."
                if actor is None or not actor.country:
                    continue
                # Participial hopes ("voicing hope that the Forum will ...") are courtesy.
                if re.match(r"(voicing|expressing|conveying|hoping)\b", verb, re.I):
                    continue
                clause = re.sub(r"^\s*(?:that|to|for|on|upon|of)?\s*", "", rest)
                clause = re.sub(r"^(?:the\s+)?(?:hope|wish)\s+(?:that|to)\s+", "", clause)
                clause = re.split(
                    r",\s+(?:while|whereas|noting|adding|saying|stressing|underlining|emphasi[sz]ing|pointing)\b|;\s+|,?\s+and\s+(?:also\s+)?(?:called|proposed|suggested|urged|invited|asked)\b",
                    clause,
                )[0]
                clause = re.sub(r"[,;]?\s+(?:and|or)$", "", clause.strip().rstrip(".,").strip())
                if self.VAGUE.fullmatch(clause):
                    enumerating = actor  # the proposals follow, one per sentence
                    continue
                if len(clause.split()) < 3:
                    continue
                # "to A, to B, and to C": one proposal each
                if re.match(r"\s*to\s", rest):
                    items = re.split(r",\s+(?:and\s+)?to\s+(?=\w)", clause)
                else:
                    items = [clause]
                for item in items:
                    item = item.strip().rstrip(",")
                    if len(item.split()) >= 3:
                        found.append(
                            self._proposal(actor, sentence, item, c_start + match.start("rest"))
                        )
            previous = self.sentence_actor.get(index) or previous
            # "welcomed Kazakhstan's proposal to convene a business forum"
            for match in re.finditer(
                r"(?P<state>[A-Z][\w ]{2,40}?)['’]s\s+(?:proposal|initiative|idea|suggestion|offer)\s+(?:to|for|on)\s+(?P<text>[^.;]+)",
                sentence.text,
            ):
                code = None
                for s_match in self._state_re.finditer(match.group("state")):
                    code = self.state_of(s_match.group(0))
                clause = match.group("text").strip().rstrip(",")
                if code and len(clause.split()) >= 3:
                    actor = Actor(
                        code,
                        None,
                        None,
                        sentence.start + match.start(),
                        sentence.start + match.end(),
                    )
                    found.append(self._proposal(actor, sentence, clause, match.start("text")))
        return found

    DOC_KINDS = (
        r"Joint\s+Statement|Joint\s+Declaration|Declaration|Work\s+Plan|Action\s+Plan|Plan\s+of\s+Action|"
        r"Roadmap|Road\s+Map|Communiqu[eé]|Memorand(?:um|a)(?:\s+of\s+Understanding)?|Programme|Program|"
        r"Statement|Agreement|Concept|Strategy|Charter|Protocol|Regulations?|Rules\s+of\s+Procedure|"
        r"List\s+of\s+Outcomes|Outcome\s+Document|Final\s+Document"
    )

    def find_documents(self) -> list[Found]:
        found: list[Found] = []
        seen: set[str] = set()
        for sentence in self.sentences:
            if self._in_the_past(sentence.text):
                continue
            if not re.search(
                r"\b(adopt\w*|sign\w*|approv\w*|endors\w*|issu\w*|releas\w*|concluded|inked)\b",
                sentence.text,
                re.I,
            ):
                continue
            if not re.search(self.DOC_KINDS, sentence.text, re.I):
                continue
            titles: list[tuple[str, int]] = []
            for match in re.finditer(r"[“\"]([^”\"]{6,250})[”\"]", sentence.text):
                if re.search(self.DOC_KINDS, match.group(1), re.I):
                    titles.append((match.group(1), match.start(1)))
            if not titles:
                word = r"[“\"]?[A-Z0-9][\w’'+–—-]*[”\"]?"
                pattern = (
                    rf"(?:(?:{word}|of|on|for|the|and|between|to|in|\+)\s+)*?"
                    rf"(?:{self.DOC_KINDS})(?:\s+\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?"
                    rf"(?:\s+(?:of|on|for|between|to|in)\s+(?:the\s+)?(?:(?:{word}|of|and|the|in|on|for|to|between|meeting|session|summit|–|-|\+)\s*)+)?"
                )
                for match in re.finditer(pattern, sentence.text):
                    # "the Joint Statement of ... and the 2021 Work Plan of ...": two titles
                    parts = re.split(r"\s+and\s+(?:the\s+)?(?=[“\"]?[A-Z0-9])", match.group(0))
                    if len(parts) > 1 and all(re.search(self.DOC_KINDS, p) for p in parts):
                        cursor = 0
                        for part in parts:
                            at = match.group(0).find(part, cursor)
                            cursor = at + len(part)
                            titles.append((part, match.start() + at))
                    else:
                        titles.append((match.group(0), match.start()))
            for title, offset in titles:
                unquoted = re.sub(r"[“”\"]", "", title)
                if unquoted != title and unquoted.strip() in sentence.text:
                    title, offset = unquoted, sentence.text.find(unquoted.strip())
                clean = re.sub(r"^(?:(?:a|an|the|The|A|An)\s+)+", "", title.strip()).strip(" ,.")
                clean = re.sub(r"[“”\"]", "", clean)
                clean = re.sub(r"\s+(?:and|the|of|on|for|in|to)$", "", clean)
                lead = len(title) - len(title.lstrip())
                if not re.match(r"[A-Z0-9]", clean) or len(clean) < 5:
                    continue
                key = fold(clean)
                if key in seen:
                    continue
                seen.add(key)
                start = sentence.start + offset + lead + max(title.strip().find(clean), 0)
                found.append(Found(clean, start, start + len(clean), 0.8))
        # "Joint Roadmap" in a headline and "Joint Roadmap for Deepening Ties ..." in the text
        folded = [fold(f.value) for f in found]
        return [
            f
            for f, key in zip(found, folded, strict=True)
            if not any(other != key and other.startswith(key + " ") for other in folded)
        ]

    def _in_the_past(self, text: str) -> bool:
        """The sentence speaks of an earlier year only ("adopted its Strategy in June 2019")."""
        year = self._meeting_year
        years = [
            int(m.group(1))
            for m in re.finditer(r"\b(19[5-9]\d|20\d\d)\b", text)
            if not re.search(
                r"\b(since|launched|established|founded|created|set\s+up)\b[^.,;]{0,25}$",
                text[: m.start()],
                re.I,
            )
        ]
        return bool(year and years and max(years) < year)

    def find_decision_sentences(self) -> set[int]:
        indexes = set()
        for index, sentence in enumerate(self.sentences):
            text = sentence.text
            if index == 0 and not text.rstrip().endswith((".", "!", "?")):
                continue  # a headline repeats what the report says in full
            if self.ENUMERATOR.match(text) or (
                PROPOSAL_VERBS.search(text)
                and not re.search(r"\b(agreed|decided|resolved)\b", text, re.I)
            ):
                continue
            if (
                (
                    re.search(
                        r"\b(next|following|upcoming)\b(?!\s+(?:year|month|week|day))[^.]{0,60}\b(Forum|meeting|Dialogue|Summit|session|edition|forum|summit|dialogue|ministerial)\b",
                        text,
                        re.I,
                    )
                    and re.search(r"\b(hold|held|host|convene|take\s+place|venue|in\s+[A-Z])", text)
                )
                or re.search(
                    r"\b(agreed|decided|resolved)\s+to\s+(hold|convene)\b"
                    r"|\b(agreed|decided|resolved)\b[^.]{0,200}\band\s+to\s+(hold|convene)\b",
                    text,
                    re.I,
                )
                or (
                    re.search(
                        r"\bwill\s+(?:be\s+)?(?:hosted|held|take\s+place)\b|\bwill\s+host\b",
                        text,
                        re.I,
                    )
                    and re.search(r"\b(20\d\d|next)\b", text)
                )
            ):
                indexes.add(index)
        return indexes

    def find_decisions(self) -> list[Found]:
        found: list[Found] = []
        for index in sorted(self.decision_sentences):
            sentence = self.sentences[index]
            city = None
            # the venue follows the verb: not "adopted the Busan Declaration and agreed to hold"
            verbs = list(
                re.finditer(
                    r"\b(?:hold|held|host|hosted|convene|take\s+place|venue)\b", sentence.text, re.I
                )
            )
            after = verbs[-1].end() if verbs else 0
            for match in self._city_re.finditer(sentence.text, after):
                city = {"Ashkhabad": "Ashgabat", "Xian": "Xi'an"}.get(
                    match.group(1), match.group(1)
                )
                break
            years = re.findall(r"\b(20\d\d)\b", sentence.text)
            year = int(years[-1]) if years else None
            if year is None and re.search(r"\bnext\s+year\b", sentence.text, re.I):
                base = self.published.year if self.published else None
                year = base + 1 if base else None
            found.append(
                Found(
                    {
                        "kind": "next_edition",
                        "text": sentence.text.strip(),
                        "city": city,
                        "year": year,
                    },
                    sentence.start,
                    sentence.end,
                    0.8,
                )
            )
        for index, sentence in enumerate(self.sentences):
            text = sentence.text
            if index in self.decision_sentences:
                # "decided to establish X and agreed to hold the 5th meeting in Y": X apart
                text = re.split(
                    r",?\s+and\s+(?:also\s+)?(?:(?:agreed|decided)\s+)?to\s+hold\b", text
                )[0]
                if text == sentence.text:
                    continue
            if self._in_the_past(text) or re.search(
                r"\b(last\s+year|previous(?:ly)?|earlier|in\s+(?:19|20)\d\d\s*,|had\s+agreed)\b",
                text,
                re.I,
            ):
                continue
            kind = None
            if re.search(
                r"\b(appoint\w*|elected|approved\s+(?:the\s+)?(?:appointment|candidacy|nomination)|named\s+[^.]*\bas\b|designated)\b",
                text,
                re.I,
            ) and re.search(
                r"\b(Secretary[\s-]General|Director|Head|Chair|Executive|Secretariat|Coordinator|President)\b",
                text,
            ):
                kind = "appointment"
            elif re.search(
                r"\b(admitted|admission|granted\s+observer|new\s+member|observer\s+status|joined\s+as\s+(?:a\s+)?(?:member|observer)|as\s+an?\s+(?:full\s+|new\s+)?(?:member|observer)|full\s+member(?:ship)?)\b",
                text,
                re.I,
            ) and re.search(
                r"\b(admit\w*|welcom\w*|grant\w*|decid\w*|decision|agreed|approv\w*|accept\w*|became|joined|join)\b",
                text,
                re.I,
            ):
                kind = "new_member"
            elif re.search(
                r"\b(agreed|decided|resolved|approved)\b[^.]{0,80}\b(establish\w*|set\s+up|creat\w*|upgrad\w*|rais\w*|elevat\w*|institutionali[sz]\w*|launch\w*|join\w*)\b[^.]{0,80}\b(secretariat|format|mechanism|level|council|fund|platform|centre|center)\b",
                text,
                re.I,
            ):
                kind = "institutional"
            if kind:
                found.append(
                    Found(
                        {"kind": kind, "text": text.strip(), "city": None, "year": None},
                        sentence.start,
                        sentence.end,
                        0.65,
                    )
                )
        return found

    # conflicts --------------------------------------------------------------------------------

    def find_conflicts(self, result, listed, speakers, chairs) -> list[dict]:
        conflicts: list[dict] = []
        names = {code: names[0] for code, (names, _) in self.gazetteer.states.items() if names}
        by_state: dict[str, list[Actor]] = {}
        for actor in listed:
            by_state.setdefault(actor.country, []).append(actor)
        for code, entries in by_state.items():
            ranks_given = {e.rank for e in entries if e.rank}
            if "minister" in ranks_given and len(ranks_given & MINISTERIAL) > 1:
                ranks_given.discard("minister")  # "the ministers" said of a listed minister
            if len(ranks_given) > 1:
                ranks = ", ".join(
                    sorted({(e.rank or "rank not given").replace("_", " ") for e in entries})
                )
                conflicts.append(
                    {
                        "kind": "duplicate_participant",
                        "text": f"{names.get(code, code)} is listed {len(entries)} times among the participants ({ranks}).",
                    }
                )
        if listed:
            missing: list[str] = []
            for actor in speakers:
                if (
                    actor.country
                    and actor.country not in by_state
                    and actor.country not in {c.country for c in chairs}
                    and actor.country not in missing
                ):
                    missing.append(actor.country)
            for code in missing:
                conflicts.append(
                    {
                        "kind": "speaker_not_listed",
                        "text": f"{names.get(code, code)} takes part (speaks or chairs) but is missing from the list of participants.",
                    }
                )
        if self.published and result["start_date"]:
            start = dt.date.fromisoformat(result["start_date"])
            if start > self.published:
                conflicts.append(
                    {
                        "kind": "date_after_publication",
                        "text": f"The meeting's date ({start.isoformat()}) is after the report's publication ({self.published.isoformat()}).",
                    }
                )
        conflicts.extend(self.count_conflicts(result, listed))
        return conflicts

    COUNTS = {
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
    }

    def count_conflicts(self, result, listed) -> list[dict]:
        conflicts = []
        participating = {p["country"] for p in result["participants"] if p["country"]}
        ca_named = participating & CENTRAL_ASIA
        for sentence in self.sentences:
            for match in re.finditer(
                r"\b(?P<n>two|three|four|five|six|seven|eight|nine|\d)\s+(?P<ca>Central\s+Asian\s+)?(?:states|countries|nations|member\s+states|delegations)\b",
                sentence.text,
                re.I,
            ):
                named_in_sentence = {
                    code for s, e, code in self.mentions if sentence.start <= s < sentence.end
                }
                if not (
                    LIST_CUES.search(sentence.text)
                    or (EVENT_VERBS.search(sentence.text) and len(named_in_sentence) >= 2)
                ):
                    continue
                raw = match.group("n").lower()
                number = int(raw) if raw.isdigit() else self.COUNTS[raw]
                named_here = {
                    code for s, e, code in self.mentions if sentence.start <= s < sentence.end
                }
                if not LIST_CUES.search(sentence.text):
                    # a count beside the states it names: compare with those alone
                    named = named_here & CENTRAL_ASIA if match.group("ca") else named_here
                elif match.group("ca"):
                    named = (
                        named_here & CENTRAL_ASIA
                        if len(named_here & CENTRAL_ASIA) >= 2
                        else ca_named
                    )
                else:
                    named = named_here if len(named_here) >= 2 else participating
                if named and len(named) != number:
                    conflicts.append(
                        {
                            "kind": "count_mismatch",
                            "text": f"The text speaks of {match.group(0)} but names {len(named)}.",
                        }
                    )
                    return conflicts
        return conflicts


def _unwrap(text: str) -> str:
    """The text with the line breaks of wrapped paragraphs made spaces (offsets kept).

    A break ends a sentence only after a blank line, after closing punctuation, or after a short
    line such as a headline.
    """
    chars = list(text)
    line_start = 0
    for i, char in enumerate(text):
        if char != "\n":
            continue
        line = text[line_start:i].rstrip()
        following = text[i + 1 : i + 2]
        if line and following not in ("\n", "") and len(line) >= 50 and line[-1] not in '.!?:”"':
            chars[i] = " "
        line_start = i + 1
    return "".join(chars)


def _roman(text: str) -> int | None:
    total, previous = 0, 0
    for char in reversed(text.upper()):
        value = ROMAN.get(char)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


def extract(
    text: str, *, published: dt.date | None = None, gazetteer: Gazetteer | None = None
) -> dict:
    """The facts a report states, as the object of docs/intake.md.

    ``text`` is plain text (reduce HTML first with ``html_to_text``); the spans point into it.
    Without a ``gazetteer`` the database's is used.
    """
    if gazetteer is None:
        gazetteer = Gazetteer.from_database()
    return Extractor(text=text, published=published, gazetteer=gazetteer).run()
