"""The "Review places" tab: names not found or uncertain, and the analyst's fix.

The analyst picks a gazetteer candidate or adds a place (saved to their own
gazetteer file); the choice is stored and the articles that use the name are
read again, so the map follows at once and after a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo.errors import GeoError
from geo.gazetteer import Gazetteer, save_user_place, slug
from geo.ingest import reextract
from geo.models import PLACE_KINDS, Place
from geo.review import review_items
from geo.store import ALL_ARTICLES, Store
from ui.markdown import plain

COLUMNS = ["text", "status", "current", "confidence", "count", "article", "context"]


def choose(st: Any, store: Store, gaz: Gazetteer, name: str, place: Place, scope: str) -> None:
    """Store the decision and re-read the articles that mention ``name`` (a callback: state only)."""
    store.choose_place(name, place, scope)
    paths = [a.path for a in store.articles()] if scope == ALL_ARTICLES else [scope]
    paths = [p for p in paths if any(m.text == name for m in store.mentions(p))]
    result = reextract(paths, gaz, store)
    st.session_state["review_msg"] = (f"'{name}' is now {place.name} ({place.id}); "
                                      f"{len(result.added)} article(s) re-read.")


def _label(p: Place) -> str:
    return f"{p.name} ({p.kind}, {p.admin1 or p.country}) {p.lat:.3f}, {p.lon:.3f} [{p.id}]"


def render_review_panel(st: Any, store: Store, gazetteer: Callable[[], Gazetteer],
                        places_changed: Callable[[], None]) -> None:
    """Draw the tab.

    Parameters
    ----------
    st
        The ``streamlit`` module.
    store
        The analyst's store.
    gazetteer
        Returns the current gazetteer (cached by the app).
    places_changed
        Called after a place was added, to drop the app's cached gazetteer.
    """
    if msg := st.session_state.pop("review_msg", None):
        st.success(plain(msg))
    texts = {a.path: a.text for a in store.articles()}
    items = review_items(store.mention_frame(), texts)
    if items.empty:
        st.info("Every place name was found with good confidence.")
        return
    st.caption(f"{len(items)} name(s) not found or uncertain. Pick the right place, or add it.")
    st.dataframe(items[COLUMNS], hide_index=True, width="stretch")
    labels = [f"{r.text} - {Path(r.article).name}" for r in items.itertuples()]
    pick = st.selectbox("Name to resolve", range(len(items)), format_func=lambda i: labels[i], key="rv_pick")
    item = items.iloc[pick]
    st.text(f"... {item['context']} ...")
    every = st.radio("Apply to", ["this article", "every article"], horizontal=True, key="rv_scope")
    scope = ALL_ARTICLES if every == "every article" else item["article"]
    gaz = gazetteer()
    query = st.text_input("Look up the gazetteer as", value=item["text"], key=f"rv_q_{pick}")
    candidates = gaz.lookup(query) if query.strip() else []
    if candidates:
        cand = st.selectbox("Candidates", candidates, key=f"rv_c_{pick}", format_func=_label)
        st.button("Use this place", key="rv_use", on_click=choose,
                  args=(st, store, gaz, item["text"], cand, scope))
    else:
        st.warning(f"No gazetteer entry for '{plain(query)}'. Add the place below.")
    with st.form("add_place"):
        st.markdown("**Add a place to your gazetteer**")
        name = st.text_input("Name", value=item["text"])
        a1, a2 = st.columns(2)
        lat = a1.number_input("Latitude", value=35.0, min_value=29.0, max_value=41.0, format="%.5f")
        lon = a2.number_input("Longitude", value=38.0, min_value=32.0, max_value=46.0, format="%.5f")
        kind = st.selectbox("Kind", PLACE_KINDS, index=PLACE_KINDS.index("village"))
        admin1 = st.text_input("Governorate", value="")
        if st.form_submit_button("Save place and use it"):
            place = Place(id=f"user:{slug(name)}", name=name.strip(), lat=lat, lon=lon, kind=kind,
                          country="SY", admin1=admin1.strip(), source="analyst")
            try:
                save_user_place(place)
            except GeoError as err:
                st.error(f"Not saved: {plain(err)}")
            else:
                places_changed()
                choose(st, store, gazetteer(), item["text"], place, scope)
                st.rerun()
