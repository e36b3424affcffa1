"""Deterministic exports and read-only SPARQL.

Exports are sorted N-Triples underneath: the same graph gives the same bytes whatever
order the store keeps its triples in. Turtle and JSON-LD are written by Oxigraph from
the sorted triples, so a subject's triples stay together; rdflib's own Turtle writer
takes minutes on a national pack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph
from pyparsing import ParseException
from rdflib import Graph, Literal, Node
from rdflib.namespace import RDF, XSD
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from assurance.graph._errors import QueryRefusedError, QuerySyntaxError, UnsupportedFormatError
from assurance.graph._namespaces import PACK_ROOT, PREFIXES

EXPORT_FORMATS: tuple[str, ...] = ("ttl", "jsonld", "nt")
_ALIASES = {
    "ttl": "ttl", "turtle": "ttl",
    "jsonld": "jsonld", "json-ld": "jsonld",
    "nt": "nt", "ntriples": "nt", "n-triples": "nt",
}
_READ_ONLY = ("SelectQuery", "AskQuery")


def export(graph: Graph, format: str) -> bytes:
    kind = _ALIASES.get(format.strip().lower().lstrip("."))
    if kind is None:
        raise UnsupportedFormatError(
            f"cannot export the graph as {format!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    if kind == "nt":
        return sorted_ntriples(graph)
    ordered = sorted_ntriples(graph, key=_subject_then_type_first)
    triples = pyoxigraph.parse(ordered, format=pyoxigraph.RdfFormat.N_TRIPLES)
    if kind == "ttl":
        return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE,
                                    prefixes=_prefixes(graph))
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.JSON_LD)


def sorted_ntriples(graph: Graph, key: Callable[[bytes], Any] | None = None) -> bytes:
    """The graph as N-Triples, one triple a line, lines in byte order (or ``key``'s).
    Oxigraph escapes line breaks inside literals, so a line is always one whole triple."""
    data = graph.serialize(format="ox-nt", encoding="utf-8")
    return b"".join(sorted(data.splitlines(keepends=True), key=key))


_TYPE = f" <{RDF.type}> ".encode()


def _subject_then_type_first(line: bytes) -> tuple[bytes, bool, bytes]:
    """Subjects together, each starting with its types (``a`` first in Turtle)."""
    subject, _, rest = line.partition(b" ")
    return subject, not line.startswith(_TYPE, len(subject)), rest


def _prefixes(graph: Graph) -> dict[str, str]:
    prefixes = dict(PREFIXES)
    for prefix, namespace in graph.namespaces():
        if prefix == "pack" and str(namespace).startswith(PACK_ROOT):
            prefixes["pack"] = str(namespace)
    return prefixes


def query(graph: Graph, sparql: str) -> tuple[list[str], list[tuple[Node | None, ...]]]:
    _check_read_only(sparql)
    try:
        result = graph.query(sparql)
    except (SyntaxError, ValueError) as error:  # Oxigraph's parser is stricter in places
        raise QuerySyntaxError(f"the query does not parse: {error}") from None
    if result.type == "ASK":
        return ["ask"], [(Literal(bool(result.askAnswer)),)]
    columns = [str(v) for v in result.vars or []]
    return columns, [tuple(_plain(term) for term in row) for row in result]  # type: ignore[union-attr]


def _plain(term: Node | None) -> Node | None:
    """Oxigraph types every simple literal xsd:string; RDF 1.1 says that is the same
    literal, but rdflib compares them as different. Answer as rdflib's own store does."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _check_read_only(sparql: str) -> None:
    try:
        parsed = parseQuery(sparql)
    except ParseException as error:
        if _is_update(sparql):
            raise QueryRefusedError(
                "the graph is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, DROP, "
                "CREATE...) are refused; ask with SELECT or ASK") from None
        raise QuerySyntaxError(f"the query does not parse: {error}") from None
    form = parsed[1].name
    if form not in _READ_ONLY:
        raise QueryRefusedError(
            f"{form.removesuffix('Query').upper()} queries are refused: only SELECT and ASK "
            "are answered")
    if _mentions(parsed, "ServiceGraphPattern"):
        raise QueryRefusedError(
            "SERVICE is refused: queries are answered from this graph alone, offline")


def _is_update(sparql: str) -> bool:
    try:
        parseUpdate(sparql)
    except ParseException:
        return False
    return True


def _mentions(tree: object, name: str) -> bool:
    """Whether a node called ``name`` occurs anywhere in a parsed query."""
    if getattr(tree, "name", None) == name:
        return True
    if isinstance(tree, dict):
        return any(_mentions(v, name) for v in tree.values())
    if isinstance(tree, list | tuple) or type(tree).__name__ == "ParseResults":
        return any(_mentions(v, name) for v in tree)  # type: ignore[attr-defined]
    return False
