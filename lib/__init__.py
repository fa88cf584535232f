"""Applytics core: pure functions from tracker bytes to results. Never imports streamlit."""
