"""What both importers share: their error, reading a published CSV as it is, and the
published cell values with their suppression symbols."""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assurance.errors import ImportError_, Problem, ProblemsError

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


class ImportProblemsError(ImportError_, ProblemsError):
    """A published-statistics file cannot be imported; ``problems`` lists every
    located reason (file, row, column), not just the first."""


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


def read_published_csv(path: Path) -> pd.DataFrame:
    """A published CSV as a frame of stripped strings (object columns), headers as
    written (stripped), indexed by spreadsheet row number (header = 1). Raises
    ImportProblemsError when the file is missing, empty or not rectangular."""
    label = path.name
    try:
        text = decode(path.read_bytes())
    except OSError as error:
        problem = Problem(str(path), f"cannot be read ({error.strerror})")
        raise ImportProblemsError(f"{label}: cannot be read", [problem]) from None
    # The csv module, not pandas: cells stay exactly as published, and it is several
    # times faster than pandas' string columns for what the importers do.
    lines = list(csv.reader(io.StringIO(text)))
    if not lines:
        raise ImportProblemsError(f"{label}: empty", [Problem(label, "the file is empty")])
    header = [cell.strip() for cell in lines[0]]
    width, body, index, problems = len(header), [], [], []
    for number, cells in enumerate(lines[1:], start=2):
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            problems.append(Problem(label, f"{len(cells)} cells under a header of {width}", number))
        elif any(c.strip() for c in cells):
            body.append([c.strip() for c in cells[:width]] + [""] * (width - len(cells)))
            index.append(number)
    problems += [Problem(label, f"column '{name}' appears twice", 1, name)
                 for name in sorted({h for h in header if header.count(h) > 1 and h})]
    if problems:
        raise ImportProblemsError(f"{label}: not a well-formed CSV file", problems)
    return pd.DataFrame(body, columns=header, index=pd.Index(index), dtype=object)


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
