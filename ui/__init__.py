"""Streamlit-side glue: session state, caching at the page edge, safe rendering."""
