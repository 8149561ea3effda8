"""Streamlit-side panels called by ``app.py``.

``geo/`` never imports streamlit; these panels receive the ``st`` module as an
argument, so they import nothing from Streamlit either and can be driven by
Streamlit's ``AppTest``.
"""
