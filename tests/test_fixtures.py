"""The example packs in fixtures/packs/: reproducible from the generator, loadable, the
workbook the same as its folder, every indicator catalogued, no personal identifiers,
and the planted special causes the only ones (fixtures/README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from assurance.ingest import load_pack
from assurance.model import EvidencePack
from assurance.pii import find_identifiers
from assurance.signals import compute_signals

ROOT = Path(__file__).resolve().parents[1]
PACKS = ROOT / "fixtures" / "packs"
GENERATED = ("hartlepool-stockton", "south-tees", "south-tees.xlsx")
LA = "Local authority children's services"

#: The special causes at the latest point that fixtures/README.md promises, per pack.
PLANTED_SPC = {
    "hartlepool-stockton": {
        ("tees-2.2.2", "Stockton-on-Tees", LA, "special_cause_concern"),
        ("tees-2.3.3", "Hartlepool", "Cleveland Police", "special_cause_improvement"),
        ("tees-2.1.7", "Hartlepool", LA, "special_cause_concern"),
        ("tees-E1.3", "Stockton-on-Tees", LA, "special_cause_concern"),
    },
    "south-tees": {
        ("tees-2.6.3", "Middlesbrough", "Acute hospital trusts", "special_cause_concern"),
        ("tees-2.2.2", "Redcar and Cleveland", LA, "special_cause_improvement"),
        ("tees-2.4.3", "Redcar and Cleveland", "Cleveland Police", "special_cause_concern"),
        ("tees-E1.2", "Middlesbrough", LA, "special_cause_concern"),
    },
}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("packs")
    subprocess.run([sys.executable, "-m", "fixtures.generator", "--out", str(out)],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    return out


@pytest.fixture(scope="module")
def packs() -> dict[str, EvidencePack]:
    return {name: load_pack(PACKS / name) for name in GENERATED}


def _files(location: Path) -> list[Path]:
    if not location.is_dir():
        return [location]
    return sorted(p for p in location.rglob("*") if p.is_file())


@pytest.mark.parametrize("name", GENERATED)
def test_generator_reproduces_the_committed_packs_byte_for_byte(regenerated: Path,
                                                               name: str) -> None:
    committed, again = _files(PACKS / name), _files(regenerated / name)
    assert [p.name for p in again] == [p.name for p in committed]
    for old, new in zip(committed, again, strict=True):
        assert new.read_bytes() == old.read_bytes(), f"{old.relative_to(ROOT)} is out of date"


def test_csv_files_use_unix_line_endings() -> None:
    for name in GENERATED[:2]:
        for path in (PACKS / name).glob("*.csv"):
            assert b"\r" not in path.read_bytes(), path


@pytest.mark.parametrize("name", GENERATED)
def test_packs_load_without_problems(packs: dict[str, EvidencePack], name: str) -> None:
    pack = packs[name]
    assert pack.manifest.period.label == "2024-25 Q2"
    assert pack.manifest.frameworks == ("tees",)
    assert not pack.warnings and pack.redactions == 0
    expected = {"indicators", "catalogue", "benchmarks", "audits", "reviews", "voice",
                "subgroups", "section11", "actions", "training", "complaints"}
    assert set(pack.tables) == expected
    assert all(len(frame) for frame in pack.tables.values())


def test_workbook_holds_the_same_pack_as_its_folder(packs: dict[str, EvidencePack]) -> None:
    folder, workbook = packs["south-tees"], packs["south-tees.xlsx"]
    assert workbook.manifest == folder.manifest
    for name, frame in folder.tables.items():
        pd.testing.assert_frame_equal(workbook.tables[name].drop(columns="_file"),
                                      frame.drop(columns="_file"), obj=name)


@pytest.mark.parametrize("name", GENERATED)
def test_every_indicator_and_benchmark_is_catalogued(packs: dict[str, EvidencePack],
                                                     name: str) -> None:
    pack = packs[name]
    known = set(pack.tables["catalogue"]["indicator"])
    assert set(pack.tables["indicators"]["indicator"]) <= known
    assert set(pack.tables["benchmarks"]["indicator"]) <= known
    local = pack.tables["catalogue"]
    own = set(local.loc[local["_file"] != "built-in catalogue tees.csv", "indicator"])
    assert own and own <= set(pack.tables["indicators"]["indicator"])


@pytest.mark.parametrize("name", GENERATED)
def test_no_personal_identifiers_in_any_text(packs: dict[str, EvidencePack], name: str) -> None:
    for table, frame in packs[name].tables.items():
        for column in frame.columns:
            if frame[column].dtype != object or column.startswith("_"):
                continue
            for row, value in zip(frame["_row"], frame[column], strict=True):
                if isinstance(value, str):
                    where = f"{name} {table} row {row} {column}: {value}"
                    assert not find_identifiers(value), where


@pytest.mark.parametrize("name", ["hartlepool-stockton", "south-tees"])
def test_the_only_special_causes_are_the_planted_ones(packs: dict[str, EvidencePack],
                                                      name: str) -> None:
    pack = packs[name]
    signals = compute_signals(pack.tables, pack.tables["catalogue"], pack.manifest.period.end)
    special = {(f["indicator"], f["area"], f["agency"], f["variation"])
               for f in signals.spc if f["variation"] != "common_cause"}
    assert special == PLANTED_SPC[name]
