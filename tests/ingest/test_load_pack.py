"""Loading evidence packs: every source type, every kind of error, encodings, workbooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from assurance.errors import PackError, PackValidationError
from assurance.ingest import describe_loaded, load_pack

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"
MINIMAL = FIXTURES / "minimal"
BROKEN = FIXTURES / "broken"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(MINIMAL, copy)
    return copy


def problems_of(location: Path, **options: bool) -> list[str]:
    with pytest.raises(PackValidationError) as caught:
        load_pack(location, **options)
    return [str(p) for p in caught.value.problems]


def test_minimal_pack_loads_typed_tables() -> None:
    loaded = load_pack(MINIMAL)
    assert loaded.manifest.period.label == "2024-25 Q2"
    assert loaded.manifest.priorities == ("neglect", "domestic-abuse")
    indicators = loaded.tables["indicators"]
    assert list(indicators["value"]) == [21.5, 23.0, 30.0, 81.0]
    assert list(indicators["dimension"]) == ["all", "all", "ethnicity", "all"]
    assert list(indicators["_row"]) == [2, 3, 4, 5]
    audits = loaded.tables["audits"]
    assert set(audits["theme"]) == {"neglect"}
    assert set(audits["grade"]) == {"requires_improvement"}
    # agencies are matched case-insensitively: one spelling for one agency
    assert set(audits["agency"]) == {"Children's Services"}


def test_every_source_type_loads(pack: Path) -> None:
    (pack / "benchmarks.csv").write_text(
        "indicator,period,comparator,value\nrereferrals,2024-25 Q2,England,22.6\n"
        "rereferrals,2024-25 Q2,Stockton-on-Tees,19.0\n"
    )
    (pack / "reviews.csv").write_text(
        "review_id,type,date,theme,learning,agency,recommendation\n"
        "RR-1,Rapid Review,2024-05-01,Neglect,Professional curiosity was lacking,Police,Training\n"
    )
    (pack / "voice.csv").write_text(
        "input_id,date,voice_of,theme,sentiment,text,source,respondents\n"
        "V-1,2024-06-01,Young person,DA,negative,I didn't know who to talk to,Youth group,8\n"
    )
    (pack / "subgroups.csv").write_text(
        "report_id,subgroup,period,theme,rag,assurance,text\n"
        "SG-1,Neglect sub-group,2024-25 Q1,neglect,Green,Assured,On track\n"
    )
    (pack / "section11.csv").write_text(
        "agency,year,standard,rating,evidence\nPolice,2024-25,Safer recruitment,Amber,Audit due\n"
    )
    (pack / "actions.csv").write_text(
        "action_id,source_id,theme,status,owner_agency,due,impact\n"
        "A-1,RR-1,neglect,Overdue,Police,2024-06-30,\n"
    )
    loaded = load_pack(pack)
    counts = describe_loaded(loaded).counts
    assert counts == {
        "indicators": 4,
        "benchmarks": 2,
        "audits": 2,
        "reviews": 1,
        "voice": 1,
        "subgroups": 1,
        "section11": 1,
        "actions": 1,
        "catalogue": 2,
    }
    assert list(loaded.tables["benchmarks"]["comparator_kind"]) == ["england", "area"]
    assert loaded.tables["section11"].at[0, "rating"] == "partially_met"
    assert loaded.tables["voice"].at[0, "voice_of"] == "young_person"
    assert loaded.tables["reviews"].at[0, "type"] == "rapid_review"


def test_broken_pack_reports_every_problem_located() -> None:
    found = problems_of(BROKEN)
    expected_fragments = [
        "pack.yaml:1: id 'Broken Pack' must be a slug",
        "pack.yaml:3: period '2024-25 Q5' is not a period",
        "pack.yaml:4:priorities: unknown priority theme 'Neglekt'; did you mean 'Neglect'?",
        "catalogue.csv:2:unit: unknown value 'percnt'",
        "indicators.csv:2:indicator: unknown indicator 'rereferals'",
        "indicators.csv:3:value: 'twenty' is not a number",
        "indicators.csv:4:breakdown: breakdown 'ethnicity Black'",
        "indicators.csv:5:period: '2024-25 Q7' is not a period",
        "audits.csv:2:date: '2024-13-01' is not a date",
        "audits.csv:2:text: free text carries a personal identifier",
        "audits.csv:2:grade: unknown value 'god'",
        "audits.csv:3:theme: unknown theme 'Neglekt'; did you mean 'Neglect'?",
        "audits.csv:3:finding: unknown value 'strenght'",
        "audits.csv:3:cases: '-2' is not a whole number",
        "reviews.csv:1:learning: required column 'learning' is missing; did you mean 'learing'?",
    ]
    for fragment in expected_fragments:
        assert any(fragment in problem for problem in found), fragment
    assert len(found) == len(expected_fragments)


def test_personal_identifiers_never_appear_in_messages() -> None:
    assert not any("jo@example.org" in p or "Smith" in p for p in problems_of(BROKEN))


def test_redact_replaces_identifiers_and_counts_them(pack: Path) -> None:
    audits = pack / "audits.csv"
    audits.write_text(
        audits.read_text().replace(
            "Good engagement with health visitors", "Good engagement; mum on 07700 900123"
        )
    )
    assert any("phone number" in p for p in problems_of(pack))
    loaded = load_pack(pack, redact=True)
    assert loaded.redactions == 1
    assert "[redacted phone number]" in loaded.tables["audits"].at[1, "text"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(pack: Path, encoding: str) -> None:
    text = (
        "audit_id,date,theme,finding,text\n"
        "A-1,2024-08-01,Neglect,strength,Caf\u00e9 drop-in valued \u2013 \u00a3 well spent\n"
    )
    (pack / "audits.csv").write_bytes(text.encode(encoding))
    loaded = load_pack(pack)
    assert (
        loaded.tables["audits"].at[0, "text"] == "Caf\u00e9 drop-in valued \u2013 \u00a3 well spent"
    )


def test_extra_columns_are_kept_as_annotations(pack: Path) -> None:
    path = pack / "indicators.csv"
    lines = path.read_text().splitlines()
    path.write_text(
        "\n".join([lines[0] + ",rag_note"] + [line + ",x" for line in lines[1:]]) + "\n"
    )
    assert set(load_pack(pack).tables["indicators"]["rag_note"]) == {"x"}


def test_suppressed_values_are_missing_not_zero(pack: Path) -> None:
    path = pack / "indicators.csv"
    path.write_text(path.read_text() + "icpc15,2024-25 Q1,c,,all,,,,suppressed\n")
    value = load_pack(pack).tables["indicators"]["value"].iloc[-1]
    assert value != value  # NaN


def test_missing_manifest_and_indicators(tmp_path: Path) -> None:
    (tmp_path / "audits.csv").write_text("audit_id,date,theme,finding,text\n")
    found = problems_of(tmp_path)
    assert any(p.startswith("pack.yaml: missing") for p in found)
    assert any(p.startswith("indicators.csv: missing") for p in found)


def test_no_pack_at_all(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no such folder"):
        load_pack(tmp_path / "nowhere")


def test_unknown_framework_is_named_with_the_nearest(pack: Path) -> None:
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text() + "framework: tess\n")
    found = problems_of(pack)
    assert any("unknown framework 'tess'" in p for p in found)


def test_duplicate_rows_are_refused(pack: Path) -> None:
    path = pack / "indicators.csv"
    path.write_text(path.read_text() + "rereferrals,2024-25 Q1,22.0,,all,,,,\n")
    assert any("indicators.csv:6: duplicates row 2" in p for p in problems_of(pack))


def _workbook_from(folder: Path, target: Path) -> Path:
    import csv

    book = Workbook()
    sheet = book.active
    sheet.title = "pack"
    sheet.append(["key", "value"])
    sheet.append(["id", "minimal"])
    sheet.append(["partnership", "Minimal Test Safeguarding Children Partnership"])
    sheet.append(["period", "2024-25 Q2"])
    sheet.append(["priorities", "Neglect, DA"])
    for path in sorted(folder.glob("*.csv")):
        data = book.create_sheet(path.stem)
        for row in csv.reader(path.read_text().splitlines()):
            data.append(row)
    book.save(target)
    return target


def test_workbook_pack_loads_like_its_folder(tmp_path: Path) -> None:
    workbook = _workbook_from(MINIMAL, tmp_path / "minimal.xlsx")
    from_book, from_folder = load_pack(workbook), load_pack(MINIMAL)
    assert from_book.manifest.priorities == from_folder.manifest.priorities
    for name in ("indicators", "audits", "catalogue"):
        columns = [c for c in from_folder.tables[name].columns if c != "_file"]
        assert from_book.tables[name][columns].equals(from_folder.tables[name][columns]), name


def test_workbook_errors_name_the_sheet(tmp_path: Path) -> None:
    workbook = _workbook_from(MINIMAL, tmp_path / "minimal.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    book["audits"]["J2"] = "brilliant"
    book.save(workbook)
    assert any(
        p.startswith("minimal.xlsx[audits]:2:grade: unknown value 'brilliant'")
        for p in problems_of(workbook)
    )
