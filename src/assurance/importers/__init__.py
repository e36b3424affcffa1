"""Published statistics in: DfE Explore Education Statistics (EES) tidy files and LAIT
long files → an evidence pack's indicators, benchmarks and catalogue.

::

    import_ees([c1_csv], area="Hartlepool", into=Path("packs/hartlepool"))
    import_lait(lait_csv, area="805", into=Path("packs/hartlepool"), items=["CIN"])

Both merge into the pack folder (creating it with a ``pack.yaml`` when missing),
replace or add only the rows they import, and return an :class:`ImportResult` saying
what changed. Nothing here prints. See ``docs/importing.md``.
"""

from __future__ import annotations

from assurance.importers._common import ImportProblemsError
from assurance.importers.areas import Area
from assurance.importers.ees import ColumnOptions, import_ees
from assurance.importers.lait import import_lait
from assurance.importers.mapping import (
    IndicatorSpec,
    Mapping,
    load_mapping,
    publications,
    shipped_mappings,
)
from assurance.importers.merge import TableChange
from assurance.importers.neighbours import MODELS, NeighbourGroup, load_model
from assurance.importers.result import ImportResult, SharedMeasure, SourceSummary

__all__ = [
    "MODELS",
    "Area",
    "ColumnOptions",
    "ImportProblemsError",
    "ImportResult",
    "IndicatorSpec",
    "Mapping",
    "NeighbourGroup",
    "SharedMeasure",
    "SourceSummary",
    "TableChange",
    "import_ees",
    "import_lait",
    "load_mapping",
    "load_model",
    "publications",
    "shipped_mappings",
]
