"""The rule layer of the risk check: text normalisation and curated patterns.

Each pattern has a name (reported as a signal), a level it implies for the writer's own risk,
and whether it speaks about someone else. Subject and negation are judged per clause.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# --- normalisation ---------------------------------------------------------------------------

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "\u00a0": " "})
_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2060\ufeff]")
_LEET = str.maketrans(
    {"1": "i", "!": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s", "5": "s", "7": "t"}
)
_LEET_WORD = re.compile(r"\b[a-z]+[0-9!@$][a-z0-9!@$]*")
_SPELLING = {
    r"\bmy ?sle?f\b|\bmyslef\b|\bmysefl\b|\bmysself\b|\bmyselfe\b|\bmysef\b": "myself",
    r"\bsu+i+c+i+d+i+a+l\b|\bsuicdal\b|\bsuicidel\b|\bsucidal\b|\bsuisidal\b": "suicidal",
    r"\bsu?ic+i?de\b|\bsucide\b|\bsuicde\b|\bsuiside\b|\bsuacide\b|\bsewer ?slide\b": "suicide",
    # "want to unalive": with no one named after it, the writer means themself
    r"(?<!['\"])\bunalive\b(?!['\"])(?! (?:my ?self|me|him|her|them|your ?self|someone|people|them ?selves|himself|herself))": "kill myself",
    r"(?<!['\"])\bunaliving\b(?!['\"])(?! (?:my ?self|me|him|her|them|your ?self|someone|people|them ?selves|himself|herself))": "killing myself",
    r"\bunaliv(e|ing|ed)\b": r"kill\1",
    r"\bkms\b": "kill myself",
    r"\bs[u*][i*]c[i*]de\b|\bctb\b|\b[s5$]u[i1!]c[i1!]d[e3]\b": "suicide",
    r"\bs[u*][i*]c[i*]dal\b": "suicidal",  # "s*icidal"
    r"\bk\*+ll": "kill",  # "k*ll myself"
    r"\bd\*e\b": "die",
    r"\btakin\b": "taking",
    r"\bthinkin\b": "thinking",
    r"\bkmsl?\b": "kill myself",
    r"\bk(?:i|1)l(?:l)?\b": "kill",
    r"\bwanna\b": "want to",
    r"\bgonna\b": "going to",
    r"\bgotta\b": "got to",
    r"\bdont\b": "don't",
    r"\bcant\b": "can't",
    r"\bwont\b": "won't",
    r"\bdidnt\b": "didn't",
    r"\bisnt\b": "isn't",
    r"\bwasnt\b": "wasn't",
    r"\bim\b": "i'm",
    r"\bive\b": "i've",
    r"\bill\b(?= (?:just|never|end|kill|do|be))": "i'll",
    r"\bthats\b": "that's",
    r"\bu\b": "you",
    r"\bppl\b": "people",
    r"\bpt\b": "patient",
    r"\bcl\b": "client",  # case-note shorthand: "cl attempted on the weekend"
    r"\bhes\b": "he's",
    r"\bshes\b": "she's",
    r"\btheyre\b": "they're",
    r"\byrs?(?= old\b)": "year",  # "a 14 yr old"
    r"\bpts\b": "patients",
    r"\bw/o\b": "without",
    r"\bo\.?d\.?(?:'d|ed)\b": "overdosed",  # od'd, oded; not "odd" (ODd is read before lower case)
}
_SPELLING_RE = [(re.compile(p), r) for p, r in _SPELLING.items()]
_OD_CAPS = re.compile(r"\bO\.?D\.?'?d\b")  # "my client ODd": in lower case it is "odd"


def normalize(text: str) -> str:
    """Lower case, straight quotes, no zero-width or control characters, common obfuscations undone."""
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text).translate(_QUOTES)
    text = _OD_CAPS.sub("overdosed", text)
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text).lower()
    text = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), text)
    text = re.sub(r"([^\W\d])\1{2,}", r"\1\1", text)  # sooooo -> soo; 1999 stays
    text = re.sub(r"\b(?:\w ){2,}\w\b", lambda m: m.group(0).replace(" ", ""), text)  # k i l l
    for pattern, replacement in _SPELLING_RE:
        text = pattern.sub(replacement, text)
    return re.sub(r"[ \t]+", " ", text)


_CLAUSE = re.compile(r"(?<=[.!?;\n])\s+|\s+(?:but|although|though|however|except)\s+")


def clauses(text: str) -> list[str]:
    """Sentences split further at contrastive conjunctions ('not suicidal, but ...')."""
    return [c.strip() for c in _CLAUSE.split(text) if c and c.strip()]


# --- subjects and negation ---------------------------------------------------------------------

OTHER_PERSON = (
    r"(?:client|patient|pt|resident|service user|consumer|kid|child|teen|teenager|youth|"
    r"student|colleague|coworker|co-worker|partner of a client|mom|mum|dad|son|daughter|"
    r"brother|sister|friend|husband|wife|boyfriend|girlfriend|veteran|man|woman|boy|girl|"
    r"someone on my caseload|family|parent|caller|guy|lady|person|lad|lass|pupil|young person|"
    r"adolescent|baby|toddler|carer|crew ?mate|(?:\d+[- ]?)?year[- ]old|\d+ ?y/?o|\d+ ?[mf]|"
    r"fella|fellow|bloke|chap|gent|inmate|detainee|prisoner|offender|kiddo|regulars|gentleman|gentlemen|"
    r"(?:bed|bay) ?\d+(?! ?(?:hours?|hrs?|mins?|minutes?|am|pm|days?|nights?|weeks?|times?)\b)|"
    r"neighbou?r|nephew|niece|cousin|uncle|aunt|aunty|auntie|grandad|granddad|"
    r"registrar|probationer|trainee|recruit|flatmate|"
    r"roommate|housemate|spouse|gran|granny|grandma|grandpa|grandmother|grandfather|youngster)s?"
)
# A risk word used to name someone else or a job: "overdose pt in majors", "a hanging job".
NAMES_OTHER = re.compile(
    rf"^\s*(?:attempt\s+)?(?:{OTHER_PERSON}|calls?|jobs?|cases?|admissions?|callouts?|shouts?|"
    r"referrals?|presentations?|incidents?)\b"
)
_THIRD = re.compile(
    rf"\b(?:(?:my|our|a|the|this|one|another|that|his|her|their)\s+(?:\w+\s+){{0,2}}{OTHER_PERSON}|"
    rf"^(?:\w+\s+){{0,1}}{OTHER_PERSON}|:\s+(?:\w+\s+){{0,1}}(?!\d){OTHER_PERSON}|(?:him|her|them)sel(?:f|ves)|(?:mr|mrs|ms|miss|mx)\.? [a-z]+|"
    r"a y(?:ea)?r ?\d{1,2}(?= (?:who|girl|boy|kid|pupil|student|lad|lass)\b)|"
    r"she|he|they|she's|he's|they're|her|him|them)\b"
)
# "Aidan's self-harm", "the girl's overdose": someone else's, named by a possessive.
_POSSESSIVE = re.compile(r"\b(?!(?:it|that|he|she|what|there|who|where|here|let)'s)[a-z]+'s\s*$")
# "3 of my young people self-harmed", but not "reading up on how people end it" (a method).
# "resus last night: young lad, overdose": the person named just before, a comma between.
_NAMED_RIGHT_BEFORE = re.compile(rf"\b(?:{OTHER_PERSON}|(?<!how )(?:people|folks))\s*[,:]?\s*$")
# The person is the subject just before the words: "student had taken", "pts who want to", "9yo
# talking about". Only when the writer says nothing of themself after them in the clause: in
# "kids who self-harm, and I've started doing it again myself" the words are the writer's too.
_NAMED_AS_SUBJECT = re.compile(
    rf"\b(?:{OTHER_PERSON}|people|folks|(?<!i'm )(?<!im )(?<!i am )the one|(?<=\ba )y(?:ea)?r ?\d{{1,2}})"
    r"\s+(?:who|who'd|who's|who'd been|that|with|(?:has|had|have|is|was|were|are|keeps?|kept)(?: been)?|"
    r"[a-z]+ing(?: about)?|expressed|voiced|reports?|reported|disclosed|endorsed|endorses|"
    r"describ(?:es|ed)|verbali[sz](?:es|ed)|threaten(?:s|ed)?|tried|wants?|wanted|plans?|planned)"
    r"\s+(?:[a-z-]+\s+)?$"
)
# "a young person I support is cutting again", "the resident I supervise said": the "I" of a
# relative clause names how the writer knows the person, not who is at risk.
_RELATIVE_I = re.compile(
    rf"\b{OTHER_PERSON}\s+((?:i|we)(?:'ve| have| had)?\s+(?:used to\s+)?(?:support(?:ed)?|"
    r"work(?:ed)? with|see|saw|seen|supervis(?:e|ed)|discharged|placed|assess(?:ed)?|"
    r"treat(?:ed)?|look(?:ed)? after|care(?:d)? for|nurs(?:e|ed)|met|know|knew|visit(?:ed)?|"
    r"manage(?:d)?|admitted|referred|interviewed|counsel(?:l?ed)?|coach(?:ed)?|teach|taught|"
    r"mentor(?:ed)?|train(?:ed)?|sectioned|triaged|transported|spoke (?:to|with)|talked to|"
    r"sat with|did a [a-z]+ (?:check|visit|assessment) on|key[- ]?work(?:ed)?(?: with)?)"
    r"(?: (?:last|this|on|in) [a-z]+)?)\b"
)
_SELF_DESCRIBED = re.compile(
    r"\b(?:like|i'm|im|i am|am|such|being|as|was|feel|felt|become|became|just)\s+$"
)
_FIRST_IN_MATCH = re.compile(r"\b(?:my|myself|me)\b")
_I_AT_START = re.compile(r"i\b")  # the words begin with the writer as subject
_FIRST = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)\b")
_NEGATION = re.compile(
    r"\b(?:not|never|no|nor|without|n't|don't|do not|didn't|won't|wouldn't|isn't|aren't|"
    r"wasn't|haven't|hasn't|nothing like|far from|zero|none|free (?:of|from))\b|n't\b"
)
# The words answered with a plain no right after them: "thoughts of ending my life: no.",
# "exhausted yes. suicidal no."
_ANSWERED_NO = re.compile(r"\s*(?:[:?,-]\s*)?(?:no|nope|nah|never|none)\s*(?:[.!,;)]|$)")
_NOT_NEGATING = re.compile(r"(?:can't|cannot|couldn't|won't|don't) (?:stop|shake|help|get rid)")


def negated(clause: str, start: int, end: int | None = None) -> bool:
    """A negation shortly before the match, in the same clause ('not suicidal', 'never hurt myself'),
    or a plain no answering it ('wanting to die, no.')."""
    if end is not None and _ANSWERED_NO.match(clause, end):
        return True
    window = clause[max(0, start - 40) : start]
    window = re.split(
        r"[,.!?;:—–]| - |\bi\b(?!'m not|'ve never| never| don't| do not| won't| will not)", window
    )[-1]
    window = _NOT_NEGATING.sub("", window)
    return bool(_NEGATION.search(window))


_GENERIC = re.compile(r"^(?:a|an|any|some|most|many)\b|s$")


def generic_other(clause: str, start: int) -> bool:
    """The person before the match is anyone ('a client with suicidal thoughts'), not a case."""
    others = list(_THIRD.finditer(clause[:start]))
    return bool(others) and bool(_GENERIC.search(others[-1].group(0)))


_IF_I_WERE_GONE = re.compile(
    r"\bif i (?:just )?(?:wasn't|weren't|was not|were not|wasnt|werent|was gone|were gone|died)\b"
)


def subject_is_other(clause: str, start: int, end: int) -> bool:
    """The match is about someone else: a third person stands before it with no 'I' after them."""
    if _IF_I_WERE_GONE.search(clause[start:end]):
        return False  # "they'd breathe easier if I wasn't here": the writer's own absence
    before = clause[:start]
    for rel in _RELATIVE_I.finditer(before):
        a, b = rel.span(1)
        before = before[:a] + " " * (b - a) + before[b:]
    if _POSSESSIVE.search(before) or _NAMED_RIGHT_BEFORE.search(before):
        return True
    if _NAMED_AS_SUBJECT.search(before) and not _FIRST.search(clause[end:]):
        return True
    if _FIRST_IN_MATCH.search(clause[start:end]) or _I_AT_START.match(clause[start:end]):
        return False  # "how many of my tablets it would take", "i know when he's alone"
    # "I feel like a terrible person and want to die": the writer describing themself
    others = [m for m in _THIRD.finditer(before) if not _SELF_DESCRIBED.search(before[: m.start()])]
    if not others:
        reflexive = re.search(r"\b(?:him|her|them)sel(?:f|ves)\b", clause[start : end + 12])
        return bool(reflexive)
    last_other = others[-1].end()
    firsts = [m for m in _FIRST.finditer(before) if m.start() >= last_other]
    # "my client said I ..." is unusual; "my client told me she wants to die" keeps "she".
    return not any(m.group(0) in ("i", "i'm", "i've", "i'd", "i'll") for m in firsts)


# A risk word naming an event the writer attended or is talking about, not something they did:
# "responded to an attempted hanging", "today's call was an overdose", "third call-out to the same
# overdose", "after the suicide on my patch".
_EVENT_CALLOUT = re.compile(
    r"\b(?:cat(?:egory)? ?[1-4] for|attend(?:ed|ing)?|respond(?:ed|ing)? to|(?:worked|working) on|"
    r"(?:called|sent|dispatched|went|go|going|got) "
    r"(?:out )?to|call[- ]?outs? to|(?:call|job|shout|incident)(?: was| is|\s*[,:-])|we(?:'ve)? (?:had|got)|"
    r"(?:on )?scene (?:at|of)|(?:ward|unit|team|station|service|school|department) (?:had|has had))\s+"
    r"(?:a|an|the|that|this|another|\d+|two|three|four|five)(?: same| latest| recent)?\s+(?:[a-z]+(?:\s+|-))?$"
)
_EVENT_DEFINITE = re.compile(
    r"\b(?:after|following|on|to|at) (?:the|that|this)(?: same| latest| recent)?\s+(?:[a-z]+(?:\s+|-))?$"
)
# "awake every night since the inpatient suicide": a word that says whose; not "since the
# overdose" or "since my last overdose", which may be the writer's own.
_EVENT_SINCE = re.compile(r"\bsince (?:the|that) (?!last|first|second|third)[a-z-]+\s+$")


_METHOD_AFTER = re.compile(
    r"\s*(?:options?|methods?|ways?|plans?|notes?|letters?|ideas?|thing|route|pact|kit|bag|"
    r"thoughts?|urges?|feelings?)\b"
)


# "the 6th overdose of the shift", "third overdose through resus tonight": one of a run of cases.
_EVENT_ORDINAL = re.compile(
    r"(?:^|\b(?:the|another)\s+)(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|another)\s+$"
)
_EVENT_SHIFT = re.compile(
    r"^\s*(?:of (?:the|my|this|our|today's|tonight's) (?:shift|night|day|week|weekend|set)|"
    r"(?:this|today|tonight|on) (?:shift|morning|afternoon|evening)|tonight|today|through|"
    r",\s*another\b|"  # "another overdose, another funeral": a run of them
    r"in (?:resus|majors|the department|ed|a&e|bay \d+))\b"
)

# "the suicide of a client", "the overdose of one of our residents": whose, named after.
_EVENT_OF = re.compile(
    rf"^\s*of (?:a|an|the|our|my|his|her|their|one of (?:our|my|the))\s+(?:[a-z-]+\s+)?{OTHER_PERSON}\b"
    r"(?!')"  # not "an overdose of my mum's tablets"
)

_EVENT_NOUN = re.compile(r"\b(?:suicide|overdose|attempt|hanging)$")
# "last year's inpatient suicide", "the client overdose": one that happened, named just before;
# not "postvention after a patient suicide", a kind of event.
_EVENT_WHOSE = re.compile(
    r"(?:'s|\b(?:the|that|this|our|their))\s+(?:[a-z-]+\s+)?(?:inpatient|in-patient|patient|"
    r"client|staff|student|colleague|prisoner|custody|resident)\s+$"
)

# "second overdose this month for one of our regulars", "an overdose in a 14 year old": whose,
# named after "for" or "in"; not "in front of my kids", and not "of my mum's tablets".
_EVENT_FOR = re.compile(
    r"^\s*(?:(?:this|last|that) (?:week|month|year|night|shift|weekend)\s+)?(?:for|in) "
    rf"(?:one of )?(?:a|an|our|my|the|his|her|their)\s+(?:[a-z-]+\s+)?{OTHER_PERSON}\b(?!')"
)
# "attended a sudden death today, suicide": the job named, then what it was.
_EVENT_APPOSITION = re.compile(
    r"\b(?:attend(?:ed|ing)|respond(?:ed|ing) to|called to|sent to|(?:went|go|going) to) (?:a|an|the) "
    r"[a-z ]{0,30}\b(?:death|job|call|scene|incident|shout)\b[a-z ]{0,15},\s*(?:a |another )?$"
)
# "since the suicide on the ward": where it happened names it as one met at work.
_EVENT_PLACE = re.compile(
    r"^\s*(?:on|at|in) (?:the|my|our) (?:ward|unit|patch|station|service|team|caseload|shift|"
    r"job|school|base|estate|block)\b"
)
# "found dead last week, coroner says suicide": a ruling on someone's death.
# Not "after the inquest last year I took everything in the drawer": the writer is the subject.
_EVENT_RULING = re.compile(
    r"\b(?:coroner|inquest|verdict|ruled|cause of death)\b"
    r"(?:(?!\b(?:i|i'm|i've|i'd|me|my)\b)[^.!?]){0,30}$"
)

# "each client I've lost to suicide", "a supervisee's client dies by suicide": someone's death.
_EVENT_LOST = re.compile(r"\b(?:lost (?!myself\b|me\b)(?:[a-z']+\s+){0,4}to|dies by)\s+$")


def event(clause: str, start: int, end: int) -> bool:
    """The match names an event the writer met at work, not their own act.

    A call-out verb may take any article. A plain preposition needs a definite one and no "I"
    earlier in the clause: "in hospital after the overdose" said by the writer is their own.
    """
    before = clause[:start]
    if _METHOD_AFTER.match(clause[end:]):
        return False  # "reading up on the suicide options": a method, not an event
    if _EVENT_CALLOUT.search(before) or _EVENT_SINCE.search(before):
        return True
    if _EVENT_APPOSITION.search(before):
        return True
    if _EVENT_ORDINAL.search(before) and _EVENT_SHIFT.match(clause[end:]):
        return True
    if _EVENT_NOUN.search(clause[start:end]) and (
        _EVENT_OF.match(clause[end:]) or _EVENT_WHOSE.search(before)
    ):
        return True
    if _EVENT_LOST.search(before) or _EVENT_RULING.search(before):
        return True
    if _EVENT_FOR.match(clause[end:]):
        return True
    if (
        _EVENT_NOUN.search(clause[start:end])
        and _EVENT_PLACE.match(clause[end:])
        and not _FIRST.search(before)
    ):
        return True
    return bool(_EVENT_DEFINITE.search(before)) and not _FIRST.search(before)


# --- patterns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    level: str  # crisis | concern
    regex: re.Pattern
    negatable: bool = True
    self_only: bool = False  # the words themselves name the writer (myself, my life)


def _r(name: str, level: str, pattern: str, negatable: bool = True, self_only: bool = False):
    return Rule(name, level, re.compile(pattern), negatable, self_only)


_SELF = r"(?:myself|my ?self|my own life|my life)"
# Medicines by kind and by name, for taking, saving or stockpiling them.
_DRUGS = r"(?:pills|meds|tablets|medication|sleeping (?:pills|tablets)|sleepers|diazepam|valium|lorazepam|zopiclone|zolpidem|ambien|benzos|oxy\w*|oramorph|morphine|fentanyl|codeine|co-?codamol|co-?dydramol|tramadol|paracetamol|tylenol|ibuprofen|insulin|sertraline|amitriptyline|propranolol|painkillers)"
_DIE = r"(?:die|be dead|not exist|not be here|not be alive|disappear forever|stop existing|not wake up|stop breathing)"
_RELIEF = r"(?:relief|easier|peaceful|a mercy|nice|better) (?:to|if i could) (?:just )?(?:not exist|stop existing|be gone|not be here|never wake up|not wake up|disappear|be dead|die)"

RULES: tuple[Rule, ...] = (
    # crisis: thoughts of suicide, active or passive
    _r(
        "suicide_word",
        "crisis",
        r"\bsuicid(?:e|al|ality)\b|\bkill(?:ing)? myself\b|\bself[- ]?harm",
    ),
    _r(
        "end_life",
        "crisis",
        rf"\b(?:end(?:ing)?|take|taking|took) {_SELF}\b|"
        # "I am thinking to finish my life", not "these nurses are finishing my life"
        r"\b(?:to|should|will|i'll|shall|i) finish my (?:own )?life\b|"
        r"\boff(?:ing)? myself\b|\bfinish(?:ing)? myself\b|"
        # not "threw myself into the job"
        r"\b(?:throw|throwing|threw|yeet|yeeting|yeeted|fling|launch|hurl) myself (?:off|in front|under)\b",
        self_only=True,
    ),
    _r(
        "end_it",
        "crisis",
        r"\bending anything\b|\bend(?:ing)? (?:it|it all|things|everything)\b(?! (?:with|between|at work|there|early|on a))|\bcheck(?:ing)? out (?:for good|permanently|early)\b|\bready to (?:check|clock|tap|sign|bow) out(?=\s*[.!,;]|\s*$| (?:of|from) (?:everything|life|it all|all of it))|\b(?:do|doing) it (?:tonight|this weekend|soon|tomorrow)\b|\bnot (?:be )?(?:here|around) (?:by|after|for) (?:the|next|much)\b|\b(?:won't|will not|don't think i'll|not going to|i'll not) be (?:here|around|alive) (?:by|for|after|much|next|this|at)\b|\b(?:picked|chosen|set|decided on) (?:a |the )?(?:date|day|night|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?!\s+(?:for(?! it\b)|to|off|of|shift|rota)\b)|\b(?:picked|chosen) (?:a |the |my )?(?:spot|place|location)\b(?!\s+(?:for|to)\b)|\bsort(?:ed|ing)? (?:out )?my (?:affairs|will|life insurance)\b|\bsaid (?:my )?goodbyes?\b|\bthis is (?:my|the) last (?:shift|time|message)\b|\blast (?:message|goodbye) (?:from me|to you)\b",
    ),
    # "SI, daily. passive -> becoming active": the writer's own, in a clinician's shorthand
    _r(
        "ideation_escalating",
        "crisis",
        r"\bpassive\s*(?:si|ideation)?\s*(?:->|-->|=>|→|to|turning|becoming|now)\s*(?:becoming |turning |now )?"
        r"(?:more )?active\b",
    ),
    # "I've kept the leftover meds from her locker", "stopped telling her about the thoughts"
    _r(
        "keeping_means",
        "crisis",
        r"\bi(?:'ve| have)? (?:kept|been keeping|saved|been saving|stashed|pocketed|held on to) (?:the |some |her |his |"
        r"their |a few |all the |all )?(?:leftover |spare |old |unused |extra )?(?:meds|pills|tablets|"
        r"medication|drugs)\b|\b(?:stopped|stop|not|don't|didn't|haven't been) telling (?:her|him|them|"
        r"anyone|my \w+|the \w+) (?:about )?(?:the|my) (?:thoughts|urges|plans?)\b",
        self_only=True,
    ),
    # "just take the lot and sleep for good"
    _r(
        "take_the_lot",
        "crisis",
        r"\b(?:take|taking|took|swallow(?:ing|ed)?|neck(?:ing|ed)?) (?:the lot|them all|all of them|"
        r"the whole (?:lot|box|bottle|pack|packet|strip))\b|\bsleep (?:for good|forever|for ever|"
        r"permanently)\b",
    ),
    # "I just don't plan on being around by Christmas": the negation is the risk
    _r(
        "not_planning_to_be_here",
        "crisis",
        r"\b(?:don't|do not|not|never) (?:plan(?:ning)? on|intend(?:ing)? (?:on )?|counting on) "
        r"(?:being|to be) (?:around|here|alive)\b(?! (?:when|while|for (?:the|that|this) "
        r"(?:meeting|inspection|visit|party|handover|audit)))"
        # "I just dont see myself still being here by christmas"
        r"|\b(?:don't|do not|can't|cannot|never) (?:really )?see myself (?:still )?(?:being )?"
        r"(?:around|alive|here)\b(?! (?:in|at|on|with|working|as|when)\b)"
        # "no point booking things for after next week"
        r"|\bno point (?:booking|arranging|buying|renewing|planning|making) (?:\w+ ){0,4}?for after "
        r"(?:next|this) \w+",
        negatable=False,
    ),
    # "a bottle of wine and most of my sleeping tablets on top": an overdose taken
    _r(
        "overdose_taken",
        "crisis",
        rf"\b(?:took|taken|swallowed|necked) (?:most|all|half|the rest) of (?:my|the) {_DRUGS}\b"
        r"(?! (?:out|off|to|back|for|into)\b)|"
        rf"\b(?:most|all|half|the rest) of (?:my|the) {_DRUGS}\b.{{0,20}}?\b(?:on top|gone|down|"
        r"washed down|swallowed|taken|in me)\b|"
        # "had the whole bottle of wine and most of the co-codamol"
        rf"\b(?:had|taken|took|swallowed|necked|downed)\b[^.!?]{{0,40}}\b(?:and|plus|with) (?:most|all|half|"
        rf"the rest) of (?:my|the) {_DRUGS}\b",
    ),
    # "If I were my own patient I'd be scoring myself high risk", "I'd make sure I didn't survive"
    _r(
        "self_rated_risk",
        "crisis",
        r"\b(?:scor(?:e|ing|ed)|rat(?:e|ing|ed)|assess(?:ing|ed)?|triag(?:e|ing|ed)|flag(?:ging|ged)?) "
        r"myself (?:as )?(?:at )?(?:high(?:[- ]risk)?|red)\b|\b(?:scor|rat|assess|triag)\w* myself (?:on|using|with|against) "
        r"(?:our|the|my|a) (?:own )?(?:\w+ ){0,3}(?:tool|scale|matrix|form|proforma)\b.{0,20}?\b(?:i'm|i am|i'd be|i come "
        r"out|it says|comes? out) (?:at )?(?:high(?:[- ]risk)?|red)\b|\bif i (?:were|was) my own (?:patient|client)"
        r"\b.{0,80}\b(?:high[- ]risk|detain\w*|section\w*|admit\w*|ideation|suicid\w*)|"
        r"\bmake sure i (?:didn't|wouldn't|don't|won't) (?:survive|wake up|come back)\b",
    ),
    # "the only way out I can see is to stop breathing"
    _r(
        "only_way_out",
        "crisis",
        rf"\bthe only (?:way out|way|exit|escape|answer|option|fix)(?: (?:\w+ ){{0,4}}?)?(?:is|was|would be) "
        rf"(?:to )?(?:just )?{_DIE}\b",
    ),
    # "my service weapon is on the kitchen table and I just sit with it"
    _r(
        "weapon_kept_close",
        "crisis",
        r"\b(?:service weapon|firearm|gun|pistol|sidearm|shotgun|rifle)\b.{0,80}?"
        r"\b(?:(?:just )?(?:look|looking|looked|stare|staring|stared) at it|s[ai]t(?:ting)? with it|"
        r"in my (?:lap|mouth))\b",
    ),
    # "I just keep checking how high the top floor of the multistorey is"
    _r(
        "checking_heights",
        "crisis",
        r"\b(?:check|checking|checked|looking up|looked up|googl\w+|measur\w+|work(?:ing|ed) out) "
        r"how (?:high|tall|far (?:down|up)|many (?:floors|storeys|stories))\b.{0,40}?\b(?:car ?park|"
        r"multi-?stor(?:e)?y|bridge|building|roof|balcony|floors?|cliff|tower|drop|ledge|storeys|stories)\b",
    ),
    # "resilient people don't google hotels near cliffs": somewhere to stay by a drop
    _r(
        "place_near_a_drop",
        "crisis",
        r"\b(?:googl\w*|search\w*|look\w* up|look(?:ing|ed)? (?:at|for)|brows\w*) (?:for )?"
        r"(?:hotels?|b ?& ?bs?|b and bs?|airbnbs?|cottages?|cabins?|rooms?|somewhere to stay) "
        r"(?:near|by|next to|close to|on top of|overlooking) (?:the |a |some )?(?:cliffs?|cliff ?tops?|"
        r"cliff edge|gorges?|quarry|quarries)\b",
        negatable=False,
    ),
    # "nobody would notice if I was gone", "nobody'd find me till spring"
    _r(
        "unmissed",
        "crisis",
        r"\b(?:nobody|no one|no-one)(?:'d|'ll| would| will)(?: (?:really|even|actually|ever|probably))* "
        r"(?:miss me(?=\s*(?:[.!?,;]|$|anyway|much|at all|really|tbh|honestly|if i))|"
        r"find me(?=\s*(?:[.!?,;]|$|for (?:days|weeks|ages|hours|a while|a good while)|till|until|before))|"
        r"look for me|come looking|check on me|notice (?:if|when|that) "
        r"i(?:'m|'d| was| were| am| had)?(?: just)? (?:gone|not here|wasn't here|weren't here|"
        r"disappeared|vanished|dead|died|not around|stopped(?: existing| being here)?(?=\s*[.!?,]|$)))",
    ),
    # "Nobody will expect to hear from me for a fortnight, which is the point."
    _r(
        "unnoticed_on_purpose",
        "crisis",
        r"\b(?:nobody|no one|no-one|they|anyone)\b[^.!?]{0,40}\b(?:notice|hear from me|miss me|find me|"
        r"look for me|check on me)\b.{0,60}?\b(?:which|that)(?:'s| is) (?:sort of |kind of |rather |"
        r"exactly |the whole |precisely )?the (?:point|idea|plan)\b",
        negatable=False,
    ),
    _r(
        "warning_signs",
        "crisis",
        r"\b(?:wrote|writing|written|write) (?:letters?|notes?) (?:to|for) (?:my|the) (?:kids|children|family|wife|husband|partner|mum|mom|dad|son|daughter)\b|\bgave (?:away )?my (?:dog|cat|pets?|things|stuff|belongings)(?: away)? (?:to|and)\b|\bgiving (?:my )?(?:things|stuff|belongings|possessions) away\b|\b(?:sorted|decided|worked out|written down|writing down|made a list of) who (?:gets|should get|will get|is getting|can have|'s getting) my (?!shifts|patients|caseload|rota|desk|locker|parking|on-?calls?)\b|\b(?:look(?:ed|ing)? up|research(?:ed|ing)?|googl(?:ed|ing)|search(?:ed|ing)) (?:ways|methods|how to (?:do it|go))\b|\bstarted looking up ways\b|\bbetter off dead\b|\bwish (?:a|the) (?:car|lorry|truck|bus|accident) would\b|\b(?:lorry|truck|car|bus) (?:would |just )?(?:hit|doesn't see|didn't see|won't see) me\b|\bsh'?(?:d|ing)\b|\bcan't stop the bleeding\b|\bdeeper than (?:i )?(?:meant|intended)\b|\b(?:pills|meds|tablets) in my (?:bag|pocket|hand|car)\b|\btook a (?:load|lot|handful|pile) of (?:pills|meds|tablets)\b|\b(?:on|at|by) the (?:bridge|edge|ledge|roof|cliff)\b.{0,30}\b(?:right now|now|tonight|again)\b|\bgun (?:is )?in my (?:lap|hand|mouth)\b"
        # "I keep ending up at the top of the multi storey. Just looking over."
        r"|\b(?:top|edge|roof) of the (?:multi[- ]?stor(?:e)?y|car ?park|building|bridge|cliff|tower)\b"
        r".{0,80}\b(?:looking (?:over|down)|in a row|every day|again)\b"
        r"|\bkeep (?:ending up|going|finding myself|standing) (?:at|on|up) (?:the )?(?:top|edge|roof)\b",
        negatable=False,
    ),
    # "tidying up loose ends", "putting my affairs in order": not the taxes filed before a leave
    _r(
        "affairs_in_order",
        "crisis",
        r"\b(?:ty(?:e|ing|ied)|tid(?:y|ying|ied)) (?:up |off )?(?:\w+ )?loose ends\b(?! (?:at|for|before) "
        r"(?:work|the (?:office|ward|team)|my (?:leave|holiday|mat leave))\b)|"
        r"\b(?:got|get|getting|put|putting|set|setting|sort(?:ed|ing)?) my affairs in order\b"
        r"(?!,? as (?:my \w+|they|people) (?:would )?say)",
    ),
    # "going to break his jaw and I don't care if I lose my registration": intent, cost accepted
    _r(
        "harm_cost_accepted",
        "crisis",
        r"\b(?:going to|gonna|i'll|i will|i'm about to)\b[^.!?]{0,40}?\b(?:break|smash|punch|hit|stab|"
        r"hurt|kill|batter|deck|floor|glass|strangle)\b[^.!?]{0,80}?\b(?:don't|do not|won't|wouldn't) "
        r"(?:even )?care (?:if|whether) i (?:\w+ ){0,2}(?:lose (?:my )?(?:job|registration|pin|licen[cs]e|"
        r"career|badge|warrant card|everything)|get (?:struck off|sacked|fired|arrested|charged|sent down|"
        r"locked up)|go (?:to prison|to jail|down for it|inside)|end up (?:in prison|in jail|inside|in court))\b",
        negatable=False,
    ),
    _r(
        "harm_others_intent",
        "crisis",
        r"\b(?:want|wanted|going|about|ready|tempted) to (?:\w+ ){0,2}(?:hurt|kill|harm|attack|strangle|shoot|stab|beat|run over) (?:my|that|the|this|a) (?:\w+ ){0,2}(?:manager|boss|ex|husband|wife|partner|colleague|coworker|dad|father|mum|mother|neighbour|neighbor|patient|client)s?\b|\bput (?:someone|him|her|them) in (?:hospital|the hospital|a coffin|the ground)\b|\bpicturing (?:\w+ ){0,2}(?:running|hurting|killing|stabbing) (?:my|him|her|them)\b|\bi know where (?:he|she|they) (?:drinks|lives|parks|works)\b|\b(?:colleague|manager|boss|ex|neighbour|neighbor|patient|client|someone) (?:that |who )?i (?:really )?(?:want|wanted|need) to (?:hurt|kill|harm|attack|stab|shoot)\b|\bi know when (?:he|she|they)(?:'s| is| are|'re) alone\b"
        # "I'll put him through a window. Not a figure of speech": an idiom unless it is meant
        r"|\b(?:i'll|i will|i'm going to|going to|gonna) put (?:him|her|them|that \w+|the \w+) through "
        r"(?:a|the) (?:window|wall|windscreen)\b",
    ),
    _r(
        "want_to_die",
        "crisis",
        rf"\bfe(?:el|lt|eling) like dying\b|\b(?:i'd|i would) rather be dead\b(?! than)|\bpray(?:s|ed|ing)? (?:every night |each night )?(?:to die|for death|not to wake up)\b|\b(?:wants?|wanted|wanting|wish(?:es)?|wishing|hopes?|longs?|ready|going|plans?|planning|needs?|deserves?) (?:to|i could|i would|i'd|i was|i were|that i could|i could just|i'd just)? ?(?:just |simply |finally )?{_DIE}\b"
        # "I think about dying more than dinner"; not "dying patients" or a fear of dying alone
        r"|\b(?:think|thinking|thought|thinks) about (?:dying|being dead|not being (?:here|alive)|"
        r"not existing|not waking up)\b(?! (?:patients?|people|person|children|kids|clients?|"
        r"residents?|alone|well|process|with|at home))"
        # "said I was going to drive into a wall"
        r"|\b(?:going to|want(?:ed)? to|tempted to|urge to|thought about|thinking about|think about|"
        r"could just|i'll|i will) (?:just )?(?:drive|crash|steer|swerve) (?:my car |the car |"
        r"the ambo |the ambulance )?(?:into|off) (?:a|the) (?:wall|tree|bridge|lorry|truck|river|"
        r"cliff|oncoming)\b",
    ),
    _r(
        "wish_dead",
        "crisis",
        r"\bwish (?:i|i'd|i was|i were|i had) (?:never been born|was dead|were dead|be dead|died|not woken up|not here|gone)\b|\bwish i (?:could )?(?:go to )?sleep and (?:not|never) wake\b|\bwish(?:ing)? i could (?:just )?disappear\b|\b"
        + _RELIEF
        + r"\b|\b(?:go to )?sleep and (?:not|never) wake up\b"
        # "i just want to switch myself off. like a machine": not "switch myself off after work"
        r"|\b(?:want|wanting|wanted|wish i could|like) to (?:just )?(?:switch|turn|shut) (?:myself|me) off\b"
        r"(?! (?:from|after|at|for|when|on))|\bnot (?:get |be )?switched back on\b"
        r"|\boff switch (?:for|on) (?:myself|me)\b"
        r"|\bhope i (?:don't|do not|never|won't) wake up\b|\bi (?:just )?(?:want|wanna|wish|hope|would like) (?:to be|i was|i were|i'd be|i get) killed\b|\bhope (?:the|my) (?:plane|car|train|bus|ferry) (?:crashes|crash|goes down|hits)\b|\b(?:welcome death|death would be (?:a )?(?:welcome|relief|mercy))\b|\bmy own way (?:out|to go)\b|\b(?:should have|should've|wanted to) (?:\w+ ){0,3}(?:and )?not (?:come|came) (?:out|back|up)\b|\b(?:easier|better|simpler|kinder)\b.{0,25}\bif i (?:just )?(?:wasn't|weren't|was not|were not|wasnt|werent) (?:around|here|alive)\b"
        r"|\b(?:dying|death|being dead|not waking up|not existing) (?:sounds|seems|feels|looks) (?:like )?(?:a |such a )?(?:relief|holiday|rest|peaceful|nice|good|appealing|tempting|easier|better|lovely)\b|\b(?:hop(?:e|ing)|wish(?:ing)?|pray(?:ing)?) (?:\w+ ){0,4}(?:gets|get|takes|take|kills?) me\b(?! (?:a|an|some|the|there|home|through|out|to|up))|\bhow easy it(?:'d| would) be to (?:just )?(?:not brake|roll (?:forward|off)|step (?:off|out|in front)|let go|swerve|drive (?:off|into)|jump|fall|end it|not come back)\b|\bstep(?:ping)? (?:out )?in front of (?:a|the) (?:train|bus|lorry|truck|car)\b|\bwanted something (?:bad )?to happen\b|\b(?:hit by a \w+|(?:car|plane) crash(?:ed)?|didn't wake up|never woke up|an accident)\b.{0,60}\b(?:relie(?:f|ved)|wouldn't mind|would not mind|be glad|welcome it|not (?:be )?scared|wouldn't (?:be )?(?:sad|upset|care))\b",
    ),
    _r(
        "better_off_without",
        "crisis",
        r"\bbetter off (?:if it had been me|if it was me|without me|if i (?:was|were|wasn't|weren't|died|was gone|were gone|didn't exist)|with me gone|when i'm gone)\b|\b(?:world|everyone|they|family|kids) (?:would be|'d be) (?:better|lighter|happier|fine) (?:without me|if i (?:was|were) gone)\b|\bburden to (?:everyone|my family|them|all)\b"
        # "the kindest thing I could do for him is disappear"
        r"|\b(?:kindest|best|most loving|only|fairest) thing i (?:could|can) do (?:for (?:\w+ ){1,2})?"
        r"(?:is|would be) (?:to )?(?:just )?(?:disappear|go|leave (?:for good|forever)|die|not be here|end it)\b",
        self_only=True,
    ),
    _r(
        "no_reason_to_live",
        "crisis",
        r"\b(?:no|any) (?:reason|point|will) (?:to|in) (?:live|living|go on|going on|keep going|keep living|carry on|continue living|being alive|being here|stay|staying alive|wake up)\b|\bdon't want to (?:live|be alive|be here|exist|wake up|go on)\b|\bcan't (?:go on|keep living|do this anymore and live)\b|(?<!not )\bdone with (?:life|living|being alive)\b|\bnot want(?:ing)? to (?:live|be alive|wake up)\b|\bi mean (?:being alive|living|life itself|existing)\b|\bwhy (?:do )?i (?:even )?bother (?:staying alive|living|being alive|waking up|going on)\b"
        r"|\b(?:don't|can't|do not|cannot|no longer|stopped|stop) (?:really )?see(?:ing)? (?:the|any|much) "
        r"point (?:in|of|to) (?:living|being alive|life|going on|existing|waking up|being here)\b"
        # "can't picture still being alive by then", "not going to try very hard to stay alive"
        r"|\bcan't (?:picture|imagine|see) (?:myself )?(?:still )?(?:being )?(?:alive|here|around) "
        r"(?:by|in|at|next|after)\b|\bnot (?:going to )?(?:try|trying|bother|bothering|fight|fighting) "
        r"(?:very |too |that )?(?:hard |much )?to stay alive\b",
        negatable=False,
    ),
    _r(
        "not_here",
        "crisis",
        r"\b(?:wouldn't|won't|will not) be (?:here|around) (?:much longer|anymore|for long|tomorrow)\b|\bnot (?:be|being) (?:here|around) anymore\b|\bdisappear (?:forever|for good|permanently)\b|\bjust (?:stop|cease) existing\b",
    ),
    _r(
        "self_harm_behaviour",
        "crisis",
        r"\b(?:been|started|start|keeps?|is|are|was|were|began|back to|relapsed into) (?:cutting|self[- ]harming|burning|hurting (?:him|her|them)sel(?:f|ves))\b|\bcutting again\b|\badd (?:new|more|fresh) (?:ones|scars|cuts|marks)\b",
    ),
    _r(
        "attempted",
        "crisis",
        r"\battempted(?: suicide)?\b(?! to)|\b(?:made|had) (?:an|another|a) (?:suicide )?attempt\b",
    ),
    # plan, means, preparation
    _r(
        "plan_means",
        "crisis",
        r"\b(?:stockpil|hoard)\w*\b|\b(?:goodbye|suicide) (?:note|letter)s?\b|\bwr(?:o|i)te? (?:my )?(?:goodbye|farewell) \w*\b|\bwr(?:ote|ite|iting|itten) (?:my )?own (?:goodbye|farewell)s?\b|\b(?:it|everything)(?: all)? planned (?:out )?(?:just )?(?:in case|for when|for if)\b|\bletters? to (?:my |the |your )?(?:kids|family|children|wife|husband|partner|team|colleagues|parents|mum|mom|dad|friends|sister|brother) (?:just )?(?:in case|for after|explaining)\b|\bgiv(?:e|ing|en) away (?:my|all my) (?:stuff|things|belongings|possessions|cat|dog|pets?)\b|\b(?:look(?:ed|ing)? up|research(?:ed|ing)?|google(?:d)?|search(?:ed|ing)? for) (?:ways|how|methods) to (?:die|end it|kill)\b|(?<!\bwe )(?<!\bwe)(?<!\bwe've )(?<!\bweve )(?<!\bwe have )\b(?:have|has|had|'ve got|'s got|got) a plan\b(?! (?:for|with|in place|b|of care|together)\b| to (?!end|kill|die|take|do it|hurt|harm|go through))|\bmade a plan to\b|\bpainless(?:ly)?\b|\bhow many .{0,30}(?:lethal|fatal|to die|kill|enough)\b|\blethal (?:doses?|amounts?)\b|\b(?:bridges?|cliffs?|rooftops?|top floor|multi-?stor(?:e)?y|car parks?|viaduct)\b.{0,80}\b(?:no|without (?:a |any )?)(?:barriers?|fences?|railings?|nets?|signs?)\b|\b(?:meds|pills|tablets|prescription)\b.{0,60}\b(?:aside|in a (?:box|shoebox|drawer|tin|bag|jar)|saving (?:them|it) up)\b|\b(?:putting|put|setting|set|saving|keeping) (?:my |some |half (?:of )?(?:my )?)?(?:meds|pills|tablets) (?:aside|away|by)\b|\b(?:saving|saved|stashing|stashed|hoarding|collecting|counting) (?:up )?(?:the |my |some |all the )?(?:\w+ )?"
        + _DRUGS
        + r"\b|\b"
        + _DRUGS
        + r" (?:saved|stashed|hidden|put by|put aside)\b|\btaking (?:vials|ampoules|drugs|meds|medication|morphine) home\b|\b(?:taking|take|swallow(?:ing)?) (?:all|the whole (?:box|packet|bottle|lot)) (?:of )?(?:my |the )?(?:\w+ )?"
        + _DRUGS
        + r" (?:at once|in one go|together)\b|\bcalculat\w* (?:my own|the|a) (?:dose|amount)\b|\bwho (?:should )?gets? what\b|\bthey'll (?:all )?understand (?:then|after|when)\b|\b(?:re-?hom(?:ed|ing)|gave (?:away )?|giving (?:away )?)(?:the|my) (?:dog|cat|pets?|cats|dogs)\b|\bwrote (?:a|the|my) note\b(?! (?:to|for|in|on|about|of|from|with)\b)|\bknow (?:exactly )?how i(?:'d| would) do it\b|\b(?:started|caught myself|been) planning (?:it )?again\b|\b(?:garage|car)\b.{0,40}\bengine running\b|\b(?:look(?:ed|ing)? up|search(?:ed|ing)? for|googl(?:ed|ing)) (?:the )?(?:tallest|highest|nearest|quietest) (?:car parks?|buildings?|bridges?|cliffs?|multi-?stor(?:e)?ys?)\b|\bhow long (?:would|does|will) it take (?:for (?:someone|a body|me|you) )?to be found\b|\bworked out when (?:the house|everyone|no one|nobody)\b|\bgot (?:what|everything) i need (?:in|ready|for)\b|\b(?:platform|tracks?)\b.{0,40}\bfast (?:one|train)\b|\b(?:which|what|where)\b.{0,30}\b(?:bridges?|cliffs?|rooftops?|multi-?stor(?:e)?y|car parks?|train lines?|railway|tracks)\b.{0,60}\b(?:high|tall|jump|signs?|fences?|barriers?|nets?|cameras?|quiet|no one)\b|\bhow (?:many|much) (?:of )?(?:my |the |her |his )?(?:pills|tablets|meds|medication) (?:it would|would it|it'd|to) (?:take|need)\b"
        r"|\b(?:planning|planned|plan|sorting|sorted|choosing|chose|picking|picked|writing|wrote) (?:out )?my (?:own )?(?:funeral|eulogy)\b|\bmy (?:own )?funeral (?:playlist|songs|music|readings)\b",
        negatable=False,
    ),
    _r(
        "acute_danger",
        "crisis",
        r"\boverdos(?:e|ed|ing)\b|\b(?:took|taken|taking) (?:a bunch|all|too many|the whole|a handful) (?:of )?(?:my |the )?(?:pills|meds|tablets|antidepressants|anti-depressants)\b|\bswallowed (?:a bunch|all|too many|the|whatever|everything|a (?:load|handful|packet|box)|(?:two|three|\d+) (?:packets|boxes))\b|\b(?:took|taken|swallowed|downed) (?:whatever|everything)(?: (?:was|i could find))? in the (?:medicine |bathroom )?(?:cupboard|cabinet|drawer)\b|\btook (?:some|loads|a load|extra|more|all|half) of my (?:meds|pills|tablets)\b|\b(?:took|taken|swallowed|downed) (?:a (?:load|lot|handful|pile|bunch|heap|fistful|strip|packet|box)|loads|lots|all|most|half|the rest|some|a few|extra) of (?:my |the |her |his )?(?:\w+ )?"
        + _DRUGS
        + r"\b|\b"
        + _DRUGS
        + r"\b.{0,40}\b(?:with|and|on top of) (?:a )?(?:bottle of )?(?:wine|vodka|alcohol|booze|whisk(?:e)?y|gin|rum|beer)\b.{0,80}\b(?:ago|tonight|now|spinning|weird|don't care|dont care|whatever happens)\b|\bstanding on (?:the )?(?:edge|ledge|bridge|roof)\b|\bgun (?:in my|to my) (?:hand|head|mouth)\b|\bloaded (?:gun|my gun)\b",
        negatable=False,
    ),
    _r(
        "self_harm",
        "crisis",
        r"\b(?:cut|cutting|burn|burning|hurt|hurting|harm|harming|hit|hitting|punish|punishing|scratch|scratching) (?:myself|my (?:arms?|legs?|wrists?|thighs?|skin))\b|\b(?:hit|hitting|bang|banging|smash|smashing) my head (?:on|against)\b|\bself[- ]?injur\w*|\brelaps\w* (?:on|into) (?:cutting|self)|"
        # "I cut again last night": the object left out
        r"\bi (?:cut|burned|burnt|scratched) (?:again|last night|tonight|yesterday|today|this (?:morning|afternoon|evening))\b",
    ),
    _r(
        "harm_others",
        "crisis",
        r"\b(?:thinking|thought|fantasi[sz]ing|dreaming|daydreaming) (?:a lot )?about (?:.{0,60}\band )?(?:properly |really |seriously )?(?:hurting|killing|attacking|strangling|hitting|stabbing|smashing|beating|running (?:over|down)) (?:him|her|them|my \w+|that \w+|the \w+)\b|\b(?:thinking|thought|fantasi[sz]ing) (?:a lot )?about running (?:him|her|them) (?:over|down)\b|\b(?:want|going|gonna|about|ready|tempted|planning|plan) to (?:hurt|kill|harm|attack|strangle|shoot|stab|beat) (?:him|her|them|someone|somebody|people|my (?:\w+ ){0,1}(?:husband|wife|partner|boss|manager|kid|kids|child|son|daughter|colleague|coworker|client|patient|supervisor))\b",
    ),
    # The same intent with the writer named as the one who acts: never about someone else.
    _r(
        "harm_others",
        "crisis",
        r"\bi(?:'ll| will|'m gonna|'m going to| am going to| wanna|'m about to| feel like i'll|'m scared i'll|'m afraid i'll) (?:\w+ ){0,4}(?:hurt|kill|harm|attack|strangle|shoot|stab|beat|batter|smash|punch|run over) (?:him|her|them|someone|somebody|people|that \w+|this \w+|my \w+|the \w+)\b(?! (?:for|if|when|with kindness))|\bi (?:will|'ll|could|might) (?:kill|hurt|strangle|snap and hurt) (?:him|her|them|someone|my \w+)\b(?! (?:for|if|with))|\bi (?:found out|know exactly|looked up) where (?:he|she|they) (?:lives?|works?|drinks?|parks?)\b|\bi(?:'ll| will|'m going to| am going to|'m gonna) hit (?:him|her|them)\b|\bi know (?:where|which \w+) (?:he|she|they) (?:lives?|works?|drinks?|parks?)\b|\bi know (?:his|her|their) (?:route|way) home\b|\b(?:fantasi[sz]ing|thinking|dreaming) about running (?:\w+ ){1,3}(?:off the road|over|down)\b|\bi (?:keep|kept|have been|'ve been) (?:driving|walking|going) (?:past|by|round to) (?:his|her|their) (?:house|place|flat|home)\b|\b(?:going|go|went) (?:round|over) (?:there|to (?:his|her|their) (?:house|place|flat)) with (?:a|my) (?:bat|knife|baton|gun|hammer|crowbar)\b|\bi(?:'m| am) going to find (?:him|her|them)\b|\bpulled (?:his|her|their) address\b|\bplanning (?:how to (?:hurt|harm|kill|attack|get)|what i(?:'d| would| will|'ll) do to) (?:him|her|them)\b|\bworked out when (?:he|she|they)(?:'d| would| will|'ll) be alone\b|\bput(?:ting)? something in (?:his|her|their) (?:tea|coffee|drink|food)\b|\b(?:scared|afraid|frightened|terrified) of (?:myself|what i(?: might| could|'ll| will|'d| would) do)\b|\bi(?:'m going to|'m gonna| feel like i'm going to| feel like i'll|'ll| could| might|'m scared i'll|'m afraid i'll)(?: \w+){0,3} (?:shake|smother|suffocate) (?:the|my|our) (?:baby|newborn|infant|toddler|son|daughter)\b|\bgiving (?:him|her|them) (?:way )?more than (?:prescribed|the dose)\b|\boutside (?:my|his|her) (?:ex'?s|exes) (?:house|place|flat) with\b",
        self_only=True,
    ),
    _r(
        "join_the_dead",
        "crisis",
        r"\b(?:want|wanted|should|could|going|need|wish i could) (?:to )?(?:just )?(?:join|be with) (?:him|her|them|my \w+) (?:again|there|now|soon|in death)?\b(?=.*\b(?:died|dead|death|gone|passed|suicide|grave)\b)|\b(?:died|dead|death|passed|suicide)\b.*\b(?:should|want to|could|going to) (?:just )?join (?:him|her|them)\b",
        self_only=True,
    ),
    _r(
        "attempt_returning",
        "crisis",
        r"\b(?:last|previous|past|my) (?:suicide )?attempt\b|\blast time i felt like this\b|\btried to (?:kill|end|take) (?:myself|my life|it all)\b|\b(?:urges?|thoughts|feelings) (?:are|is) (?:back|coming back|returning)\b",
    ),
    # concern: signs that call for professional help
    _r(
        "sleep",
        "concern",
        r"\b(?:can't|cannot|couldn't|haven't been able to|unable to|barely|hardly|not) (?:sleep|sleeping|slept|fall asleep|stay asleep)\b|\binsomnia\b|\b(?:awake|up) (?:all night|at \d|until \d|till \d)\b|\bno sleep\b|\b(?:wake|waking|woke) up (?:at \d|every night|screaming|sweating|in a panic|several times)\b|\bsleep(?:ing)? (?:is|has been) (?:wrecked|terrible|awful|broken|a mess)\b|\b(?:\d|two|three|four) hours (?:of )?sleep\b",
        negatable=False,
    ),
    _r(
        "nightmares",
        "concern",
        r"\bnightmares?\b|\bbad dreams\b|\bdream(?:ing|t|ed)? about (?:the|my|her|his|their) (?:client|patient|case|scene|call|kid|child|body)|\bdream(?:ing|t|ed)? about (?:her|him|them|it) (?:every|most|each) night",
    ),
    _r(
        "intrusive",
        "concern",
        r"\bflashbacks?\b|\bintrusive\b|\b(?:can't|cannot) (?:stop|get|shake) (?:seeing|picturing|thinking about|replaying|(?:the|those|her|his|their) (?:images?|pictures?|face|story|details))\b|\b(?:keep|keeps|kept) (?:seeing|picturing|replaying|hearing)\b|\breplay(?:ing)? (?:it|the|her|his|their|that) \w*|\b(?:images?|pictures?) (?:in my head|pop(?:ping)? up|won't leave|haunt)\b|\bhaunt(?:s|ed|ing)\b",
        negatable=False,
    ),
    _r(
        "panic",
        "concern",
        r"\bpanic(?:ky|king|ked)?\b|\banxiety attacks?\b|\bheart (?:racing|pounding)\b(?=.*\b(?:every|can't|again|before)\b)|\bhyperventilat\w*|\bcan't breathe\b",
    ),
    _r(
        "hopeless",
        "concern",
        r"\bhopeless(?:ness)?\b|\bno hope\b|\bnothing (?:i do )?(?:matters|helps|will change|gets better)\b|\bwhat's the point\b|\bno point (?:in|to) (?:any|anything|trying|it)\b|\b(?:can't|cannot) see (?:a|any) (?:way out|future|light)\b|\bnever going to get better\b|\b(?:empty|hollow) inside\b|\bworthless\b|\bfailure as a (?:person|human)\b",
    ),
    _r(
        "numb_home",
        "concern",
        r"\b(?:numb|shut down|dead inside|don't feel anything|can't feel anything|feel nothing|flat)\b.{0,60}\b(?:home|kids|family|partner|wife|husband|friends|weekends?|everything|everyone|all the time|anymore)\b|\b(?:at home|with my (?:kids|family|partner|wife|husband)).{0,40}\b(?:numb|nothing|shut down|dead inside|can't feel)\b",
        negatable=False,
    ),
    _r(
        "substance",
        "concern",
        # "not drinking to cope, just a glass on a Friday": the denial comes first
        r"(?<!\bnot )(?<!n't )(?<!\bnever )\b(?:drink|drinking|drank|wine|beer|vodka|whiskey|booze|alcohol|weed|pills|xanax|benzos?|edibles|smoking)\b.{0,40}\b(?:to (?:cope|sleep|numb|forget|get through|switch off|come down|feel nothing|take the edge)|every night|each night|more than i should|most nights|alone|before (?:work|shift)|in the morning|a bottle)\b|\b(?:bottle|drinks?) (?:a|every) night\b|\bneed(?:ing|ed)? (?:a|my) (?:drink|glass|bottle)s? to\b|\bsleeping (?:tablets|pills) every night\b|\bdrinking (?:a lot|more|heavily|too much)\b|\bself[- ]medicat\w*",
        negatable=False,
    ),
    _r(
        "not_functioning",
        "concern",
        r"\bstopped eating\b|\b(?:can't|cannot|couldn't|haven't been able to|unable to|barely) (?:get out of bed|function|eat|work|concentrate|shower|leave the house|get up|look after (?:my|the) kids|do my job|face (?:work|anyone|going in))\b|\bcalled in sick (?:again|all week|\w+ days)\b|\bfalling apart\b|\bnot functioning\b|\bbreaking down\b|\bfalling to pieces\b",
        negatable=False,
    ),
    _r(
        "withdrawal",
        "concern",
        r"\b(?:withdrawn|withdrawing|withdrew|isolat(?:e|ed|ing)|cut(?:ting)? (?:myself )?off|stopped (?:seeing|talking to|answering|calling|replying))\b.{0,40}\b(?:everyone|friends|family|people|anyone|texts|calls|phone|partner|the world)\b|\b(?:avoid|avoiding|ignoring) (?:everyone|all my friends|my friends and family|my family)\b|\bdon't (?:talk|speak) to anyone\b|\bhaven't (?:talked|spoken) to anyone\b",
        negatable=False,
    ),
)

# More everyday wording for the concern signs, kept broad (families of phrasing, not sentences).
CONCERN_EXTRA: tuple[Rule, ...] = (
    _r(
        "sleep",
        "concern",
        r"\b(?:up and down|awake|tossing and turning) (?:all|every|most) night\b|\b(?:lie|lying|lay) (?:there )?(?:awake|going over|replaying)\b|\bdread(?:ing)? (?:going to )?bed\b|\bsleep(?:ing)? in the spare room\b|\bhaven't slept\b|\bexhausted but can't sleep\b",
        negatable=False,
    ),
    _r(
        "intrusive",
        "concern",
        r"\bstraight back (?:there|in (?:that|the) room)\b|\b(?:stuck|stays?) (?:with|in) me\b.{0,40}\b(?:smell|sound|face|image|scream|voice)|\b(?:smell|sound|face|scream|voice)s?\b.{0,40}\b(?:stuck with me|comes? back|follows? me|won't go)\b|\bcan't get (?:it|the \w+|her \w+|his \w+|that \w+) out of my head\b|\bhear (?:the|her|his|their) \w+ (?:screaming|crying|shouting)\b|\bevery time (?:a|i hear a|i see a) (?:siren|ambulance|baby cry)",
        negatable=False,
    ),
    _r(
        "panic",
        "concern",
        r"\bheart (?:starts |goes )?(?:racing|pounding|hammering)\b|\bchest (?:locks|tightens|goes tight|gets tight|seizes)\b|\bcan't catch my breath\b|\b(?:shaking|trembling) (?:before|in the car|in the car park|at the door)\b|\bi freeze (?:up )?(?:whenever|every time|when)\b",
        negatable=False,
    ),
    _r(
        "hopeless",
        "concern",
        r"\bcan't (?:picture|imagine|see) (?:things|it|anything) (?:ever )?(?:getting|get) better\b|\bgoing through the motions\b|\bfailed (?:every|all) (?:client|patient|family|kid)s?\b|\b(?:work|job|it all|everything) (?:feels|is) (?:pointless|meaningless|futile)\b|\bfor nothing\b|\bno difference (?:at all|anymore)\b|\bwhat's the use\b|\bnothing(?:'s| is) (?:ever )?going to change\b|\bstopped hoping\b|\bit (?:won't|will never) (?:ever )?get (?:better|easier)\b|\bgiven up (?:on|hoping)\b",
        negatable=False,
    ),
    _r(
        "numb_home",
        "concern",
        r"\b(?:i )?(?:feel|felt) nothing\b|\bgone (?:completely )?numb\b|\blike a ghost\b|\bcan't switch (?:back )?on\b|\bfeel (?:nothing|numb) (?:at home|with my|around my)\b|\bnumb(?:ness)? (?:at home|with (?:my )?(?:kids|family|partner))\b",
        negatable=False,
    ),
    _r(
        "substance",
        "concern",
        r"\b(?:a|one|another) drink before (?:my )?(?:visits?|shifts?|work|sessions?|clients?)\b|\bhid(?:e|ing)? (?:the )?(?:empties|bottles?)\b|\busing more\b|\b(?:drink|drinking|using|smoke|smoking) to (?:steady|calm|settle) (?:myself|my nerves)\b|\b(?:beers?|drinks?|wine|vapes?|weed|joints?|spliffs?)\b.{0,40}\bevery (?:single )?(?:day|night|evening)\b|\bcan't get through (?:the )?(?:evening|night|weekend)s? without (?:a drink|wine|a bottle|using)\b",
        negatable=False,
    ),
    _r(
        "not_functioning",
        "concern",
        r"\bcry(?:ing)? (?:in (?:my|the) car|in the toilets?|every (?:day|night|morning)|before (?:every|each) (?:shift|session|visit))\b|\bwent (?:completely )?blank\b|\bhaven't (?:showered|washed|eaten properly|left the house|opened (?:my|the) post)\b|\bforgot to (?:pick up|collect|get) (?:my|the) (?:son|daughter|kids?|child)\b|\bforgot to pick (?:my|the) (?:son|daughter|kids?|child) up\b|\bweeks behind\b|\bmaking mistakes\b|\bzon(?:e|ing) out\b|\bmissed (?:a|an|the) (?:home )?(?:visit|appointment|session|handover) entirely\b|\baffect(?:s|ing)? (?:patient|client) care\b|\b(?:hours|all day) (?:staring at|in front of)\b",
        negatable=False,
    ),
    _r(
        "withdrawal",
        "concern",
        r"\bcancell?(?:ed|ing) (?:every|all) (?:single )?(?:plans?|thing)\b|\b(?:letting|let) (?:it|them|the calls?) go to voicemail\b|\bavoid(?:ing)? the (?:staff room|break room|canteen)\b|\bso (?:no one|nobody) (?:talks|speaks) to me\b|\bleave me alone\b|\bstopped (?:going out|seeing (?:people|anyone|friends)|leaving the house)\b|\bleft the (?:family |group )?(?:chat|whatsapp|group)\b|\bskipped (?:my )?\w+'s (?:birthday|wedding|party)\b",
        negatable=False,
    ),
)

# Wording for the concern signs that writers who never saw the rules used.
CONCERN_MORE: tuple[Rule, ...] = (
    _r(
        "intrusive",
        "concern",
        r"\b(?:get(?:ting)?|keep getting|having|had) flash(?:es)? of\b|\b(?:playing|plays|stuck|running) on (?:a )?loop\b|\bevery time i (?:shut|close) my eyes\b|\bburn(?:ed|t) into my (?:head|brain|mind|memory)\b|\b(?:images?|pictures?) of .{0,40}\bin my head\b|\bflinch(?:ed|ing)? at every\b|\bcan't get (?:the|that|those|her|his) (?:\w+ ){0,2}(?:images?|pictures?|face|faces|sound|smell) out of my head\b",
        negatable=False,
    ),
    _r(
        "numb_home",
        "concern",
        r"\b(?:didn't|don't|can't|couldn't) feel (?:anything|a thing|a single thing)\b|\bdidn't (?:cry|feel a thing) (?:once|at all)\b|\bfelt (?:absolutely |literally |completely )?nothing\b",
        negatable=False,
    ),
    _r(
        "hopeless",
        "concern",
        r"\bcan't see (?:any|a) way (?:forward|out|through)\b|\bno way (?:up|out|forward)\b|\bstopped believing\b|\bnothing i do makes (?:any )?difference\b|\b(?:don't|can't) see (?:things|it|anything) (?:ever )?getting better\b|\bcan't (?:picture|imagine) (?:a single|any) good\b",
        negatable=False,
    ),
    _r(
        "substance",
        "concern",
        r"\b(?:a couple of|a few|some) (?:cans|beers|drinks|glasses|bottles|shots) (?:just )?to (?:face|get through|cope|switch off|sleep|numb|take the edge)\b|"
        # "taking a couple of my husband's tramadol to sleep", "pints... just turns the noise off"
        rf"\b(?:taking|took|take|popping|popped|using|nicking|nicked|borrowing|borrowed) (?:a couple of |one of |an? |"
        rf"a few |some |half (?:a|of) )?(?:(?:my )?\w+'s )?{_DRUGS}\b.{{0,30}}\b(?:to (?:sleep|get through|cope|"
        r"switch off|calm down|take the edge|function|numb|feel nothing)|just to)\b|"
        r"\b(?:pints|cans|drinks|wine|beers?|gin|vodka|whiskey|booze)\b.{0,80}\b(?:turns?|switch(?:es)?|"
        r"shuts?) (?:the|my) (?:noise|brain|head|thoughts) off\b|\b(?:need|needs|needed) a drink (?:before|to|just to)\b|\bsmashing (?:beers|cans|wine|drinks)\b|\b(?:drinking|using|smoking) every (?:single )?(?:day|night|evening)\b|\b(?:taking|using) (?:the |my )?(?:\w+ ){0,4}(?:codeine|sleeping (?:tablets|pills)|zopiclone|diazepam|painkillers|benzos|pills|tablets) (?:most|every) (?:nights?|days?|evenings?)\b",
        negatable=False,
    ),
    _r(
        "withdrawal",
        "concern",
        r"\b(?:don't|do not) want (?:anyone|anybody|people) (?:near|around) me\b|\bwant to be (?:left )?alone all the time\b|\bso i don't have to (?:talk|speak) to (?:anybody|anyone)\b|\bhaven't seen (?:my )?(?:mates|friends|anyone|family) (?:since|in|for)\b|\bstopped (?:going to|answering|seeing)\b.{0,60}\b(?:stopped|quit|dropped out|don't answer)\b",
        negatable=False,
    ),
    _r(
        "not_functioning",
        "concern",
        r"\b(?:couldn't|can't|cannot) make myself (?:go|get|do|leave|face)\b|\bnot coping\b|\bcan't even (?:do|manage|face) the\b|\bcouldn't get (?:a )?breath\b|\bkeep dreaming\b|\bdream about (?:my|the) (?:caseload|patients|clients|kids)\b",
        negatable=False,
    ),
)

# The plainest crisis words in Spanish, French, German, Portuguese and Italian, accents optional:
# Reflect answers in English, but a crisis said in another language still gets the help path.
# A leading "no" is part of "no quiero vivir" so that the negation check does not read it away.
CRISIS_OTHER_LANGUAGE = _r(
    "crisis_other_language",
    "crisis",
    r"\b(?:me )?quiero (?:morir(?:me)?|matarme|suicidarme|desaparecer para siempre)\b"
    r"|\bme (?:quiero|voy a|gustar[ií]a) (?:matar|suicidar|morir)\b|\b(?:voy a |quiero )?matarme\b"
    r"|\bsuicid(?:io|arme|arse|ar)\b|\bno quiero (?:seguir )?vivir\b|\bquitarme la vida\b"
    r"|\bacabar con mi vida\b|\bganas de morir(?:me)?\b|\bdeseo morir\b"
    r"|\bje (?:veux|voudrais|vais) (?:mourir|me tuer|me suicider|en finir)\b|\bme suicider\b"
    r"|\bj'ai envie de (?:mourir|me tuer|me suicider|en finir)\b|\bme tuer\b"
    r"|\bmettre fin [aà] (?:mes jours|ma vie)\b|\bje ne veux plus vivre\b|\ben finir avec la vie\b"
    r"|\bich (?:will|m[oö](?:e)?chte|werde) (?:\w+ ){0,2}sterben\b|\bmich (?:\w+ )?umbringen\b"
    r"|\bselbstmord\b|\bsuizid(?:al)?\b|\bmir das leben nehmen\b|\bich will nicht mehr leben\b"
    r"|\bnicht mehr leben (?:will|m[oö]chte)\b"
    r"|\bquero (?:morrer|me matar|suicidar-me|me suicidar)\b|\bme matar\b|\bsuic[ií]dio\b"
    r"|\bvoglio (?:morire|uccidermi|suicidarmi|farla finita)\b|\bsuicidarmi\b|\buccidermi\b",
)

# Asking for a way, a dose or a place, whoever it is said to be for ("for a story", "my
# character"): always the crisis path, which gives no method (dialogue: _guard).
METHOD_SEEKING = _r(
    "method_seeking",
    "crisis",
    r"\b(?:most painless|easiest|quickest|surest|best|fastest|least painful) (?:way|method)s? to "
    r"(?:die|kill|end (?:it|my life|your life|a life)|hang|overdose)\b"
    r"|\b(?:methods?|ways) (?:of|for) (?:suicide|killing (?:myself|yourself|oneself))\b"
    r"|\b(?:how (?:to|do you|would you|do i|would i|would (?:he|she|they)) )?tie a noose\b"
    r"|\bhow (?:would|could|does|do|can|should|will) (?:i|you|he|she|they|someone|a person|"
    r"the character|my character) (?:\w+ ){0,6}so (?:that )?it (?:works|is quick|doesn't hurt)\b"
    r"|\b(?:do|doing) it so (?:that )?it (?:works|is quick|doesn't hurt)\b"
    r"|\bhow (?:would|could|should|will|do|does) (?:i|you|he|she|they|someone|the character|my character) (?:\w+ ){0,6}so (?:that )?(?:\w+ ){0,3}(?:don't|doesn't|won't|wouldn't|never) (?:find|see|know)\b",
    negatable=False,
    self_only=True,
)

# Words that name someone else at risk whatever stands before them.
RULES = RULES + CONCERN_EXTRA + CONCERN_MORE + (CRISIS_OTHER_LANGUAGE, METHOD_SEEKING)
OTHER_RULES: tuple[Rule, ...] = (
    _r(
        "other_suicide",
        "crisis",
        r"\b(?:kill(?:ing|ed|s)?|hurt(?:ing|s)?|harm(?:ing|s)?|cut(?:ting|s)?|burn(?:ing|s)?) (?:him|her|them)sel(?:f|ves)\b|\b(?:end|ending|take|taking|took) (?:his|her|their) (?:own )?life\b|\b(?:he|she|they) (?:is|are|was|were|'s|'re) (?:suicidal|self[- ]harming)\b"
        r"|\bwho(?:'s| is| has been) (?:self[- ]harming|cutting|suicidal)\b|\bhang(?:ing|ed)? (?:him|her|them)sel(?:f|ves)\b"
        r"|\b(?:client|patient|student|pupil|kid|child|teen|teenager|boy|girl|son|daughter|resident|colleague|service user|young person)s? (?:is |was |are |were |has been |have been |been |started |keeps? )?(?:self[- ]?harm(?:ing)?|cutting (?:again|(?:him|her|them)sel(?:f|ves))|overdos(?:ing|ed)|suicidal)\b"
        r"|\bthreaten(?:ed|ing|s)? to (?:jump|kill (?:him|her|them)sel|hurt (?:him|her|them)sel|harm (?:him|her|them)sel|end (?:it|his|her|their)|overdose|cut)\w*"
        r"|\b(?:after|following|since) (?:his|her|their) (?:suicide |overdose )?attempt\b|\b(?:who's|who has|who is) (?:\w+ ){0,3}after (?:a|an) (?:suicide |overdose )?attempt\b|\bactively suicidal\b"
        r"|\bsuicidal (?:patient|client|teen|kid|caller|colleague|resident|young person|student|man|woman|boy|girl)s?\b"
        r"|\b(?:fresh )?(?:cuts|scars|marks|burns) on (?:her|his|their) (?:arms?|legs?|wrists?|thighs?|stomach)\b"
        r"|\b(?:knife|blade|razor) to (?:her|his|their) (?:wrist|throat|neck)\b|\b(?:her|his|their) (?:car|van|truck)\b[^.!?]{0,40}\bengine running\b|\bstash of (?:razors|blades|pills|tablets)\b"
        r"|\b(?:he|she|they|who) (?:was|were|is|are|'s) (?:planning|threatening|trying) to (?:jump|overdose|hang|end)\b|\bhad to section\b|\b(?:he|she|they)(?:'d| would) rather be dead\b",
    ),
    _r(
        "other_harmed",
        "crisis",
        r"\b(?:he|she|they|ex|partner|husband|wife|boyfriend|girlfriend|dad|father|uncle|stepdad|mum|mother)(?:'s| has| had)? (?:threaten(?:ed|ing|s)? to|will|is going to|going to|said (?:he|she|they)(?:'d| would)) (?:kill|hurt|harm|beat) (?:her|him|them|the (?:kids?|children|baby))\b"
        r"|\bdisclos(?:ed|ure|ing) (?:of )?(?:abuse|assault|rape)\b|\bsafeguarding (?:disclosure|concern)\b"
        # a child harmed: "the NAI case", "non-accidental injuries"
        r"|\bnai (?:case|injur(?:y|ies)|referral)|\bnon-?accidental injur(?:y|ies)\b"
        r"|\b(?:living with|back with|still with|home with) (?:the|her|his|their) abuser\b"
        r"|\bhigh[- ]risk (?:client|patient|young person|case|kid|child)\b"
        r"|\b(?:client|patient|child|kid|girl|boy|young person|pupil|student)s? (?:is |are )?(?:still )?(?:at risk|in danger|unsafe)\b|"
        r"(?<!\bi )(?<!\bi've )(?<!\bi'd )\b(?:being|was|were|is|are|got|been) (?:abused|beaten|hit|hurt|assaulted|molested|threatened)\b|\b(?:abuse|abusing|beats|beating|hits|hitting) (?:her|him|them|the (?:kids?|child|children|baby))\b",
    ),
)

# Idioms that use crisis words without crisis: matched spans are blanked before rules run.
IDIOMS = re.compile(
    r"\bput (?:him|her|them|that \w+|the \w+) through (?:a|the) (?:window|wall|windscreen)\b|"
    r"\b(?:kill|strangle|murder|throttle) (?:the|this|that) (?:printer|computer|laptop|photocopier|copier|system|rota|fax|phone|coffee machine|vending machine|wifi|software)\b|"
    r"\b(?:strangle|murder|throttle|kill) the next (?:person|one|man|woman|doctor|nurse|manager|colleague) (?:who|that)\b|"
    # "this rota will be the death of me": a complaint about the rota
    r"\b(?:(?:is|are|will be|'ll be|gonna be|going to be|be) the death of me)\b|"
    # exasperation at the workplace: "I'm going to kill the consultant", "strangle the IT department"
    r"\b(?:kill|strangle|murder|throttle) (?:the|my|our) (?:consultant|registrar|reg|manager|boss|supervisor|it(?: department| dept| team)?|team lead|charge nurse|matron|pharmacy|admin|rota (?:coordinator|person|team)|scheduler)\b|"
    # "if one more kid writes that, I'm throwing myself off the roof"
    r"\bif (?:\w+ ){0,10}one more\b[^.!?]{0,60}?\b(?:(?:throw|throwing|yeet|yeeting|fling|flinging|launch|launching|hurl|hurling) myself (?:off|in front of|under|into) (?:the |a )?\w+|(?:walk|walking) into the (?:sea|ocean|lake|river))|"
    # a small grievance at home: "going to kill my sister, she took my car without asking"
    r"\b(?:gonna|going to|i'll|i will|i could) (?:actually |literally )?(?:kill|murder|strangle|throttle) "
    r"(?:him|her|them|my \w+)[,.!;]*(?: \([a-z ]{1,20}\))?[,.!;]*(?: [-–—])? (?:[a-z']+ ){0,4}(?:took|takes|ate|eats|used|borrowed|left|leaves|"
    r"forgot|forgets|finished|drank|bought|moved|changed|rang|called|put)\b"
    r"(?![^.!?]{0,30}\b(?:kids?|children|son|daughter|baby|money|car keys)\b)|"
    # "she says I'm killing myself with all the overtime": working too hard
    r"\bkilling (?:myself|yourself|ourselves) with (?:all )?(?:the |this |that |these |my |your )?"
    r"(?:extra )?(?:overtime|work|hours|shifts|nights|stress|caffeine|coffee|energy drinks|takeaways)\b|"
    r"\b(?:nearly|almost|practically|slowly) los(?:t|ing) the will to live\b|"
    r"\bdeath by a thousand\b|"
    # a hangover or a missed penalty: "so hungover I want to die", "wanted to die when he skied the pen"
    r"\b(?:hangover|hungover|hung over)\b[^.!?]{0,60}\b(?:want(?:ed)? to|wanna|could|gonna|going to) die\b|"
    r"\b(?:want(?:ed)? to|wanna|could) die\b[^.!?]{0,30}\b(?:hangover|hungover|hung over)\b|"
    # "overdosed on Christmas chocolate", "wanted to jump out the car and walk home"
    r"\b(?:overdos(?:e|ed|ing)|od'?d|oded) on (?:the |all the |so much |too much )?(?:\w+ )?(?:chocolate|sugar|cake|"
    r"biscuits|sweets|mince pies|carbs|cheese|quality street|celebrations|roses|pizza|netflix|tv|crisps)\b|"
    r"\b(?:jump|jumping|get|getting|got) out (?:of )?the (?:car|bus|train|taxi|cab|van) and walk(?: home| the rest)?\b|"
    r"\bwant(?:ed)? to die when (?:he|she|they|we|the ref|our \w+|the keeper)\b[^.!?]{0,30}\b(?:skied|missed|fluffed|blazed|"
    r"hit the (?:post|bar)|conceded|penalty|pen|own goal|sitter|free kick|open goal)\b|"
    # "the paperwork is a nightmare", "absolute nightmare of a shift": not a dream
    r"\b(?:is|was|been|an?|absolute|total|complete|utter|logistical|admin|parking|traffic) "
    r"(?:an? )?(?:absolute |total |complete |utter |proper )?nightmare\b(?! (?:about|last night|again|every|where|i))|"
    r"\b(?:take|taking|took) a bullet for\b|"
    r"\b(?:i'd|i'll|i will|i would|i'm going to|going to) cark it if\b|"
    r"\bfinished me off\b|\b(?:it'll|it will|going to|gonna) bury me\b|\b(?:could have|could've|could) wr[iu]ng (?:her|his|their) necks?\b|\b(?:(?:is|are|was|were|it's|this|that|they're|shift|caseload|job|work|commute|paperwork|meeting|week|"
    r"feet|back|head|knees|boss|audit|heat|kids|charting|documentation|traffic|email|inbox|rota|"
    r"schedule|hours|noise|neck|shoes) (?:is |are |was |were )?(?:literally |actually |absolutely |slowly |really )?killing (?:me|us|my \w+))|"
    r"\bkilling me\b(?! (?:to|myself))|\bstick a fork in me\b|"
    r"\bdead (?:tired|on my feet|beat|exhausted|set|serious|last|end|air|weight|wrong)\b|"
    r"\b(?:i'd|i would|i could|could) (?:kill|murder|die) for\b|\b(?:kill|murder|die) for (?:a|an|some|one) \w+|"
    r"(?<!deserve )(?<!deserves )\bto die for\b|\bdying (?:to|for|of (?:laughter|embarrassment|boredom|curiosity|thirst|hunger))\b|\b(?:nearly |almost |could have |could've |literally )?died (?:laughing|of (?:laughter|embarrassment|shame|boredom))\b|"
    r"\b(?:bored|scared|worried|worked|frozen|tickled|talked|loved|stressed) to death\b|\bover my dead body\b|"
    r"\bkill(?:ing|ed)? (?:time|the (?:mood|vibe|lights|engine|music)|it|a bottle|two birds)\b|\bkilled it\b|\bkiller (?:\w+)\b|"
    r"\b(?:shoot|kill) me now\b|\bsomebody (?:shoot|kill) me\b|\bjust shoot me\b|\bi could (?:just )?die\b(?= (?:of|from) (?:embarrass|shame))|"
    r"\bcould die of (?:embarrassment|shame)\b|\bdie (?:of|from) (?:embarrassment|shame|boredom|laughter)\b|"
    r"\bsuicide (?:for|to) (?:my|your|our|the) (?:schedule|career|diet|budget|calendar|week|sleep)\b|"
    r"\b(?:career|political|social|commercial) suicide\b|\bsuicide (?:runs?|squeeze|doors|mission(?! to)|sprints?|drills?|shuttles?|lines)\b|"
    r"\bhill (?:i|i'm|im|i am|i'll|i will|i'd|i would|to|we're|we are)(?: (?:going to|gonna|willing to|happy to|prepared to))? die on\b|\bdead ?end\b|\bdrop dead gorgeous\b|\bmy (?:phone|laptop|battery|car) (?:is |was )?(?:dead|died)\b|"
    r"\b(?:will|gonna|going to|would|'ll) (?:literally )?kill me (?:if|when|for)\b|\bswallow me (?:up|whole)\b|\bhit me\b(?= (?:up|with|hard))|\bcut (?:myself|me) (?:some|a) (?:slack|break)\b|\bhurt(?:ing)? myself (?:laughing|at the gym|lifting|running|playing)\b"
)

# A clinician mirroring a client's risk as their own ("she wishes she was dead. so do I").
MIRRORING = re.compile(
    r"\b(?:so do i|so am i|me too|same here|i feel (?:exactly |just |pretty much |much )?the same|i do too|i am too|i've (?:had|been having) (?:the )?same|"
    r"i (?:went home and )?did the same|i understood (?:her|him|them) completely|i've thought about it too|"
    r"i've written my own|my own (?:letters|plan|pills|cupboard)|(?:i realised |i realized |and )?mine(?:'s| is) (?:bigger|larger|bigger than hers|bigger than his)\b|(?:i )?(?:did|done|do|doing) it to myself (?:too|as well)\b|in my own (?:cupboard|cabinet|drawer)|"
    r"(?:like|want|wanted|i'd like) to go with (?:him|her|them)|i (?:have|had|'ve got|made) one too|(?:the )?same thoughts (?:she|he|they) (?:had|has|have)|same thoughts as (?:her|him|them)|(?:came|went|got) home and (?:counted|checked|looked at|got out|lined up) mine|did (?:exactly )?what (?:she|he|they) (?:does|did|do) to (?:her|his|their)|i agree(?:d)? with (?:her|him|them),? about (?:me|myself)|(?:almost |nearly |basically )?identical to mine|answered (?:every|each|all the|all of the) (?:question|item)s? (?:yes|with yes)|so have i|take me with (?:you|her|him|them)\b|(?:thought|think|thinking|said to myself)(?: was)?[,:]?\s+(?:same|me too)(?![ \w])|(?:see|join|be with) (?:her|him|them) soon\b[^.!?]{0,10}[.!]?\s*(?:i mean (?:it|that)|literally)\b|i do\. i (?:really|honestly|truly|genuinely) do|"
    r"(?:wish|wishing) i could (?:just )?(?:disappear|go) (?:like|with) (?:that|him|her|them)|"
    r"i (?:should|could|might as well|want to|wanna) (?:just )?(?:join (?:him|her|them)|go too|do the same)|"
    r"(?:like|love|want(?:ed)?|wish i could) to (?:go and |just )?join (?:him|her|them)\b|that's (?:exactly |just )?how i feel\b|"
    r"i wish i'd had the (?:guts|nerve|courage)|i still might|not far behind (?:him|her|them)|"
    r"felt jealous|envied (?:her|him|them)|jealous of (?:her|him|them)|wanted the same|"
    r"i (?:have|'ve got) nothing (?:either|too)|i agreed with (?:her|him|them)|(?:honestly|tbh|lowkey|literally) same|"
    r"(?:and |to )(?:cut|do it|die|go) too|(?:doing|do) it myself|thinking about doing it|i've got the same (?:access|pills|meds)|"
    r"(?:had|has|'s got|has got) the right idea|(?:starting to |i |i can )understand why (?:he|she|they) did it|think(?:ing)? about it too|i could use it|(?:part of me was |i was |i'm |i felt )envious|"
    r"jealous (?:she|he|they)|jealous of the one|we should both go|(?:wish|wishing) it (?:was|were|had been) (?:me|mine)|"
    r"for me (?:as well|too)|(?:imagining|imagine|thinking about) going with (?:her|him|them)|research\w* how (?:he|she|they) did it|"
    r"i want to go the same way|(?:i feel|i'm feeling|feeling|i just feel) envious|(?:all i (?:felt|feel) was|i (?:felt|feel)(?: nothing but)?|feeling) envy|i envy (?:him|her|them)|i get why (?:\w+ ){0,2}(?:do|did|does) it (?:now|completely|too)|"
    r"(?:i|i've|he|she|they) could (?:have|'ve) said (?:it |that |all of it |every word )?myself|same,? mate|"
    r"stop myself (?:nodding|agreeing)|(?:draft|drafting|drafted|write|writing|wrote) my own (?:version|note|letter|one)\b|"
    r"why i (?:don't|do not|shouldn't) (?:just )?join (?:him|her|them)|"
    r"(?:think(?:ing)? (?:about|of)|want(?:s|ed|ing)? to|tempted to|could|might) follow(?:ing)? (?:her|him|them)\b|"
    r"now i'm the one (?:eyeing|looking at|thinking about|planning|searching|googling|counting|checking|standing)|"
    r"i(?:'ll| will) be (?:the )?(?:next|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|\d+(?:st|nd|rd|th))(?: one)?(?=\s*(?:[.!?,;]|$|at this rate|soon|honestly|tbh|just|and\b))|(?:not to|wanted to|want to|nearly|almost|could have) (?:say|said) (?:the )?same)\b"
)

# A death that already happened is grief, not a person at risk now.
BEREAVEMENT = re.compile(
    r"\b(?:lost (?:a|our|my|one of (?:our|my)) (?:\w+ ){0,4}to suicide|died by|death by|lost (?:him|her|them|my \w+) to|anniversary of (?:his|her|their)|(?:died|passed|death|funeral|took (?:his|her|their) (?:own )?li(?:fe|ves))\b.{0,40}\b(?:years?|months?) ago)\b"
)

# Risk words used as the name of a clinical topic: "the self-harm pathway", "suicide prevention".
TOPIC_NOUN = re.compile(
    r"^\s*(?:risk|prevention|pathway|presentations?|leaflets?|theory|policy|policies|training|assessments?|awareness|screening|protocols?|"
    r"research|statistics|stats|rates?|guidelines?|module|postvention|first aid|lead|liaison|audit|"
    r"literature|safety plan(?:s|ning)?|helpline|bereavement|charity|campaign|talk|workshop|course|study|studies|framework|"
    r"question|incidents?|clinic|service|team|cases|calls|callers|data|figures|numbers|language|disclosures?|"
    # a statement about suicide in a population: "suicide is the biggest killer of men under 50"
    r"(?:is|was|remains) (?:the|a) (?:biggest|leading|major|main|top|second|third|common))\b"
)

# The writer saying a risk word of themself ("I am suicidal", "feeling suicidal", "my
# self-harm"): a lecture or a training day in the same clause does not make it teaching.
SELF_STATED = re.compile(
    r"\b(?:i(?:'m|m| am| was| feel| felt| get| got| have been|'ve been|ve been| keep being)|my|feeling|felt)\s+"
    r"(?:(?:so|really|very|quite|a bit|kind of|kinda|pretty|more|still|"
    r"actively|passively|properly|getting|feeling|been|a little)\s+){0,2}$"
)

# A question someone else asked, reported: "my GP asked if I'd had thoughts of ending my life".
REPORTED_QUESTION = re.compile(r"\b(?:asked|asks|asking) (?:me )?(?:if|whether|about)\b")

# A goodbye or a date set, with the ordinary reason beside it: a new job, a move, retirement.
FAREWELL_WORDS = re.compile(r"\b(?:goodbyes?|farewell|date)\b")
ORDINARY_LEAVING = re.compile(
    r"\bnew (?:job|role|post|practice|team|ward|unit|hospital|trust|school|position|placement)\b|"
    r"\b(?:i'm |i )?(?:mov(?:e|ing)|transferr?(?:ing|ed)?|relocat\w+) to (?:the|a|another|our|my)\b|"
    r"\bretir(?:e|es|ed|ing|ement)\b|\bpart[- ]time\b|\bleaving do\b|\bpromot(?:ed|ion)\b|"
    r"\b(?:maternity|paternity|parental) leave\b|\bsecondment\b|\bstart(?:s|ing)? (?:at|in) (?:the|a|my)\b"
)

# "I'm going to kill my supervisor. Not an expression.": the writer says the words are meant.
IDIOM_DENIED = re.compile(
    r"\bnot (?:an|a) (?:expression|figure of speech|metaphor|joke)\b|\bi(?:'m| am) not joking\b|"
    r"\bi mean (?:it|that) literally\b|\b(?:and|i) (?:really |actually |honestly |genuinely )?mean it\b"
)
# "He's safe. So am I.": agreeing in safety is not mirroring someone's risk.
CALM_AGREEMENT = re.compile(
    r"\b(?:safe|fine|ok|okay|well|good|alright|all right|grand|doing better)[.!,]*\s+(?:and\s+)?"
    r"(?:so am i|me too|same here|i am too)\b"
)

# The writer says plainly they are safe: similarity alone may not overrule that.
SAFE_STATEMENT = re.compile(
    r"\b(?:i'm|i am|i feel) (?:safe|not in (?:any )?danger)\b|\bnot in (?:any )?danger\b|"
    r"\bno (?:dark|suicidal|scary) thoughts\b|\bno urges\b|\bnot suicidal\b"
)

# Said across sentences, so read over the whole message: "night night world. for good this
# time x", "sunday when the flat's empty. that's when."
FAREWELL_FOR_GOOD = re.compile(
    r"\b(?:night night|good ?night|goodbye|bye|farewell|so long)[, ]+(?:world|everyone|everybody|all|"
    r"y'all|folks|guys|cruel world)\b[.,!x ]*(?:for good|forever|for ever|for the last time)\b|"
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|tomorrow(?: night)?|"
    r"this weekend|next week)\b[^.!?]{0,60}[.!?,]\s*that's (?:when|the day|the night)\s*(?:[.!,]|$)"
)
# Affairs put in order, then a feeling of being done, often across sentences: "updated my will,
# passwords doc for my wife, cancelled the gym. feels tidy. feels final."
AFFAIRS_TIDIED = re.compile(
    r"(?:\b(?:the|my|a) will\b|\bwill's\b|\bpasswords?\b|\bpension\b|\blife insurance\b|\bnomination\b)"
    r".{0,120}\b(?:feels? (?:tidy|final|done|complete)|(?:everything|it all)(?:'s| is) (?:tidy|sorted|"
    r"in order|done)(?: now)?|weirdly calm|calm(?:er)? than (?:i've been )?in (?:months|years|ages))"
)

# Risk hidden from someone who asked, said across sentences: "asked if I was safe. I said yes. I lied."
CONCEALED = re.compile(
    r"\b(?:asked|asks|asking) (?:me )?(?:if|whether) i(?:'m| am| was| were| felt| feel)? "
    r"(?:safe|suicidal|at risk|having (?:any )?(?:thoughts|suicidal \w+|dark thoughts)|"
    r"thinking (?:about|of) (?:hurting|harming|killing|ending)|(?:going|likely) to hurt myself)\b"
    r"[^\n]{0,60}?(?:\bi lied|\blied to (?:her|him|them)|\b(?:that|it) was a lie|"
    r"\b(?:that|it) (?:wasn't|isn't) true|[.!?] (?:not true|a lie|lies|lying))\b"
)

# A denial the same message takes back: "not gonna off myself (have thought about it every
# night this week)", "not going to hurt myself. havent since tuesday anyway".
CONTRADICTED = re.compile(
    r"\b(?:i've|ive|i have|have|i keep|keep|i've been|ive been|been|i do)(?: been)? "
    r"(?:thought|thinking|think) (?:about|of) (?:it|doing it|how)\b|"
    r"\b(?:i just|just|but i|i still) think about (?:it|doing it|how|where)\b|"
    r"\b(?:holding|held|looking at|staring at|carrying|sharpening) (?:the|a|my) (?:blade|razor|knife|rope|belt|ligature)\b|"
    r"\bgoodbye (?:texts?|messages?|emails?|videos?)\b|"
    # "im not suicidal im just tired of being alive which i know is the same thing said nicer"
    r"\b(?:is|it's|its) (?:just )?the same thing(?: said| put| but)? (?:nicer|nicely|politely|differently|in (?:other|nicer|different) words)\b|"
    r"\bhaven'?t since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"last (?:night|week|weekend)|the weekend)\b|"
    # "I'm not suicidal. I just have a plan for if it gets worse."
    r"\b(?:i (?:just |do |still |already )?have|i've got|i've had|i've made) a plan\b"
    r"(?! for (?:tomorrow|the|next|my|our|her|his|them|work|today)\b)|"
    # "i dont really want to die. (i do)"
    r"\(\s*(?:(?:ok(?:ay)?|well|but|actually|honestly),?\s+)?(?:i do|i am|i have|i did|i would|"
    r"i will|i might|yes|not really)\s*[.!]*\s*\)"
)

# A denial left open with a hedge: "I'm not going to kill myself. Probably.", "not yet".
HEDGED = re.compile(
    r"^[\s.,;:!?…-]*(?:probably|maybe|possibly|for now|yet|not yet|hopefully|i hope|we'll see|"
    r"not today(?: anyway)?)\s*(?:[.!?…,]|$)"
)

# Displacement ("asking for a friend") and retraction ("jk") keep the underlying risk words crisis.
DISPLACEMENT = re.compile(
    r"\basking for a (?:friend|mate|pal|buddy|colleague)\b|\bhypothetically\b|\btheoretically\b|\bwriting a (?:\w+ )?(?:poem|story|novel|book|script|scene)\b|\bfor (?:a|my) (?:poem|film|screenplay)\b|\bnot for me(?: obviously)?\b|\bfor a (?:story|novel|book|friend|school project|script)\b|\bjust curious\b|\basking for (?:research|science)\b|\b(?:ok|okay|fine|alright),? it's me\b|\bthe friend is me\b|\bif a (?:nurse|doctor|medic|paramedic|person|someone) wanted to\b"
)
# Means asked about behind a displacement: "asking for a friend: how many ampoules..."
DISPLACED_MEANS = re.compile(
    rf"\bhow (?:many|much)\b.{{0,40}}\b(?:{_DRUGS}|ampoules?|vials?|units|insulin|"
    r"of (?:those|them|these))\b|\b(?:ampoules?|vials?|cd register|lethal|would (?:\w+ )?do it|"
    r"would it take|tox screen|toxicology|post ?mortem|autopsy|too much|painless|(?:quickest|"
    r"gentlest|quietest|easiest|least messy|least painful) way|way out|end it|not wake up|"
    r"enough (?:pills|tablets|meds|insulin)|dose of|(?:that|which|what) does it|potassium\b(?! levels?)|"
    r"how many would|someone my size|\d+ ?kg)\b"
)
RETRACTION = re.compile(
    # the faces stand outside the word boundaries: "die 😂" has none between them
    r"\b(?:jk|j/k|lol|lmao|haha+|just kidding|kidding|joking|not really|jokes)\b|[🙃😂💀]"
)

CLINICAL_CONTEXT = re.compile(
    r"\b(?:risk assessment|safety plan(?:ning)?|c-?ssrs|columbia|training|cpd|leaflets?|exam|theory|"
    r"presentations|safetalk|asist|conversation about|(?:how (?:i|we|you) )?ask(?:ing|ed|s)? (?:\w+ ){0,2}about|"
    r"webinar|ceu|screen(?:ing|ed)? for|"
    r"assess(?:ing|ed)? (?:for|suicid)|protocol|document(?:ing|ed)?|postvention|prevention|"
    r"how do (?:i|you|we) (?:support|help|talk to|respond to|ask)|evidence base|evidence that|research on|article on|course on|"
    r"attended (?:a|an|the)|called to (?:a|an|the)|case note|reports? (?:daily|ongoing|recent|passive|active)|presents? with|presented with|denies|"
    r"teach(?:ing)?|students?|lecture|seminar|workshop|policy|guidelines?|frameworks?|literature|refresher|supervision group|"
    r"evidence on|interventions?|guidance|explain|course|practi[sc]ed asking|the word|session|"
    # talking with people about it, raising it: "talking to mates about suicide"
    r"(?:talk(?:ing|ed|s)?|speak(?:ing|s)?|spoke|chat(?:ting)?) (?:to |with )?(?:\w+ ){0,2}about|"
    r"rais(?:e|es|ed|ing))\b"
)

# The writer's own attempt, self-harm or symptoms long past, with nothing said to be returning.
PAST_ONLY = re.compile(
    r"\b(?:when i was (?:\d+|a (?:teen(?:ager)?|kid|student|child))|as a (?:teen(?:ager)?|student|kid|child)|(?:(?:\d+|many|several|two|three|four|five|ten|twenty) |[a-z]+-odd |(?<![a-z] ))years ago|my first (?:year|years|job)\b|(?:was|were) in (?:19|20)\d\d\b|(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|thirty|forty) years ago|"
    r"in my (?:teens|twenties|thirties|20s|30s)|at (?:1[2-9]|2\d)\b(?![:.]\d)|back in (?:19|20)\d\d|during my (?:degree|training|teens)|"
    r"(?:long|well|a long way) behind me|not for (?:many |several )?years|(?:a )?long time ago|(?:^|i )used to|stopped years ago|"
    # "five years clean from self harm": history, unless something says it is back
    r"clean (?:of|from)|(?:years|yrs) clean)\b"
)
RETURNING = re.compile(
    r"\b(?:again|back(?! in (?:19|20)\d\d| then| when| in the day| (?:some |a few |old |the )?memor)|returning|coming back|creeping back|lately|these days|recently|tonight|last night|yesterday|this week|started|on and off|off and on|since my|urges?|pull|tempted|miss it|"
    r"(?:stopped|stops) being (?:a |so )?(?:joke|funny)|(?:isn't|is not|not) (?:a )?joke (?:any ?more|now)|"
    r"still(?! (?:on (?:my|me)\b(?! mind)|visible|show|(?:be |being )?(?:here|alive|around)))|(?<!glad )(?<!grateful )(?<!thankful )every day|all the time|think(?:ing)? about (?:it|doing|dying|ending)|want(?:ed)? to(?! (?:note|say|write|share|mention|record|put|tell|update|flag|reflect|log|add|ask)\b)|wish)\b"
)


def returning(text: str) -> bool:
    """Something said to be coming back now ("the urges are back"), not negated ("no urges")."""
    return any(not negated(text, m.start()) for m in RETURNING.finditer(text))


# Someone else's words quoted by the writer: "he told me 'I cut myself last night'".
QUOTED_SPEECH = re.compile(
    r"""\b(?!i\s)\w+\s+(?:said|says|saying|told me|tells me|texted|wrote|writes|screamed|shouted|kept saying|keeps saying|messaged|posted|asked(?: me)?|asks(?: me)?|stated|states|disclosed|reported|repeating)"""
    # the words in double quotes, or in single quotes with apostrophes inside words ("i'm")
    r"""(?:(?:\s+\w+){0,3}\s*[,:]?)?\s*(?:that\s+|(?:something|things|stuff|words) like\s+|(?:some|a) version of\s+)?(?:"([^"]{3,240})"|(?<![\w'])'((?:[^']|(?<=\w)'(?=\w)){3,240})'(?!\w))"""
)
# Someone's words introduced as theirs: "her words: if you leave i'll kill myself".
THEIR_WORDS = re.compile(
    r"\b(?:his|her|their|[a-z]+'s) (?:exact )?words(?: were| was)?\s*[:-]\s*([^.!?\n]{3,240})"
)
# Someone's words after their name and a colon, as in case notes: "pt: 'i'm going to end it'".
NAMED_QUOTE = re.compile(
    # "pt: '...'", "client quote from today: '...'": a few words may stand before the colon
    rf"""\b{OTHER_PERSON}(?:\s+(?!i\b|i'm\b|i've\b)[a-z']+){{0,4}}\s*:\s*"""
    r"""(?:"([^"]{3,240})"|'((?:[^']|(?<=\w)'(?=\w)){3,240})'(?!\w))"""
)
# The quote first, then whose it is: '"I want to die" - what my client said', "'...' said my pt".
QUOTE_THEN_SPEAKER = re.compile(
    r"""(?:"([^"]{3,240})"|(?<![\w'])'((?:[^']|(?<=\w)'(?=\w)){3,240})'(?!\w))\s*[-—–,:(]*\s*"""
    rf"(?:(?:that's |is )?what |said |says )?(?:my|our|a|the|this|his|her|their) (?:\w+ )?{OTHER_PERSON}\b"
)
# A quote used to name a kind of case: "her first 'I want to kill myself' patient".
QUOTED_LABEL = re.compile(
    rf"""(?:"([^"]{{3,120}})"|(?<![\w'])'((?:[^']|(?<=\w)'(?=\w)){{3,120}})'(?!\w))\s*"""
    rf"(?:{OTHER_PERSON}|calls?|presentations?|jobs?|admissions?|referrals?)\b"
)
_FIRST_SUBJECT = re.compile(r"\b(?:i|i'm|i've|i'd|we)\b")
_NOT_A_SPEAKER = re.compile(
    r"\b(?:and|then|so|just|finally|also|but|or|literally|actually|basically|still|even|once|"
    r"again|only|quietly|nearly|almost|never|always|eventually|suddenly|simply|calmly)\s*$"
)


def spoken_by_writer(before: str) -> bool:
    """Words introduced in the writer's own sentence ("I went to my GP and said 'I want to die'")
    are the writer's: the writer is named after anyone else before the speech verb."""
    sentence = re.split(r"[.!?\n]", before)[-1].strip()
    firsts = [m.end() for m in _FIRST_SUBJECT.finditer(sentence)]
    others = [m.end() for m in _THIRD.finditer(sentence)]
    if not firsts and not others:
        # no subject at all, as chat drops the "I": "rang the helpline and said '...'"
        return bool(_NOT_A_SPEAKER.search(sentence))
    return bool(firsts) and (not others or firsts[-1] > others[-1])


# Someone's words repeated without quotation marks: "she kept saying i want to die over and over".
UNQUOTED_SPEECH = re.compile(
    r"\b(?!i\s)\w+\s+(?:kept|keeps|keep|was|were|is|are)\s+(?:saying|screaming|shouting|yelling|"
    r"crying|repeating|sobbing)\s*[,:]?\s+(i\b[^.!?\n]{3,240})"
)
