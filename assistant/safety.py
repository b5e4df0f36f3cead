"""Deterministic risk check, run first on every turn.

Two independent layers, combined: curated rules (with idiom, negation and subject handling) and
a semantic layer (similarity to exemplar messages in data/risk_exemplars.yaml). Every decision
lists the signals that fired.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import yaml

from . import safety_patterns as sp

LEVELS = ("none", "concern", "crisis")
_RANK = {name: i for i, name in enumerate(LEVELS)}


@dataclass(frozen=True)
class Thresholds:
    """Semantic-layer cut-offs, chosen on the dev split of eval/data/safety.jsonl and frozen."""

    crisis: float = 0.62
    concern: float = 0.60
    other: float = 0.60
    margin: float = 0.03  # the class must beat the nearest 'none' exemplars by this much
    top: int = 3  # mean of the top-n similarities per class


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

    def raise_to(self, level: str, signal: str) -> None:
        if _RANK[level] > _RANK[self.level]:
            self.level = level
        if signal not in self.signals:
            self.signals.append(signal)


# --- rule layer ------------------------------------------------------------------------------


def _rule_layer(text: str) -> _Findings:
    found = _Findings()
    norm = sp.normalize(text)
    displaced = bool(sp.DISPLACEMENT.search(norm))
    retracted = bool(sp.RETRACTION.search(norm))
    for clause in sp.clauses(norm):
        scrubbed = sp.IDIOMS.sub(lambda m: " " * len(m.group(0)), clause)
        if scrubbed != clause:
            found.signals.append("idiom") if "idiom" not in found.signals else None
        for rule in sp.RULES:
            for match in rule.regex.finditer(scrubbed):
                if rule.negatable and sp.negated(scrubbed, match.start()):
                    if "negated" not in found.signals:
                        found.signals.append("negated")
                    continue
                about_other = not rule.self_only and not displaced
                if about_other and sp.subject_is_other(scrubbed, match.start(), match.end()):
                    found.other = True
                    if f"other:{rule.name}" not in found.signals:
                        found.signals.append(f"other:{rule.name}")
                    continue
                found.raise_to(rule.level, rule.name)
                break
        for rule in sp.OTHER_RULES:
            match = rule.regex.search(scrubbed)
            if match and not (rule.negatable and sp.negated(scrubbed, match.start())):
                found.other = True
                if f"other:{rule.name}" not in found.signals:
                    found.signals.append(f"other:{rule.name}")
    if found.level == "crisis":
        if displaced:
            found.signals.append("displacement")
        if retracted:
            found.signals.append("retraction")
    return found


# --- semantic layer --------------------------------------------------------------------------


class _Exemplars:
    """Exemplar vectors per class, embedded once."""

    def __init__(self, embedder) -> None:
        data = yaml.safe_load(
            resources.files("assistant").joinpath("data/risk_exemplars.yaml").read_text("utf-8")
        )
        self.embedder = embedder
        self.classes = ("crisis", "concern", "other_at_risk", "none")
        self.vectors = {
            name: embedder.encode([str(item["text"]) for item in data[name]])
            for name in self.classes
        }

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


def _windows(text: str) -> list[str]:
    """Sentence-sized pieces covering the whole text: a risk line at the end of a paste counts."""
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
    if len(pieces) > 1 and len(text) <= _WINDOW_CHARS:
        pieces.append(text.strip())  # a short message is also judged whole
    return pieces[:2000] or [text]


class Assessor:
    """Rules plus semantic similarity; thread-safe, holds the exemplar vectors."""

    def __init__(self, embedder=None, thresholds: Thresholds | None = None) -> None:
        self.thresholds = thresholds or Thresholds()
        self._embedder = embedder
        self._exemplars: _Exemplars | None = None
        self._lock = threading.Lock()

    def _semantic(self) -> _Exemplars | None:
        if self._embedder is None:
            return None
        with self._lock:
            if self._exemplars is None:
                self._exemplars = _Exemplars(self._embedder)
        return self._exemplars

    def _semantic_layer(self, text: str, rules: _Findings) -> _Findings:
        found = _Findings()
        exemplars = self._semantic()
        if exemplars is None:
            return found
        t = self.thresholds
        pieces = [sp.normalize(p) for p in _windows(text)]
        scores = exemplars.scores(pieces, t.top)
        none = scores["none"]
        idiom_only = "idiom" in rules.signals and rules.level == "none"
        negated = "negated" in rules.signals and rules.level == "none"
        crisis_hit = (scores["crisis"] >= t.crisis) & (scores["crisis"] >= none + t.margin)
        concern_hit = (scores["concern"] >= t.concern) & (scores["concern"] >= none + t.margin)
        other_hit = (scores["other_at_risk"] >= t.other) & (
            scores["other_at_risk"] >= np.maximum(none, scores["crisis"]) + t.margin
        )
        # A negated or idiomatic use of risk words explains a crisis-like similarity away.
        if crisis_hit.any() and not (idiom_only or negated):
            found.raise_to("crisis", "semantic:crisis")
        elif concern_hit.any():
            found.raise_to("concern", "semantic:concern")
        if other_hit.any():
            found.other = True
            found.signals.append("semantic:other_at_risk")
        return found

    def assess(self, text: str, history: Iterable[Assessment | str] = ()) -> Assessment:
        """The risk of one message, in the light of earlier turns."""
        text = text if isinstance(text, str) else str(text)
        rules = _rule_layer(text)
        semantic = self._semantic_layer(text, rules) if text.strip() else _Findings()
        level = max(rules.level, semantic.level, key=_RANK.__getitem__)
        signals = [s for s in rules.signals if s not in ("idiom", "negated") or level == "none"]
        signals += [s for s in semantic.signals if s not in signals]
        earlier = "none"
        for item in history:
            seen = item if isinstance(item, Assessment) else self.assess(item)
            for candidate in (seen.level, seen.earlier):
                if _RANK[candidate] > _RANK[earlier]:
                    earlier = candidate
        if earlier != "none":
            signals.append(f"history:{earlier}")
        return Assessment(
            level=level,
            other_at_risk=rules.other or semantic.other,
            signals=tuple(signals),
            earlier=earlier,
        )


@cache
def default_assessor() -> Assessor:
    """The process-wide assessor with the packaged model."""
    from .embeddings import get_embedder

    return Assessor(get_embedder())


def assess(text: str, history: Sequence[Assessment | str] = ()) -> Assessment:
    """Assess one message with the process-wide assessor."""
    return default_assessor().assess(text, history)
