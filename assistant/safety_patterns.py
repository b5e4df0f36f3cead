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
    r"\bsu?ic+i?de\b|\bsucide\b|\bsuicde\b|\bsuiside\b|\bsuacide\b|\bsewerslide\b": "suicide",
    r"\bunaliv(e|ing|ed)\b": r"kill\1",
    r"\bkms\b": "kill myself",
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
    r"\bpts\b": "patients",
    r"\bw/o\b": "without",
    r"\bo\.?d\.?(?:'?d|ed)\b": "overdosed",
}
_SPELLING_RE = [(re.compile(p), r) for p, r in _SPELLING.items()]


def normalize(text: str) -> str:
    """Lower case, straight quotes, no zero-width or control characters, common obfuscations undone."""
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text).translate(_QUOTES)
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text).lower()
    text = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), text)
    text = re.sub(r"(\w)\1{2,}", r"\1\1", text)  # sooooo -> soo
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
    r"someone on my caseload|family|parent|caller|guy|lady|person)s?"
)
_THIRD = re.compile(
    rf"\b(?:(?:my|our|a|the|this|one|another|that|his|her|their)\s+(?:\w+\s+){{0,2}}{OTHER_PERSON}|"
    r"she|he|they|she's|he's|they're|her|him|them)\b"
)
_FIRST = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)\b")
_NEGATION = re.compile(
    r"\b(?:not|never|no|nor|without|n't|don't|do not|didn't|won't|wouldn't|isn't|aren't|"
    r"wasn't|haven't|hasn't|nothing like|far from|zero|none)\b|n't\b"
)
_NOT_NEGATING = re.compile(r"(?:can't|cannot|couldn't|won't|don't) (?:stop|shake|help|get rid)")


def negated(clause: str, start: int) -> bool:
    """A negation shortly before the match, in the same clause ('not suicidal', 'never hurt myself')."""
    window = clause[max(0, start - 40) : start]
    window = window.split(",")[-1]
    window = _NOT_NEGATING.sub("", window)
    return bool(_NEGATION.search(window))


def subject_is_other(clause: str, start: int, end: int) -> bool:
    """The match is about someone else: a third person stands before it with no 'I' after them."""
    before = clause[:start]
    others = list(_THIRD.finditer(before))
    if not others:
        reflexive = re.search(r"\b(?:him|her|them)sel(?:f|ves)\b", clause[start : end + 12])
        return bool(reflexive)
    last_other = others[-1].end()
    firsts = [m for m in _FIRST.finditer(before) if m.start() >= last_other]
    # "my client said I ..." is unusual; "my client told me she wants to die" keeps "she".
    return not any(m.group(0) in ("i", "i'm", "i've", "i'd", "i'll") for m in firsts)


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
_DIE = r"(?:die|be dead|not exist|not be here|not be alive|disappear forever|stop existing|not wake up)"

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
        rf"\b(?:end(?:ing)?|take|taking|took) {_SELF}\b|\bend(?:ing)? it(?: all)?\b(?! with)|\bend everything\b|\bcheck(?:ing)? out (?:for good|permanently|early)\b",
        self_only=True,
    ),
    _r(
        "want_to_die",
        "crisis",
        rf"\b(?:wants?|wanted|wanting|wish(?:es)?|wishing|hopes?|longs?|ready|going|plans?|planning|needs?|deserves?) (?:to|i could|i would|i'd|i was|i were|that i could|i could just|i'd just)? ?(?:just |simply |finally )?{_DIE}\b",
    ),
    _r(
        "wish_dead",
        "crisis",
        r"\bwish (?:i|i'd|i was|i were|i had) (?:never been born|was dead|were dead|be dead|died|not woken up|not here|gone)\b|\bwish i (?:could )?(?:go to )?sleep and (?:not|never) wake\b|\b(?:go to )?sleep and (?:not|never) wake up\b",
    ),
    _r(
        "better_off_without",
        "crisis",
        r"\bbetter off (?:without me|if i (?:was|were|wasn't|weren't|died|was gone|were gone|didn't exist)|with me gone|when i'm gone)\b|\b(?:world|everyone|they|family|kids) (?:would be|'d be) (?:better|lighter|happier|fine) (?:without me|if i (?:was|were) gone)\b|\bburden to (?:everyone|my family|them|all)\b",
    ),
    _r(
        "no_reason_to_live",
        "crisis",
        r"\b(?:no|any) (?:reason|point|will) (?:to|in) (?:live|living|go on|going on|keep going|keep living|carry on|continue living|being alive|being here|stay|staying alive|wake up)\b|\bdon't want to (?:live|be alive|be here|exist|wake up|go on)\b|\bcan't (?:go on|keep living|do this anymore and live)\b|\bdone with (?:life|living|being alive)\b|\bnot want(?:ing)? to (?:live|be alive|wake up)\b",
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
        r"\b(?:been|started|start|keeps?|is|are|was|were|began|back to|relapsed into) (?:cutting|self[- ]harming|burning|hurting (?:him|her|them)sel(?:f|ves))\b|\bcutting again\b",
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
        r"\b(?:stockpil|hoard)\w*\b|\b(?:goodbye|suicide) (?:note|letter)s?\b|\bwr(?:o|i)te? (?:my )?(?:goodbye|farewell) \w*\b|\bletters? to (?:my )?(?:kids|family|children|wife|husband|partner) (?:in case|for after|explaining)\b|\bgiv(?:e|ing|en) away (?:my|all my) (?:stuff|things|belongings|possessions|cat|dog|pets?)\b|\b(?:look(?:ed|ing)? up|research(?:ed|ing)?|google(?:d)?|search(?:ed|ing)? for) (?:ways|how|methods) to (?:die|end it|kill)\b|\bhave a plan\b(?! for (?:the|next|my week|tomorrow|monday|work|lunch|dinner|the weekend))|\bmade a plan to\b|\bpainless(?:ly)?\b|\bhow many .{0,30}(?:lethal|fatal|to die|kill|enough)\b|\blethal (?:dose|amount)\b",
        negatable=False,
    ),
    _r(
        "acute_danger",
        "crisis",
        r"\boverdos(?:e|ed|ing)\b|\btook (?:a bunch|all|too many|the whole|a handful) (?:of )?(?:my |the )?(?:pills|meds|tablets)\b|\bswallowed (?:a bunch|all|too many|the)\b|\bstanding on (?:the )?(?:edge|ledge|bridge|roof)\b|\bgun (?:in my|to my) (?:hand|head|mouth)\b|\bloaded (?:gun|my gun)\b",
        negatable=False,
    ),
    _r(
        "self_harm",
        "crisis",
        r"\b(?:cut|cutting|burn|burning|hurt|hurting|harm|harming|hit|hitting|punish|punishing|scratch|scratching) (?:myself|my (?:arms?|legs?|wrists?|thighs?|skin))\b|\bself[- ]?injur\w*|\brelaps\w* (?:on|into) (?:cutting|self)",
    ),
    _r(
        "harm_others",
        "crisis",
        r"\b(?:want|going|gonna|about|ready|tempted|planning|plan) to (?:hurt|kill|harm|attack|strangle|shoot|stab|beat) (?:him|her|them|someone|somebody|people|my (?:\w+ ){0,1}(?:husband|wife|partner|boss|manager|kid|kids|child|son|daughter|colleague|coworker|client|patient|supervisor))\b|\bi (?:will|'ll|could|might) (?:kill|hurt|strangle|snap and hurt) (?:him|her|them|someone|my \w+)\b(?! (?:for|if|with))",
        negatable=True,
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
        r"\b(?:last|previous|past|my) (?:suicide )?attempt\b|\btried to (?:kill|end|take) (?:myself|my life|it all)\b|\b(?:urges?|thoughts|feelings) (?:are|is) (?:back|coming back|returning)\b",
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
        r"\bnightmares?\b|\bbad dreams\b|\bdream(?:ing|t|ed)? about (?:the|my|her|his|their) (?:client|patient|case|scene|call|kid|child|body)",
        negatable=False,
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
        negatable=False,
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
        r"\b(?:drink|drinking|drank|wine|beer|vodka|whiskey|booze|alcohol|weed|pills|xanax|benzos?|edibles|smoking)\b.{0,40}\b(?:to (?:cope|sleep|numb|forget|get through|switch off|come down|feel nothing|take the edge)|every night|each night|more than i should|most nights|alone|before (?:work|shift)|in the morning|a bottle)\b|\b(?:bottle|drinks?) (?:a|every) night\b|\bneed (?:a|my) (?:drink|glass|bottle)s? to\b|\bdrinking (?:a lot|more|heavily|too much)\b|\bself[- ]medicat\w*",
        negatable=False,
    ),
    _r(
        "not_functioning",
        "concern",
        r"\b(?:can't|cannot|couldn't|haven't been able to|unable to|barely) (?:get out of bed|function|eat|work|concentrate|shower|leave the house|get up|look after (?:my|the) kids|do my job|face (?:work|anyone|going in))\b|\bcalled in sick (?:again|all week|\w+ days)\b|\bfalling apart\b|\bnot functioning\b|\bbreaking down\b|\bfalling to pieces\b",
        negatable=False,
    ),
    _r(
        "withdrawal",
        "concern",
        r"\b(?:withdrawn|withdrawing|withdrew|isolat(?:e|ed|ing)|cut(?:ting)? (?:myself )?off|stopped (?:seeing|talking to|answering|calling|replying))\b.{0,40}\b(?:everyone|friends|family|people|anyone|texts|calls|phone|partner|the world)\b|\b(?:avoid|avoiding|ignoring) (?:everyone|all my friends|my friends and family|my family)\b|\bdon't (?:talk|speak) to anyone\b|\bhaven't (?:talked|spoken) to anyone\b",
        negatable=False,
    ),
)

# Words that name someone else at risk whatever stands before them.
OTHER_RULES: tuple[Rule, ...] = (
    _r(
        "other_suicide",
        "crisis",
        r"\b(?:kill(?:ing|ed|s)?|hurt(?:ing|s)?|harm(?:ing|s)?|cut(?:ting|s)?|burn(?:ing|s)?) (?:him|her|them)sel(?:f|ves)\b|\b(?:end|ending|take|taking|took) (?:his|her|their) (?:own )?life\b|\b(?:he|she|they) (?:is|are|was|were|'s|'re) (?:suicidal|self[- ]harming)\b",
    ),
    _r(
        "other_harmed",
        "crisis",
        r"\b(?:being|was|were|is|are|got|been) (?:abused|beaten|hit|hurt|assaulted|molested|threatened)\b|\b(?:abuse|abusing|beats|beating|hits|hitting) (?:her|him|them|the (?:kids?|child|children|baby))\b",
    ),
)

# Idioms that use crisis words without crisis: matched spans are blanked before rules run.
IDIOMS = re.compile(
    r"\b(?:(?:is|are|was|were|it's|this|that|they're|shift|caseload|job|work|commute|paperwork|meeting|week|"
    r"feet|back|head|knees|boss|audit|heat|kids|charting|documentation|traffic|email|inbox|rota|"
    r"schedule|hours|noise|neck|shoes) (?:is |are |was |were )?(?:literally |actually |absolutely |slowly |really )?killing (?:me|us|my \w+))|"
    r"\bkilling me\b(?! (?:to|myself))|"
    r"\bdead (?:tired|on my feet|beat|exhausted|set|serious|last|end|air|weight|wrong)\b|"
    r"\b(?:i'd|i would|i could|could) (?:kill|murder|die) for\b|\b(?:kill|murder|die) for (?:a|an|some|one) \w+|"
    r"\bto die for\b|\bdying (?:to|for|of (?:laughter|embarrassment|boredom|curiosity|thirst|hunger))\b|\b(?:nearly |almost |could have |could've |literally )?died (?:laughing|of (?:laughter|embarrassment|shame|boredom))\b|"
    r"\b(?:bored|scared|worried|worked|frozen|tickled|talked|loved|stressed) to death\b|\bover my dead body\b|"
    r"\bkill(?:ing|ed)? (?:time|the (?:mood|vibe|lights|engine|music)|it|a bottle|two birds)\b|\bkilled it\b|\bkiller (?:\w+)\b|"
    r"\b(?:shoot|kill) me now\b|\bsomebody (?:shoot|kill) me\b|\bjust shoot me\b|\bi could (?:just )?die\b(?= (?:of|from) (?:embarrass|shame))|"
    r"\bcould die of (?:embarrassment|shame)\b|\bdie (?:of|from) (?:embarrassment|shame|boredom|laughter)\b|"
    r"\bsuicide (?:for|to) (?:my|your|our|the) (?:schedule|career|diet|budget|calendar|week|sleep)\b|"
    r"\b(?:career|political|social|commercial) suicide\b|\bsuicide (?:run|squeeze|doors|mission(?! to))\b|"
    r"\bdeadline\b|\bdead ?end\b|\bdrop dead gorgeous\b|\bmy (?:phone|laptop|battery|car) (?:is |was )?(?:dead|died)\b|"
    r"\bhit me\b(?= (?:up|with|hard))|\bcut (?:myself|me) (?:some|a) (?:slack|break)\b|\bhurt(?:ing)? myself (?:laughing|at the gym|lifting|running|playing)\b"
)

# Displacement ("asking for a friend") and retraction ("jk") keep the underlying risk words crisis.
DISPLACEMENT = re.compile(
    r"\basking for a friend\b|\bhypothetically\b|\bfor a (?:story|novel|book|friend|school project|script)\b|\bjust curious\b|\basking for (?:research|science)\b"
)
RETRACTION = re.compile(
    r"\b(?:jk|j/k|lol|lmao|haha+|just kidding|kidding|joking|not really|jokes|🙃|😂|💀)\b"
)

CLINICAL_CONTEXT = re.compile(
    r"\b(?:risk assessment|safety plan(?:ning)?|c-?ssrs|columbia|training|webinar|ceu|screen(?:ing|ed)? for|"
    r"assess(?:ing|ed)? (?:for|suicid)|protocol|document(?:ing|ed)?|postvention|prevention|"
    r"how do (?:i|you|we) (?:support|help|talk to|respond to|ask)|evidence base|research on|article on|course on)\b"
)
