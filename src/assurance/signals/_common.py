"""Small helpers shared by the signal modules: polarity, fact ids, JSON-safe numbers."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd

#: Polarity as a sign: +1 when a higher value is better, -1 when lower is better.
POLARITY_SIGN: dict[str, int] = {"up_is_good": 1, "up_is_bad": -1, "neutral": 0}

#: Two values closer than this (relative to their size) are equal: published figures
#: carry float artefacts (``76.900000000000006``) that must not make or break a run.
REL_TOLERANCE = 1e-9


def polarity_sign(polarity: object) -> int:
    """+1, -1 or 0 for ``up_is_good``, ``up_is_bad`` and anything else (neutral)."""
    return POLARITY_SIGN.get(str(polarity).strip().casefold(), 0)


def polarity_name(polarity: object) -> str:
    """The contract's polarity value; unknown or missing polarities are neutral."""
    name = str(polarity).strip().casefold()
    return name if name in POLARITY_SIGN else "neutral"


def tolerant_sign(difference: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Sign of ``difference`` as int8, 0 where it is within float noise of ``scale``."""
    noise = REL_TOLERANCE * np.maximum(np.abs(scale), 1.0)
    sign = np.sign(difference).astype(np.int8)
    sign[np.abs(difference) <= noise] = 0
    return sign


def movement(values: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """+1 up, -1 down, 0 unchanged (within float noise) or no previous value (NaN)."""
    first = np.isnan(previous)
    return tolerant_sign(np.where(first, 0.0, values - previous), np.where(first, 1.0, previous))


def number(value: object) -> float | None:
    """A float for a fact, or None for NaN/None (JSON has no NaN)."""
    if value is None:
        return None
    result = float(value)  # type: ignore[arg-type]
    return None if math.isnan(result) or math.isinf(result) else result


def text_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as clean strings (``""`` where missing or absent)."""
    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    values = frame[column]
    if values.hasnans:
        values = values.fillna("")
    return values if pd.api.types.is_string_dtype(values) else values.astype(str)


def float_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as floats (NaN where missing, absent or not a number)."""
    if column not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype=float)
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


@lru_cache(maxsize=1 << 16)
def slug(value: str) -> str:
    """Lower-case ASCII letters, digits and dots joined by hyphens: safe in an IRI's
    local name, which may never contain ``/`` (rdflib issue 1871)."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", ascii_text.casefold()).strip("-.")


def fact_ids(kind: str, frame: pd.DataFrame, columns: list[str]) -> list[str]:
    """``kind-part-part`` per row of ``frame``, from the slugs of ``columns``, empty
    parts left out: ``spc-tees-3.1.2-hartlepool-police``."""
    parts = zip(*(text_column(frame, column).tolist() for column in columns), strict=True)
    return ["-".join([kind, *filter(None, map(slug, row))]) for row in parts]


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The rows of ``frame`` as facts: plain Python values, None for NaN. (Faster than
    ``DataFrame.to_dict("records")``, which boxes every cell on its own.)"""
    names = [str(name) for name in frame.columns]
    columns = []
    for name in frame.columns:
        values = frame[name].tolist()
        missing = frame[name].isna().to_numpy()
        if missing.any():
            values = [None if gone else v for v, gone in zip(values, missing, strict=True)]
        columns.append(values)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def make_unique(facts: list[dict[str, object]], fields: tuple[str, ...]) -> None:
    """Give facts whose slugged ids collide (``A&E`` and ``A-E``) a short hash of the
    ``fields`` that identify them, so ids stay unique without depending on row order."""
    counts = Counter(fact["id"] for fact in facts)
    for fact in facts:
        if counts[fact["id"]] > 1:
            key = repr(tuple(fact[name] for name in fields))
            fact["id"] = f"{fact['id']}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"


def source_refs(frame: pd.DataFrame) -> list[str]:
    """``file:row`` of each row of a typed table, for a fact's ``source``."""
    rows = float_column(frame, "_row").fillna(0).astype(np.int64).tolist()
    return [f"{f}:{r}" for f, r in zip(text_column(frame, "_file").tolist(), rows, strict=True)]
