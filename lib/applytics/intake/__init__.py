"""Intake: the user's bytes become the canonical application frame of `applytics.schema`.

Owns everything that reads the user's cells: the pre-parse safety checks (`guard`), parsing (`read`), the
column mapping with its evidence (`detect`), dates, the vocabulary of status words and rejection-reason
categories, the user's corrections, and `normalize`, which turns a raw table and a mapping into one row per
application. `pipeline.import_tracker` is the one path the app and the CLI share; every correction, reason
categories included, is applied inside it. May import `schema`, `text` and `errors`; never analytics or present.
"""
