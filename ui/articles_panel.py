"""The "Add articles" tab: upload files, paste text, load the analyst's own zones, re-read.

Every input is reported on its own (a bad file names itself, the others are
stored); after anything was stored the app reruns so counts and map include it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo.errors import GeoError, InputError
from geo.gazetteer import Gazetteer, slug
from geo.ingest import ingest_text, ingest_upload, reextract
from geo.store import Store
from geo.zones import load_user_zones
from ui.markdown import plain


def _summary(ex: Any) -> str:
    return f"{len(ex.mentions)} place names, {len(ex.events)} events"


def _report(st: Any, messages: list[tuple[str, str]], stored: bool) -> None:
    """Show the results; after a change, rerun first so counts and map include it."""
    if stored:
        st.session_state["add_msgs"] = messages
        st.rerun()
    for kind, text in messages:
        (st.success if kind == "ok" else st.error)(plain(text))


def render_articles_panel(
    st: Any, store: Store, gazetteer: Callable[[], Gazetteer], user_zones: Path
) -> None:
    """Draw the tab.

    Parameters
    ----------
    st
        The ``streamlit`` module.
    store
        Where articles go.
    gazetteer
        Returns the current gazetteer (loaded only when something is read).
    user_zones
        Where the analyst's zones file is kept (read by the app's zone loader).
    """
    for kind, text in st.session_state.pop("add_msgs", []):
        (st.success if kind == "ok" else st.error)(plain(text))
    st.markdown(f"Upload articles (.txt, .md, .html) or paste text. Everything is kept in `{store.path}`.")
    files = st.file_uploader("Articles", type=["txt", "md", "html", "htm"], accept_multiple_files=True,
                             key="upload")
    if files and st.button("Read the uploaded files", key="read_uploads"):
        messages = []
        for f in files:
            try:
                ex = ingest_upload(f.name, f.getvalue(), gazetteer(), store)
            except (InputError, OSError) as err:
                messages.append(("error", str(err) if f.name in str(err) else f"{f.name}: {err}"))
            else:
                messages.append(("ok", f"{f.name}: {_summary(ex)}"))
        _report(st, messages, stored=any(kind == "ok" for kind, _ in messages))
    pasted = st.text_area("Or paste an article", height=180, key="paste")
    title = st.text_input("Name for the pasted article (optional)", key="paste_name")
    if st.button("Read the pasted text", key="read_paste"):
        try:
            ex = ingest_text(pasted, gazetteer(), store, name=f"{slug(title)}.txt" if title.strip() else None)
        except (InputError, OSError) as err:
            _report(st, [("error", str(err))], stored=False)
        else:
            _report(st, [("ok", f"{ex.article.path}: {_summary(ex)}")], stored=True)
    zfile = st.file_uploader("Your own control zones (GeoJSON)", type=["geojson", "json"], key="zones_up")
    if zfile is not None and st.button("Use these zones", key="use_zones"):
        user_zones.parent.mkdir(parents=True, exist_ok=True)
        tmp = user_zones.with_name(f".part-{user_zones.name}")
        tmp.write_bytes(zfile.getvalue())
        try:
            load_user_zones(tmp)
        except (GeoError, OSError) as err:
            tmp.unlink(missing_ok=True)
            _report(st, [("error", f"{zfile.name}: {err}")], stored=False)
        else:
            tmp.replace(user_zones)
            _report(st, [("ok", f"{zfile.name}: your zones now take precedence on the dates they cover.")],
                    stored=True)
    st.divider()
    st.markdown("Articles keep what was extracted when they were added. After the gazetteer or the "
                "program changed, read them all again (your place choices are kept).")
    if st.button("Re-read all stored articles", key="reread"):
        paths = [a.path for a in store.articles()]
        report = reextract(paths, gazetteer(), store)
        messages = [("ok", f"{len(report.added)} of {len(paths)} articles read again")]
        messages += [("error", str(err)) for err in report.errors]
        _report(st, messages, stored=bool(report.added))
