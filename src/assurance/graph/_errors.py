"""The errors of graph operations, under :class:`~assurance.errors.GraphError`."""

from __future__ import annotations

from assurance.errors import GraphError


class QueryRefusedError(GraphError):
    """A SPARQL request that is not a read-only SELECT or ASK on this graph alone."""


class QuerySyntaxError(GraphError):
    """A SPARQL query that does not parse."""


class UnsupportedFormatError(GraphError):
    """An export format other than Turtle, JSON-LD or N-Triples."""


class EvidenceNotFoundError(GraphError):
    """A finding cites evidence rows the graph does not hold; ``ids`` lists them."""

    def __init__(self, message: str, ids: list[str]) -> None:
        self.ids = list(ids)
        super().__init__(message)
