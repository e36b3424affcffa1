"""Evidence assembly: a finding cites everything on its branch, by its own direction."""

from __future__ import annotations

from assurance.assembly import ThemeIndex, assemble
from assurance.findings import assess_confidence
from assurance.vocabulary import theme_vocabulary

SPC_CONCERN = {"fact": "spc", "id": "spc-neglect", "theme": "neglect", "area": "",
               "variation": "special_cause_concern"}
AUDIT_RI = {"fact": "audit_finding", "id": "audits-2", "theme": "neglect", "recent": True,
            "critical": True, "finding": "learning", "grade": "requires_improvement",
            "cases": 6, "date": "2024-08-01"}
YOUNG_PERSON = {"fact": "voice", "id": "voice-3", "theme": "neglect", "recent": True,
                "voice_of": "young_person", "sentiment": "negative", "respondents": 4,
                "date": "2024-07-01"}
PRACTITIONER = {"fact": "voice", "id": "voice-4", "theme": "neglect", "recent": True,
                "voice_of": "practitioner", "sentiment": "negative", "date": "2024-06-01"}
LCSPR = {"fact": "review_learning", "id": "reviews-5", "theme": "neglect", "recent": True,
         "type": "lcspr", "date": "2024-05-01"}
GREEN_REPORT = {"fact": "subgroup_report", "id": "subgroups-6", "theme": "neglect",
                "recent": True, "latest": True, "rag": "green", "period": "2024-25 Q1"}
OLD_REPORT = {**GREEN_REPORT, "id": "subgroups-7", "latest": False, "rag": "red"}
STALE_VOICE = {**YOUNG_PERSON, "id": "voice-8", "recent": False}
MIXED_VOICE = {**YOUNG_PERSON, "id": "voice-9", "sentiment": "mixed"}
OTHER_AREA = {**SPC_CONCERN, "id": "spc-neglect-stockton", "area": "Stockton-on-Tees"}
ON_A_NARROWER_THEME = {**AUDIT_RI, "id": "audits-10", "theme": "child-criminal-exploitation"}
FACTS = [SPC_CONCERN, AUDIT_RI, YOUNG_PERSON, PRACTITIONER, LCSPR, GREEN_REPORT,
         OLD_REPORT, STALE_VOICE, MIXED_VOICE, OTHER_AREA, ON_A_NARROWER_THEME]


def _assembled(kind: str, theme: str, cited: set[str], areas: set[str] = frozenset()):
    themes = theme_vocabulary()
    found = assemble(kind, themes.with_descendants(theme), ThemeIndex(FACTS), cited, areas)
    return {str(fact["id"]): role for role, fact in found}


def test_a_risk_rests_on_every_piece_on_its_theme_by_its_own_direction() -> None:
    roles = _assembled("risk", "neglect", {"spc-neglect", "audits-2"}, {"Hartlepool"})
    assert roles == {
        "voice-3": "supporting",
        "voice-4": "supporting",
        "reviews-5": "supporting",
        "subgroups-6": "contradicting",  # the green report points the other way
    }


def test_what_is_old_superseded_neutral_or_about_another_area_is_left_out() -> None:
    roles = _assembled("risk", "neglect", set(), {"Hartlepool"})
    assert not {"subgroups-7", "voice-8", "voice-9", "spc-neglect-stockton"} & set(roles)
    assert "spc-neglect" in roles  # partnership-wide series count for an area


def test_a_broader_theme_gathers_its_narrower_themes() -> None:
    assert "audits-10" in _assembled("risk", "exploitation", set())
    assert "audits-10" not in _assembled("risk", "neglect", set())


def test_a_kloe_gets_nothing_added() -> None:
    assert _assembled("kloe", "neglect", set()) == {}


def test_four_kinds_agreeing_are_high_confidence_despite_a_green_report() -> None:
    supporting = [SPC_CONCERN, AUDIT_RI, YOUNG_PERSON, PRACTITIONER, LCSPR]
    level, reason = assess_confidence(
        supporting, [{"s": SPC_CONCERN}], None, contradicting=[GREEN_REPORT]
    )
    assert level == "high"
    assert reason.startswith("5 independent kinds of source agree")
    assert "1 independent kind of source points the other way (sub-group report)" in reason


def test_as_much_against_as_for_lowers_confidence() -> None:
    level, _ = assess_confidence(
        [SPC_CONCERN], [{"s": SPC_CONCERN}], None, contradicting=[GREEN_REPORT]
    )
    assert level == "low"
    two, _ = assess_confidence(
        [SPC_CONCERN, AUDIT_RI], [{"s": SPC_CONCERN}], None, contradicting=[GREEN_REPORT]
    )
    assert two == "moderate"


def test_a_disparity_hears_the_voice_that_names_the_group() -> None:
    from assurance.engine import run_rules
    from assurance.facts import FactSet
    from assurance.findings import build_findings
    from assurance.rules import load_rules

    disparity = {"fact": "disparity", "id": "disparity-1", "theme": "education-safeguarding",
                 "indicator": "x", "label": "Persistent absence", "agency": "", "area": "",
                 "polarity": "up_is_bad", "period": "2024-25 Q2", "dimension": "ethnicity",
                 "group": "Mixed", "group_value": 60.7, "overall_value": 34.0,
                 "ratio": 1.79, "worse": True}
    voice = {"fact": "voice", "id": "voice-20", "theme": "education-safeguarding",
             "recent": True, "voice_of": "community", "sentiment": "negative",
             "text": "Parents of Mixed heritage children said schools did not call back."}
    other = {**voice, "id": "voice-21", "text": "Parents said the bus is late."}
    facts = FactSet()
    for fact in (disparity, voice, other):
        facts.add(dict(fact))
    themes = theme_vocabulary()
    rule = load_rules().by_code("EQ01")
    assert rule is not None
    frozen = facts.frozen()
    [kloe] = build_findings(run_rules([rule], frozen.facts.values(), themes), frozen, themes,
                            "2024-25 Q2", "Test partnership")
    cited = {e.id: e.role for e in kloe.evidence}
    assert cited.get("voice-20") == "supporting" and "voice-21" not in cited


def _tr01_findings(*series: dict[str, object]):
    from assurance.engine import run_rules
    from assurance.facts import FactSet
    from assurance.findings import build_findings
    from assurance.rules import load_rules

    audits = {"fact": "audit_summary", "id": "audit_summary-neglect", "theme": "neglect",
              "audits": 2, "strengths": 0, "learning": 3, "critical": 3, "good_or_better": 0,
              "agencies": 2, "evidence": ["audits-2"]}
    facts = FactSet()
    for fact in (*series, audits, AUDIT_RI):
        facts.add(dict(fact))
    themes = theme_vocabulary()
    rule = load_rules().by_code("TR01")
    assert rule is not None
    frozen = facts.frozen()
    return build_findings(run_rules([rule], frozen.facts.values(), themes), frozen, themes,
                          "2024-25 Q2", "Test partnership")


def _series(area: str, variation: str) -> dict[str, object]:
    return {"fact": "spc", "id": f"spc-neglect-{area}", "theme": "neglect", "area": area,
            "indicator": "repeat-plans", "label": "Repeat plans", "agency": "",
            "variation": variation, "latest_value": 23.4, "latest_period": "2024-25 Q2",
            "mean": 19.2, "special_cause": "outside_limits", "since_period": "2024-25 Q2"}


def test_one_area_diverging_is_that_areas_finding() -> None:
    [risk] = _tr01_findings(_series("Hartlepool", "special_cause_concern"),
                            _series("Stockton-on-Tees", "common_cause"))
    assert risk.area == "Hartlepool" and risk.title.startswith("Neglect in Hartlepool: ")
    assert risk.narrative.startswith("This finding is about Hartlepool")
    cited = {e.id for e in risk.evidence}
    assert "spc-neglect-Stockton-on-Tees" not in cited  # the other area's series


def test_areas_moving_together_are_one_partnership_finding() -> None:
    [risk] = _tr01_findings(_series("Hartlepool", "special_cause_concern"),
                            _series("Stockton-on-Tees", "special_cause_concern"))
    assert risk.area == "" and risk.title.startswith("Neglect: ")
    alone = _tr01_findings(_series("Hartlepool", "special_cause_concern"),
                           _series("Stockton-on-Tees", "common_cause"))[0]
    assert risk.id != alone.id  # the area is part of a finding's identity
