"""Load: many conversations at once on the one shared engine, as Streamlit sessions use it."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow

_spec = importlib.util.spec_from_file_location("bench", ROOT / "eval" / "bench.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

SCRIPT = (
    "What is compassion fatigue?",
    "I feel drained and flat after my sessions this week, {m}",
    "yes",
    "A client told me about a loss and {m} stayed with me",
    "thanks, {m}",
)


def test_twenty_conversations_at_once_have_no_errors_and_never_cross(assistant):
    markers = [f"loadword{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(20)]
    result = bench.run_conversations(assistant, markers, SCRIPT)
    assert result["errors"] == []
    assert result["crossed"] == []
    assert len(result["times"]) == 20 * len(SCRIPT)
    assert all(len(replies) == len(SCRIPT) and all(replies) for replies in result["replies"])
    # The same script gives every conversation the same kinds of reply, marker aside.
    first = [r.replace(markers[0], "M") for r in result["replies"][0]]
    for marker, replies in zip(markers[1:], result["replies"][1:], strict=True):
        assert [r.replace(marker, "M") for r in replies][0] == first[0]
