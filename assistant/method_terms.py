"""Method, dose and place words that no reply may carry (data/method_terms.yaml)."""

from __future__ import annotations

import re
from functools import cache

from .content import load


@cache
def _method_re() -> re.Pattern:
    terms = load("method_terms.yaml")["terms"]
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{t})" for t in terms) + r")(?!\w)", re.I)


def method_terms(text: str) -> list[str]:
    """Method, dose or place words found in a text."""
    return [m.group(0) for m in _method_re().finditer(text or "")]
