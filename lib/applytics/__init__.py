"""Applytics: an honest analytics dashboard over the job-search tracker a person already keeps.

Pure Python, never imports streamlit. Layers, with imports only pointing down:
`share` (source, redact, snapshot, store) -> `present` (readings, charts, export)
-> `analytics` (metrics, segments, timeline, reasons, insights)
-> `intake` (guard, read, detect, dates, vocabulary, normalize, corrections, pipeline)
-> `schema`, `text`, `errors`. `cli` sits on top and may use every layer. docs/architecture.md is the map.
"""
