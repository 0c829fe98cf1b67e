"""Ingest: paste or upload an article, confirm its language and reference date, preview, then save."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date

import data
import pandas as pd
import streamlit as st

from tracker.articles import parse_article
from tracker.errors import TrackerError
from tracker.model import Article, EventDraft

LANGUAGES = {"": "detect", "id": "Indonesian", "en": "English", "ru": "Russian", "fa": "Persian", "ar": "Arabic",
             "fr": "French", "es": "Spanish", "de": "German"}

st.title("Ingest")
st.caption("Front matter (published, url, outlet, lang, title) in the text or file is read as on the command line.")
pasted, uploaded = st.tabs(["Paste text", "Upload files"])
with pasted:
    text = st.text_area("Article text", height=220, key="in_text",
                        placeholder="---\npublished: 2026-01-31\nlang: id\n---\nThe article ...")
with uploaded:
    files = st.file_uploader("Articles (.txt, .md, .html)", type=["txt", "md", "markdown", "html", "htm"],
                             accept_multiple_files=True, key="in_files") or []

articles: list[Article] = []
problems: list[str] = []
for upload in files:
    try:
        articles.append(parse_article(upload.getvalue(), upload.name))
    except TrackerError as exc:
        problems.append(str(exc))
if text.strip():
    try:
        articles.append(parse_article(text.encode("utf-8"), "pasted text"))
    except TrackerError as exc:
        problems.append(str(exc))
for problem in problems:
    st.error(problem)
if not articles:
    st.info("Paste an article or upload files to preview the events found in them.")
    st.stop()


def evidence_html(article: Article, draft: EventDraft) -> str:
    parts = []
    for ev in draft.evidence:
        lo, hi = max(0, ev.start - 80), min(len(article.text), ev.end + 80)
        parts.append("…" + html.escape(article.text[lo:ev.start]) + "<mark style='background:#ffe082'>"
                     + html.escape(article.text[ev.start:ev.end]) + "</mark>" + html.escape(article.text[ev.end:hi])
                     + "…" + (f" <small>(date words: “{html.escape(ev.date_text)}”)</small>" if ev.date_text else ""))
    return "<br>".join(parts)


previews = st.session_state.setdefault("in_previews", {})
for number, article in enumerate(articles):
    key = article.content_hash[:12]
    with st.container(border=True):
        st.subheader(article.title or f"Article {number + 1}")
        st.caption(f"{article.outlet or 'unknown outlet'} · {article.source_path or ''} · {len(article.text):,} "
                   "characters")
        left, middle, right = st.columns(3)
        codes = list(LANGUAGES)
        lang = left.selectbox("Language", codes, index=codes.index(article.language or "")
                              if (article.language or "") in codes else 0,
                              format_func=lambda c: f"{LANGUAGES[c]} ({c})" if c else "detect", key=f"in_lang_{key}")
        known = middle.checkbox("Reference date known", value=article.published is not None, key=f"in_known_{key}",
                                help="Relative dates (“on Friday”, “early this week”) are anchored to it.")
        day: date | None = None
        if known:
            day = right.date_input("Reference date", value=article.published or data.today(), key=f"in_ref_{key}")
        if st.button("Preview events", key=f"in_preview_{key}"):
            chosen = replace(article, language=lang or None)
            if not known:
                chosen = replace(chosen, published=None)  # the person says the date in the file is not usable
            try:
                previews[key] = data.analyse(chosen, reference_day=day if day != article.published else None)
            except TrackerError as exc:
                st.error(str(exc))
            except ImportError as exc:  # the extraction stages are still being written
                st.error(f"Extraction is not available in this build: {exc}")
        found = previews.get(key)
        if found is None:
            continue
        ref = found.reference.day.isoformat() if found.reference.day else "none"
        st.markdown(f"Language **{found.language}** · reference date **{ref}** ({found.reference.source.value}) · "
                    f"{len(found.mentions)} date expressions · **{len(found.drafts)} events**")
        if found.needs_reference:
            st.warning("No reference date: relative dates could not be anchored. Set one above and preview again.")
        if found.drafts:
            st.dataframe(pd.DataFrame([{
                "title": d.title, "type": d.type.value, "status": d.status.value, "when": d.span.describe(),
                "participants": "; ".join(p.name for p in d.participants),
                "place": d.place.name if d.place else "", "confidence": round(d.confidence, 2),
            } for d in found.drafts]), hide_index=True, width="stretch")
            for draft in found.drafts:
                st.markdown(f"**{draft.title}** — {draft.span.describe()}<br>{evidence_html(article, draft)}",
                            unsafe_allow_html=True)
        if st.button("Save to the database", key=f"in_save_{key}", type="primary"):
            try:
                result = data.save_analysis(found)
            except TrackerError as exc:
                st.error(str(exc))
            else:
                previews.pop(key, None)
                if not result.article_new:
                    st.info("This article was already stored: nothing changed.")
                else:
                    st.success(f"Saved: {len(result.created)} events created, {len(result.merged)} merged into "
                               "events already known.")
                    for note in result.explanations:
                        st.caption(note)
