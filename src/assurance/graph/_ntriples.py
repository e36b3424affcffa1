"""RDF text written from whole columns at a time, for Oxigraph to bulk-parse.

Building an rdflib term per cell and adding triples one by one costs ~50 µs a triple;
writing the text from DataFrame columns and letting Oxigraph parse it costs a fraction
of that (see the figures in :mod:`assurance.graph`). A *term list* is one N-Triples
term per row, or None where the row has no value, so that absent cells make no triple.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date, datetime

import pandas as pd
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, XSD

TermList = list[str | None]

_DOUBLE = f"^^<{XSD.double}>"
_INTEGER = f"^^<{XSD.integer}>"
_DATE = f"^^<{XSD.date}>"
_BOOLEAN = f"^^<{XSD.boolean}>"
_JSON = f"^^<{RDF.JSON}>"


def iri(value: str) -> str:
    return f"<{value}>"


def ref(term: URIRef) -> str:
    """A vocabulary term (a class, a property) as an N-Triples term."""
    return f"<{term}>"


A = ref(RDF.type)


def escape(text: str) -> str:
    """Escape a string for an N-Triples or Turtle quoted literal. Only these four
    characters must be escaped (N-Triples grammar, STRING_LITERAL_QUOTE)."""
    return (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )


def string(text: str) -> str:
    return f'"{escape(text)}"'


def double(value: float) -> str:
    if math.isinf(value):
        return f'"{"INF" if value > 0 else "-INF"}"{_DOUBLE}'
    return f'"{value!r}"{_DOUBLE}'


def integer(value: int) -> str:
    return f'"{value}"{_INTEGER}'


def boolean(value: bool) -> str:
    return f'"{"true" if value else "false"}"{_BOOLEAN}'


def iso_date(value: date | str) -> str:
    """A date (or a datetime's day, or ISO text as it stands) as an xsd:date."""
    if isinstance(value, str):
        return f'"{escape(value.strip())}"{_DATE}'
    day = value.date() if isinstance(value, datetime) else value
    return f'"{day.isoformat()}"{_DATE}'


def json_literal(text: str) -> str:
    return f"{string(text)}{_JSON}"


def literal(value: object) -> str | None:
    """The N-Triples literal of a Python value, or None for an empty or missing one."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return boolean(value)
    if isinstance(value, int):
        return integer(value)
    if isinstance(value, float):
        return double(value)
    if isinstance(value, date):
        return iso_date(value)
    return string(str(value))


def is_missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


# Column → term list. Each works on the distinct values of a column where values
# repeat (themes, periods, agencies), and once per row where they do not (text, values).


def via_distinct(column: pd.Series, make: Callable[[str], str | None]) -> TermList:
    """``make`` applied once per distinct value; missing values make no term."""
    values = column.tolist()
    made: dict[Hashable, str | None] = {}
    for value in dict.fromkeys(values):
        made[value] = None if is_missing(value) else make(str(value))
    return [made[value] for value in values]


def iris_of(column: pd.Series, mint: Callable[[str], str]) -> TermList:
    return via_distinct(column, lambda value: iri(mint(value)))


def strings(column: pd.Series) -> TermList:
    values = column.tolist()
    distinct = dict.fromkeys(values)
    if 2 * len(distinct) > len(values):
        return [_string_or_none(v) for v in values]
    made = {v: _string_or_none(v) for v in distinct}  # file names, repeated statuses
    return [made[v] for v in values]


def _string_or_none(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = value if isinstance(value, str) else str(value)
    return None if not text or text.isspace() else f'"{escape(text)}"'


def doubles(column: pd.Series) -> TermList:
    numbers = pd.to_numeric(column, errors="coerce").astype(float).tolist()
    return [
        f'"{v!r}"{_DOUBLE}' if math.isfinite(v) else (None if math.isnan(v) else double(v))
        for v in numbers
    ]


def integers(column: pd.Series) -> TermList:
    numbers = pd.to_numeric(column, errors="coerce").astype(float).tolist()
    return [None if math.isnan(v) else f'"{int(v)}"{_INTEGER}' for v in numbers]


def dates(column: pd.Series) -> TermList:
    values = column.tolist()
    made = {v: None if is_missing(v) else iso_date(v) for v in dict.fromkeys(values)}
    return [made[v] for v in values]


def constant(term: str, rows: int) -> TermList:
    return [term] * rows


class TripleText:
    """Triples written as text and bulk-loaded into a graph.

    Columns that share a list of subjects (one table's rows) are written a row at a
    time, the subject once and its predicates after ``;`` (Turtle): Oxigraph then
    parses and looks up each subject once instead of once a triple, which makes loading
    a national pack about a third faster than N-Triples. The terms are N-Triples terms,
    which are Turtle terms too.
    """

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._tables: dict[int, tuple[Sequence[str], list[tuple[str, TermList]]]] = {}

    def add(self, subject: str, predicate: str, obj: str | None) -> None:
        """One triple of N-Triples terms; a None object makes none."""
        if obj is not None:
            self._chunks.append(f"{subject} {predicate} {obj} .\n")

    def column(self, subjects: Sequence[str], predicate: str, objects: TermList) -> None:
        """One triple per row whose object is not None."""
        _, columns = self._tables.setdefault(id(subjects), (subjects, []))
        columns.append((predicate, objects))

    def about(self, subject: str, pairs: Iterable[tuple[str, str | None]]) -> None:
        """Triples of one subject, from (predicate, object) pairs; None objects make none."""
        written = [f"{predicate} {obj}" for predicate, obj in pairs if obj is not None]
        if written:
            self._chunks.append(subject + " " + " ;\n    ".join(written) + " .\n")

    def many(self, subject: str, predicate: str, objects: Iterable[str | None]) -> None:
        for obj in objects:
            self.add(subject, predicate, obj)

    def text(self) -> str:
        for subjects, columns in self._tables.values():
            self._chunks.append(_rows(subjects, columns))
        self._tables.clear()
        text = "".join(self._chunks)
        self._chunks.clear()
        return text

    def load_into(self, graph: Graph) -> None:
        """Parse everything written so far into ``graph`` with Oxigraph's parser
        (for an Oxigraph-backed graph it goes straight into the store), then forget it."""
        text = self.text()
        if text:
            # "replace": a lone surrogate (from a mis-decoded file) must not abort the load.
            graph.parse(data=text.encode("utf-8", "replace"), format="ox-turtle")


def _rows(subjects: Sequence[str], columns: list[tuple[str, TermList]]) -> str:
    """Each row's triples as one Turtle statement: ``s p1 o1 ;\n    p2 o2 .``"""
    predicates = [predicate + " " for predicate, _ in columns]
    lines = []
    for subject, *objects in zip(subjects, *(objects for _, objects in columns), strict=True):
        pairs = [p + o for p, o in zip(predicates, objects, strict=True) if o is not None]
        if pairs:
            lines.append(subject + " " + " ;\n    ".join(pairs) + " .\n")
    return "".join(lines)
