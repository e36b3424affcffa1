"""The evidence-kind registry: each kind of evidence declared once.

One module per kind of evidence (a file of the pack) declares everything that follows
from one of its rows: the file's columns and enumerations, the ontology class and
properties its rows become, the independent kind of source it is for coverage and
confidence, the fact a row becomes and the fields a rule can match, how that fact's own
direction is read (grade, RAG, sentiment, rating...), its per-theme summary, its
evidence label and how outputs show it. Ingest, the graph, facts, findings, the
renderers and the rule-authoring tools read it from here; none keeps its own copy.

Why modules and not one table: a kind's declarations include small functions (how a
summary counts, how a row's direction is read), which read best beside the columns
they use; a table of lambdas would not. ``docs/architecture.md`` has the recipe for
adding a kind.
"""

from __future__ import annotations

from assurance.kinds._spec import (
    Authoring,
    Column,
    EvidenceKind,
    Fact,
    FactKind,
    FieldSpec,
    GraphSpec,
    Property,
    SourceKind,
    fields,
)
from assurance.kinds.actions import ACTIONS
from assurance.kinds.audits import AUDIT_ACTIVITY, AUDITS, FRAMEWORK_AUDIT_MINIMUMS
from assurance.kinds.complaints import COMPLAINTS
from assurance.kinds.indicators import BENCHMARKS, CATALOGUE, INDICATORS
from assurance.kinds.reviews import REVIEW_ACTIVITY, REVIEW_CLASSES, REVIEWS
from assurance.kinds.section11 import SECTION11, standard_theme
from assurance.kinds.subgroups import SUBGROUPS
from assurance.kinds.training import TRAINING
from assurance.kinds.voice import CHILD_VOICES, VOICE
from assurance.terms import Enumeration

#: Every kind of evidence, in the order a pack's files are read.
EVIDENCE_KINDS: tuple[EvidenceKind, ...] = (
    CATALOGUE,
    INDICATORS,
    BENCHMARKS,
    AUDITS,
    REVIEWS,
    VOICE,
    SUBGROUPS,
    SECTION11,
    ACTIONS,
    TRAINING,
    COMPLAINTS,
)
EVIDENCE: dict[str, EvidenceKind] = {kind.table: kind for kind in EVIDENCE_KINDS}
#: The source files of the evidence-pack contract (without ``.csv``), in reading order.
SOURCE_TABLES: tuple[str, ...] = tuple(EVIDENCE)

#: Every kind of source, in legend order; ``independent`` ones count for confidence.
SOURCE_KINDS: dict[str, SourceKind] = {
    source.code: source for kind in EVIDENCE_KINDS for source in kind.sources
}
INDEPENDENT_SOURCES: tuple[str, ...] = tuple(
    code for code, source in SOURCE_KINDS.items() if source.independent
)
#: The kinds of source every theme should have: their absence is a gap.
EXPECTED_SOURCES: tuple[str, ...] = tuple(
    code for code, source in SOURCE_KINDS.items() if source.expected
)

#: Every enumeration of the contract, by name.
ENUMERATIONS: dict[str, Enumeration] = {
    e.name: e for kind in EVIDENCE_KINDS for e in kind.enumerations
}


def _coverage_kind() -> FactKind:
    flags = {
        f"has_{code}": FieldSpec("boolean", f"{source.name} speaks to the theme (12 months)")
        for code, source in SOURCE_KINDS.items()
        if source.independent
    }
    return FactKind(
        name="coverage",
        family="record",
        about="one per theme with any evidence or a priority: which kinds of source speak "
        "to it",
        fields={
            **fields(priority=("boolean", "a priority of the partnership (pack.yaml)")),
            **flags,
            **fields(
                kinds_present=(
                    "integer", "how many of the kinds every theme should have speak to it"
                ),
                missing=("text", "the kinds of source missing, comma-separated"),
            ),
        },
        source="coverage",
        label=lambda f: (
            f"Evidence on the theme in the last 12 months; missing: {f['missing'] or 'nothing'}"
        ),
        graph_class="CoverageSignal",
        authoring=Authoring(
            words="evidence coverage",
            alias="coverage",
            phrase="no recent evidence from: {a.missing}",
            starters={"*": ("has_child_voice", "equals", False)},
            plain_names=("gaps",),
        ),
    )


COVERAGE = _coverage_kind()
#: The coverage of a theme is a kind of source of its own in the outputs (what is missing).
COVERAGE_SOURCE = SourceKind(
    "coverage", "evidence coverage", "Coverage", "Evidence coverage (what is missing)",
    "#9AA5B1", independent=False, expected=False,
)

#: Every kind of fact rules can match, by name, in the order the docs list them.
FACT_KINDS: dict[str, FactKind] = {
    fact.name: fact for kind in EVIDENCE_KINDS for fact in kind.fact_kinds
}
FACT_KINDS[COVERAGE.name] = COVERAGE
#: The fields of every kind of fact, as rules see them (``id`` and ``theme`` included).
COMMON_FIELDS = fields(
    id=("text", "unique id of the fact in the run"),
    theme=("theme", "theme id (SKOS); empty where the kind has none"),
)
FACT_FIELDS: dict[str, dict[str, FieldSpec]] = {
    name: {**kind.fields, **{k: v for k, v in COMMON_FIELDS.items() if k not in kind.fields}}
    for name, kind in FACT_KINDS.items()
}
#: Facts made one per row of the pack: their rows are evidence items in the graph.
ROW_FACTS = frozenset(kind.item.name for kind in EVIDENCE_KINDS if kind.item)
#: Facts about one indicator series (their evidence links to the series).
SERIES_FACTS = frozenset(
    fact.name for kind in (INDICATORS, BENCHMARKS) for fact in kind.facts
)
#: Facts about what the pack contains rather than about practice: a matter of record.
RECORD_FACTS = frozenset(name for name, kind in FACT_KINDS.items() if kind.family == "record")


def source_type(fact: Fact) -> str:
    """The kind of source a fact stands for (``audit``, ``child_voice``...)."""
    kind = FACT_KINDS.get(str(fact.get("fact")))
    if kind is None:
        return str(fact.get("fact"))
    return kind.source_of(fact) if kind.source_of else kind.source


def source_style(code: str) -> SourceKind:
    """How the outputs show a kind of source; an unknown one is "other"."""
    if code == COVERAGE_SOURCE.code:
        return COVERAGE_SOURCE
    return SOURCE_KINDS.get(code, OTHER_SOURCE)


OTHER_SOURCE = SourceKind("other", "other source", "Other", "Other source", "#7F7F7F",
                          independent=False, expected=False)


def direction(fact: Fact) -> int:
    """Whether a fact speaks well (+1) or ill (-1) of practice, or neither (0)."""
    kind = FACT_KINDS.get(str(fact.get("fact")))
    return kind.direction(fact) if kind else 0


def fact_needs(name: str) -> str:
    """What an evidence pack needs for facts of a kind: "audits.csv, last 12 months"."""
    for kind in EVIDENCE_KINDS:
        for fact in kind.fact_kinds:
            if fact.name == name:
                recent = ", last 12 months" if fact.family == "summary" else ""
                return fact.needs or f"{kind.file}{recent}"
    return FACT_KINDS[name].needs if name in FACT_KINDS else ""


def item_text(fact: Fact) -> str:
    """The words of an evidence row; summaries and signals have none of their own."""
    kind = FACT_KINDS.get(str(fact.get("fact")))
    return str(fact.get(kind.text_field) or "") if kind and kind.text_field else ""


__all__ = [
    "AUDIT_ACTIVITY",
    "CHILD_VOICES",
    "COMMON_FIELDS",
    "COVERAGE",
    "COVERAGE_SOURCE",
    "ENUMERATIONS",
    "EVIDENCE",
    "EVIDENCE_KINDS",
    "EXPECTED_SOURCES",
    "FACT_FIELDS",
    "FACT_KINDS",
    "FRAMEWORK_AUDIT_MINIMUMS",
    "INDEPENDENT_SOURCES",
    "OTHER_SOURCE",
    "RECORD_FACTS",
    "REVIEW_ACTIVITY",
    "REVIEW_CLASSES",
    "ROW_FACTS",
    "SERIES_FACTS",
    "SOURCE_KINDS",
    "SOURCE_TABLES",
    "Column",
    "EvidenceKind",
    "FactKind",
    "FieldSpec",
    "GraphSpec",
    "Property",
    "SourceKind",
    "direction",
    "fact_needs",
    "item_text",
    "source_style",
    "source_type",
    "standard_theme",
]
