"""Present: results become what a person reads — sentences, figures and files.

Owns the sentence beside each chart (`readings`), plotly figures built from pre-aggregated frames
(`charts`) and everything that leaves the app (`export`: SankeyMATIC text, formula-safe cells). May import
`analytics`, `intake`, `schema`, `text` and `errors`. Pages call these and only render.
"""
