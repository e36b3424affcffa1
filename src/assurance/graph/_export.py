"""Deterministic exports and read-only SPARQL.

Exports are sorted N-Triples underneath: the same graph gives the same bytes whatever
order the store keeps its triples in. Turtle is written from the sorted lines
(:mod:`._turtle`), JSON-LD by Oxigraph from the sorted triples, so a subject's triples
stay together; rdflib's own Turtle writer takes minutes on a national pack.
"""

from __future__ import annotations

import io

import pyoxigraph
from pyparsing import ParseException
from rdflib import Graph, Literal, Node
from rdflib.namespace import RDF, XSD
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from assurance.graph._errors import QueryRefusedError, QuerySyntaxError, UnsupportedFormatError
from assurance.graph._namespaces import PACK_ROOT, PREFIXES
from assurance.graph._turtle import TYPE_SORTS_FIRST, turtle_from_sorted_lines

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
        return b"".join(sorted_lines(graph))
    lines = sorted_lines(graph, types_first=True)
    if kind == "ttl":
        return turtle_from_sorted_lines(lines, _prefixes(graph))
    ntriples = b"".join(lines).replace(_TYPE_FIRST, _TYPE)
    del lines
    triples = pyoxigraph.parse(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.JSON_LD)


_TYPE = f" <{RDF.type}> ".encode()
_TYPE_FIRST = b" " + TYPE_SORTS_FIRST + b" "


def sorted_lines(graph: Graph, *, types_first: bool = False) -> list[bytes]:
    """The graph as N-Triples lines in byte order. Oxigraph escapes line breaks in
    literals, so a line is always one whole triple. With ``types_first`` rdf:type is
    written :data:`TYPE_SORTS_FIRST`, so each subject's types come first ("a" first in
    Turtle) without a sort key, which would double the memory a national pack's
    500 MB of N-Triples take."""
    buffer = io.BytesIO()
    graph.serialize(destination=buffer, format="ox-nt")
    data = buffer.getvalue()
    buffer.close()
    if types_first:
        data = data.replace(_TYPE, _TYPE_FIRST)
    lines = data.splitlines(keepends=True)
    del data
    lines.sort()
    return lines


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
