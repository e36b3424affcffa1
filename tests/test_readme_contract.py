"""The README's evidence-pack contract table names every file of the registry, with the
file's required columns in bold, in the registry's order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assurance.kinds import EVIDENCE, SOURCE_TABLES

README = Path(__file__).resolve().parents[1] / "README.md"
ROW = re.compile(r"^\| `(\w+)\.csv` \| (.+) \|$")
EXPLANATION = re.compile(r"\s*\([^)]*\)")  # "kind (`complaint`, ...)": a column's values


def contract_rows() -> dict[str, list[str]]:
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows[match[1]] = [c.strip() for c in EXPLANATION.sub("", match[2]).split(",")]
    return rows


def test_every_file_of_the_contract_has_a_row() -> None:
    assert sorted(contract_rows()) == sorted(SOURCE_TABLES)


@pytest.mark.parametrize("table", SOURCE_TABLES)
def test_the_required_columns_are_the_bold_ones(table: str) -> None:
    columns = contract_rows()[table]
    bold = [c.strip("*") for c in columns if c.startswith("**") and c.endswith("**")]
    assert bold == EVIDENCE[table].required()


@pytest.mark.parametrize("table", ["training", "complaints"])
def test_the_new_kinds_list_every_column_in_order(table: str) -> None:
    names = [c.strip("*") for c in contract_rows()[table]]
    assert names == EVIDENCE[table].column_names()
