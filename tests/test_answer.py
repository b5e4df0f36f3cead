"""The extractive answer composer over the shipped corpus: grounded, cited, honest about scope."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.answer import Answer, Answerer, compared_terms
from assistant.corpus import split_sentences

MARK = re.compile(r"\s*\[(\d+)\]")


def norm(text: str) -> str:
    """Whitespace collapsed; quote marks dropped (the sentence splitter moves them)."""
    return " ".join(re.sub(r"[“”\"'’()]", "", text).split())


@pytest.fixture(scope="module")
def answerer(retriever) -> Answerer:
    return Answerer(retriever)


@pytest.fixture(scope="module")
def passages(retriever) -> list[str]:
    return [norm(t) for t in retriever.index.all_passages()["documents"]]


def lines_with_citations(answer: Answer) -> list[tuple[str, list[int]]]:
    """Every sentence of the text with the citation numbers of its block."""
    out = []
    for block in answer.text.split("\n\n"):
        numbers = [int(n) for n in MARK.findall(block)]
        for line in MARK.sub("", block).splitlines():
            line = re.sub(r"^\s*-\s+", "", line).strip()
            out.extend((s, numbers) for s in (split_sentences(line) if line else []))
    return out


def test_definition_is_quoted_from_cited_passages(answerer, passages):
    answer = answerer.answer("what is compassion fatigue")
    assert answer.in_scope and answer.citations and answer.table is None
    assert 40 <= len(answer.text.split()) <= 220
    for citation in answer.citations:
        assert any(norm(citation.quote) in p for p in passages), citation.quote
    quotes = {c.n: norm(c.quote) for c in answer.citations}
    for sentence, numbers in lines_with_citations(answer):
        assert numbers, f"uncited line: {sentence}"
        assert any(norm(sentence) in quotes[n] for n in numbers), sentence


def test_markers_number_the_citations_in_order(answerer):
    answer = answerer.answer("what is compassion fatigue")
    seen = list(dict.fromkeys(int(n) for n in MARK.findall(answer.text)))
    assert seen == list(range(1, len(answer.citations) + 1))
    assert [c.n for c in answer.citations] == seen
    assert {"n", "source", "title", "section", "quote"} == set(answer.citations[0].to_dict())


@pytest.mark.parametrize(
    "question",
    ["how do I file my taxes", "best lasagna recipe", "write a python function to sort a list"],
)
def test_off_topic_is_refused_plainly(answerer, question):
    answer = answerer.answer(question)
    assert not answer.in_scope
    assert answer.citations == [] and answer.table is None
    assert "don't cover" in answer.text and "[" not in answer.text
    assert "burnout" in answer.text  # says what it can help with instead


def test_comparison_gives_a_table_from_the_corpus(answerer, passages):
    answer = answerer.answer("what's the difference between burnout and compassion fatigue")
    assert answer.in_scope and answer.table is not None
    headers = [h.lower() for h in answer.table.headers]
    assert headers[0] == "" and "burnout" in headers and "compassion fatigue" in headers
    quotes = {c.n: norm(c.quote) for c in answer.citations}
    filled = 0
    for row in answer.table.rows:
        assert len(row) == len(answer.table.headers)
        for cell in row[1:]:
            if cell == "—":
                continue
            filled += 1
            numbers = [int(n) for n in MARK.findall(cell)]
            body = norm(MARK.sub("", cell).removesuffix(" …"))
            assert numbers and any(body in quotes[n] for n in numbers), cell
    assert filled >= 4
    assert all(any(norm(c.quote) in p for p in passages) for c in answer.citations)
    assert "|" in answer.table.to_markdown().splitlines()[1]


def test_comparison_terms_are_detected():
    assert compared_terms("burnout vs compassion fatigue") == ["Burnout", "Compassion fatigue"]
    assert compared_terms("empathy or compassion fatigue?") == [
        "Empathy fatigue",
        "Compassion fatigue",
    ]
    assert compared_terms("is STS the same as VT?") == [
        "Secondary traumatic stress",
        "Vicarious trauma",
    ]
    assert compared_terms("what is burnout") == []


def test_same_answer_every_time_and_across_threads(answerer):
    questions = ["signs of compassion fatigue", "burnout vs compassion fatigue"] * 2
    first = [answerer.answer(q) for q in questions]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(answerer.answer, questions)) == first
