"""Grounded answers built only from article sentences (extractive: nothing is generated)."""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from .content import load
from .corpus import split_sentences
from .retrieval import Passage, Retriever, tokenize

# Scope thresholds, chosen on the dev split only: eval/data/retrieval.jsonl (in scope) and the
# split=dev lines of eval/data/out_of_scope.jsonl; `eval/answers.py --features` prints both
# numbers per question. After the `uncovered` rules, the best retrieved sentence of every dev
# off-topic question sat at cosine <= 0.24 and of every dev in-scope question at >= 0.31: the
# cut is about the middle, 0.27. The exemplar margin (mean top-3 cosine to in-scope minus to
# out-of-scope exemplars) was >= -0.04 for every dev in-scope question; -0.10 refuses only what
# sits clearly nearer the off-topic exemplars, leaving room for phrasings the dev set lacks.
MIN_SIMILARITY = 0.27
MIN_MARGIN = -0.10
_EXEMPLAR_TOP = 3

PASSAGES = 6
MIN_WORDS, TARGET_WORDS, MAX_WORDS = 60, 120, 180
_MAX_BLOCKS = 4
_ENOUGH, _FLOOR = 0.15, 0.3  # past MIN_WORDS, stop this far below the best; never go below
_DUPLICATE = 0.9
_SHORT = 6  # a sentence with fewer words says too little on its own
_CELL_WORDS = 40
_MIN_CELL = 0.4
# A pronoun, or "this"/"that" standing alone, opening a sentence points at one not quoted.
_DANGLING = re.compile(
    r"^(?:it|they|he|she|such)\b|^(?:this|these|that|those)\s+(?:is|are|was|were|may|can|could|"
    r"will|would|has|have|had|means?|makes?)\b",
    re.I,
)
# Sentences that point at other text ("here are a few ways") rather than say something.
_SIGNPOST = re.compile(r"\bhere(?:'s|’s| is| are)\b|^below\b", re.I)
_ITEM = re.compile(r"^(?:[-*+•]|\d{1,2}[.)])\s+(.*)$")
_CLAUSE = re.compile(r";|\s—\s|:\s")
_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St)|\b[A-Z])\.$")

# Terms a comparison can set side by side; STS and VT only in capitals.
TERMS = {
    "Burnout": re.compile(r"(?i:\bburn(?:ed|t)?[- ]?out\b)"),
    "Compassion fatigue": re.compile(r"(?i:\bcompass?ion[- ]fatigue\b)"),
    "Secondary traumatic stress": re.compile(
        r"(?i:\bsecondary (?:trauma(?:tic stress)?|traumati[sz]ation)\b)|\bSTS\b"
    ),
    "Vicarious trauma": re.compile(r"(?i:\bvicarious(?:ly)? trauma\w*)|\bVT\b"),
    "Empathy fatigue": re.compile(r"(?i:\bempathy[- ]fatigue\b)"),
}
# "empathy or compassion fatigue": the shared noun names both.
_SHARED_FATIGUE = re.compile(
    r"\b(empathy|compassion)\s+(?:vs\.?|versus|or|and|/)\s+(?:empathy|compassion)\s+fatigue", re.I
)
_COMPARE = re.compile(
    r"\b(?:differen\w*|differ|distinct\w*|distinguish\w*|vs\.?|versus|compar\w*|same|similar\w*|"
    r"overlap\w*|apart|which|or|unlike)\b",
    re.I,
)
_NOT_SUBJECT = re.compile(r"(?:unlike|not just|similar to|than)\s+$", re.I)
# Table rows: label, what to ask of each term, words that show a sentence answers it.
_DEFINES = r"(?:is|are|involves|means|refers to|has been described as|tends to be)\b"
ASPECTS = (
    ("What it is", "what is {t}", None),  # None: the term itself is defined (see _defines)
    (
        "Where it comes from",
        "what causes {t}",
        r"\bcaus\w*|\bstems? from|\bcomes? from|\baris\w* from|\bresults? from|-driven|"
        r"\bdriven by|\bgrows? from|\bdevelop\w* from|\bexposure\b|\boccurs? when|\brooted in",
    ),
    (
        "Signs",
        "signs and symptoms of {t}",
        r"(?<!not a )\bsigns? of\b|\bsymptoms?\b|\bindicators?\b|\bshows? up as\b|\bresults? in\b|"
        r"\bflashbacks\b|\bnumb\w*|\bexhaustion\b|\birritab\w*|\bcynicism\b|\bwithdraw\w*",
    ),
    (
        "Onset",
        "how {t} begins and develops over time",
        r"\bsudden\w*|\bover time\b|\bgradual\w*|\bslow\w*|\bbegins\b|\bchronic\b|"
        r"\bacute\w*|\bafter a while\b|\bday after day\b|\baccumulat\w*|\bshift\b",
    ),
)


@dataclass(frozen=True)
class Citation:
    """A passage an answer drew on; `quote` runs word for word from its first to last line used."""

    n: int
    source: str
    title: str
    section: str
    quote: str

    def to_dict(self) -> dict:
        return {
            "n": self.n,
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Table:
    """A comparison: a blank corner then one column per term; cells are article sentences."""

    headers: list[str]
    rows: list[list[str]]

    def to_markdown(self) -> str:
        def line(cells: list[str]) -> str:
            return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

        rule = "|" + "|".join("---" for _ in self.headers) + "|"
        return "\n".join([line(self.headers), rule, *(line(r) for r in self.rows)])


@dataclass(frozen=True)
class Answer:
    """What the composer says; confidence is the best sentence's cosine with the question."""

    text: str
    citations: list[Citation]
    table: Table | None
    in_scope: bool
    confidence: float
    # The whole passage behind each citation, in citation order ([n] is passages[n - 1]): what
    # an optional language model is given to phrase the answer from.
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class _Unit:
    """A sentence or list item of a retrieved passage."""

    text: str
    passage: int  # index into the call's passage list
    order: int  # position among the call's units (passage order within a passage)
    item: bool = False
    lead_in: str = ""  # for a list item: the sentence that introduces its list
    intro: bool = False  # this is a list's lead-in, said only with an item of its list

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def usable(self) -> bool:
        end = self.text.rstrip("”’\"') ")
        return self.words >= _SHORT and not end.endswith("?") and not self.intro

    @property
    def matched(self) -> str:
        """What is compared with the question: an item carries its list's lead-in."""
        return f"{self.lead_in} {self.text}" if self.lead_in else self.text


def _units(texts: list[str]) -> list[_Unit]:
    units: list[_Unit] = []
    for p, text in enumerate(texts):
        lead_in = ""
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            item = _ITEM.match(line)
            if item:
                last = units[-1] if units and units[-1].passage == p else None
                if last and not last.item and last.text.endswith(":"):  # the list's lead-in
                    units[-1] = replace(last, intro=True)
                    lead_in = "" if _DANGLING.match(last.text) else last.text
                units.append(_Unit(item.group(1), p, len(units), True, lead_in))
                continue
            lead_in = ""
            for piece in _sentences(line):
                # A lead-in ("Signs include:") stands apart from the sentence before it.
                tail = re.split(r"(?<=[.!?])\s+", piece)[-1]
                head = piece[: len(piece) - len(tail)].rstrip()
                for part in [head, tail] if tail.endswith(":") and head else [piece]:
                    units.append(_Unit(part, p, len(units)))
    return units


def _sentences(line: str) -> list[str]:
    """split_sentences as exact pieces of the line: closing quotes it moves onto a break come
    back, and a break after a title or an initial ("Dr.", "J.") is undone."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in split_sentences(line):
        closing = "[”’\"')]*"
        pattern = f"{closing}\\s+".join(re.escape(w) for w in piece.split()) + closing
        found = re.compile(pattern).search(line, cursor)
        if not found:
            return split_sentences(line)
        if spans and _ABBREVIATION.search(line[spans[-1][0] : spans[-1][1]]):
            spans[-1] = (spans[-1][0], found.end())
        else:
            spans.append(found.span())
        cursor = found.end()
    return [line[a:b] for a, b in spans]


def _span(text: str, pieces: list[str]) -> str:
    """The passage text from the first to the last of `pieces`, whitespace as in the passage."""
    starts, ends = [], []
    for piece in pieces:
        found = re.search(r"\s+".join(re.escape(w) for w in piece.split()), text)
        if found:
            starts.append(found.start())
            ends.append(found.end())
    return text[min(starts) : max(ends)] if starts else text


def span(text: str, pieces: list[str]) -> str:
    """The passage text from the first to the last of `pieces` (a citation's quote)."""
    return _span(text, pieces)


class _Citations:
    """Numbers passages in order of first use and remembers which of their lines were used."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.passages: dict[str, Passage] = {}
        self.used: dict[str, list[str]] = {}

    def cite(self, passage: Passage, lines: list[str]) -> int:
        self.passages.setdefault(passage.id, passage)
        self.used.setdefault(passage.id, []).extend(lines)
        return self.numbers.setdefault(passage.id, len(self.numbers) + 1)

    def order(self) -> list[str]:
        """Passage ids by citation number."""
        return [pid for pid, _ in sorted(self.numbers.items(), key=lambda kv: kv[1])]

    def listed(self) -> list[Citation]:
        out = []
        for pid, n in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            p = self.passages[pid]
            out.append(Citation(n, p.source, p.title, p.section, _span(p.text, self.used[pid])))
        return out


class Answerer:
    """Answers questions from retrieved passages, quoting sentences word for word."""

    def __init__(self, retriever: Retriever | None, embedder=None) -> None:
        """`retriever=None`: the article library is unavailable; questions get a short notice."""
        if retriever is None and embedder is None:
            raise ValueError("an Answerer without a retriever needs an embedder")
        self.retriever = retriever
        self.embedder = embedder or retriever.index.embedder
        data = load("answer_scope.yaml")
        self.reply = " ".join(str(data["reply"]).split())
        self.unavailable_reply = " ".join(str(load("library.yaml")["unavailable"]).split())
        self.uncovered = [(u["kind"], re.compile(u["pattern"], re.I)) for u in data["uncovered"]]
        self._exemplar_texts = {
            c: [str(e["text"]) for e in data[f"{c}_scope"]] for c in ("in", "out_of")
        }
        self._exemplars: dict[str, np.ndarray] = {}
        # Article sentences recur across questions: each is embedded once (a pure cache).
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            fresh = dict(zip(missing, self.embedder.encode(missing), strict=True))
            with self._lock:
                self._cache.update(fresh)
        with self._lock:
            return np.stack([self._cache[t] for t in texts])

    @property
    def available(self) -> bool:
        """Whether the article library is there to answer from."""
        return self.retriever is not None

    def warm(self) -> None:
        """Embed the exemplars and every indexed sentence now instead of on first use."""
        if self.retriever is not None:
            units = _units(list(self.retriever.index.all_passages()["documents"]))
            self._encode([u.matched for u in units] + [u.text for u in units])
        self._exemplar_vectors()

    def _exemplar_vectors(self) -> dict[str, np.ndarray]:
        with self._lock:  # embedded on first use, read-only afterwards
            if not self._exemplars:
                texts = self._exemplar_texts
                self._exemplars = {c: self.embedder.encode(t) for c, t in texts.items()}
            return self._exemplars

    def margin(self, vector: np.ndarray) -> float:
        """Mean top-3 cosine to in-scope exemplars minus the same for out-of-scope ones."""
        top = {
            c: float(np.sort(v @ vector)[-_EXEMPLAR_TOP:].mean())
            for c, v in self._exemplar_vectors().items()
        }
        return top["in"] - top["out_of"]

    def check_scope(self, question: str) -> dict:
        """Whether the articles can answer this, why, and the two numbers behind it."""
        return self._retrieve(" ".join(question.split()))[0]

    def _retrieve(self, question: str):
        scope = {"in_scope": False, "reason": "", "similarity": 0.0, "margin": 0.0}
        for kind, pattern in self.uncovered:
            if pattern.search(question):
                return {**scope, "reason": f"uncovered:{kind}"}, None
        if self.retriever is None:
            return {**scope, "reason": "unavailable"}, None
        passages = self.retriever.search(question, k=PASSAGES) if question else []
        units = [u for u in _units([p.text for p in passages]) if u.usable]
        if not units:
            return {**scope, "reason": "nothing_found"}, None
        qvec = self.embedder.encode([question])[0]
        # Rounded: a vector cached from another batch may differ in the last float bits.
        cos = np.round(self._encode([u.matched for u in units]) @ qvec, 4)
        best, margin = float(cos.max()), self.margin(qvec)
        reason = "low_similarity" if best < MIN_SIMILARITY else ""
        reason = reason or ("off_topic" if margin < MIN_MARGIN else "")
        scope = {"in_scope": not reason, "reason": reason, "similarity": best, "margin": margin}
        return scope, (passages, units, cos)

    def answer(self, question: str) -> Answer:
        """A cited, extractive answer, or a plain refusal when the articles don't cover it."""
        question = " ".join(question.split())
        scope, found = self._retrieve(question)
        confidence = round(scope["similarity"], 4)
        if not scope["in_scope"]:
            text = self.unavailable_reply if scope["reason"] == "unavailable" else self.reply
            return Answer(text, [], None, False, confidence)
        passages, units, cos = found
        terms = compared_terms(question)
        if terms:  # sentences that set the compared terms side by side say what differs
            cos = cos + np.array([0.15 * (_mentions(u.text, terms) >= 2) for u in units])
        chosen = self._select(question, passages, units, cos)
        citations = _Citations()
        text = _render(passages, units, chosen, citations)
        table = self._table(terms, citations) if terms else None
        listed = citations.listed()
        cited = tuple(citations.passages[pid] for pid in citations.order())
        return Answer(text, listed, table, True, confidence, cited)

    def _select(self, question: str, passages: list[Passage], units: list[_Unit], cos) -> list[int]:
        """Indices of the units to say: best first, within the word budget, no near-duplicates."""
        asked = set(tokenize(question))
        words_of = [set(tokenize(u.text)) for u in units]
        # Shared words count by rarity among these sentences: "IFS" says more than "fatigue".
        df = Counter(w for ws in words_of for w in ws)
        idf = {w: math.log(1 + len(units) / (1 + df[w])) for w in asked}
        total = sum(idf.values()) or 1.0
        scores = []
        for i, u in enumerate(units):
            overlap = sum(idf[w] for w in asked & words_of[i]) / total
            weak = 0.1 * bool(_DANGLING.match(u.text) or u.text[:1].islower())
            weak += 0.2 * bool(_SIGNPOST.search(u.text))
            scores.append(cos[i] + 0.2 * overlap + 0.1 * passages[u.passage].score - weak)
        ranked = sorted(range(len(units)), key=lambda i: (-scores[i], units[i].passage, i))
        plain = self._encode([u.text for u in units])
        top = scores[ranked[0]]
        chosen: list[int] = []
        words, blocks = 0, set()
        for i in ranked:
            u = units[i]
            if scores[i] < top - _FLOOR or (
                words >= MIN_WORDS and (words >= TARGET_WORDS or scores[i] < top - _ENOUGH)
            ):
                break
            cost = u.words + (len(u.lead_in.split()) if u.lead_in else 0)
            if words + cost > MAX_WORDS or (u.passage not in blocks and len(blocks) >= _MAX_BLOCKS):
                continue
            if chosen and float((plain[chosen] @ plain[i]).max()) > _DUPLICATE:
                continue
            chosen.append(i)
            blocks.add(u.passage)
            words += cost
        return _widen(units, chosen, words)

    def _table(self, terms: list[str], citations: _Citations) -> Table:
        """Each compared term down a column, one article sentence per aspect."""
        columns = [self._column(term) for term in terms]
        rows = []
        for a, (label, _, _) in enumerate(ASPECTS):
            row = [label]
            for term_passages, picks in columns:
                unit = picks[a]
                if unit is None:
                    row.append("—")
                    continue
                n = citations.cite(term_passages[unit.passage], [unit.text])
                row.append(f"{_clip(unit.text)} [{n}]")
            rows.append(row)
        return Table(["", *terms], rows)

    def _column(self, term: str) -> tuple[list[Passage], list[_Unit | None]]:
        """Passages about one term and, per aspect, the sentence that best answers it."""
        name = term.lower()
        asks = [ask.format(t=name) for _, ask, _ in ASPECTS]
        seen: dict[str, Passage] = {}
        for ask in asks:
            for p in self.retriever.search(ask, k=PASSAGES):
                seen.setdefault(p.id, p)
        passages = list(seen.values())
        units, subjects, before = [], [], None
        for u in _units([p.text for p in passages]):
            subject = _subject(u.text)
            # "It is a quiet shift ..." right after a sentence about the term is about it too.
            follows = before is not None and before.passage == u.passage and _DANGLING.match(u.text)
            if follows and _subject(before.text) == term:
                subject = term
            before = u
            if u.usable and (subject == term or TERMS[term].search(u.text)):
                units.append(u)
                subjects.append(subject)
        picks: list[_Unit | None] = [None] * len(ASPECTS)
        if not units:
            return passages, picks
        sims = np.round(self._encode([u.text for u in units]) @ self._encode(asks).T, 4)
        pairs = []
        for i, (u, subject) in enumerate(zip(units, subjects, strict=True)):
            base = 0.1 * (subject == term) - 0.1 * (subject not in (None, term))
            base -= 0.1 * bool(_SIGNPOST.search(u.text)) + 0.05 * u.item
            for a, (_, _, cue) in enumerate(ASPECTS):
                fits = (
                    (_defines(u.text, term) or subject == term and _defines(u.text, None))
                    if cue is None
                    else re.search(cue, u.text, re.I)
                )
                if fits and sims[i, a] + base >= _MIN_CELL:
                    pairs.append((-(sims[i, a] + base), a, i))
        taken: set[int] = set()
        for _, a, i in sorted(pairs):  # best pairs first; a sentence fills one row at most
            if picks[a] is None and i not in taken:
                picks[a] = units[i]
                taken.add(i)
        return passages, picks


def compared_terms(question: str) -> list[str]:
    """The terms a question sets against each other, in the order it names them; else []."""
    found = {term: m.start() for term, p in TERMS.items() if (m := p.search(question))}
    shared = _SHARED_FATIGUE.search(question)
    if shared:
        first = f"{shared.group(1).capitalize()} fatigue"
        found[first] = min(found.get(first, shared.start()), shared.start())
    if len(found) < 2 or not _COMPARE.search(question):
        return []
    return sorted(found, key=lambda t: (found[t], t))


def _mentions(text: str, terms: list[str]) -> int:
    return sum(bool(TERMS[t].search(text)) for t in terms)


def _subject(text: str) -> str | None:
    """The first term a sentence names other than in a contrast ("unlike burnout, ...")."""
    hits = []
    for term, pattern in TERMS.items():
        for m in pattern.finditer(text):
            if not _NOT_SUBJECT.search(text[: m.start()]):
                hits.append((m.start(), term))
                break
    return min(hits)[1] if hits else None


def _defines(text: str, term: str | None) -> bool:
    """The sentence says what the term (or "it") is: "<term> is ...", "defines <term> as ..."."""
    if term is None:
        return bool(re.match(rf"(?:it|this)\s+{_DEFINES}", text, re.I))
    for m in TERMS[term].finditer(text):
        after = text[m.end() :]
        if re.match(rf"\W*(?:[\w’'-]+\W+){{0,3}}?{_DEFINES}", after, re.I):
            return True
        if re.search(r"\bdefines?\s+$", text[: m.start()], re.I) and re.match(r"\s+as\b", after):
            return True
    return False


def _clip(sentence: str) -> str:
    """A long sentence cut at its first clause break, marked with an ellipsis."""
    if len(sentence.split()) <= _CELL_WORDS:
        return sentence
    for m in _CLAUSE.finditer(sentence):
        if len(sentence[: m.start()].split()) >= 8:
            return sentence[: m.start()].rstrip(" ,") + " …"
    return " ".join(sentence.split()[:_CELL_WORDS]) + " …"


def _widen(units: list[_Unit], chosen: list[int], words: int) -> list[int]:
    """Under MIN_WORDS: add the sentences around those chosen (nearest first, same passage)."""
    chosen = list(chosen)
    for distance in (1, 2, 3):
        for i in list(chosen):
            for j in (i + distance, i - distance):
                if words >= MIN_WORDS or not 0 <= j < len(units) or j in chosen:
                    continue
                if units[j].passage == units[i].passage and words + units[j].words <= MAX_WORDS:
                    chosen.append(j)
                    words += units[j].words
    return chosen


def _render(
    passages: list[Passage], units: list[_Unit], chosen: list[int], citations: _Citations
) -> str:
    """One block per passage, best first, lines in passage order, its [n] after the last."""
    order = list(dict.fromkeys(units[i].passage for i in chosen))
    blocks = []
    for p in order:
        mine = sorted((units[i] for i in chosen if units[i].passage == p), key=lambda u: u.order)
        lines: list[str] = []
        used: list[str] = []
        for u in mine:
            if u.lead_in and u.lead_in not in used:
                lines.append(u.lead_in)
                used.append(u.lead_in)
            if u.item:
                lines.append(f"- {u.text}")
            elif lines and not lines[-1].startswith("- ") and not lines[-1].endswith(":"):
                lines[-1] = f"{lines[-1]} {u.text}"
            else:
                lines.append(u.text)
            used.append(u.text)
        n = citations.cite(passages[p], used)
        lines[-1] = f"{lines[-1]} [{n}]"
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
