"""Loading training.csv and complaints.csv: typed as the registry declares them, and every
broken row refused with its file, row and column (fixtures/ingest/training-complaints/
and fixtures/ingest/broken-training-complaints/)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from assurance.errors import PackValidationError
from assurance.ingest import load_pack

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"
GOOD = FIXTURES / "training-complaints"
BROKEN = FIXTURES / "broken-training-complaints"


def problems_of(location: Path) -> list[str]:
    with pytest.raises(PackValidationError) as caught:
        load_pack(location)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def good_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(GOOD, copy)
    return copy


def test_training_loads_with_evaluations_read_as_words_and_scores() -> None:
    training = load_pack(GOOD).tables["training"]
    assert list(training["_row"]) == [2, 3, 4, 5]
    assert list(training["theme"]) == ["neglect", "neglect", "lado", "domestic-abuse"]
    # a score out of 5 and a percentage read as words, the score kept as given
    assert list(training["evaluation"]) == ["positive", "mixed", "negative", ""]
    scores = list(training["evaluation_score"])
    assert scores[:2] == [4.2, 62.0] and all(math.isnan(s) for s in scores[2:])
    assert list(training["attended"])[:3] == [18.0, 12.0, 30.0]
    assert math.isnan(training.at[3, "attended"])  # empty counts are missing, not zero
    assert set(training.loc[:1, "agency"]) == {"Children's Services"}  # one spelling


def test_complaints_load_with_kinds_and_outcomes_resolved() -> None:
    complaints = load_pack(GOOD).tables["complaints"]
    assert list(complaints["kind"]) == [
        "complaint", "compliment", "lado_allegation", "lado_allegation", "lado_allegation",
        "professional_challenge",
    ]
    assert list(complaints["outcome"]) == [
        "partly_upheld", "", "substantiated", "substantiated", "unsubstantiated", "escalated",
    ]
    assert list(complaints["theme"]) == [
        "neglect", "neglect", "lado", "lado", "lado", "front-door",
    ]
    assert complaints.at[0, "days_to_resolve"] == 21.0


def test_broken_rows_of_both_files_are_each_located() -> None:
    found = problems_of(BROKEN)
    expected = [
        "training.csv:2:date: '2024-02-30' is not a date",
        "training.csv:2:evaluation: evaluation 'positve' should be positive, mixed or "
        "negative, a score out of 5 such as '4.2', or a percentage such as '85%'; "
        "did you mean 'positive'?",
        "training.csv:3:attended: '-4' is not a whole number of zero or more",
        "training.csv:3:evaluation: evaluation score '7/5' is above the top of its scale "
        "(5, or 100%)",
        "training.csv:3:impact: free text carries a personal identifier (name",
        "training.csv:4:theme: unknown theme 'Neglekt'; did you mean 'Neglect'?",
        "training.csv:4:title: 'title' is required but empty",
        "complaints.csv:2:date: '31/13/2024' is not a date",
        "complaints.csv:2:kind: unknown value 'complaimt'; expected one of complaint, "
        "compliment, lado_allegation, professional_challenge; did you mean 'complaint'?",
        "complaints.csv:3:outcome: unknown value 'upheldd'",
        "complaints.csv:3:days_to_resolve: 'three' is not a number",
        "complaints.csv:3:text: free text carries a personal identifier (phone number",
        "complaints.csv:4:record_id: 'record_id' is required but empty",
        "complaints.csv:4:kind: unknown value 'lado allegaton'",
        "complaints.csv:4:outcome: unknown value 'substantiatd'",
    ]
    for fragment in expected:
        assert any(problem.startswith(fragment) for problem in found), fragment
    assert len(found) == len(expected), found


@pytest.mark.parametrize(("location", "suggestion"), [
    ("complaints.csv:3:outcome:", "did you mean 'upheld'?"),
    ("complaints.csv:4:kind:", "did you mean 'lado_allegation'?"),
    ("complaints.csv:4:outcome:", "did you mean 'substantiated'?"),
])
def test_unknown_kinds_and_outcomes_name_the_nearest_value(location: str,
                                                          suggestion: str) -> None:
    [problem] = [p for p in problems_of(BROKEN) if p.startswith(location)]
    assert problem.endswith(suggestion)


def test_personal_identifiers_never_appear_in_messages() -> None:
    found = problems_of(BROKEN)
    assert not any("Patel" in p or "07700" in p for p in found)


@pytest.mark.parametrize(("file", "header", "misspelt", "message"), [
    ("training.csv", "course_id", "course", "training.csv:1:course_id: required column "
     "'course_id' is missing; did you mean 'course'?"),
    ("training.csv", "title", "titel", "training.csv:1:title: required column 'title' is "
     "missing; did you mean 'titel'?"),
    ("complaints.csv", "kind", "type", "complaints.csv:1:kind: required column 'kind' is "
     "missing"),
    ("complaints.csv", "record_id", "recordid", "complaints.csv:1:record_id: required "
     "column 'record_id' is missing; did you mean 'recordid'?"),
])
def test_a_missing_required_column_is_located(good_copy: Path, file: str, header: str,
                                             misspelt: str, message: str) -> None:
    path = good_copy / file
    first, rest = path.read_text().split("\n", 1)
    columns = [misspelt if c == header else c for c in first.split(",")]
    path.write_text(",".join(columns) + "\n" + rest)
    found = [p for p in problems_of(good_copy) if p.startswith(f"{file}:")]
    assert len(found) == 1 and found[0].startswith(message), found


def test_redaction_replaces_identifiers_in_both_files(good_copy: Path) -> None:
    training, complaints = good_copy / "training.csv", good_copy / "complaints.csv"
    training.write_text(training.read_text().replace(
        "at the first home visit", "at the first home visit says Dr Jones"))
    complaints.write_text(complaints.read_text().replace(
        "outcome of the assessment", "outcome of the assessment; call 07700 900123"))
    loaded = load_pack(good_copy, redact=True)
    assert loaded.redactions == 2
    assert "[redacted name]" in loaded.tables["training"].at[0, "impact"]
    assert "[redacted phone number]" in loaded.tables["complaints"].at[0, "text"]
