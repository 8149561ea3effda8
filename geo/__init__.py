"""Syria conflict map: articles -> place mentions -> geocoded events -> map layers.

The package never imports streamlit; ``app.py`` is the only UI layer.
"""

from pathlib import Path

__version__ = "0.1.0"

#: Root of the repository (where gazetteer.csv and data/ live).
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def home() -> Path:
    """Folder for the analyst's own data (store, added places, own zones).

    ``$GEO_HOME`` when set (tests point it at a temporary folder), else
    ``var/`` in the repository. Nothing is created here; writers create it.
    """
    import os

    return Path(os.environ.get("GEO_HOME") or ROOT / "var")
