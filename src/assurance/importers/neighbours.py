"""DfE statistical neighbours: ten local authorities most like each one, with how close
each is, keyed on the old 3-digit LA code.

Two models ship with the package, converted from DfE's files as published: ``2025``
(``sn_model_2025_wide.csv``) and ``2021`` (``New_Statistical_Neighbour_Groupings_April_2021
.csv``). Either DfE file, or a later one in the same layout, can be read directly with
:func:`read_model_csv`. A model's group is applied to every year of a series, as LAIT
does; authorities created after the model (Cumberland, Westmorland and Furness in the
2021 model) simply have no group, and neighbours abolished since it (Cumbria) have no
recent values, so a statistic says how many neighbours it rests on.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from assurance.errors import Problem
from assurance.importers._common import ImportProblemsError, read_text

MODELS: tuple[str, ...] = ("2025", "2021")
#: Where each shipped model's file was published.
MODEL_SOURCES = {
    "2025": "dfe-analytical-services/CSC_outcomes_and_enablers (commit 2f5d11a4)",
    "2021": "dfe-analytical-services/CSC_outcomes_and_enablers (commit 2f5d11a4)",
}
DEFAULT_MODEL = "2025"
DATA_DIR = Path(__file__).parent / "data"
_NEIGHBOUR_COLUMN = re.compile(r"^SN_?(\d+)$", re.IGNORECASE)
_CODE_COLUMNS = ("old_la_code", "la num", "la_number", "la code")
_NAME_COLUMNS = ("la_name", "la name")
_REGION_COLUMNS = ("region_name", "goreg", "region")


@dataclass(frozen=True)
class Neighbour:
    code: str
    name: str
    rank: int  # 1 is the closest
    closeness: str  # "Extremely close", "Very close", "Close", "Somewhat close", "Not close"


@dataclass(frozen=True)
class NeighbourGroup:
    """One authority's statistical neighbours in one model."""

    model: str
    code: str
    name: str
    region: str
    neighbours: tuple[Neighbour, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(n.code for n in self.neighbours)


def _closeness(text: str) -> str:
    # The 2025 file writes "Close " with a space, the 2021 one "Very Close".
    return " ".join(text.split()).capitalize()


def _region(text: str) -> str:
    # The 2021 model splits London into "London (Inner)" and "London (Outer)"; the
    # regional comparator is the London region either way.
    return re.sub(r"\s*\((inner|outer)\)$", "", " ".join(text.split()), flags=re.IGNORECASE)


def _header_index(header: list[str], names: tuple[str, ...]) -> int | None:
    folded = [h.strip().lower() for h in header]
    return next((folded.index(n) for n in names if n in folded), None)


def parse_model(text: str, label: str, model: str) -> dict[str, NeighbourGroup]:
    """Groups from a DfE model file's text, in either published layout: each neighbour's
    code in ``SN_1``/``SN1``..., its closeness in the column after it."""
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportProblemsError(f"{label}: empty", [Problem(label, "the file is empty")])
    header = rows[0]
    code_at = _header_index(header, _CODE_COLUMNS)
    name_at = _header_index(header, _NAME_COLUMNS)
    region_at = _header_index(header, _REGION_COLUMNS)
    matches = ((i, _NEIGHBOUR_COLUMN.match(h.strip())) for i, h in enumerate(header))
    slots = sorted((int(m[1]), i) for i, m in matches if m)
    if code_at is None or name_at is None or not slots:
        problem = Problem(label, "not a DfE statistical neighbour file: expected old_la_code "
                          "(or LA num), la_name and SN_1...SN_10 columns", 1)
        raise ImportProblemsError(f"{label}: not a statistical neighbour model", [problem])
    # The 2021 file ends with a labelled section ("Old SNs:") of pre-reorganisation rows.
    body = [row for row in rows[1:]
            if len(row) > code_at and re.fullmatch(r"\d{3}", row[code_at].strip())]
    names = {row[code_at].strip(): row[name_at].strip() for row in body}
    groups = {}
    for row in body:
        code = row[code_at].strip()
        neighbours = tuple(
            Neighbour(row[i].strip(), names.get(row[i].strip(), ""), rank,
                      _closeness(row[i + 1]) if i + 1 < len(row) else "")
            for rank, i in slots if i < len(row) and row[i].strip()
        )
        region = _region(row[region_at]) if region_at is not None else ""
        groups[code] = NeighbourGroup(model, code, names[code], region, neighbours)
    return groups


def read_model_csv(path: Path, model: str | None = None) -> dict[str, NeighbourGroup]:
    """Groups from a DfE statistical neighbour CSV (either layout)."""
    return parse_model(read_text(path), path.name, model or path.stem)


def model_to_yaml(groups: dict[str, NeighbourGroup], source: str) -> str:
    """The shipped form of a model: one line per authority, in code order."""
    model = next(iter(groups.values())).model
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    lines = [
        f"# DfE statistical neighbour model {model}, converted from {source}",
        "# Open Government Licence v3.0, Crown copyright. Regenerate, never edit: see",
        "# docs/importing.md. Each neighbour is [old LA code, closeness], closest first.",
        f"model: '{model}'",
        f"source: {json.dumps(source)}",
        "areas:",
    ]
    for code in sorted(groups):
        group = groups[code]
        entry = {"name": group.name, "region": group.region,
                 "neighbours": [[n.code, n.closeness] for n in group.neighbours]}
        body = yaml.dump(entry, Dumper=dumper, default_flow_style=True, width=10_000,
                         sort_keys=False).strip()
        lines.append(f"  '{code}': {body}")
    return "\n".join(lines) + "\n"


def write_shipped_model(model: str, dfe_file: Path) -> Path:
    """Regenerate a shipped model from DfE's file (see docs/importing.md)."""
    path = DATA_DIR / f"statistical-neighbours-{model}.yaml"
    source = f"{dfe_file.name} from {MODEL_SOURCES[model]}"
    path.write_text(model_to_yaml(read_model_csv(dfe_file, model), source), encoding="utf-8")
    return path


def _from_yaml(text: str) -> dict[str, NeighbourGroup]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed
    data = yaml.load(text, Loader=loader)
    model = str(data["model"])
    areas = {str(code): entry for code, entry in data["areas"].items()}
    groups = {}
    for code, entry in areas.items():
        neighbours = tuple(
            Neighbour(str(n), str(areas.get(str(n), {}).get("name", "")), rank, closeness)
            for rank, (n, closeness) in enumerate(entry["neighbours"], start=1)
        )
        groups[code] = NeighbourGroup(model, code, entry["name"], entry["region"], neighbours)
    return groups


@cache
def shipped_model(model: str) -> dict[str, NeighbourGroup]:
    """A model shipped with the package, by year (see :data:`MODELS`)."""
    if model not in MODELS:
        problem = Problem("--neighbours-model", f"unknown model '{model}'; shipped models: "
                          f"{', '.join(MODELS)} (or pass --neighbours-file)")
        raise ImportProblemsError(f"unknown statistical neighbour model '{model}'", [problem])
    shipped = DATA_DIR / f"statistical-neighbours-{model}.yaml"
    return _from_yaml(shipped.read_text(encoding="utf-8"))


def load_model(model: str = DEFAULT_MODEL, file: Path | None = None) -> dict[str, NeighbourGroup]:
    """The groups of a DfE model file if given, else of a shipped model."""
    return read_model_csv(file) if file is not None else shipped_model(model)
