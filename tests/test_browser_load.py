"""Ten people chatting at once in real Chromium pages against one `streamlit run app.py`."""

from __future__ import annotations

import time

import pytest
from conftest import ROOT
from test_browser import CRISIS, TURN_MS, _say, browser, expect, server, warmed  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = ROOT / "test-artifacts"
CRISIS_PAGE = 3
MESSAGES = [
    "What are mirror neurons?",
    "I feel drained after a long week of sessions",
    "Give me a 2-minute reset",
    CRISIS,
    "What is compassion fatigue?",
    "I feel numb and a bit guilty about it",
    "How can I set boundaries with my caseload?",
    "Can you suggest a grounding exercise?",
    "What is vicarious trauma?",
    "hello",
]


def test_ten_pages_at_once_each_get_their_own_reply_and_only_one_sees_the_crisis_banner(
    warmed,  # noqa: F811
    browser,  # noqa: F811
):
    contexts = [browser.new_context(viewport={"width": 1100, "height": 800}) for _ in MESSAGES]
    pages = [context.new_page() for context in contexts]
    try:
        for page in pages:
            page.goto(warmed)
        for page in pages:
            expect(page.get_by_text("not a crisis service")).to_be_visible(timeout=TURN_MS)
        started = time.monotonic()
        for page, text in zip(pages, MESSAGES, strict=True):  # all ten turns in flight at once
            _say(page, text)
        for n, (page, text) in enumerate(zip(pages, MESSAGES, strict=True)):
            expect(page.get_by_role("button", name="Reflect on a session")).to_be_visible(
                timeout=TURN_MS
            )
            bubbles = page.get_by_test_id("stChatMessage")
            expect(bubbles).to_have_count(2)
            expect(bubbles.first).to_contain_text(text)
            reply = bubbles.nth(1).inner_text()
            assert reply.strip(), f"page {n} got an empty reply"
            assert not page.get_by_role("button", name="Try again").count(), f"page {n} failed"
            others = [m for m in MESSAGES if m != text]
            page_text = "\n".join(bubbles.all_inner_texts())
            assert not [m for m in others if m in page_text], f"page {n} shows another's words"
            banner = page.locator(".st-key-banner")
            if n == CRISIS_PAGE:
                expect(banner).to_contain_text("988")
            else:
                assert not banner.count() or "988" not in banner.inner_text(), f"page {n}"
        print(f"10 concurrent turns answered in {time.monotonic() - started:.1f}s")
        pages[CRISIS_PAGE].screenshot(path=str(ARTIFACTS / "load_crisis_page.png"))
    finally:
        for context in contexts:
            context.close()
