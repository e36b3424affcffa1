"""DfE statistical neighbour models: as published, and as shipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from assurance.importers import ImportProblemsError, load_model
from assurance.importers.neighbours import (
    DATA_DIR,
    MODEL_SOURCES,
    model_to_yaml,
    read_model_csv,
    shipped_model,
)

from .conftest import DFE

MODEL_FILES = {
    "2025": DFE / "sn_model_2025_wide.csv",
    "2021": DFE / "New_Statistical_Neighbour_Groupings_April_2021.csv",
}


@pytest.mark.parametrize("model", sorted(MODEL_FILES))
def test_shipped_models_are_the_dfe_files_regenerated(model: str) -> None:
    groups = read_model_csv(MODEL_FILES[model], model)
    assert shipped_model(model) == groups
    shipped = DATA_DIR / f"statistical-neighbours-{model}.yaml"
    source = f"{MODEL_FILES[model].name} from {MODEL_SOURCES[model]}"
    assert shipped.read_text(encoding="utf-8") == model_to_yaml(groups, source), (
        "regenerate with write_shipped_model: see docs/importing.md")


def test_hartlepool_2025_neighbours_in_order_with_closeness() -> None:
    group = load_model("2025")["805"]
    assert group.codes == ("807", "394", "393", "890", "806", "390", "840", "876", "372", "340")
    assert group.neighbours[0].name == "Redcar and Cleveland"
    assert [n.closeness for n in group.neighbours[3:5]] == ["Very close", "Close"]  # "Close "
    assert group.region == "North East"


def test_the_2021_model_keeps_reorganised_authorities() -> None:
    model = load_model("2021")
    assert model["313"].region == "London"  # "London (Outer)" in the file
    assert model["928"].name == "Northamptonshire"  # its "Old SNs:" section
    assert "942" not in model  # Cumberland was created in 2023
    assert model["933"].neighbours[0].closeness == "Extremely close"


def test_a_dfe_file_can_be_used_directly(tmp_path: Path) -> None:
    from_file = load_model(file=MODEL_FILES["2025"])["805"]
    assert from_file.model == "sn_model_2025_wide"  # named after the file in notes
    assert from_file.neighbours == load_model("2025")["805"].neighbours


def test_unknown_model() -> None:
    with pytest.raises(ImportProblemsError, match="2019"):
        load_model("2019")


def test_not_a_model_file(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(ImportProblemsError) as raised:
        load_model(file=other)
    assert "SN_1" in str(raised.value.problems[0])
