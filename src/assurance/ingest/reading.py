"""Reading a pack's files as they are: CSV in UTF-8, UTF-8 with a byte-order mark or
Windows-1252, or one ``.xlsx`` workbook with a sheet per source.

Everything is read as text; typing and validation happen in :mod:`.typing`. Row
numbers are those a spreadsheet shows: the header is row 1, the first data row is 2.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from assurance.errors import PackError, Problem
from assurance.kinds import SOURCE_TABLES
from assurance.vocabulary import nearest, normalise

MANIFEST_SHEET = "pack"


@dataclass
class RawTable:
    """A source file read as text, with the label used in messages (``audits.csv``)."""

    name: str
    label: str
    frame: pd.DataFrame
    sha256: str
    encoding: str = "utf-8"


@dataclass
class RawPack:
    manifest_text: str | None  # pack.yaml text (folder)
    manifest_rows: list[tuple[int, str, str]] | None  # (row, key, value) from a workbook
    manifest_label: str
    tables: dict[str, RawTable]
    problems: list[Problem]
    sha256: dict[str, str]
    warnings: list[Problem]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> tuple[str, str]:
    """Text of a file and the encoding it was in (UTF-8, UTF-8 with BOM, Windows-1252)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Windows-1252 maps every byte but five; those five become U+FFFD, never an error.
        return data.decode("cp1252", errors="replace"), "cp1252"


def _clean_header(columns: list[object]) -> list[str]:
    return [normalise(c) if str(c).strip() else f"unnamed_{i + 1}" for i, c in enumerate(columns)]


def _finish_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = _clean_header(list(frame.columns))
    # a short row in a sheet or CSV leaves missing cells: they are empty text, not "nan"
    # Cells are not stripped here: ingest maps each distinct value once and strips it
    # then, which at national scale is a second where stripping every cell took one.
    frame = frame.fillna("").astype(str)
    frame.index = pd.RangeIndex(2, len(frame) + 2)  # spreadsheet row numbers
    return frame[_not_blank(frame)]


def _not_blank(frame: pd.DataFrame) -> pd.Series:
    """Rows with any non-blank cell, checking only the distinct values of each column."""
    keep = pd.Series(False, index=frame.index)
    for name in frame.columns:
        column = frame[name]
        blank = {value for value in column.unique() if not value.strip()}
        keep |= ~column.isin(blank)
    return keep


def read_csv_text(text: str, label: str) -> pd.DataFrame:
    """A CSV's text as a frame of strings, indexed by spreadsheet row number."""
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=False
        )
    except pd.errors.EmptyDataError:
        raise PackError(f"{label}: the file is empty; expected a header row") from None
    except pd.errors.ParserError as error:
        raise PackError(f"{label}: not a well-formed CSV file ({error})") from None
    return _finish_frame(frame)


def read_folder(folder: Path) -> RawPack:
    problems: list[Problem] = []
    tables: dict[str, RawTable] = {}
    hashes: dict[str, str] = {}
    manifest_path = folder / "pack.yaml"
    manifest_text = None
    if manifest_path.is_file():
        data = manifest_path.read_bytes()
        hashes["pack.yaml"] = _sha256(data)
        manifest_text = decode(data)[0]
    for name in SOURCE_TABLES:
        path = folder / f"{name}.csv"
        if not path.is_file():
            continue
        data = path.read_bytes()
        hashes[path.name] = _sha256(data)
        text, encoding = decode(data)
        try:
            frame = read_csv_text(text, path.name)
        except PackError as error:
            problems.append(Problem(path.name, str(error).split(": ", 1)[1]))
            continue
        tables[name] = RawTable(name, path.name, frame, hashes[path.name], encoding)
    warnings = list(_unexpected_files(folder))
    return RawPack(manifest_text, None, "pack.yaml", tables, problems, hashes, warnings)


def _unexpected_files(folder: Path) -> Iterator[Problem]:
    expected = {f"{name}.csv" for name in SOURCE_TABLES}
    for path in sorted(folder.glob("*.csv")):
        if path.name not in expected:
            guess = nearest(path.name, sorted(expected))
            yield Problem(
                path.name,
                "not a source of the evidence-pack contract, so it would be ignored; "
                f"expected one of {', '.join(sorted(expected))}",
                suggestion=guess,
            )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_workbook(path: Path) -> RawPack:
    from openpyxl import load_workbook  # only a workbook pack needs openpyxl

    data = path.read_bytes()
    digest = _sha256(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a corrupt file
        raise PackError(f"{path.name}: not a readable .xlsx workbook ({error})") from None
    sheets = {normalise(name): name for name in workbook.sheetnames}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    tables: dict[str, RawTable] = {}
    for name in SOURCE_TABLES:
        if name in sheets:
            rows = [
                [_cell_text(v) for v in row]
                for row in workbook[sheets[name]].iter_rows(values_only=True)
            ]
            label = f"{path.name}[{sheets[name]}]"
            if not rows:
                problems.append(Problem(label, "the sheet is empty; expected a header row"))
                continue
            frame = _finish_frame(pd.DataFrame(rows[1:], columns=rows[0], dtype=str))
            tables[name] = RawTable(name, label, frame, digest)
    for key, sheet in sheets.items():
        if key not in SOURCE_TABLES and key != MANIFEST_SHEET:
            warnings.append(
                Problem(
                    f"{path.name}[{sheet}]",
                    "not a source of the evidence-pack contract, so it would be ignored",
                    suggestion=nearest(key, [*SOURCE_TABLES, MANIFEST_SHEET]),
                )
            )
    manifest_rows = None
    if MANIFEST_SHEET in sheets:
        sheet = workbook[sheets[MANIFEST_SHEET]]
        manifest_rows = [
            (index, _cell_text(row[0]).strip(), _cell_text(row[1] if len(row) > 1 else "").strip())
            for index, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            if index > 1 and row and _cell_text(row[0]).strip()
        ]
    workbook.close()
    label = f"{path.name}[{sheets.get(MANIFEST_SHEET, MANIFEST_SHEET)}]"
    return RawPack(None, manifest_rows, label, tables, problems, {path.name: digest}, warnings)


def read_pack_files(location: Path) -> RawPack:
    """Read a pack folder or workbook as text; raise PackError if there is no pack."""
    if location.is_dir():
        return read_folder(location)
    if location.is_file() and location.suffix.lower() == ".xlsx":
        return read_workbook(location)
    if location.exists():
        raise PackError(f"{location}: expected a pack folder or an .xlsx workbook")
    raise PackError(f"{location}: no such folder or workbook")
