"""The errors of graph operations, defined in :mod:`assurance.errors`."""

from __future__ import annotations

from assurance.errors import (
    EvidenceNotFoundError,
    GraphError,
    QueryRefusedError,
    QuerySyntaxError,
    UnsupportedFormatError,
)

__all__ = [
    "EvidenceNotFoundError",
    "GraphError",
    "QueryRefusedError",
    "QuerySyntaxError",
    "UnsupportedFormatError",
]
