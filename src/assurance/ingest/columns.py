"""The evidence-pack contract as data: each source file's columns and their kinds.

DESIGN.md section 3.1 is the prose version of this table; ``docs/pack-format.md`` is
generated from nothing else, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text | free_text | id | theme | period | date | number | enum:<name> | ...
    required: bool = False
    description: str = ""


def _cols(spec: str) -> tuple[Column, ...]:
    """Parse ``*name:kind name:kind`` (``*`` marks a required column)."""
    columns = []
    for token in spec.split():
        name, kind = token.split(":", 1)
        columns.append(Column(name.lstrip("*"), kind, required=name.startswith("*")))
    return tuple(columns)


TABLES: dict[str, tuple[Column, ...]] = {
    "catalogue": _cols(
        "*indicator:id *label:text *theme:theme aim:text objective:text unit:enum:unit "
        "polarity:enum:polarity target:number tolerance:number "
        "evidence_type:enum:evidence_type source_agency:agency framework:text ref:text note:text"
    ),
    "indicators": _cols(
        "*indicator:indicator *period:period *value:number area:text breakdown:breakdown "
        "numerator:number denominator:number agency:agency note:free_text"
    ),
    "benchmarks": _cols(
        "*indicator:indicator *period:period *comparator:comparator *value:number statistic:text"
    ),
    "audits": _cols(
        "*audit_id:id *date:date *theme:theme *finding:enum:finding *text:free_text "
        "title:free_text type:enum:audit_type agency:agency cases:count grade:enum:grade"
    ),
    "reviews": _cols(
        "*review_id:id *type:enum:review_type *date:date *theme:theme *learning:free_text "
        "agency:agency recommendation:free_text"
    ),
    "voice": _cols(
        "*input_id:id *date:date *voice_of:enum:voice_of *theme:theme "
        "*sentiment:enum:sentiment text:free_text source:enum:voice_source respondents:count"
    ),
    "subgroups": _cols(
        "*report_id:id *subgroup:agency *period:period *theme:theme *rag:enum:rag "
        "assurance:enum:assurance text:free_text"
    ),
    "section11": _cols(
        "*agency:agency *year:year *standard:text *rating:enum:s11_rating evidence:free_text"
    ),
    "actions": _cols(
        "*action_id:id *source_id:id *theme:theme *status:enum:action_status "
        "owner_agency:agency due:date impact:free_text"
    ),
}

#: Values that mean "no value" in a cell.
EMPTY_MARKERS = frozenset({"", "na", "n/a", "nan", "none", "null"})


def required_columns(table: str) -> list[str]:
    return [c.name for c in TABLES[table] if c.required]


def column_names(table: str) -> list[str]:
    return [c.name for c in TABLES[table]]
