"""The cleaned articles and how they are cut into passages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, SEEDS, STEMS

from assistant.corpus import (
    CorpusError,
    chunk_corpus,
    chunk_document,
    load_corpus,
    load_document,
    split_sentences,
)

FURNITURE = [
    "Leave a Reply",
    "Fill in your details",
    "Log Out",
    "top of page",
    "bottom of page",
    "Share This",
    "Related:",
    "Browse Blogs",
    "Get Started with Therapy",
    "Explore our free mental health resources",
    "Ready to learn more?",
    "Comments",
    "6 min read",
]
_CONTACT = re.compile(r"https?://|www\.|@\w+\.\w+|\b\d{3}[ .-]\d{3}[ .-]\d{4}\b|(^|\s)#\w+")


def _words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_every_seed_article_is_in_the_corpus_with_front_matter():
    for stem in STEMS:
        raw = (CORPUS / f"{stem}.md").read_text()
        meta = yaml.safe_load(raw.split("---")[1])
        assert meta["title"].strip(), stem
        assert 20 < len(meta["summary"]) < 400, stem
    assert load_document(CORPUS / "the-weight-of-caring.md").author == "Danielle Cotter"
    assert load_document(CORPUS / "keeping-on-and-moving-forward.md").author == "JayTee Barbour"


@pytest.mark.parametrize("stem", STEMS)
def test_no_page_furniture_left(stem):
    body = load_document(CORPUS / f"{stem}.md").body
    for phrase in FURNITURE:
        assert phrase.lower() not in body.lower(), f"{stem}: {phrase!r}"
    assert not _CONTACT.search(body), f"{stem}: {_CONTACT.search(body).group(0)!r}"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
@pytest.mark.parametrize("stem", STEMS)
def test_article_text_is_kept_word_for_word(stem):
    table = (SEEDS / "README.md").read_text()
    name = re.search(rf"`([^`]+\.txt)`\s*\|\s*`{stem}`", table).group(1)
    seed = _words((SEEDS / name).read_text())
    for line in load_document(CORPUS / f"{stem}.md").body.splitlines():
        text = _words(re.sub(r"^(#+|-)\s+", "", line.strip()))
        if not text or text == "References":  # a heading the corpus adds over a source list
            continue
        if text in seed:
            continue
        # A pull quote the page placed mid-sentence is moved after its sentence: the two
        # halves must each still be the page's own words.
        halves = [(text[:i], text[i:]) for i in range(20, len(text) - 20) if text[i] == " "]
        assert any(a.strip() in seed and b.strip() in seed for a, b in halves), line[:80]


def test_chunks_carry_source_title_section_and_position():
    documents, skipped = load_corpus([CORPUS])
    assert skipped == [] and {d.source for d in documents} == set(STEMS)
    chunks = chunk_corpus(documents)
    assert len({c.id for c in chunks}) == len(chunks)
    for doc in documents:
        own = [c for c in chunks if c.source == doc.source]
        assert [c.position for c in own] == list(range(len(own)))
        assert all(c.title == doc.title for c in own)
        assert all(c.text.strip() and len(c.text) < 1600 for c in own)
    sections = {c.section for c in chunks if c.source == "empathy-fatigue"}
    assert {"What is Empathy Fatigue?", "4. Ask for Help"} <= sections


def test_a_list_travels_with_its_lead_in_and_heading():
    doc = load_document(CORPUS / "the-weight-of-caring.md")
    signs = [c for c in chunk_document(doc) if "Persistent fatigue that sleep" in c.text]
    assert len(signs) == 1
    chunk = signs[0]
    assert chunk.section.startswith("Common signs")
    assert chunk.text.startswith("If any of the following sit with you")
    assert "Turning to alcohol, food, or busyness" in chunk.text
    assert chunk.embed_text.startswith("Common signs")


def test_subsection_heading_path_is_kept():
    doc = load_document(CORPUS / "the-weight-of-caring.md")
    chunk = next(c for c in chunk_document(doc) if "Micro-regulation between sessions" in c.text)
    assert chunk.section == "Immediate — what to do today"
    assert chunk.section_path[0].startswith("Practical strategies to heal")


def test_reference_lists_are_not_passages():
    doc = load_document(CORPUS / "keeping-on-and-moving-forward.md")
    assert not any("Bantam Books" in c.text for c in chunk_document(doc))


def test_views_split_a_passage_into_sentences_and_items():
    doc = load_document(CORPUS / "the-weight-of-caring.md")
    chunk = next(c for c in chunk_document(doc) if "Self-compassion break" in c.text)
    views = chunk.views()
    assert views[0] == chunk.embed_text
    assert any(v.startswith("Self-compassion break (three minutes)") for v in views[1:])


def test_split_sentences_keeps_short_sentences_with_a_neighbour():
    assert split_sentences("The good news? It’s treatable. With practice, clinicians recover.") == [
        "The good news? It’s treatable. With practice, clinicians recover."
    ]
    parts = split_sentences(
        "Compassion fatigue is emotional erosion from absorbing pain. "
        "Burnout grows from chronic workload and systemic strain at work."
    )
    assert len(parts) == 2


def test_a_dropped_in_text_file_is_read(tmp_path: Path):
    (tmp_path / "night-shift.txt").write_text(
        "Night Shift Notes\n\nSleeping in daylight takes a dark room and a steady routine.\n\n"
        "- blackout curtains\n- the same wind-down every morning\n"
    )
    documents, _ = load_corpus([tmp_path])
    assert documents[0].title == "Night Shift Notes"
    chunks = chunk_corpus(documents)
    assert chunks and chunks[0].source == "night-shift"
    assert "blackout curtains" in chunks[0].text


def test_an_unparseable_file_is_skipped_by_name(tmp_path: Path):
    (tmp_path / "good.md").write_text("---\ntitle: Good\n---\n\nA readable paragraph of text.\n")
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n")
    documents, skipped = load_corpus([tmp_path])
    assert [d.source for d in documents] == ["good"]
    assert len(skipped) == 1 and "broken.md" in skipped[0]


def test_missing_or_empty_corpus_is_a_clear_error(tmp_path: Path):
    with pytest.raises(CorpusError, match="not found"):
        load_corpus([tmp_path / "nowhere"])
    with pytest.raises(CorpusError, match="no .md or .txt articles"):
        load_corpus([tmp_path])
