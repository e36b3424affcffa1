"""The shapes of the registry: what a kind of evidence, a kind of fact and a kind of
source declare. Values only; :mod:`assurance.kinds` collects them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from rdflib import URIRef

from assurance.terms import Enumeration

Fact = Mapping[str, object]


@dataclass(frozen=True)
class Column:
    """One column of a pack file.

    ``kind`` is how ingest checks and types it: ``text``, ``free_text`` (guarded for
    personal identifiers), ``id``, ``theme``, ``indicator``, ``agency``, ``period``,
    ``year``, ``date``, ``number``, ``count``, ``breakdown``, ``comparator``,
    ``evaluation`` (a score or a sentiment) or ``enum:<name>``.
    """

    name: str
    kind: str
    required: bool = False
    description: str = ""


def columns(spec: str) -> tuple[Column, ...]:
    """``"*name:kind other:kind"``: a ``*`` marks a required column."""
    found = []
    for token in spec.split():
        name, kind = token.split(":", 1)
        found.append(Column(name.lstrip("*"), kind, required=name.startswith("*")))
    return tuple(found)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a fact, as rules see it."""

    type: str  # text | number | integer | boolean | theme | agency | period | date
    description: str
    values: tuple[str, ...] = ()


def fields(**specs: tuple[str, ...]) -> dict[str, FieldSpec]:
    """``fields(grade=("text", "grade", "good inadequate"))``: type, description, values."""
    made = {}
    for name, spec in specs.items():
        type_, description, *values = spec
        made[name] = FieldSpec(type_, description, tuple(values[0].split()) if values else ())
    return made


@dataclass(frozen=True)
class Property:
    """A column written into the graph: the predicate, and what kind of term its
    values become (``string``, ``double``, ``integer``, ``date``, ``theme``,
    ``indicator``, ``agency``, ``subgroup``, ``period``, ``audit``, ``review``,
    ``comparator``, ``missing`` (SDMX's missing-value status), ``action_source``, or
    ``concept:<scheme>`` for a SKOS concept of the ontology)."""

    column: str
    predicate: URIRef
    term: str


@dataclass(frozen=True)
class GraphSpec:
    """How a table's rows become nodes: their classes, the columns written with a
    property of their own, and the columns other code writes (``consumed``)."""

    classes: tuple[URIRef, ...]
    properties: tuple[Property, ...]
    consumed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SourceKind:
    """An independent kind of source for coverage and confidence ("case-file audit").

    ``expected`` says whether every theme should have it: a theme without an audit is a
    gap to report; a theme without a complaint is not.
    """

    code: str
    name: str  # in narratives and lists of gaps
    heading: str  # a column of the coverage heat map
    legend: str  # in the graph's source filter
    color: str  # Okabe-Ito, colour-blind safe
    independent: bool = True
    expected: bool = True
    #: where only some themes should have it (Section 11 is assessed by standard, and
    #: its standards speak to a few themes), those themes; empty for every theme
    expected_on: frozenset[str] = frozenset()

    def expected_for(self, theme: str) -> bool:
        """Whether a theme without this kind of source has a gap."""
        return self.expected and (not self.expected_on or theme in self.expected_on)


@dataclass(frozen=True)
class Authoring:
    """What ``assure rules new`` and the docs say about a kind of fact."""

    words: str  # in a rule title: "audit finding"
    alias: str  # the short alias in a new rule
    phrase: str  # a narrative phrase ({a} stands for the alias)
    #: a starting condition per kind of finding ("*": any): field, operator, value
    starters: Mapping[str, tuple[str, str, object]]
    plain_names: tuple[str, ...] = ()  # names an author may use for the source


@dataclass(frozen=True)
class FactKind:
    """A kind of fact rules match: its fields, where it comes from and how it reads."""

    name: str
    family: str  # signal | item | summary | record
    about: str  # one per what, for docs/rules.md
    fields: Mapping[str, FieldSpec]
    source: str  # the SourceKind code it stands for
    label: Callable[[Fact], str]  # the evidence label a finding shows
    authoring: Authoring
    #: whether the fact speaks well (+1) or ill (-1) of practice, or neither (0)
    direction: Callable[[Fact], int] = lambda fact: 0
    text_field: str = ""  # the field holding the row's own words
    graph_class: str = ""  # the sga: class of a signal or aggregate fact in the graph
    #: the source kind of one fact, where it depends on the fact (voice: whose voice)
    source_of: Callable[[Fact], str] | None = None
    #: what a pack needs for facts of this kind, where it is more than the file itself
    needs: str = ""


#: Builds a kind's per-theme summary from the recent item facts on one theme.
Summariser = Callable[[list[dict[str, object]]], dict[str, int]]
#: Adds what an item fact derives from its row (``critical``, ``overdue_days``...).
Details = Callable[[dict[str, object], Mapping[str, object], date], None]


@dataclass(frozen=True)
class EvidenceKind:
    """A file of the evidence pack, and everything that follows from one of its rows."""

    table: str  # the file's name without .csv, and the workbook's sheet
    about: str
    columns: tuple[Column, ...]
    graph: GraphSpec
    sources: tuple[SourceKind, ...] = ()
    enumerations: tuple[Enumeration, ...] = ()
    #: the item fact made from each row, and the columns it copies
    item: FactKind | None = None
    item_columns: tuple[str, ...] = ()
    renamed: Mapping[str, str] = field(default_factory=dict)  # column → fact field
    details: Details | None = None
    #: the per-theme summary of the last 12 months, and how it counts
    summary: FactKind | None = None
    summarise: Summariser | None = None
    #: summary fields also counted over the 12 months before, as ``<field>_before``
    compared: tuple[str, ...] = ()
    #: other facts it gives (signals of indicator series; follow-through)
    facts: tuple[FactKind, ...] = ()
    #: (key columns, date column) of the rows that are the latest of their key
    latest: tuple[tuple[str, ...], str] | None = None
    #: the column that dates a row for "the last 12 months" ("" for never recent)
    dated_by: str = ""

    @property
    def file(self) -> str:
        return f"{self.table}.csv"

    @property
    def fact_kinds(self) -> tuple[FactKind, ...]:
        return tuple(k for k in (self.item, self.summary, *self.facts) if k is not None)

    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]
