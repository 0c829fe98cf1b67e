"""Actors: teach the registry another spelling of a person, organisation or country.

Extraction resolves names through the shipped registry plus the aliases added here (or with
`tracker alias`), so Путин, پوتین and Putin become one participant in later articles.
"""

from __future__ import annotations

import data
import streamlit as st

from tracker.errors import TrackerError
from tracker.model import ActorKind

st.title("Actors")
st.caption("Add a spelling the machine does not know yet; articles ingested from now on use it.")

with st.form("add_alias", clear_on_submit=True):
    left, right = st.columns(2)
    known = data.actor_names()
    name = left.selectbox("Actor", known, index=None, key="alias_actor", accept_new_options=True,
                          placeholder="Pick a known actor or type a new canonical name")
    alias = right.text_input("Other spelling", key="alias_text", placeholder="e.g. Али Лариджани")
    kind = left.selectbox("Kind", [k.value for k in ActorKind], key="alias_kind")
    country = right.text_input("Country code (ISO, optional)", key="alias_country", max_chars=2)
    if st.form_submit_button("Add spelling"):
        if not name or not alias.strip():
            st.error("Give both the actor and the other spelling.")
        else:
            try:
                data.add_alias(name, alias, ActorKind(kind), country.strip().upper() or None)
            except TrackerError as exc:
                st.error(str(exc))
            else:
                st.success(f"“{alias.strip()}” now means {name}.")

rows = data.aliases()
st.subheader("Spellings people added")
if rows:
    st.dataframe([{"actor": n, "spelling": a, "kind": k.value, "country": c or ""} for n, a, k, c in rows],
                 hide_index=True, use_container_width=True)
else:
    st.info("None yet: the shipped registry covers heads of state and government and foreign ministers.")
