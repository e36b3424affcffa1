"""Merging imported rows into a pack folder, keeping the pack's own rows as they are.

A row is identified by its key (``indicators.csv``: indicator, period, area, breakdown,
agency; ``benchmarks.csv``: indicator, period, comparator, statistic, area;
``catalogue.csv``: indicator). An imported row whose key is already in the file
replaces that row in place, or leaves it alone when every value is the same; any other
imported row is added at the end, in sorted order. Rows of the indicators an import
only fills in (a statistic the pack already has from the publication that stands where
two give one) are added where the pack has no row, and never replace one. Rows with
other keys, and columns the importer does not write, are never touched. A file with
nothing to change is not rewritten, so importing the same file twice changes no byte; a
file that changes is written to a temporary file beside it and moved into place, so a
failed import never leaves half a file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assurance.atomic import write_files
from assurance.errors import Problem
from assurance.importers._common import ImportProblemsError, decode
from assurance.model import Period
from assurance.periods import PeriodParseError, parse_period
from assurance.vocabulary import ENUMERATIONS, normalise


@dataclass(frozen=True)
class TableSpec:
    file: str
    columns: tuple[str, ...]  # written in this order when the file is new
    key: tuple[str, ...]


CATALOGUE = TableSpec(
    "catalogue.csv",
    ("indicator", "label", "theme", "aim", "objective", "unit", "polarity", "target",
     "tolerance", "evidence_type", "source_agency", "ref", "note"),
    ("indicator",),
)
INDICATORS = TableSpec(
    "indicators.csv",
    ("indicator", "period", "value", "area", "breakdown", "numerator", "denominator",
     "agency", "note"),
    ("indicator", "period", "area", "breakdown", "agency"),
)
BENCHMARKS = TableSpec(
    "benchmarks.csv",
    ("indicator", "period", "comparator", "value", "statistic", "area", "note"),
    ("indicator", "period", "comparator", "statistic", "area"),
)
#: Written in this order, so that an interrupted import leaves a loadable pack: the
#: catalogue knows every indicator before any indicator row names it.
TABLES: tuple[TableSpec, ...] = (CATALOGUE, INDICATORS, BENCHMARKS)


@dataclass(frozen=True)
class TableChange:
    """What an import did to one file of the pack."""

    file: str
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    kept: int = 0  # the file's other rows, left as they were
    skipped: int = 0  # rows not written, their value differing from the pack's (which stands)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


@lru_cache(maxsize=4096)
def _period(text: str) -> Period | None:
    try:
        return parse_period(text)
    except PeriodParseError:
        return None


def _period_key(text: str) -> str:
    period = _period(text)
    return period.label.casefold() if period else text


def _key_cell(column: str, text: str) -> str:
    cell = " ".join(text.split()).casefold()
    if column == "breakdown" and cell in {"", "all", "total", "overall"}:
        return "all"
    if column == "period":
        return _period_key(cell)
    if column == "comparator":
        return ENUMERATIONS["comparator_kind"].resolve(cell) or cell
    return cell


def _same(old: str, new: str) -> bool:
    if old.strip() == new.strip():
        return True
    try:
        return float(old) == float(new)
    except ValueError:
        return False


def _sort_key(spec: TableSpec, row: dict[str, str]) -> tuple:
    def order(column: str) -> tuple:
        text = row.get(column, "")
        period = _period(text) if column == "period" else None
        return (period.start.isoformat(), period.end.isoformat()) if period else (text, "")

    return tuple(order(c) for c in ("indicator", "area", "breakdown", "agency", "period",
                                    "comparator", "statistic") if c in spec.columns)


@dataclass
class _Table:
    header: list[str]
    rows: list[list[str]]

    def position(self, column: str) -> int | None:
        keys = [normalise(h) for h in self.header]
        return keys.index(column) if column in keys else None


def _read(path: Path) -> _Table | None:
    if not path.is_file():
        return None
    rows = list(csv.reader(io.StringIO(decode(path.read_bytes()))))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return None
    width = len(rows[0])
    return _Table(rows[0], [row + [""] * (width - len(row)) for row in rows[1:]])


def _to_text(table: _Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return buffer.getvalue()


def _positions(table: _Table, spec: TableSpec) -> dict[str, int]:
    """Where each of the importer's columns is in the table, appending those it lacks
    (the pack's own rows get them empty)."""
    positions = {}
    for column in spec.columns:
        found = table.position(column)
        if found is None:
            table.header.append(column)
            for cells in table.rows:
                cells.append("")
            found = len(table.header) - 1
        positions[column] = found
    return positions


def merge_rows(existing: _Table | None, spec: TableSpec, rows: Iterable[dict[str, str]],
               fill_only: frozenset[str] = frozenset()) -> tuple[_Table, TableChange]:
    """The table after merging ``rows`` in, and what changed. Rows of the indicators in
    ``fill_only`` are added where their key is new, and otherwise left out: unchanged
    when their value is the pack's, skipped when it differs."""
    table = existing or _Table(list(spec.columns), [])
    at = _positions(table, spec)
    index: dict[tuple[str, ...], int] = {}
    for number, cells in enumerate(table.rows):
        index.setdefault(tuple(_key_cell(c, cells[at[c]]) for c in spec.key), number)
    # Of two imported rows with one key, the last wins.
    unique = {tuple(_key_cell(c, row.get(c, "")) for c in spec.key): row for row in rows}
    values = [c for c in spec.columns if c not in spec.key]  # keys matched already
    added, replaced, unchanged, skipped, matched = [], 0, 0, 0, set()
    for key, row in unique.items():
        if key not in index:
            added.append(row)
            continue
        cells = table.rows[index[key]]
        matched.add(index[key])
        if row.get("indicator") in fill_only:  # the pack's row stands; say if they disagree
            agree = _same(cells[at["value"]], row.get("value", ""))
            unchanged, skipped = unchanged + agree, skipped + (not agree)
            continue
        if all(_same(cells[at[c]], row.get(c, "")) for c in values):
            unchanged += 1
            continue
        for column, position in at.items():
            cells[position] = row.get(column, "")
        replaced += 1
    for row in sorted(added, key=lambda r: _sort_key(spec, r)):
        cells = [""] * len(table.header)
        for column, position in at.items():
            cells[position] = row.get(column, "")
        table.rows.append(cells)
    kept = len(table.rows) - len(added) - len(matched)
    return table, TableChange(spec.file, len(added), replaced, unchanged, kept, skipped)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` all at once, or not at all (:mod:`assurance.atomic`)."""
    write_files(path.parent, {path.name: text})


def check_folder(folder: Path) -> None:
    """Refuse a destination that cannot be a pack folder, before any work is done."""
    if folder.exists() and not folder.is_dir():
        what = "a workbook" if folder.suffix.lower() == ".xlsx" else "a file"
        problem = Problem(str(folder), f"is {what}; imports go into a pack folder (created "
                          "if missing); export a workbook pack to a folder first")
        raise ImportProblemsError(f"--into: {folder} is not a pack folder", [problem])


def read_rows(folder: Path, spec: TableSpec) -> list[dict[str, str]]:
    """The rows of one of the pack's files, by the importer's column names (a column
    the file lacks is empty); none when the file is missing."""
    table = _read(folder / spec.file)
    if table is None:
        return []
    at = {column: table.position(column) for column in spec.columns}
    return [{c: cells[i] if i is not None else "" for c, i in at.items()} for cells in table.rows]


def merge_into_pack(
    folder: Path,
    tables: dict[TableSpec, list[dict[str, str]]],
    manifest: str | None = None,
    fill_only: frozenset[str] = frozenset(),
) -> tuple[TableChange, ...]:
    """Merge rows into a pack folder's CSV files (see :func:`merge_rows` for
    ``fill_only``), and write ``manifest`` as pack.yaml when given. Returns the change
    to each file. Every file's new text is computed before the first is written."""
    check_folder(folder)
    changes, texts = [], []
    for spec in TABLES:
        # the catalogue row of a shared statistic is written whole: it names both sources
        only = frozenset() if spec is CATALOGUE else fill_only
        table, change = merge_rows(_read(folder / spec.file), spec, tables.get(spec, []), only)
        changes.append(change)
        if change.changed:
            texts.append((folder / spec.file, _to_text(table)))
    folder.mkdir(parents=True, exist_ok=True)
    for path, text in texts:
        write_atomic(path, text)
    if manifest is not None:
        write_atomic(folder / "pack.yaml", manifest)
    return tuple(changes)
