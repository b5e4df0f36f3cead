"""The Streamlit page, through Streamlit's own AppTest."""

from __future__ import annotations

from conftest import ROOT
from streamlit.testing.v1 import AppTest


def test_a_search_shows_the_answering_article_with_its_passage(embedder):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert "nothing is stored or sent anywhere" in at.caption[0].value
    at.text_input[0].input("what are mirror neurons?").run()
    assert not at.exception
    first = at.expander[0]
    assert first.label.startswith("[1] Compassion Fatigue: Keeping on and Moving Forward")
    assert "mirror neurons" in first.text[0].value
