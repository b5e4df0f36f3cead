"""The chat in a real Chromium against `streamlit run app.py`, the way `make run` serves it."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from assistant.ui_text import STARTERS_LEAD

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and Path("/usr/bin/chromium").exists():
    CHROMIUM = "/usr/bin/chromium"
if CHROMIUM is None:
    pytest.skip(
        "no chromium on PATH: install it with `apt-get install -y chromium` (make test tries "
        "when it runs as root)",
        allow_module_level=True,
    )
playwright = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install -e '.[dev]'"
)
expect = playwright.expect

ARTIFACTS = ROOT / "test-artifacts"
LOAD_SECONDS = 900  # first page load: ingest plus the model on a busy 2-core machine
TURN_MS = 120_000
CRISIS = "I keep thinking everyone would be better off without me"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health(url: str) -> str:
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
        return response.read().decode()


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[str]:
    """`streamlit run app.py` on a free local port, with its own data dir; stopped afterwards."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = _free_port()
    env = {
        **os.environ,
        "REFLECT_DATA_DIR": str(tmp_path_factory.mktemp("browser-data")),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    log = (ARTIFACTS / "streamlit.log").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                assert _health(url) == "ok"
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start; see {ARTIFACTS / 'streamlit.log'}")
                time.sleep(0.5)  # polling a port that is not open yet: nothing to wait on
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def warmed(server, browser) -> str:
    """The first visit: wait through the loading spinner until the welcome shows."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server)
    expect(page.get_by_text("not a crisis service")).to_be_visible(timeout=LOAD_SECONDS * 1000)
    page.screenshot(path=str(ARTIFACTS / "first_visit.png"))
    page.close()
    return server


@pytest.fixture
def page(warmed, browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(warmed)
    expect(page.get_by_text("not a crisis service")).to_be_visible(timeout=TURN_MS)
    yield page
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def _say(page, text: str) -> None:
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")


def test_the_server_is_healthy_and_a_typed_question_gets_a_cited_answer(server, page):
    assert _health(server) == "ok"
    _say(page, "What are mirror neurons?")
    expect(
        page.get_by_test_id("stChatMessage").filter(has_text="What are mirror neurons?")
    ).to_be_visible()
    sources = page.get_by_test_id("stExpander").filter(has_text="[1]")
    expect(sources.first).to_be_visible(timeout=TURN_MS)
    sources.first.get_by_text(re.compile(r"^\[1\] ")).click()
    expect(sources.first.locator("blockquote")).to_be_visible()
    expect(page.get_by_role("button", name="Reflect on a session")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download conversation").click()
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert "> What are mirror neurons?" in saved and "Sources:" in saved


def test_a_crisis_message_shows_the_banner_with_988_and_it_stays(page):
    _say(page, CRISIS)
    banner = page.locator(".st-key-banner")
    expect(banner).to_contain_text("988", timeout=TURN_MS)
    expect(banner).to_contain_text("911")
    banner.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "crisis_banner.png"))
    _say(page, "thanks")
    expect(page.get_by_test_id("stChatMessage").filter(has_text="I'm still here")).to_be_visible(
        timeout=TURN_MS
    )
    expect(banner).to_contain_text("988")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Call or text 988")


def test_a_starter_prompt_gives_the_comparison_table(page):
    page.get_by_role(
        "button", name="What's the difference between burnout and compassion fatigue?"
    ).click()
    expect(page.locator("table").first).to_be_visible(timeout=TURN_MS)
    expect(page.locator("table").first).to_contain_text("Compassion fatigue")
    expect(page.get_by_test_id("stExpander").first).to_contain_text("[1]")
    expect(page.get_by_text("not a crisis service")).to_have_count(0)  # the welcome gave way


def test_a_timed_exercise_counts_down_in_the_page(page):
    page.get_by_role("button", name="Give me a 2-minute reset").click()
    start = page.get_by_role("button", name=re.compile(r"^Start · "))
    expect(start).to_be_visible(timeout=TURN_MS)
    start.click()
    clock = page.get_by_text(re.compile(r"^\d:\d\d left$"))
    expect(clock).to_be_visible(timeout=30_000)
    first = clock.inner_text()
    expect(clock).not_to_have_text(first, timeout=15_000)  # it ticks without any input
    page.screenshot(path=str(ARTIFACTS / "countdown.png"))
    page.get_by_role("button", name="Stop").click()
    expect(start).to_be_visible(timeout=30_000)


# Ten people chatting at once: one browser, ten contexts, the same server (fixtures shared, so
# one Playwright and one `streamlit run` serve every browser test).
CRISIS_PAGE = 3
LOAD_MESSAGES = [
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
    warmed, browser
):
    contexts = [browser.new_context(viewport={"width": 1100, "height": 800}) for _ in LOAD_MESSAGES]
    pages = [context.new_page() for context in contexts]
    try:
        for page in pages:
            page.goto(warmed)
        for page in pages:
            expect(page.get_by_text("not a crisis service")).to_be_visible(timeout=TURN_MS)
        started = time.monotonic()
        for page, text in zip(pages, LOAD_MESSAGES, strict=True):  # all ten turns in flight at once
            _say(page, text)
        for n, (page, text) in enumerate(zip(pages, LOAD_MESSAGES, strict=True)):
            expect(page.get_by_role("button", name="Reflect on a session")).to_be_visible(
                timeout=TURN_MS
            )
            # Until the turn's rerun finishes, a busy server leaves the welcome (with its starter
            # buttons, one of which is another page's message) on screen beside the new message.
            expect(page.get_by_text(STARTERS_LEAD)).to_have_count(0, timeout=TURN_MS)
            bubbles = page.get_by_test_id("stChatMessage")
            expect(bubbles).to_have_count(2)
            expect(bubbles.first).to_contain_text(text)
            reply = bubbles.nth(1).inner_text()
            assert reply.strip(), f"page {n} got an empty reply"
            assert not page.get_by_role("button", name="Try again").count(), f"page {n} failed"
            others = [m for m in LOAD_MESSAGES if m != text]
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
