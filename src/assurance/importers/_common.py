"""What both importers share: their error, reading a published CSV as it is, and the
published cell values with their suppression symbols."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from assurance.errors import ImportError_, ImportProblemsError, Problem

__all__ = ["ImportError_", "ImportProblemsError"]

#: Suppression and availability symbols of DfE statistics, with the reason kept in a
#: row's note. EES's symbol guidance lists c, low, k, u, x, z (":" and ".." in older
#: tables); LAIT writes "-" for anything it does not show.
SYMBOLS: dict[str, str] = {
    "c": "suppressed (c)",
    "low": "rounds to zero (low)",
    "k": "rounds to zero (k)",
    "u": "low reliability (u)",
    "x": "not available (x)",
    "z": "not applicable (z)",
    ":": "not available (:)",
    "..": "not available (..)",
    "-": "suppressed or not available (-)",
}
NO_VALUE = "no value published"

#: The columns that tell what a file is: an EES tidy file's geography and time columns,
#: LAIT's long format, LAIT's data dictionary. Each importer needs its own; the others
#: let it say which importer a file is for.
EES_COLUMNS = ("time_period", "time_identifier", "geographic_level", "old_la_code", "la_name")
LAIT_COLUMNS = ("short_desc", "years", "la_number", "la_and_regions", "value")
LAIT_DICTIONARY_COLUMNS = ("Measure_short", "Polarity", "Year_Type", "Chart_title",
                           "y_axis_name")
_KINDS = {
    "ees": (EES_COLUMNS, "an Explore Education Statistics tidy file",
            "import it with `assure import ees`"),
    "lait": (LAIT_COLUMNS, "a LAIT long file", "import it with `assure import lait`"),
    "lait-dictionary": (LAIT_DICTIONARY_COLUMNS, "LAIT's data dictionary",
                        "give it to `assure import lait` with --dictionary"),
}


@dataclass(frozen=True)
class Cell:
    """A published value: a number, or missing with the publisher's reason."""

    value: float | None
    reason: str = ""

    @property
    def missing(self) -> bool:
        return self.value is None


def parse_cell(text: str) -> Cell | None:
    """The value of a published cell, or None when it is neither a number nor a known
    symbol. Symbols are never read as zero: "low" means small but not nothing."""
    stripped = text.strip()
    if not stripped:
        return Cell(None, NO_VALUE)
    symbol = SYMBOLS.get(stripped.lower())
    if symbol:
        return Cell(None, symbol)
    try:
        value = float(stripped)
    except ValueError:
        return None
    return Cell(value) if math.isfinite(value) else None


def format_number(value: float | None, places: int = 4) -> str:
    """Fixed, short text for a number: no float artefacts (``76.900000000000006`` is
    ``76.9``), no trailing zeros, never ``-0``; missing is empty."""
    if value is None or math.isnan(value):
        return ""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def decode(data: bytes) -> str:
    """Text of a file in UTF-8 (with or without a byte-order mark) or Windows-1252, the
    encodings published downloads and spreadsheets save in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text(path: Path) -> str:
    """A file's text (see :func:`decode`); ImportProblemsError if it cannot be read."""
    try:
        return decode(path.read_bytes())
    except OSError as error:
        problem = Problem(str(path), f"cannot be read ({error.strerror})")
        raise ImportProblemsError(f"{path.name}: cannot be read", [problem]) from None


def read_published_csv(path: Path, strip: Iterable[str] = ()) -> pd.DataFrame:
    """A published CSV as a frame of strings (see :func:`_read_csv`), read once per
    process while the file is unchanged: analysts import several areas from one file.
    Callers must not change the frame in place (pandas' copy-on-write sees to that for
    the importers, which only add columns to renamed copies)."""
    try:
        stat = path.stat()
    except OSError:
        return _read_csv(path, tuple(strip), 0, 0)  # reports the file as unreadable
    return _read_csv(path.resolve(), tuple(strip), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read_csv(path: Path, strip: tuple[str, ...], mtime_ns: int, size: int) -> pd.DataFrame:
    """A published CSV as a frame of strings, headers as written (stripped), indexed by
    spreadsheet row number (header = 1), blank lines left out. The cells of the ``strip``
    columns are stripped; other cells are as published (:func:`parse_cell` strips).
    Raises ImportProblemsError when the file is missing, empty or not CSV."""
    label = path.name
    text = read_text(path)
    try:
        # Object columns of plain str: pandas' string dtype is slower for what follows.
        frame = pd.read_csv(io.StringIO(text), dtype=object, keep_default_na=False,
                            skip_blank_lines=False)
    except (pd.errors.EmptyDataError, pd.errors.ParserError) as error:
        reason = "the file is empty" if isinstance(error, pd.errors.EmptyDataError) else str(error)
        raise ImportProblemsError(f"{label}: not a CSV file",
                                  [Problem(label, f"not a readable CSV file: {reason}")]) from None
    frame.columns = [str(name).strip() for name in frame.columns]
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    wanted = {found for name in strip if (found := find_column(list(frame.columns), name))}
    for name in wanted:
        # Strip each distinct value once: a code column has a few hundred of them.
        stripped = {value: value.strip() for value in frame[name].unique()}
        if any(value != clean for value, clean in stripped.items()):
            frame[name] = frame[name].map(stripped)
    first = frame[frame.columns[0]].str.strip() == ""  # a blank line is blank here first
    if first.any():
        blank = (frame[first].apply(lambda column: column.str.strip()) == "").all(axis=1)
        frame = frame.drop(index=blank[blank].index)
    return frame


def find_column(columns: list[str], name: str) -> str | None:
    """The header that is ``name``: exactly, else ignoring case (publications differ)."""
    if name in columns:
        return name
    folded = [c for c in columns if c.casefold() == name.casefold()]
    return folded[0] if len(folded) == 1 else None


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """``Rate per 10,000 (%)`` → ``rate-per-10-000-pct``: safe in ids and IRIs (no ``/``)."""
    return _SLUG.sub("-", text.lower().replace("%", " pct ")).strip("-")


def wrong_kind(path: Path, header: list[str], expected: str) -> ImportProblemsError | None:
    """The error for a file that is plainly another kind than ``expected`` (``ees``,
    ``lait`` or ``lait-dictionary``): one line saying which command takes it, rather than
    every column the expected kind would need. None when the file is not recognised."""
    wanted = _KINDS[expected][1]
    for kind, (columns, name, how) in _KINDS.items():
        if kind != expected and all(find_column(header, c) for c in columns):
            problem = Problem(path.name, f"{name} (it has {', '.join(columns)}): {how}", 1)
            return ImportProblemsError(f"{path.name} is {name}, not {wanted}", [problem])
    return None
