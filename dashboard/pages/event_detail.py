"""Event detail."""

import streamlit as st

st.title("Event detail")
