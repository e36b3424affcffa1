"""Merging into a pack: idempotent, keeps the pack's own rows, says what changed."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assurance.importers import ImportProblemsError, import_ees
from assurance.importers.merge import INDICATORS, _Table, merge_rows

from .conftest import REFERRALS, WORKFORCE, read_rows, rewrite_csv, series, snapshot

OWN_MANIFEST = (
    "id: hartlepool-own\npartnership: Hartlepool Safeguarding Children Partnership\n"
    "period: 2024-25 Q4\nframework: none\nareas: [HARTLEPOOL]\n"
)
OWN_INDICATORS = (
    "indicator,period,value,area,breakdown,source\r\n"
    "own-lado-referrals,2024-25 Q4,31,,all,LADO log\r\n"
    "own-lado-referrals,2024-25 Q3,27,,all,LADO log\r\n"
)
OWN_CATALOGUE = "indicator,label,theme,unit\nown-lado-referrals,LADO referrals,LADO,count\n"


def test_importing_twice_changes_no_byte(tmp_path: Path) -> None:
    first = import_ees([REFERRALS, WORKFORCE], area="Hartlepool", into=tmp_path)
    before = snapshot(tmp_path)
    second = import_ees([REFERRALS, WORKFORCE], area="Hartlepool", into=tmp_path)
    assert snapshot(tmp_path) == before
    assert first.changed and not second.changed
    assert all(c.added == 0 and c.replaced == 0 and c.unchanged for c in second.changes)
    assert sorted(before) == ["benchmarks.csv", "catalogue.csv", "indicators.csv", "pack.yaml"]


def test_csv_files_are_written_deterministically(tmp_path: Path) -> None:
    import_ees([REFERRALS], area="Hartlepool", into=tmp_path / "a")
    import_ees([REFERRALS], area="Hartlepool", into=tmp_path / "b")
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert {k: v for k, v in a.items() if k != "pack.yaml"} == {
        k: v for k, v in b.items() if k != "pack.yaml"}  # pack.yaml names its folder
    assert b"\r\n" not in a["indicators.csv"]


@pytest.fixture
def own_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "own"
    pack.mkdir()
    (pack / "pack.yaml").write_text(OWN_MANIFEST)
    (pack / "indicators.csv").write_bytes(OWN_INDICATORS.encode())
    (pack / "catalogue.csv").write_text(OWN_CATALOGUE)
    return pack


def test_merge_keeps_the_pack_s_own_rows_and_manifest(own_pack: Path) -> None:
    own_before = read_rows(own_pack / "indicators.csv")
    result = import_ees([REFERRALS], area="Hartlepool", into=own_pack)
    assert (own_pack / "pack.yaml").read_text() == OWN_MANIFEST and not result.created
    after = read_rows(own_pack / "indicators.csv")
    assert [{k: r[k] for k in own_before[0]} for r in after[:2]] == own_before
    assert after[2]["source"] == ""  # the pack's annotation column is kept, empty for imports
    changes = {c.file: c for c in result.changes}
    assert (changes["indicators.csv"].added, changes["indicators.csv"].kept) == (52, 2)
    assert changes["catalogue.csv"].kept == 1
    assert read_rows(own_pack / "catalogue.csv")[0]["label"] == "LADO referrals"


def test_rows_are_named_as_the_pack_names_the_area(own_pack: Path) -> None:
    result = import_ees([REFERRALS], area="hartlepool", into=own_pack)
    assert result.label == "HARTLEPOOL"
    areas = {r["area"] for r in read_rows(own_pack / "indicators.csv")}
    assert areas == {"", "HARTLEPOOL"}


def test_a_revised_value_replaces_its_row_in_place(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    import_ees([REFERRALS], area="Hartlepool", into=pack)
    order = [(r["indicator"], r["period"]) for r in read_rows(pack / "indicators.csv")]

    def revise(header: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
        for cells in rows:
            if cells[header.index("la_name")] == "Hartlepool" and cells[0] == "2025":
                cells[header.index("rereferral_percent")] = "26.6"
        return header, rows

    revised = rewrite_csv(REFERRALS, tmp_path / REFERRALS.name, revise)
    result = import_ees([revised], area="Hartlepool", into=pack)
    change = {c.file: c for c in result.changes}["indicators.csv"]
    assert (change.added, change.replaced, change.unchanged) == (0, 1, 51)
    assert series(pack, "dfe-rereferral-rate")["2024-25"] == "26.6"
    assert [(r["indicator"], r["period"]) for r in read_rows(pack / "indicators.csv")] == order


def test_two_areas_share_a_pack(tmp_path: Path) -> None:
    import_ees([REFERRALS], area="Hartlepool", into=tmp_path)
    result = import_ees([REFERRALS], area="Stockton-on-Tees", into=tmp_path)
    changes = {c.file: c for c in result.changes}
    assert changes["catalogue.csv"].unchanged == 4
    assert changes["indicators.csv"].kept == 52
    benchmarks = read_rows(tmp_path / "benchmarks.csv")
    assert {r["area"] for r in benchmarks} == {"Hartlepool", "Stockton-on-Tees"}


def test_keys_match_however_the_pack_spells_them() -> None:
    existing = _Table(["Indicator", "Period", "Value", "Area", "Breakdown"],
                      [["dfe-rereferral-rate", "2024/25", "26.5", "hartlepool", ""]])
    row = {"indicator": "dfe-rereferral-rate", "period": "2024-25", "value": "26.50",
           "area": "Hartlepool", "breakdown": "all", "agency": "", "note": ""}
    table, change = merge_rows(existing, INDICATORS, [row])
    assert (change.added, change.replaced, change.unchanged) == (0, 0, 1)
    assert table.header[:5] == ["Indicator", "Period", "Value", "Area", "Breakdown"]


def test_nothing_is_left_behind(tmp_path: Path) -> None:
    import_ees([REFERRALS], area="Hartlepool", into=tmp_path)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_file_is_not_a_pack_folder(tmp_path: Path) -> None:
    workbook = tmp_path / "pack.xlsx"
    workbook.write_bytes(b"")
    with pytest.raises(ImportProblemsError, match="not a pack folder"):
        import_ees([REFERRALS], area="Hartlepool", into=workbook)


@contextmanager
def _umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077])
def test_new_pack_files_follow_the_umask(tmp_path: Path, mask: int) -> None:
    with _umask(mask):
        import_ees([REFERRALS], area="Hartlepool", into=tmp_path / "pack")
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "pack").iterdir()}
    assert len(modes) == 4
    assert set(modes.values()) == {0o666 & ~mask}, modes


def test_a_rewritten_file_keeps_its_mode(tmp_path: Path) -> None:
    with _umask(0o022):
        import_ees([REFERRALS], area="Hartlepool", into=tmp_path)
        (tmp_path / "indicators.csv").chmod(0o640)  # the user's choice: group may read
        result = import_ees([WORKFORCE], area="Hartlepool", into=tmp_path)
    assert {c.file: c for c in result.changes}["indicators.csv"].added == 54
    assert stat.S_IMODE((tmp_path / "indicators.csv").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "benchmarks.csv").stat().st_mode) == 0o644
