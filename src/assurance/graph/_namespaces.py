"""Namespaces, prefixes and the minting of IRIs.

Every IRI the graph mints is a pure function of the values it names, so that signals
and findings added later (and other modules) reach the same node without a lookup.
Local names are percent-encoded, never contain ``/`` (rdflib issue 1871: a prefixed name
with an escaped slash silently matches nothing) and are injective: two different names
never share an IRI.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib.namespace import DCAT, DCTERMS, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, XSD

from assurance.namespaces import (  # re-exported: the graph's modules import them from here
    IND,
    PACK_ROOT,
    SDMX_ATTRIBUTE,
    SDMX_CODE,
    SDMX_DIMENSION,
    SDMX_MEASURE,
    SGA,
    THEME,
)

_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+")

#: Prefixes bound in every graph (so SPARQL queries may use them undeclared) and used
#: when exporting Turtle. The pack's own namespace is added as ``pack``.
PREFIXES: dict[str, str] = {
    "sga": str(SGA),
    "theme": str(THEME),
    "ind": str(IND),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "prov": str(PROV),
    "org": str(ORG),
    "qb": str(QB),
    "sdmx-dimension": str(SDMX_DIMENSION),
    "sdmx-measure": str(SDMX_MEASURE),
    "sdmx-attribute": str(SDMX_ATTRIBUTE),
    "sdmx-code": str(SDMX_CODE),
}


def pack_namespace(pack_id: str) -> str:
    """The namespace of one pack's evidence, signals and findings."""
    return f"{PACK_ROOT}{encode_local(pack_id)}/"


def encode_local(text: str) -> str:
    """``text`` as a local name: unreserved characters kept, everything else
    percent-encoded (``/`` included), so the mapping is injective."""
    text = str(text)
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe="")


def slug(name: str) -> str:
    """The local-name key of a free-text name (agencies, areas, sub-groups, periods,
    breakdowns): ``Children's  Services`` → ``childrens-services``, ``2024-25 Q2`` →
    ``2024-25-q2``.

    Names that differ only in case, accents, punctuation or spacing share a node, as
    the contract matches agencies case-insensitively; the first spelling met labels it.
    A name with no ASCII letter or digit is percent-encoded instead."""
    ascii_text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    key = _NOT_ALPHANUMERIC.sub("-", ascii_text.casefold().replace("'", "")).strip("-")
    return key or encode_local(" ".join(str(name).split()).casefold())


def item_iri(pack_id: str, item_id: str) -> str:
    """The IRI of an evidence item, signal or finding of a pack, from its id
    (``audits-7``, ``spc-tees-3.1.2``, ``TR01-neglect-3fa9c2d1``)."""
    return pack_namespace(pack_id) + encode_local(item_id)


def short_hash(*parts: str) -> str:
    """Ten hex digits identifying ``parts``: stable across runs and machines."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


class PackIris:
    """The IRIs of one pack's resources. Each method names one kind of node."""

    def __init__(self, base: str) -> None:
        self.base = base

    @classmethod
    def for_pack(cls, pack_id: str) -> PackIris:
        return cls(pack_namespace(pack_id))

    def item(self, item_id: str) -> str:
        return self.base + encode_local(item_id)

    def pack(self) -> str:
        return self.base + "pack"

    def partnership(self) -> str:
        return self.base + "partnership"

    def whole_area(self) -> str:
        return self.base + "area"

    def area(self, name: str) -> str:
        return self.base + "area-" + slug(name) if name.strip() else self.whole_area()

    def agency(self, name: str) -> str:
        return self.base + "agency-" + slug(name)

    def membership(self, name: str) -> str:
        return self.base + "membership-" + slug(name)

    def subgroup(self, name: str) -> str:
        return self.base + "subgroup-" + slug(name)

    def period(self, label: str) -> str:
        return self.base + "period-" + slug(label)

    def breakdown(self, label: str) -> str:
        return self.base + "breakdown-" + slug(label)

    def series(self, indicator: str, area: str, breakdown: str, agency: str) -> str:
        key = short_hash(indicator, area, breakdown, agency.casefold())
        return f"{self.base}series-{encode_local(indicator)}-{key}"

    def audit(self, audit_id: str) -> str:
        return self.base + "audit-" + encode_local(audit_id)

    def review(self, review_id: str) -> str:
        return self.base + "review-" + encode_local(review_id)

    def source_file(self, label: str) -> str:
        return self.base + "source-" + encode_local(label)

    def column(self, table: str, column: str) -> str:
        return f"{self.base}column-{encode_local(table)}-{encode_local(column)}"

    def dataset(self, name: str) -> str:
        return self.base + name

    def own_catalogue(self) -> str:
        return self.base + "catalogue"

    def rule(self, pack: str, code: str, version: str) -> str:
        return f"{self.base}rule-{encode_local(pack)}-{encode_local(code)}-{encode_local(version)}"

    def run(self, run_id: str) -> str:
        return self.base + "run-" + encode_local(run_id) if run_id else self.base + "run"

    def engine(self, version: str) -> str:
        return self.base + "engine-" + encode_local(version or "unknown")


def indicator_iri(indicator: str) -> str:
    return str(IND) + encode_local(indicator)


def catalogue_iri(framework: str) -> str:
    """The indicator scheme of a built-in framework's catalogue."""
    return f"{IND}catalogue-{encode_local(framework)}"


def theme_iri(theme_id: str) -> str:
    return str(THEME) + encode_local(theme_id)


def concept_iri(prefix: str, value: str) -> str:
    """An enumeration's concept from the contract's value: ``grade`` and
    ``requires_improvement`` → ``sga:grade-requires-improvement``."""
    local = encode_local(str(value).replace("_", "-"))
    return f"{SGA}{prefix}-{local}" if prefix else f"{SGA}{local}"
