"""Reading a run directory: tolerant of extra fields, strict and located about the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assurance.errors import RunError
from assurance.render import load_run, run_from_documents


def test_sample_run_loads_findings_and_resolved(sample_run):
    statuses = {f.status for f in sample_run.findings}
    assert statuses == {"new", "continuing", "resolved"}
    assert len(sample_run.findings) == 12
    assert sample_run.has_previous is True


def test_signals_are_linked_to_their_series_by_id(sample_run):
    signals = [
        e
        for f in sample_run.findings
        for e in f.evidence
        if e.fact in {"spc", "target", "benchmark"}
    ]
    assert signals
    ids = set(sample_run.series_by_id)
    assert all(e.series in ids for e in signals)


def test_the_longest_series_stub_wins_and_dedup_suffixes_are_ignored():
    series = {
        "series": [
            {"id": "series-ind-hartlepool", "indicator": "ind", "points": []},
            {"id": "series-ind-hartlepool-police", "indicator": "ind", "points": []},
        ]
    }
    evidence = [
        {"id": "spc-ind-hartlepool-police", "fact": "spc"},
        {"id": "benchmark-ind-hartlepool-england", "fact": "benchmark"},
        {"id": "spc-ind-hartlepool-police-1a2b3c4d", "fact": "spc"},
        {"id": "audits-7", "fact": "audit_finding"},
    ]
    run = run_from_documents(
        {"findings": [{"id": "F", "kind": "risk", "title": "t", "evidence": evidence}]}, series
    )
    assert [e.series for e in run.findings[0].evidence] == [
        "series-ind-hartlepool-police",
        "series-ind-hartlepool",
        "series-ind-hartlepool-police",
        "",
    ]


def test_coverage_missing_may_be_a_comma_separated_string():
    run = run_from_documents(
        {"findings": []},
        {"coverage": [{"theme": "neglect", "missing": "audit, child_voice"}]},
    )
    assert run.coverage[0]["missing"] == ["audit", "child_voice"]


@pytest.mark.parametrize(
    ("statuses", "resolved", "expected"),
    [
        ((), [], False),
        (("new",), [], None),
        (("new", "continuing"), [], True),
        (("new",), [{"id": "R", "kind": "risk", "title": "r"}], True),
    ],
)
def test_whether_a_previous_run_was_compared(statuses, resolved, expected):
    findings = [
        {"id": f"F{i}", "kind": "risk", "title": "t", "status": s} for i, s in enumerate(statuses)
    ]
    run = run_from_documents({"findings": findings, "resolved": resolved})
    assert run.has_previous is expected


def test_a_folder_without_findings_is_not_a_run(tmp_path: Path):
    with pytest.raises(RunError, match=r"not a run directory \(findings.json is missing\)"):
        load_run(tmp_path)
    with pytest.raises(RunError, match="no such folder"):
        load_run(tmp_path / "missing")


def test_broken_json_is_located(tmp_path: Path):
    (tmp_path / "findings.json").write_text('{"findings": [\n  {oops}\n]}', encoding="utf-8")
    with pytest.raises(RunError, match=r"findings.json:2:4: not valid JSON"):
        load_run(tmp_path)


def test_a_finding_with_an_unknown_kind_is_located(tmp_path: Path):
    document = {"findings": [{"id": "F1", "kind": "strenght", "title": "t"}]}
    (tmp_path / "findings.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(RunError, match=r"findings\[0\]\.kind: unknown kind 'strenght'"):
        load_run(tmp_path)


def test_a_run_may_say_whether_it_had_a_previous_run():
    findings = {"findings": [{"id": "F", "kind": "risk", "title": "t", "status": "new"}]}
    assert run_from_documents({**findings, "previous": "runs/q1"}).has_previous is True
    assert run_from_documents({**findings, "previous": None}).has_previous is False
    assert run_from_documents(findings, manifest={"previous_run": "q1"}).has_previous is True


def test_signals_must_be_an_object(tmp_path: Path):
    document = {"findings": []}
    (tmp_path / "findings.json").write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "signals.json").write_text("[]", encoding="utf-8")
    with pytest.raises(RunError, match=r"signals.json: must be an object"):
        load_run(tmp_path)


def test_signals_and_manifest_are_optional(tmp_path: Path):
    document = {"period": "2024-25 Q2", "findings": [{"id": "F1", "kind": "kloe", "title": "t"}]}
    (tmp_path / "findings.json").write_text(json.dumps(document), encoding="utf-8")
    run = load_run(tmp_path)
    assert run.series == () and run.manifest == {} and run.period == "2024-25 Q2"
