"""Findings as typed, frozen values: what the findings stage makes, the outputs write and
the renderers read.

:class:`Finding` is made by :mod:`assurance.findings`; ``to_json`` is the one way it is
written into ``findings.json`` and :func:`finding_from_json` the one way it is read back
(by ``assure report``, ``assure graph`` and ``assure explain``), so a finding read from
a run folder is the value the run held in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from assurance.errors import RunError
from assurance.kinds import FACT_KINDS
from assurance.terms import FINDING_KINDS

_Json = Mapping[str, Any]


@dataclass(frozen=True)
class Rule:
    """A rule behind a finding, as the finding names it."""

    code: str
    name: str = ""
    title: str = ""
    pack: str = ""
    version: str = ""
    file: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "title": self.title,
            "pack": self.pack,
            "version": self.version,
            "file": self.file,
        }


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence a finding rests on, and the part it plays."""

    id: str
    role: str  # supporting | contradicting
    fact: str = ""
    source_type: str = "other"
    theme: str = ""
    label: str = ""
    text: str = ""
    file: str = ""
    row: int | None = None
    rows: tuple[int, ...] = ()  # every row of a signal computed from several
    date: str = ""  # an ISO date, or the period label of a signal
    agency: str = ""
    iri: str = ""  # where the graph has the item, when not minted from the id
    series: str = ""  # for a signal (spc, target, benchmark...): the id of its series

    @property
    def contradicts(self) -> bool:
        return self.role == "contradicting"

    @property
    def source_row(self) -> str:
        """Where the evidence came from, as ``audits.csv row 7``."""
        if not self.file:
            return ""
        return f"{self.file} row {self.row}" if self.row is not None else self.file

    def to_json(self) -> dict[str, object]:
        entry: dict[str, object] = {
            "id": self.id,
            "role": self.role,
            "fact": self.fact,
            "source_type": self.source_type,
            "theme": self.theme,
            "label": self.label,
            "text": self.text,
            "file": self.file,
            "row": self.row,
            "rows": list(self.rows),
            "date": self.date,
            "agency": self.agency,
        }
        if self.iri:
            entry["iri"] = self.iri
        if self.series:
            entry["series"] = self.series
        return entry


@dataclass(frozen=True)
class Finding:
    """A Strength, Risk or KLOE with every rule and piece of evidence behind it."""

    id: str
    kind: str  # strength | risk | kloe
    title: str
    narrative: str = ""
    theme: str = ""
    theme_label: str = ""
    area: str = ""  # the one area it is about; "" for the partnership as a whole
    agencies: tuple[str, ...] = ()
    period: str = ""
    pag_question: int | None = None
    pag_question_text: str = ""
    severity: str = ""
    confidence: str = ""
    confidence_reason: str = ""
    status: str = ""  # new | continuing | resolved, or "" when no previous run was given
    rule: Rule = field(default_factory=lambda: Rule(code=""))  # the rule that leads
    #: every rule that contributed, the leading one first (findings merge per theme)
    rules: tuple[Rule, ...] = ()
    matches: int = 0  # how many times its rules fired
    evidence: tuple[Evidence, ...] = ()
    #: the kinds of source the theme should have and the finding has none of
    missing: tuple[str, ...] = ()

    @property
    def rule_codes(self) -> list[str]:
        return [r.code for r in (self.rules or (self.rule,)) if r.code]

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "narrative": self.narrative,
            "theme": self.theme,
            "theme_label": self.theme_label,
            "area": self.area,
            "agencies": list(self.agencies),
            "period": self.period,
            "pag_question": self.pag_question,
            "pag_question_text": self.pag_question_text,
            "severity": self.severity,
            "confidence": self.confidence,
            "confidence_reason": self.confidence_reason,
            "status": self.status,
            "rule": self.rule.to_json(),
            "rules": [r.to_json() for r in self.rules],
            "matches": self.matches,
            "evidence": [e.to_json() for e in self.evidence],
            "missing": list(self.missing),
        }

    def resolved_json(self) -> dict[str, object]:
        """What ``findings.json`` keeps of a finding resolved since the previous run."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "theme": self.theme,
            "severity": self.severity,
            "status": "resolved",
        }


# --- reading ----------------------------------------------------------------------

#: Finds the series a signal's evidence is about, from the evidence id and fact kind.
SeriesResolver = Callable[[str, str], str]


def _no_series(evidence_id: str, fact: str) -> str:
    return ""


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _rule(entry: Mapping[str, Any]) -> Rule:
    return Rule(**{k: _text(entry.get(k)) for k in ("code", "name", "title", "pack",
                                                     "version", "file")})


def _row(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def finding_from_json(
    item: Any, where: str, resolve: SeriesResolver = _no_series
) -> Finding:
    """A finding read back from ``findings.json``: strict, with a located message, about
    what a finding cannot do without; tolerant of everything else."""
    if not isinstance(item, Mapping):
        raise RunError(f"{where}: a finding must be an object")
    for required in ("id", "kind", "title"):
        if not item.get(required):
            raise RunError(f"{where}: the finding has no '{required}'")
    if item["kind"] not in FINDING_KINDS:
        raise RunError(
            f"{where}.kind: unknown kind {item['kind']!r}; "
            f"expected one of {', '.join(FINDING_KINDS)}"
        )
    rule = item.get("rule") or {}
    pag = item.get("pag_question")
    matches = item.get("matches")
    return Finding(
        id=str(item["id"]),
        kind=str(item["kind"]),
        title=str(item["title"]),
        narrative=_text(item.get("narrative")),
        theme=_text(item.get("theme")),
        theme_label=_text(item.get("theme_label")),
        area=_text(item.get("area")),
        agencies=tuple(sorted({str(a) for a in item.get("agencies") or () if a}, key=str.lower)),
        period=_text(item.get("period")),
        pag_question=int(pag) if isinstance(pag, int | float) and 1 <= pag <= 5 else None,
        pag_question_text=_text(item.get("pag_question_text")),
        severity=_text(item.get("severity")).lower(),
        confidence=_text(item.get("confidence")).lower(),
        confidence_reason=_text(item.get("confidence_reason")),
        status=_text(item.get("status")).lower(),
        rule=_rule(rule if isinstance(rule, Mapping) else {}),
        rules=tuple(_rule(r) for r in item.get("rules") or () if isinstance(r, Mapping)),
        matches=int(matches) if isinstance(matches, int) and not isinstance(matches, bool) else 0,
        evidence=tuple(
            evidence_from_json(e, f"{where}.evidence[{j}]", resolve)
            for j, e in enumerate(item.get("evidence") or ())
        ),
        missing=tuple(str(m) for m in item.get("missing") or () if m),
    )


def evidence_from_json(item: Any, where: str, resolve: SeriesResolver = _no_series) -> Evidence:
    if not isinstance(item, Mapping) or not item.get("id"):
        raise RunError(f"{where}: an evidence item must be an object with an 'id'")
    fact = _text(item.get("fact"))
    kind = FACT_KINDS.get(fact)
    return Evidence(
        id=str(item["id"]),
        role="contradicting" if item.get("role") == "contradicting" else "supporting",
        fact=fact,
        source_type=_text(item.get("source_type")) or (kind.source if kind else "other"),
        theme=_text(item.get("theme")),
        label=_text(item.get("label")) or str(item["id"]),
        text=_text(item.get("text")),
        file=_text(item.get("file")),
        row=_row(item.get("row")),
        rows=tuple(r for r in map(_row, item.get("rows") or ()) if r is not None),
        date=_text(item.get("date")),
        agency=_text(item.get("agency")),
        iri=_text(item.get("iri")),
        series=_text(item.get("series")) or resolve(str(item["id"]), fact),
    )
