"""The evidence-pack contract as ingest reads it: each source file's columns.

The columns are declared by each kind of evidence in :mod:`assurance.kinds`; this
module only gives ingest its view of them.
"""

from __future__ import annotations

from assurance.kinds import EVIDENCE, Column

TABLES: dict[str, tuple[Column, ...]] = {name: kind.columns for name, kind in EVIDENCE.items()}

#: Values that mean "no value" in a cell.
EMPTY_MARKERS = frozenset({"", "na", "n/a", "nan", "none", "null"})


def required_columns(table: str) -> list[str]:
    return EVIDENCE[table].required()


def column_names(table: str) -> list[str]:
    return EVIDENCE[table].column_names()


__all__ = ["EMPTY_MARKERS", "TABLES", "Column", "column_names", "required_columns"]
