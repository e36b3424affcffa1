"""Facts built from a pack: item facts, per-theme roll-ups, coverage, follow-through."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from assurance.facts import audit_minimum, build_facts, section11_theme
from assurance.ingest import load_pack
from assurance.kinds import FACT_FIELDS
from assurance.vocabulary import theme_vocabulary

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "minimal"


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory):
    pack_dir = tmp_path_factory.mktemp("pack") / "pack"
    shutil.copytree(MINIMAL, pack_dir)
    with (pack_dir / "pack.yaml").open("a") as manifest:
        manifest.write("audit_minimum: 4\n")
    (pack_dir / "audits.csv").write_text(
        "audit_id,date,theme,finding,text,type,agency,cases,grade\n"
        "A-1,2024-08-01,CSE,learning,Return interviews not offered,multi_agency,Police,4,"
        "inadequate\n"
        "A-1,2024-08-01,CSE,strength,Good disruption work,multi_agency,police,4,inadequate\n"
        "A-2,2023-01-10,CCE,learning,Old audit outside the window,multi_agency,Police,3,good\n"
    )
    (pack_dir / "reviews.csv").write_text(
        "review_id,type,date,theme,learning\n"
        "RR-1,rapid_review,2024-02-01,CSE,Missed opportunities\n"
        "RR-2,lcspr,2023-05-01,CCE,Missed opportunities again\n"
    )
    (pack_dir / "voice.csv").write_text(
        "input_id,date,voice_of,theme,sentiment,respondents\n"
        "V-1,2024-06-01,young person,CSE,negative,6\n"
        "V-2,2024-06-01,practitioner,neglect,positive,\n"
    )
    (pack_dir / "actions.csv").write_text(
        "action_id,source_id,theme,status,owner_agency,due\n"
        "X-1,RR-1,CSE,open,Police,2024-05-31\n"
        "X-2,RR-2,CCE,complete,Police,2024-01-31\n"
    )
    (pack_dir / "section11.csv").write_text(
        "agency,year,standard,rating\nPolice,2024-25,Safer recruitment and allegations,met\n"
    )
    pack = load_pack(pack_dir)
    return build_facts(pack, [], theme_vocabulary())


def test_every_item_becomes_a_fact_with_its_source_row(facts) -> None:
    audit = facts.facts["audits-2"]
    assert audit["fact"] == "audit_finding" and audit["critical"] is True
    assert audit["source"] == {"file": "audits.csv", "row": 2}
    assert facts.facts["audits-4"]["recent"] is False  # more than 12 months before the period end


def test_summaries_roll_narrower_themes_up(facts) -> None:
    cse = facts.facts["audit_summary-child-sexual-exploitation"]
    exploitation = facts.facts["audit_summary-exploitation"]
    assert (cse["audits"], cse["critical"], cse["learning"], cse["strengths"]) == (1, 2, 1, 1)
    assert exploitation["evidence"] == cse["evidence"]  # the CCE audit is too old to count
    assert cse["agencies"] == 1  # "Police" and "police" are one agency


def test_voice_summary_separates_children_from_practitioners(facts) -> None:
    voice = facts.facts["voice_summary-child-sexual-exploitation"]
    assert voice["child_negative"] == 1 and voice["practitioner_negative"] == 0
    assert voice["respondents"] == 6


def test_coverage_marks_priorities_and_missing_kinds(facts) -> None:
    neglect = facts.facts["coverage-neglect"]
    assert neglect["priority"] is True
    assert neglect["has_audit"] is False and neglect["has_practitioner_voice"] is True
    domestic = facts.facts["coverage-domestic-abuse"]
    assert domestic["priority"] is True and domestic["kinds_present"] == 0


def test_recurring_learning_and_overdue_actions(facts) -> None:
    recurring = facts.facts["recurring_learning-exploitation"]
    assert recurring["reviews"] == 2
    assert recurring["overdue_actions"] == 1  # X-1 was due before the period end
    assert "recurring_learning-child-sexual-exploitation" not in facts.facts
    assert facts.facts["actions-2"]["overdue_days"] == 122


def test_audit_programme_counts_distinct_recent_audits(facts) -> None:
    programme = facts.facts["audit_programme"]
    assert programme["audits_last_12_months"] == 1
    assert programme["multi_agency_audits"] == 1
    assert (programme["minimum"], programme["below_minimum"]) == (4, True)
    assert programme["minimum_source"] == "the partnership's own minimum of 4 a year"


def test_no_audit_programme_is_judged_when_no_minimum_is_set() -> None:
    pack = load_pack(MINIMAL)  # no framework, no audit_minimum
    made = build_facts(pack, [], theme_vocabulary())
    assert "audit_programme" not in made.facts


def test_a_framework_sets_its_minimum_and_the_old_rule_setting_still_counts() -> None:
    pack = load_pack(MINIMAL)
    rochdale = replace(pack, manifest=replace(pack.manifest, frameworks=("rochdale",)))
    assert audit_minimum(rochdale) == (4, "the Rochdale framework's minimum of 4 a year")
    legacy = replace(pack, manifest=replace(
        pack.manifest, frameworks=("tees",), settings={"settings": {"LN03": {"minimum": 6}}}))
    assert audit_minimum(legacy) == (6, "the partnership's own minimum of 6 a year")


def test_section11_standards_map_to_themes(facts) -> None:
    assert facts.facts["section11-2"]["theme"] == "lado"
    assert section11_theme("Multi-agency working") == "partnership-working"
    assert section11_theme("Something else entirely") == ""


def test_every_fact_has_exactly_its_declared_fields(facts) -> None:
    for fact in facts.facts.values():
        declared = set(FACT_FIELDS[fact["fact"]])
        present = set(fact) - {"fact", "evidence", "source"}
        assert present <= declared, (fact["id"], present - declared)


# --- training and complaints (fixtures/ingest/training-complaints/) ---------------

TRAINING_COMPLAINTS = MINIMAL.parent / "training-complaints"


@pytest.fixture(scope="module")
def kinds_facts():
    return build_facts(load_pack(TRAINING_COMPLAINTS), [], theme_vocabulary())


def test_a_training_row_becomes_a_fact_with_its_fill_rate(kinds_facts) -> None:
    first, old = kinds_facts.facts["training-2"], kinds_facts.facts["training-5"]
    assert first["fact"] == "training" and first["recent"] is True
    assert (first["attended"], first["places"], first["fill_rate"]) == (18, 20, 0.9)
    assert (first["evaluation"], first["evaluation_score"]) == ("positive", 4.2)
    assert first["source"] == {"file": "training.csv", "row": 2}
    # no count attended gives no fill rate (never NaN), and an old session is not recent
    assert old["fill_rate"] is None and old["attended"] is None and old["recent"] is False


def test_training_summary_counts_the_recent_sessions_of_a_theme(kinds_facts) -> None:
    neglect = kinds_facts.facts["training_summary-neglect"]
    assert (neglect["courses"], neglect["sessions"]) == (1, 2)
    assert (neglect["attended"], neglect["places"]) == (30, 40)
    assert (neglect["positive_evaluations"], neglect["mixed_evaluations"],
            neglect["negative_evaluations"]) == (1, 1, 0)
    assert "training_summary-domestic-abuse" not in kinds_facts.facts  # 2023: not recent


def test_a_complaint_is_adverse_when_upheld_or_substantiated(kinds_facts) -> None:
    facts = kinds_facts.facts
    assert facts["complaints-2"]["adverse"] is True  # partly upheld
    assert facts["complaints-3"]["adverse"] is False  # a compliment
    assert facts["complaints-4"]["adverse"] is True  # LADO allegation substantiated
    assert facts["complaints-7"]["adverse"] is False  # a challenge escalated


def test_complaints_summary_compares_with_the_twelve_months_before(kinds_facts) -> None:
    lado = kinds_facts.facts["complaints_summary-lado"]
    assert (lado["lado_allegations"], lado["lado_substantiated"]) == (2, 2)
    assert (lado["lado_allegations_before"], lado["lado_substantiated_before"]) == (1, 0)
    neglect = kinds_facts.facts["complaints_summary-neglect"]
    assert (neglect["complaints"], neglect["upheld"], neglect["compliments"]) == (1, 1, 1)
    assert neglect["complaints_before"] == 0


def test_coverage_knows_training_and_complaints_but_misses_neither(kinds_facts) -> None:
    lado = kinds_facts.facts["coverage-lado"]
    assert lado["has_training"] is True and lado["has_complaints"] is True
    assert "training" not in lado["missing"] and "complaints" not in lado["missing"]
    front_door = kinds_facts.facts["coverage-front-door"]
    assert front_door["has_training"] is False and front_door["has_complaints"] is True


def test_training_and_complaint_facts_have_exactly_their_declared_fields(kinds_facts) -> None:
    for fact in kinds_facts.facts.values():
        if fact["fact"] in {"training", "training_summary", "complaint", "complaints_summary"}:
            assert set(fact) - {"fact", "evidence", "source"} == set(FACT_FIELDS[fact["fact"]])
