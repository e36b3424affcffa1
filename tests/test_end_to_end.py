"""The whole run on the example packs: planted patterns found, noise left alone,
outputs byte-identical between runs, written atomically."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest

from assurance.errors import RunError
from assurance.outputs import RUN_FILES, write_run
from assurance.triangulate import triangulate

ROOT = Path(__file__).resolve().parents[1]
PACKS = ROOT / "fixtures" / "packs"
NOISE_ONLY = {
    "hartlepool-stockton": "child-criminal-exploitation",
    "south-tees": "child-sexual-exploitation",
}

pytestmark = pytest.mark.slow


def _expected(pack: str) -> set[tuple[str, str]]:
    with (ROOT / "fixtures" / "expected" / "planted-findings.csv").open(encoding="utf-8") as handle:
        return {
            (row["kind"], row["theme"]) for row in csv.DictReader(handle) if row["pack"] == pack
        }


def _expected_rules(pack: str) -> dict[tuple[str, str], set[str]]:
    """The rule codes each planted (kind, theme) must be raised by, at least."""
    codes: dict[tuple[str, str], set[str]] = {}
    with (ROOT / "fixtures" / "expected" / "planted-findings.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["pack"] == pack:
                codes.setdefault((row["kind"], row["theme"]), set()).update(row["rules"].split())
    return codes


@pytest.fixture(scope="module", params=["hartlepool-stockton", "south-tees"])
def run(request: pytest.FixtureRequest):
    return request.param, triangulate(PACKS / request.param)


def test_every_planted_pattern_is_found_and_nothing_else(run) -> None:
    pack, result = run
    found = {(str(f.kind), str(f.theme)) for f in result.findings}
    assert found == _expected(pack)


def test_every_planted_pattern_is_raised_by_the_rules_it_plants_for(run) -> None:
    # Findings merge per kind and theme, so a pattern planted on a theme that already has
    # a finding of its kind (upheld complaints beside a worsening indicator) shows only in
    # the rules behind the finding.
    pack, result = run
    raised_by = {(f.kind, f.theme): set(f.rule_codes) for f in result.findings}
    missing = {key: codes - raised_by.get(key, set())
               for key, codes in _expected_rules(pack).items()}
    assert {key: codes for key, codes in missing.items() if codes} == {}


def test_noise_only_theme_raises_nothing(run) -> None:
    pack, result = run
    assert not [f for f in result.findings if f.theme == NOISE_ONLY[pack]]


def test_every_finding_is_traceable_to_rule_and_rows(run) -> None:
    _, result = run
    for finding in result.findings:
        assert finding.rule.code and finding.rule.file.startswith("rules/")
        assert finding.evidence, finding.id
        rows = [e for e in finding.evidence if e.row is not None]
        about_absence = all(e.fact == "coverage" for e in finding.evidence)
        assert rows or about_absence, f"{finding.id} cites no source row"
        assert {e.role for e in finding.evidence} <= {"supporting", "contradicting"}


def test_contradiction_marks_the_assured_report_as_contradicting(run) -> None:
    _, result = run
    [kloe] = [
        f
        for f in result.findings
        if f.kind == "kloe" and "CN01" in [r.code for r in f.rules]
    ]
    contradicting = [e for e in kloe.evidence if e.role == "contradicting"]
    assert [e.fact for e in contradicting] == ["subgroup_report"]


def test_the_workbook_gives_the_same_findings_as_its_folder() -> None:
    from_folder = triangulate(PACKS / "south-tees").findings
    from_book = triangulate(PACKS / "south-tees.xlsx").findings
    strip = [replace(f, evidence=()) for f in from_folder]
    assert strip == [replace(f, evidence=()) for f in from_book]


def test_two_runs_write_byte_identical_outputs(tmp_path: Path) -> None:
    first = write_run(triangulate(PACKS / "hartlepool-stockton"), tmp_path / "first")
    second = write_run(triangulate(PACKS / "hartlepool-stockton"), tmp_path / "second")
    for name in RUN_FILES:
        if name == "manifest.json":
            a, b = (json.loads((d / name).read_text()) for d in (first, second))
            a.pop("created"), b.pop("created")
            assert a == b
        else:
            assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_a_failed_run_leaves_the_previous_outputs_untouched(tmp_path: Path, monkeypatch) -> None:
    out = write_run(triangulate(PACKS / "hartlepool-stockton"), tmp_path / "run")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    import assurance.outputs as outputs

    def full_disk(folder: Path, contents) -> None:
        (folder / "findings.json").write_text("half")  # something is written, then no room
        raise OSError("disk full")

    monkeypatch.setattr(outputs, "write_files", full_disk)
    with pytest.raises(RunError, match=r"\(disk full\); the previous outputs are untouched"):
        write_run(triangulate(PACKS / "south-tees"), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["run"]  # no staging folder left behind


def test_previous_run_marks_findings_continuing(tmp_path: Path) -> None:
    out = write_run(triangulate(PACKS / "hartlepool-stockton"), tmp_path / "q1")
    same = triangulate(PACKS / "hartlepool-stockton", previous=out)
    assert {f.status for f in same.findings} == {"continuing"} and same.resolved == []
    again = triangulate(PACKS / "south-tees", previous=out)
    statuses = {f.theme: f.status for f in again.findings if f.kind == "risk"}
    # an area's finding is another finding in another area: Stockton-on-Tees's
    # workforce risk is resolved, Middlesbrough's is new
    assert statuses["workforce"] == "new" and statuses["self-harm"] == "new"
    assert {r.theme for r in again.resolved} >= {"neglect", "lado", "workforce"}
    second = write_run(again, tmp_path / "q2")
    assert json.loads((second / "findings.json").read_text())["previous"] == "q1"
