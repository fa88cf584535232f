"""Analytics: the canonical frame becomes small results (frames and dataclasses) with their counts.

Owns the metric definitions of docs/architecture.md as computed: outcomes resolved as of a date, KPIs, funnel and
Sankey flows (`metrics`), rates by segment with Fisher tests (`segments`), response times and ghosting
(`timeline`), rejections by reason and stage and the feedback loop (`reasons`), and ranked findings
(`insights`). May import `intake` (for its data types), `schema`, `text` and `errors`; never present.
"""
