"""One finding of a kind per branch of the theme tree (learning on child criminal
exploitation is one risk, not three up the tree)."""

from __future__ import annotations

from assurance.engine import run_rules
from assurance.facts import FactSet
from assurance.findings import build_findings
from assurance.rules import load_rules
from assurance.vocabulary import theme_vocabulary

CCE = "child-criminal-exploitation"
CSE = "child-sexual-exploitation"
ROWS = [
    {"fact": "review_learning", "id": "reviews-2", "theme": CCE, "review_id": "RR1",
     "type": "rapid_review", "date": "2024-05-01", "recent": True},
    {"fact": "review_learning", "id": "reviews-3", "theme": CCE, "review_id": "LC1",
     "type": "lcspr", "date": "2024-03-01", "recent": True},
    {"fact": "action", "id": "actions-2", "theme": CCE, "action_id": "A1", "source_id": "RR1",
     "status": "overdue", "overdue_days": 40},
    # an inadequate deep dive filed under the broader theme
    {"fact": "audit_finding", "id": "audits-2", "theme": "exploitation", "audit_id": "DD1",
     "finding": "learning", "grade": "inadequate", "critical": True, "recent": True,
     "type": "deep_dive", "date": "2024-06-01", "cases": 8},
]


def _recurring(theme: str, rows: list[str]) -> dict[str, object]:
    return {"fact": "recurring_learning", "id": f"recurring_learning-{theme}", "theme": theme,
            "reviews": 2, "open_actions": 1, "overdue_actions": 1, "evidence": rows}


def _findings(*extra: dict[str, object]):
    themes = theme_vocabulary()
    facts = FactSet()
    rows = ["reviews-2", "reviews-3", "actions-2"]
    for fact in [*ROWS, *extra]:
        facts.add(dict(fact))
    for theme in (CCE, "exploitation", "complex-safeguarding"):
        facts.add(_recurring(theme, rows + [str(f["id"]) for f in extra]))
    frozen = facts.frozen()
    rule = load_rules().by_code("LN01")
    assert rule is not None
    matches = run_rules([rule], frozen.facts.values(), themes)
    return build_findings(matches, frozen, themes, "2024-25 Q2", "Test partnership")


def test_learning_on_one_narrow_theme_is_one_risk_citing_the_broader_deep_dive() -> None:
    [risk] = _findings()
    assert (risk.kind, risk.theme) == ("risk", CCE)
    assert set(risk.rule_codes) == {"LN01"}
    cited = {e.id: e.role for e in risk.evidence}
    assert cited["audits-2"] == "supporting"  # the nearest audit, on "exploitation"
    assert {"reviews-2", "reviews-3", "actions-2"} <= set(cited)


def test_a_broader_finding_stands_when_its_evidence_spans_two_narrower_themes() -> None:
    cse = {"fact": "review_learning", "id": "reviews-9", "theme": CSE, "review_id": "RR9",
           "type": "rapid_review", "date": "2024-04-01", "recent": True}
    findings = _findings(cse)
    assert {f.theme for f in findings} == {CCE, "exploitation"}
