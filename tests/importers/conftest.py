"""Shared helpers: the real DfE files copied into fixtures/dfe/, and reading a pack."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from assurance.importers import import_ees

DFE = Path(__file__).resolve().parents[2] / "fixtures" / "dfe"
REFERRALS = DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
S47 = DFE / "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv"
CPP_REPEAT = DFE / "d3_cpps_subsequent_plan_2013_to_2025.csv"
CPP_DURATION = DFE / "d5_cpps_at31march_by_duration_2013_to_2025.csv"
CLA = DFE / "cla_number_and_rate_per_10k_children.csv"
WORKFORCE = DFE / "csww_indicators_2017_to_2025.csv"
LAIT = DFE / "lait_safeguarding_indicators_long.csv"
LAIT_ITEMS = DFE / "lait_safeguarding_items.csv"
LAIT_DICTIONARY = DFE / "lait_data_dictionary_slim.csv"
EES_FILES = (REFERRALS, S47, CPP_REPEAT, CPP_DURATION, CLA, WORKFORCE)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def series(pack: Path, indicator: str) -> dict[str, str]:
    """period → value text of an indicator in a pack's indicators.csv."""
    return {r["period"]: r["value"] for r in read_rows(pack / "indicators.csv")
            if r["indicator"] == indicator}


def row(pack: Path, indicator: str, period: str) -> dict[str, str]:
    found = [r for r in read_rows(pack / "indicators.csv")
             if r["indicator"] == indicator and r["period"] == period]
    assert len(found) == 1, found
    return found[0]


def benchmark(pack: Path, indicator: str, period: str, comparator: str, statistic: str = "") -> str:
    found = [r["value"] for r in read_rows(pack / "benchmarks.csv")
             if (r["indicator"], r["period"], r["comparator"], r["statistic"])
             == (indicator, period, comparator, statistic)]
    assert len(found) == 1, found
    return found[0]


def snapshot(pack: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(pack.iterdir())}


def rewrite_csv(source: Path, target: Path, change) -> Path:
    """A copy of a real file with ``change(header, rows)`` applied (rows are lists)."""
    with source.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    header, rows = change(header, rows)
    with target.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows([header, *rows])
    return target


@pytest.fixture(scope="session")
def hartlepool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pack built from every shipped-mapping EES file for Hartlepool (read-only)."""
    pack = tmp_path_factory.mktemp("packs") / "hartlepool"
    import_ees(EES_FILES, area="Hartlepool", into=pack)
    return pack
