"""Streamlit shell: search the article library. Renders only; assistant/ decides."""

import streamlit as st

from assistant.library import get_retriever

st.set_page_config(page_title="Reflect · article library", page_icon="🌿")


@st.cache_resource(show_spinner="Loading the article library…")
def _retriever():
    return get_retriever()


st.title("Article library")
st.caption(
    "Search five articles on compassion fatigue, burnout and empathy fatigue. "
    "Your searches stay in this browser session; nothing is stored or sent anywhere."
)
query = st.text_input(
    "What would you like to read about?", placeholder="burnout vs compassion fatigue"
)
if query:
    for rank, passage in enumerate(_retriever().search(query, k=5), 1):
        heading = f"[{rank}] {passage.title}" + (f" — {passage.section}" if passage.section else "")
        with st.expander(heading, expanded=rank == 1):
            st.text(passage.text)
            st.caption(f"source: {passage.source}")
