"""Deterministic risk check, run first on every turn.

Two independent layers, combined: curated rules (with idiom, negation and subject handling) and
a semantic layer: similarity to labelled example messages (data/risk_exemplars.yaml and
data/risk_examples.jsonl), plus a reader fine-tuned on those same messages (risk_model.py). Every
decision lists the signals that fired.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from . import safety_patterns as sp
from .content import load, load_lines
from .inputs import clean
from .risk_model import RiskModel

log = logging.getLogger(__name__)

LEVELS = ("none", "concern", "crisis")
_RANK = {name: i for i, name in enumerate(LEVELS)}


@dataclass(frozen=True)
class Thresholds:
    """Semantic-layer cut-offs, chosen on the labelled examples leave-one-writer-out, then frozen.

    `eval/safety.py --tune` searches them: each writer's messages are judged against the others'.
    """

    crisis: float = 0.42
    concern: float = 0.54
    other: float = 0.40
    margin: float = 0.03  # how much nearer the class must be than every rival class
    tie: float = 0.03  # safety first: crisis wins over concern when it trails by at most this
    top: int = 3  # mean of the top-n similarities per class
    # The fine-tuned reader's probabilities (risk_model.py), chosen on writers it was not
    # trained on (`eval/train_risk_model.py --folds`). Either part of the semantic layer can
    # raise the level: the reader catches wording no single example shares.
    # reader_crisis was 0.8 until the reader trained on thirty-eight writers: it reads crisis less
    # sharply, and on the validation split 0.7 catches three more crises (0.944 to 0.978) and
    # keeps as many calm messages calm (0.944). Retrained on forty-three writers, every cut-off
    # from 0.4 to 0.8 reads the validation split (zg, zh, zi) the same, so 0.7 stays. Retrained on
    # fifty-six, on zp to zs 0.5 catches one more crisis and flags two more calm messages, 0.8
    # flags one calm message fewer and 0.9 loses a crisis: 0.7 stays.
    reader_crisis: float = 0.7
    reader_concern: float = 0.995  # P(crisis) + P(concern)
    reader_other: float = 0.9
    # A sentence the reader reads as crisis counts only when the text around it (the whole of a
    # short message; in a longer one, the sentence with its neighbours) is not read as plainly
    # calm: out of context a line of teaching or a client's words can sound like crisis.
    reader_context: float = 0.2
    # The reader can veto a crisis similarity on a sentence it reads as anything but crisis,
    # and a concern similarity on one it reads as plainly calm (P(crisis) + P(concern)).
    reader_veto: float = 0.05
    reader_concern_veto: float = 0.2
    # A crisis similarity also needs the text around its sentence (as for the reader's own
    # crisis reading) not to be read as plainly calm: "Booking it now." sits near quiet crises.
    reader_similarity_context: float = 0.02
    # And an other-at-risk similarity needs the reader not to read the piece as plainly about the
    # writer alone: "Gym, then bed." after a hard call sits near notes about clients at risk.
    reader_other_veto: float = 0.01


@dataclass(frozen=True)
class Assessment:
    """The writer's own risk, whether someone else is at risk, and why."""

    level: str = "none"
    other_at_risk: bool = False
    signals: tuple[str, ...] = ()
    earlier: str = "none"  # the highest level seen earlier in this conversation

    @property
    def needs_help_path(self) -> bool:
        return self.level != "none" or self.other_at_risk or self.earlier != "none"

    def to_dict(self) -> dict:
        return {
            "level": self.level,
            "other_at_risk": self.other_at_risk,
            "signals": list(self.signals),
        }


@dataclass
class _Findings:
    level: str = "none"
    other: bool = False
    signals: list[str] = field(default_factory=list)
    mirrors: bool = False  # the writer takes someone else's risk as their own ("so do I")
    grief: bool = False  # a death that already happened is named

    def raise_to(self, level: str, signal: str) -> None:
        if _RANK[level] > _RANK[self.level]:
            self.level = level
        if signal not in self.signals:
            self.signals.append(signal)


# --- rule layer ------------------------------------------------------------------------------

# Rules whose words also name the topic clinicians teach and document ("suicide risk assessment").
_TOPIC_WORDS = frozenset({"suicide_word", "self_harm"})


def _note(found: _Findings, signal: str) -> None:
    if signal not in found.signals:
        found.signals.append(signal)


# Rules for the writer's own past attempt, self-harm or symptoms: long past and not returning is
# history.
_PAST_RULES = frozenset(
    {
        "attempted",
        "attempt_returning",
        "self_harm",
        "self_harm_behaviour",
        "suicide_word",
        "end_life",
        "end_it",
        "want_to_die",
        "wish_dead",
        "better_off_without",
        "no_reason_to_live",
        "acute_danger",
        # "used to get panic attacks in training but they stopped years ago"
        "nightmares",
        "panic",
        "intrusive",
        "sleep",
    }
)
# Rules whose goodbyes and dates are also a new job's or a retirement's.
_FAREWELL_RULES = frozenset({"end_it", "plan_means"})
# Rules whose words also name an event that happened to someone else ("the overdose we attended").
_EVENT_RULES = frozenset({"suicide_word", "attempted", "acute_danger"})
# The writer intends harm to someone: that person is at risk too.
_THREAT_RULES = frozenset({"harm_others", "harm_others_intent", "harm_cost_accepted"})


def _group(match: re.Match) -> int:
    """The number of the group that holds the quoted words."""
    return next(g for g in range(1, len(match.groups()) + 1) if match.group(g) is not None)


def _words(match: re.Match) -> str:
    return match.group(_group(match))


def _quoted_speech(norm: str, found: _Findings) -> str:
    """Someone else's words, quoted: their risk, not the writer's. Returns the text without them.

    The writer's own words, quoted in their own sentence ("I went to my GP and said 'I want to
    die'"), stay in and are read as theirs; a question the writer asked ("we practised saying
    'are you thinking about suicide?'") is set aside without making anyone at risk.
    """
    said = [*sp.QUOTED_SPEECH.finditer(norm), *sp.UNQUOTED_SPEECH.finditer(norm)]
    theirs = [
        *sp.THEIR_WORDS.finditer(norm),
        *sp.QUOTED_LABEL.finditer(norm),
        *sp.NAMED_QUOTE.finditer(norm),
        *sp.QUOTE_THEN_SPEAKER.finditer(norm),
    ]
    asked = []
    for match in said:
        if not sp.spoken_by_writer(norm[: match.start()] + match.group(0).split()[0]):
            theirs.append(match)
        elif _words(match).rstrip().endswith("?"):
            asked.append(match)
    for match in sorted([*theirs, *asked], key=lambda m: m.start(), reverse=True):
        if match not in asked:
            quoted = _rule_layer(_words(match))
            if quoted.level == "crisis" or quoted.other:
                found.other = True
                _note(found, "other:quoted_speech")
        start, end = match.span(_group(match))
        norm = norm[:start] + " " * (end - start) + norm[end:]
    return norm


def _hedged(rest: str, following: str) -> bool:
    """A denial left open: "not going to kill myself. Probably.", "haven't hurt myself yet"."""
    if sp.HEDGED.match(rest):
        return True
    return not rest.strip(" .,;:!?…-") and bool(sp.HEDGED.match(following))


def _rule_layer(text: str) -> _Findings:
    found = _Findings()
    norm = _quoted_speech(sp.normalize(text), found)
    displaced = bool(sp.DISPLACEMENT.search(norm))
    past_only = not sp.returning(norm)
    retracted = bool(sp.RETRACTION.search(norm))
    # An idiom the writer says is meant literally is not one.
    idioms_meant = bool(sp.IDIOM_DENIED.search(norm))
    pieces = sp.clauses(norm)
    for index, clause in enumerate(pieces):
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        scrubbed = (
            clause if idioms_meant else sp.IDIOMS.sub(lambda m: " " * len(m.group(0)), clause)
        )
        if scrubbed != clause:
            _note(found, "idiom")
        for rule in sp.RULES:
            for match in rule.regex.finditer(scrubbed):
                if rule.negatable and sp.negated(scrubbed, match.start(), match.end()):
                    if (
                        rule.level == "crisis"
                        and _hedged(scrubbed[match.end() :], following)
                        and (
                            rule.self_only
                            or not sp.subject_is_other(scrubbed, match.start(), match.end())
                        )
                    ):
                        found.raise_to("crisis", "negation_hedged")
                        break
                    _note(found, "negated")
                    continue
                if rule.negatable and sp.REPORTED_QUESTION.search(scrubbed[: match.start()]):
                    _note(found, "reported_question")
                    continue
                if (
                    rule.name in _FAREWELL_RULES
                    and sp.FAREWELL_WORDS.search(match.group(0))
                    and sp.ORDINARY_LEAVING.search(norm)
                ):
                    _note(found, "ordinary_leaving")  # "said goodbye to the team, new job monday"
                    continue
                if rule.name in _PAST_RULES and past_only and sp.PAST_ONLY.search(scrubbed):
                    _note(found, "past_history")
                    continue
                topic = rule.name in _TOPIC_WORDS
                if topic and (
                    sp.TOPIC_NOUN.match(scrubbed[match.end() :]) or sp.BEREAVEMENT.search(scrubbed)
                ):
                    _note(found, "professional_talk")
                    continue
                about_other = not rule.self_only and not displaced
                if about_other and (
                    # "overdose pt in majors", "a hanging job": the words name someone else
                    sp.NAMES_OTHER.match(scrubbed[match.end() :])
                    # an overdose, attempt or suicide the writer attended: someone else's
                    or (
                        rule.name in _EVENT_RULES and sp.event(scrubbed, match.start(), match.end())
                    )
                ):
                    if rule.level == "crisis":
                        found.other = True
                        _note(found, f"other:{rule.name}")
                    continue
                if about_other and sp.subject_is_other(scrubbed, match.start(), match.end()):
                    if sp.BEREAVEMENT.search(scrubbed):
                        _note(found, "bereavement")
                    elif (
                        topic
                        and sp.CLINICAL_CONTEXT.search(scrubbed)
                        and sp.generic_other(scrubbed, match.start())
                    ):
                        _note(found, "professional_talk")
                    elif rule.level == "crisis":  # a client's panic is theirs, not a risk to them
                        found.other = True
                        _note(found, f"other:{rule.name}")
                    continue
                if (
                    topic
                    and sp.CLINICAL_CONTEXT.search(scrubbed)
                    and not sp.SELF_STATED.search(scrubbed[: match.start()])
                ):
                    _note(found, "professional_talk")
                    continue
                found.raise_to(rule.level, rule.name)
                if rule.name in _THREAT_RULES:
                    found.other = True
                break
        for rule in sp.OTHER_RULES:
            match = rule.regex.search(scrubbed)
            if not match or (rule.negatable and sp.negated(scrubbed, match.start(), match.end())):
                continue
            if sp.BEREAVEMENT.search(scrubbed):
                _note(found, "bereavement")
                continue
            found.other = True
            _note(found, f"other:{rule.name}")
    if found.level != "crisis" and displaced and sp.DISPLACED_MEANS.search(norm):
        found.raise_to("crisis", "displaced_means")
    if found.level != "crisis" and "negated" in found.signals and sp.CONTRADICTED.search(norm):
        found.raise_to("crisis", "negation_contradicted")
    if found.level != "crisis" and sp.CONCEALED.search(norm):
        found.raise_to("crisis", "concealed_risk")
    if found.level != "crisis" and sp.AFFAIRS_TIDIED.search(norm):
        found.raise_to("crisis", "affairs_tidied")
    if found.level != "crisis" and sp.FAREWELL_FOR_GOOD.search(norm):
        found.raise_to("crisis", "farewell_for_good")
    found.mirrors = bool(sp.MIRRORING.search(sp.CALM_AGREEMENT.sub(" ", norm)))
    found.grief = bool(sp.BEREAVEMENT.search(norm))
    if found.level == "none" and sp.SAFE_STATEMENT.search(norm):
        _note(found, "negated")
    if found.level == "crisis":
        if displaced:
            found.signals.append("displacement")
        if retracted:
            found.signals.append("retraction")
    return found


# --- semantic layer --------------------------------------------------------------------------


CLASSES = ("crisis", "concern", "other_at_risk", "none")


def example_texts(leave_out: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """The texts each class is judged against.

    The hand-written exemplars (data/risk_exemplars.yaml), plus the labelled messages of
    data/risk_examples.jsonl by several writers: a message about someone else at risk counts for
    other_at_risk, and for its own level unless that level is none (a calm note about a client's
    risk is not what "none" should sound like). `leave_out` drops writers, so each writer's
    messages can be judged against the others' when thresholds are chosen.
    """
    data = load("risk_exemplars.yaml")
    texts = {name: [str(item["text"]) for item in data[name]] for name in CLASSES}
    for row in load_lines("risk_examples.jsonl"):
        if row["writer"] in leave_out:
            continue
        if row["other_at_risk"]:
            texts["other_at_risk"].append(row["text"])
        if row["level"] != "none" and _long(row["text"]):
            # A long message is mostly work detail around one risk sentence: as a crisis or
            # concern example it would make ordinary case notes ("next appointment booked for
            # Thursday") sound like crisis. It still counts for other_at_risk and is measured.
            continue
        if row["level"] != "none" or not row["other_at_risk"]:
            texts[row["level"]].append(row["text"])
    return texts


def _example_vectors(embedder, texts: dict[str, list[str]]) -> dict[str, np.ndarray]:
    """The examples' vectors, kept in the data dir under a hash of the model and the texts.

    Embedding some 3,300 examples takes a quarter of a minute on two cores; every process that
    assesses (the app, the CLI, each test session) reads them back instead. Only packaged
    example texts are embedded here, never a conversation.
    """
    from .config import get_settings

    model = [
        type(embedder).__qualname__,
        getattr(embedder, "name", ""),
        getattr(embedder, "dimension", 0),
    ]
    digest = hashlib.sha256(json.dumps([model, texts]).encode("utf-8")).hexdigest()[:16]
    path = get_settings().data_dir / "cache" / f"risk-examples-{digest}.npz"
    try:
        with np.load(path) as stored:
            return {name: stored[name] for name in CLASSES}
    except (OSError, KeyError, ValueError):
        pass
    vectors = {name: embedder.encode(texts[name]) for name in CLASSES}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.stem}.{os.getpid()}.partial.npz")
        np.savez(partial, **vectors)
        os.replace(partial, path)
    except OSError as exc:
        log.warning("could not keep the risk examples' vectors in %s: %s", path.parent, exc)
    return vectors


def _readable(piece: str) -> bool:
    """Mostly Latin letters: what the English embedding model and the reader can read.

    In Cyrillic or Chinese both read noise (the reader called "I'm very tired at work" in Russian
    crisis), so such a piece is left to the rules; the reply in another language always carries
    the help path. So is a piece with no letters at all ("😭😭😭", "..."): the tokenizer knows no
    emoji, and the reader read a row of them as crisis.
    """
    letters = [ch for ch in piece if ch.isalpha()]
    return bool(letters) and sum(ord(ch) < 0x250 for ch in letters) >= len(letters) / 2


def _long(text: str) -> bool:
    """More than two sentences, or over 200 characters."""
    return len(text) > 200 or len(_split(text)) > 2


class _Exemplars:
    """Example vectors per class, embedded once."""

    def __init__(self, embedder, leave_out: frozenset[str] = frozenset()) -> None:
        self.embedder = embedder
        self.classes = CLASSES
        self.vectors = _example_vectors(embedder, example_texts(leave_out))

    def scores(self, sentences: list[str], top: int) -> dict[str, np.ndarray]:
        """Per class, per sentence: mean of the top-n exemplar similarities."""
        vectors = self.embedder.encode(sentences)
        out = {}
        for name in self.classes:
            sims = vectors @ self.vectors[name].T
            n = min(top, sims.shape[1])
            out[name] = np.sort(sims, axis=1)[:, -n:].mean(axis=1)
        return out


_WINDOW_CHARS = 400
SEMANTIC_CHARS = 20_000  # the semantic layer reads this much of the end of a paste; rules read all


def _split(text: str) -> list[str]:
    """Sentences, each cut to at most _WINDOW_CHARS at a space."""
    pieces: list[str] = []
    for sentence in re.split(r"(?<=[.!?\n])\s+", text.strip()):
        sentence = sentence.strip()
        while len(sentence) > _WINDOW_CHARS:
            cut = sentence.rfind(" ", 0, _WINDOW_CHARS)
            cut = cut if cut > 50 else _WINDOW_CHARS
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].strip()
        if sentence:
            pieces.append(sentence)
    return pieces


def _windows(text: str) -> list[str]:
    """Sentence-sized pieces for the semantic layer: a risk line at the end of a paste counts.

    The semantic layer reads the last SEMANTIC_CHARS characters, sentence by sentence (as its
    thresholds were tuned): a pasted note ends with what the writer wants to say now, and
    embedding costs time per character (100,000 characters would take half a minute on two
    cores). The rule layer reads every clause of the whole text whatever its length, so a plain
    crisis sentence anywhere in a paste is always caught.
    """
    text = text.strip()
    if len(text) > SEMANTIC_CHARS:
        start = text.find(" ", len(text) - SEMANTIC_CHARS) + 1  # not half a word
        pieces = _split(text[start:])
    else:
        pieces = _split(text)
    if len(pieces) > 1 and len(text) <= _WINDOW_CHARS:
        pieces.append(text)  # a short message is also judged whole
    return list(dict.fromkeys(pieces)) or [text]  # repeated pieces are embedded once


class Assessor:
    """Rules plus semantic similarity; thread-safe, holds the exemplar vectors."""

    def __init__(
        self,
        embedder=None,
        thresholds: Thresholds | None = None,
        leave_out: frozenset[str] = frozenset(),
        model: RiskModel | None = None,
    ) -> None:
        self.thresholds = thresholds or Thresholds()
        self._embedder = embedder
        self._model = model  # the fine-tuned reader; without it, similarity alone
        self._leave_out = frozenset(leave_out)  # writers of data/risk_examples.jsonl to set aside
        self._exemplars: _Exemplars | None = None
        self._lock = threading.Lock()

    def _semantic(self) -> _Exemplars | None:
        if self._embedder is None:
            return None
        with self._lock:
            if self._exemplars is None:
                self._exemplars = _Exemplars(self._embedder, self._leave_out)
        return self._exemplars

    def similarities(self, text: str) -> dict[str, np.ndarray] | None:
        """Per class, per piece of the text: how close it is to that class's exemplars.

        With the fine-tuned reader, also its probabilities per piece ("reader_crisis",
        "reader_concern", "reader_other"). And, under "about_other", whether the rules read each
        piece as being about someone else's risk (and not the writer's); under "negated" and
        "idiom", whether the rules found a negation or an idiom in it; under "readable", whether
        it is mostly Latin letters, which the models can read.
        """
        exemplars = self._semantic()
        if exemplars is None or not text.strip():
            return None
        pieces = _windows(text)
        normalised = [sp.normalize(p) for p in pieces]
        scores = exemplars.scores(normalised, self.thresholds.top)
        if self._model is not None:
            read = self._model.probabilities(normalised)
            scores.update({f"reader_{name}": read[name] for name in ("crisis", "concern")})
            scores["reader_other"] = read["other_at_risk"]
            whole = len(pieces) > 1 and pieces[-1] == text.strip()  # as _windows adds it
            scores["reader_context"] = self._context(normalised, read["crisis"], whole)
        piece_rules = [_rule_layer(p) for p in pieces]
        scores["about_other"] = np.array([f.other and f.level != "crisis" for f in piece_rules])
        scores["negated"] = np.array(["negated" in f.signals for f in piece_rules])
        scores["idiom"] = np.array(["idiom" in f.signals for f in piece_rules])
        scores["readable"] = np.array([_readable(p) for p in pieces])
        return scores

    def _context(self, pieces: list[str], p_crisis: np.ndarray, whole: bool) -> np.ndarray:
        """Per piece, the reader's P(crisis) for the text around it.

        A short message was read whole as its last piece: that is every piece's context. In a
        longer text each sentence the reader reads as crisis is read again with the sentences
        either side of it; the context of any other piece is never asked for, so it keeps its
        own reading rather than costing a second pass over a long paste. A lone piece is its
        own context.
        """
        if len(pieces) == 1:
            return p_crisis
        if whole:
            return np.full_like(p_crisis, p_crisis[-1])
        context = p_crisis.copy()
        alarmed = np.flatnonzero(p_crisis >= self.thresholds.reader_crisis)
        if alarmed.size:
            around = [" ".join(pieces[max(0, i - 1) : i + 2]) for i in alarmed]
            context[alarmed] = self._model.probabilities(around)["crisis"]
        return context

    def _semantic_layer(self, scores: dict[str, np.ndarray] | None, rules: _Findings) -> _Findings:
        found = _Findings()
        if scores is None:
            return found
        t = self.thresholds
        none = scores["none"]
        idiom_only = "idiom" in rules.signals and rules.level == "none"
        negated = "negated" in rules.signals and rules.level == "none"
        # The rules read the writer's own attempt or self-harm as long past, nothing returning:
        # such a sentence sounds like crisis without saying it is one now.
        history = "past_history" in rules.signals and rules.level != "crisis"
        crisis, concern, other = scores["crisis"], scores["concern"], scores["other_at_risk"]
        # A piece the rules read as someone else's risk cannot make the writer's own level; the
        # writer's own sentence in the same message still can ("my client attempted. same here").
        own = ~scores["about_other"] & scores["readable"]
        # Each class must be the nearest one, not merely near: a message about a client's risk
        # sits close to crisis exemplars too, and is told apart by sitting closer to its own.
        rivals = np.maximum.reduce([none + t.margin, concern - t.tie, other + t.margin])
        crisis_hit = (crisis >= t.crisis) & (crisis >= rivals)
        concern_hit = (concern >= t.concern) & (concern >= none + t.margin)
        other_hit = (other >= t.other) & (
            other >= np.maximum.reduce([none, crisis, concern]) + t.margin
        )
        no = np.zeros_like(crisis, dtype=bool)
        read_crisis, read_concern, read_other = no, no, no
        other_veto = ~no
        if "reader_crisis" in scores:
            p_crisis = scores["reader_crisis"]
            p_help = p_crisis + scores["reader_concern"]  # help is called for: crisis or concern
            in_context = scores["reader_context"] >= t.reader_context
            read_crisis = (p_crisis >= t.reader_crisis) & in_context
            read_concern = p_help >= t.reader_concern
            read_other = scores["reader_other"] >= t.reader_other
            crisis_hit = (
                crisis_hit
                & (p_crisis >= t.reader_veto)
                & (scores["reader_context"] >= t.reader_similarity_context)
            )
            concern_hit = concern_hit & (p_help >= t.reader_concern_veto)
            other_veto = scores["reader_other"] >= t.reader_other_veto
        # Rules that read the risk words as idiomatic explain both readings of the sentence that
        # holds the idiom away (and of a short message read whole); the writer's own words would
        # have fired a rule of their own. A sentence beside it is still read: "Been planning it
        # for after the wedding. Anyway the new system is a nightmare." A negation explains away
        # the similarity, and the reader's reading of the sentence that holds it, but not the
        # reader's reading of a sentence beside it: "not suicidal or anything. just thinking
        # about how I'd do it."
        for level, near, read in (
            ("crisis", crisis_hit, read_crisis),
            ("concern", concern_hit, read_concern),
        ):
            if level == "crisis" and history:
                continue
            if idiom_only:
                near, read = near & ~scores["idiom"], read & ~scores["idiom"]
            if negated:
                near, read = no, read & ~scores["negated"]
            fired = [
                signal
                for signal, hit in ((f"semantic:{level}", near), (f"reader:{level}", read))
                if (hit & own).any()
            ]
            for signal in fired:
                found.raise_to(level, signal)
            if fired:
                break
        # When the writer is the one who may harm, the crisis path already covers it.
        threat = not _THREAT_RULES.isdisjoint(rules.signals)
        crisis_hit = crisis_hit | read_crisis
        if crisis_hit.any() or rules.level == "crisis":
            # In a crisis turn the other-person flag changes nothing the user sees; catch mixed
            # messages ("my client attempted, and I want to go too") by not asking other to beat
            # the crisis similarity as well.
            other_hit = other_hit | (
                (other >= t.other) & (other >= np.maximum.reduce([none, concern]) + t.margin)
            )
        other_hit = other_hit & scores["readable"] & other_veto
        read_other = read_other & scores["readable"]
        if (other_hit | read_other).any() and not threat:
            found.other = True
            if other_hit.any():
                found.signals.append("semantic:other_at_risk")
            if read_other.any():
                found.signals.append("reader:other_at_risk")
        return found

    def assess(self, text: str, history: Iterable[Assessment] = ()) -> Assessment:
        """The risk of one message, in the light of earlier turns' assessments."""
        text = clean(text)  # NUL, control characters, lone surrogates: never an error
        rules = _rule_layer(text)
        semantic = self._semantic_layer(self.similarities(text), rules)
        level = max(rules.level, semantic.level, key=_RANK.__getitem__)
        signals = [s for s in rules.signals if s not in ("idiom", "negated") or level == "none"]
        signals += [s for s in semantic.signals if s not in signals]
        earlier = max(
            (level for seen in history for level in (seen.level, seen.earlier)),
            key=_RANK.__getitem__,
            default="none",
        )
        if earlier != "none":
            signals.append(f"history:{earlier}")
        other = rules.other or semantic.other
        grief = other or rules.grief
        if grief and level != "crisis" and rules.mirrors:
            level = "crisis"  # the writer mirrors someone else's risk as their own
            signals.append("mirroring")
        return Assessment(
            level=level,
            other_at_risk=other,
            signals=tuple(signals),
            earlier=earlier,
        )


@cache
def default_risk_model() -> RiskModel:
    """The fine-tuned reader shipped in data/risk_model.safetensors, loaded once per process."""
    return RiskModel()


@cache
def default_assessor() -> Assessor:
    """The process-wide assessor with the packaged model and the fine-tuned reader."""
    from .embeddings import get_embedder

    return Assessor(get_embedder(), model=default_risk_model())


def assess(text: str, history: Sequence[Assessment] = ()) -> Assessment:
    """Assess one message with the process-wide assessor."""
    return default_assessor().assess(text, history)
