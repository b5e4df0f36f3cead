"""Bad input made safe before anything reads it: control characters, broken Unicode, long pastes,
and messages that are not in English."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .content import load

# NUL and the C0/C1 control characters except tab and newline; DEL too.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Zero-width spaces and joiners, direction marks and embeddings, word joiner, BOM.
_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(text: object) -> str:
    """The message as text the engine can read: no NUL or control characters (newline and tab
    kept, carriage returns become newlines), lone surrogates replaced, zero-width and direction
    marks removed, Unicode in NFC. Emoji and right-to-left letters are kept as they are."""
    if text is None:
        return ""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = text if isinstance(text, str) else str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATE.sub("\ufffd", text)
    text = _CONTROL.sub(" ", text)
    text = _ZERO_WIDTH.sub("", text)
    return unicodedata.normalize("NFC", text)


# --- long messages -----------------------------------------------------------------------------

LONG_CHARS = 2_000  # above this a message is a paste: answered on its last part only
TAIL_CHARS = 1_000  # at most this much of the end of a paste is routed and answered


def tail(text: str, limit: int = TAIL_CHARS) -> str:
    """The last part of a long paste: its last paragraph (the question at the end of a case
    note), else its last sentences, at most `limit` characters."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    last = paragraphs[-1] if paragraphs else text.strip()
    if len(last) <= limit:
        return last
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", last) if s.strip()]
    out = ""
    for sentence in reversed(sentences):
        if len(sentence) + len(out) + 1 > limit:
            break
        out = f"{sentence} {out}".strip()
    return out or last[-limit:].split(" ", 1)[-1]


# --- language ----------------------------------------------------------------------------------


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in load("languages.yaml")["stopwords"].items()}


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def language(text: str) -> str:
    """ "en", a language code from data/languages.yaml, or "other" (mostly non-Latin letters).

    Deterministic: the share of Latin letters, then which language's common words the message
    uses most. Short messages (under four words) count as English unless clearly foreign.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "en"
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    words = [w.lower() for w in _WORD.findall(text)]
    if latin / len(letters) < 0.5:
        return "other" if len(letters) >= 2 else "en"
    lists = _stopwords()
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in lists.items()}
    english = counts.get("en", 0)
    best, hits = max(((k, v) for k, v in counts.items() if k != "en"), key=lambda kv: kv[1])
    if len(words) < 4:
        return best if hits >= 2 and english == 0 else "en"
    if hits >= 2 and hits > 2 * english and hits / len(words) >= 0.2:
        return best
    return "en"
