"""The gate before the app: on the network, nothing shows until the visitor enters the access code.

With ``LEIDRAAD_ACCESS_CODE`` set, every new browser session first gets a code field; the right code
opens the app for that session. Without a code the app only opens when Streamlit listens on loopback
(``make run``'s default), so a bare ``streamlit run --server.address 0.0.0.0`` cannot expose it.

Usage (first thing in the page's ``main``)::

    require_access(get_settings())
"""

from __future__ import annotations

import hmac
import time

import streamlit as st

from assistant.settings import Settings
from ui.serve import access_code, is_loopback

_GRANTED = "toegang_ok"
WRONG_CODE_PAUSE_S = 1.0  # makes guessing the code slow


def require_access(settings: Settings) -> None:
    """Return when this session may use the app; otherwise show the gate and stop the page run."""
    code = access_code(settings)
    if code is None:
        address = st.get_option("server.address") or "0.0.0.0"  # Streamlit's default: every interface
        if is_loopback(address):
            return
        st.error(
            f"De app luistert op {address} en is dus bereikbaar via het netwerk, maar er is geen "
            "toegangscode ingesteld. Zet LEIDRAAD_ACCESS_CODE, of start de app met `make run` "
            "(alleen op deze computer)."
        )
        st.stop()
    if st.session_state.get(_GRANTED):
        return
    st.title("Leidraad-assistent", anchor=False)
    with st.form("toegang"):
        entered = st.text_input("Toegangscode", type="password", help="Vraag de code aan wie de app beheert.")
        submitted = st.form_submit_button("Openen", type="primary")
    if submitted:
        if hmac.compare_digest(entered.strip().encode(), code.encode()):
            st.session_state[_GRANTED] = True
            st.rerun()
        time.sleep(WRONG_CODE_PAUSE_S)
        st.error("Deze code klopt niet. Controleer hoofdletters en spaties, of vraag de code opnieuw.")
    st.stop()
