"""Calendar."""

import streamlit as st

st.title("Calendar")
