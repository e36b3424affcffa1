"""Writing a run directory, whole or not at all.

Everything is written into a fresh sibling folder first and swapped in with renames, so
a run that fails leaves the previous outputs untouched. Every file is deterministic:
the same inputs give the same bytes; the manifest's ``created`` timestamp is the only
exception.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

from assurance import __version__
from assurance.atomic import replace_folder, write_files
from assurance.errors import RunError
from assurance.graph import export_graph
from assurance.render import render_outputs
from assurance.render.run import run_view
from assurance.results import Finding
from assurance.terms import FINDING_KINDS, RUN_FILES
from assurance.triangulate import Run

__all__ = ["RUN_FILES", "write_run"]
CSV_COLUMNS = (  # "rule": every rule behind the finding, the leading one first
    "id",
    "kind",
    "severity",
    "confidence",
    "status",
    "theme",
    "title",
    "narrative",
    "agencies",
    "pag_question",
    "rule",
    "supporting_evidence",
    "contradicting_evidence",
)
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def dumps(data: object, *, compact: bool = False) -> str:
    """JSON as written to a run: indented for people, or compact for the large
    machine-read files (facts, signals), which are written twice as fast."""
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str) + "\n"
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False, default=str) + "\n"


def spreadsheet_safe(value: object) -> str:
    """A cell that a spreadsheet shows as text, never runs as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def findings_csv(findings: list[Finding]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for finding in findings:
        evidence = finding.evidence
        row = [
            finding.id,
            finding.kind,
            finding.severity,
            finding.confidence,
            finding.status,
            finding.theme,
            finding.title,
            finding.narrative,
            "; ".join(finding.agencies),
            finding.pag_question,
            "; ".join(finding.rule_codes),
            sum(not e.contradicts for e in evidence),
            sum(e.contradicts for e in evidence),
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()


def findings_document(run: Run) -> dict[str, object]:
    manifest = run.pack.manifest
    return {
        "pack": {
            "id": manifest.id,
            "partnership": manifest.partnership,
            "period": manifest.period.label,
            "areas": list(manifest.areas),
            "priorities": list(manifest.priorities),
            "publish": dict(manifest.publish),
        },
        "period": manifest.period.label,
        "counts": {
            kind: sum(f.kind == kind for f in run.findings) for kind in FINDING_KINDS
        },
        "previous": run.previous.name if run.previous else None,
        "findings": [f.to_json() for f in run.findings],
        "resolved": [f.resolved_json() for f in run.resolved],
    }


def signals_document(run: Run) -> dict[str, object]:
    return {
        "series": run.signals.series,
        "benchmarks": run.signals.benchmark,
        "disparities": run.signals.disparity,
        "coverage": [dict(f) for f in run.facts.of_kind("coverage")],
    }


def facts_document(run: Run) -> dict[str, object]:
    """Every fact the rules saw, so ``assure explain`` can say why a rule did not fire."""
    return {
        "period": run.pack.manifest.period.label,
        "facts": [dict(run.facts.facts[key]) for key in sorted(run.facts.facts)],
    }


def manifest_document(run: Run, *, created: str | None = None) -> dict[str, object]:
    pack = run.pack
    return {
        "engine": {"name": "safeguarding-assurance", "version": __version__},
        "rule_packs": [
            {"name": p.name, "version": p.version, "path": _portable(p.path)}
            for p in run.rules.packs
        ],
        "rules": sorted(r.code for r in run.rules.rules),
        "rule_settings": {
            r.code: dict(r.settings)
            for r in sorted(run.rules.rules, key=lambda r: r.code)
            if r.settings
        },
        "pack": {
            "id": pack.manifest.id,
            "period": pack.manifest.period.label,
            "location": pack.location.name,
        },
        "inputs": {label: digest for label, digest in sorted(pack.sources.values())},
        "redactions": pack.redactions,
        "counts": {
            "facts": len(run.facts),
            "matches": len(run.matches),
            "findings": len(run.findings),
        },
        "created": created or datetime.now(UTC).replace(microsecond=0).isoformat(),
    }


def _portable(path: str) -> str:
    """A rule pack's folder without this machine's absolute path (byte-identical runs)."""
    return Path(path).name if path else ""


def run_files(run: Run, *, publish: bool = False) -> dict[str, str | bytes]:
    """The content of every file of a run directory, by name; nothing is written.

    The report and graph are rendered from what the run holds in memory (with the
    manifest, so the report's "About this report" names the engine and rule packs),
    never from files written a moment before.
    """
    findings = findings_document(run)
    signals = signals_document(run)
    manifest = manifest_document(run)
    view = run_view([*run.findings, *run.resolved], findings, signals, manifest)
    files: dict[str, str | bytes] = {
        "manifest.json": dumps(manifest),
        "findings.json": dumps(findings),
        "findings.csv": findings_csv(run.findings),
        "signals.json": dumps(signals, compact=True),
        "facts.json": dumps(facts_document(run), compact=True),
        "evidence.ttl": export_graph(run.graph, "ttl"),
        **render_outputs(view, publish=publish),
    }
    return {name: files[name] for name in RUN_FILES}


def write_run(run: Run, out_dir: Path, *, publish: bool = False) -> Path:
    """Write every output of ``run`` into ``out_dir``, atomically.

    Raises :class:`~assurance.errors.RunError` when the folder cannot be written (no
    such place, no permission, disk full); the previous outputs are then untouched.
    """
    out_dir = Path(out_dir)
    files = run_files(run, publish=publish)

    def fill(staging: Path) -> None:
        write_files(staging, files)

    try:
        replace_folder(out_dir, fill)
    except OSError as error:
        reason = error.strerror or str(error)
        raise RunError(
            f"{out_dir}: the run could not be written ({reason}); "
            "the previous outputs are untouched"
        ) from error
    return out_dir
