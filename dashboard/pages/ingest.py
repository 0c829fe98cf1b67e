"""Ingest."""

import streamlit as st

st.title("Ingest")
