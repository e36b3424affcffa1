"""The graph checked against ``ontology/shapes.ttl`` with pySHACL, each violation
located in the file and row its focus node came from.

pySHACL reports the focus node, path and value but knows nothing of spreadsheets; every
evidence item carries ``sga:sourceFile`` and ``sga:sourceRow``, so we look them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.plugins.stores.memory import Memory

from assurance._resources import ontology_dir
from assurance.graph._namespaces import SGA


@dataclass(frozen=True)
class ShapeViolation:
    """One result of validating the graph against its shapes, ready to print."""

    focus_node: str
    path: str | None
    value: str | None
    message: str
    severity: str = "Violation"
    shape: str | None = None
    source_file: str | None = None
    source_row: int | None = None

    @property
    def location(self) -> str:
        """``audits.csv:7`` for a row of a pack, else the focus node."""
        if self.source_file is None:
            return self.focus_node
        return f"{self.source_file}:{self.source_row}" if self.source_row else self.source_file

    def __str__(self) -> str:
        where = self.location
        if self.source_file is not None:
            where += f" ({self.focus_node})"
        what = f"{self.path}: {self.message}" if self.path else self.message
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{where}: {what}{value}"


@cache
def _shapes_text() -> bytes:
    return Path(ontology_dir() / "shapes.ttl").read_bytes()


def shapes_graph() -> Graph:
    """The SHACL shapes, in a fresh graph (pySHACL may annotate the one it is given)."""
    return Graph().parse(data=_shapes_text(), format="turtle")


def validate(graph: Graph) -> list[ShapeViolation]:
    shapes = shapes_graph()
    data = _in_memory(graph)
    _, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",  # the graph holds the ontology; sh:class follows subClassOf itself
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        advanced=False,
        meta_shacl=False,
        js=False,
    )
    assert isinstance(results, Graph)
    violations = [_violation(data, shapes, results, r)
                  for r in results.subjects(RDF.type, SH.ValidationResult)]
    return sorted(violations, key=_order)


def _in_memory(graph: Graph) -> Graph:
    """pySHACL makes many small lookups, and calls ``len()`` on the data graph for each
    result: on an Oxigraph store each lookup crosses into Rust and each ``len()`` counts
    every triple with SPARQL. A copy in rdflib's own store validates 2-3 times faster."""
    if isinstance(graph.store, Memory):
        return graph
    copy = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True)
    copy.addN((s, p, o, copy) for s, p, o in graph)
    return copy


def _order(v: ShapeViolation) -> tuple[str, int, str, str, str, str]:
    return (v.source_file or "", v.source_row or 0, v.focus_node, v.path or "", v.message,
            v.value or "")


def _violation(graph: Graph, shapes: Graph, results: Graph, result: Node) -> ShapeViolation:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    severity = results.value(result, SH.resultSeverity)
    shape = results.value(result, SH.sourceShape)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    row = graph.value(focus, SGA.sourceRow) if focus is not None else None
    source = graph.value(focus, SGA.sourceFile) if focus is not None else None
    return ShapeViolation(
        focus_node=_show(graph, focus),
        path=_show_path(graph, (shapes, results), path) if path is not None else None,
        value=_show(graph, value) if value is not None else None,
        message="; ".join(messages) or "does not conform",
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        shape=_show(graph, shape) if isinstance(shape, URIRef) else None,
        source_file=str(source) if source is not None else None,
        source_row=int(row.toPython()) if isinstance(row, Literal) else None,
    )


def _show(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return node.n3(graph.namespace_manager)
    return str(node)


def _show_path(graph: Graph, sources: tuple[Graph, ...], path: Node) -> str:
    """A SHACL path in SPARQL's property-path syntax: ``^qb:observation/sga:indicator``."""
    if isinstance(path, URIRef):
        return _show(graph, path)
    for source in sources:
        inverse = source.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _show_path(graph, sources, inverse)
        alternatives = source.value(path, SH.alternativePath)
        if alternatives is not None:
            steps = Collection(source, alternatives)
            return "|".join(_show_path(graph, sources, step) for step in steps)
        if isinstance(path, BNode) and source.value(path, RDF.first) is not None:
            return "/".join(_show_path(graph, sources, step) for step in Collection(source, path))
    return str(path)
