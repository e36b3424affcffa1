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
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from assurance import __version__
from assurance.errors import RunError
from assurance.graph import export_graph
from assurance.render import render_run
from assurance.triangulate import Run

RUN_FILES = (
    "manifest.json",
    "findings.json",
    "findings.csv",
    "signals.json",
    "facts.json",
    "evidence.ttl",
    "report.html",
    "report.md",
    "graph.html",
)
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


def findings_csv(findings: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for finding in findings:
        evidence = finding["evidence"]
        assert isinstance(evidence, list)
        rules = finding.get("rules") or [finding["rule"]]
        assert isinstance(rules, list)
        row = [
            finding["id"],
            finding["kind"],
            finding["severity"],
            finding["confidence"],
            finding["status"],
            finding["theme"],
            finding["title"],
            finding["narrative"],
            "; ".join(finding["agencies"]),
            finding["pag_question"],
            "; ".join(str(rule["code"]) for rule in rules),
            sum(e["role"] == "supporting" for e in evidence),
            sum(e["role"] == "contradicting" for e in evidence),
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
            kind: sum(f["kind"] == kind for f in run.findings)
            for kind in ("strength", "risk", "kloe")
        },
        "previous": run.previous.name if run.previous else None,
        "findings": run.findings,
        "resolved": run.resolved,
    }


def signals_document(run: Run) -> dict[str, object]:
    return {
        "series": run.signals.series,
        "benchmarks": run.signals.benchmark,
        "disparities": run.signals.disparity,
        "coverage": [f for f in run.facts.of_kind("coverage")],
    }


def facts_document(run: Run) -> dict[str, object]:
    """Every fact the rules saw, so ``assure explain`` can say why a rule did not fire."""
    return {
        "period": run.pack.manifest.period.label,
        "facts": [run.facts.facts[key] for key in sorted(run.facts.facts)],
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


def write_run(run: Run, out_dir: Path, *, publish: bool = False) -> Path:
    """Write every output of ``run`` into ``out_dir``, atomically.

    Raises :class:`~assurance.errors.RunError` when the folder cannot be written (no
    such place, no permission, disk full); the previous outputs are then untouched.
    """
    out_dir = Path(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    except OSError as error:
        raise RunError(f"{out_dir}: cannot write the run here ({error.strerror})") from None
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a run folder is not
    try:
        _write(staging / "findings.json", dumps(findings_document(run)))
        _write(staging / "findings.csv", findings_csv(run.findings))
        _write(staging / "signals.json", dumps(signals_document(run), compact=True))
        _write(staging / "facts.json", dumps(facts_document(run), compact=True))
        (staging / "evidence.ttl").write_bytes(export_graph(run.graph, "ttl"))
        render_run(staging, publish=publish)
        _write(staging / "manifest.json", dumps(manifest_document(run)))
        _swap_in(staging, out_dir)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        reason = error.strerror or str(error)
        raise RunError(
            f"{out_dir}: the run could not be written ({reason}); "
            "the previous outputs are untouched"
        ) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def _swap_in(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    retired = out_dir.with_name(f".{out_dir.name}.previous")
    shutil.rmtree(retired, ignore_errors=True)
    os.replace(out_dir, retired)
    os.replace(staging, out_dir)
    shutil.rmtree(retired, ignore_errors=True)
