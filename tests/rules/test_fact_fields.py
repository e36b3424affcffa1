"""FACT_FIELDS is what rules are checked against, so it must be what the engine produces.

Lint, the schema, the scaffold and docs/rules.md all take the kinds of fact and their
fields from ``assurance.facts.FACT_FIELDS``. This test runs the real pipeline on the
example pack and holds the declaration to the facts it produces, both ways: no field is
produced undeclared (a rule could not name it), and no declared field is never produced
(a rule naming it would lint clean and never match).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from assurance.kinds import FACT_FIELDS

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_PACK = REPO / "fixtures" / "packs" / "hartlepool-stockton"
#: Keys every fact may carry besides its fields: its kind, and its provenance.
BOOKKEEPING = {"fact", "evidence", "source"}


@pytest.fixture(scope="module")
def produced() -> dict[str, set[str]]:
    if not EXAMPLE_PACK.is_dir():
        pytest.skip("the example pack fixtures/packs/hartlepool-stockton is not there yet")
    from assurance.triangulate import triangulate

    fields: dict[str, set[str]] = defaultdict(set)
    for fact in triangulate(EXAMPLE_PACK).facts.facts.values():
        fields[str(fact["fact"])] |= set(fact) - BOOKKEEPING
    return fields


def test_every_kind_produced_is_declared(produced: dict[str, set[str]]) -> None:
    assert set(produced) <= set(FACT_FIELDS), set(produced) - set(FACT_FIELDS)


@pytest.mark.parametrize("kind", list(FACT_FIELDS))
def test_the_fields_produced_are_the_fields_declared(kind: str,
                                                     produced: dict[str, set[str]]) -> None:
    if kind not in produced:
        pytest.skip(f"the example pack produces no '{kind}' facts")
    declared = set(FACT_FIELDS[kind])
    undeclared, never = produced[kind] - declared, declared - produced[kind]
    assert not undeclared and not never, (
        f"'{kind}' facts carry fields FACT_FIELDS does not declare: {sorted(undeclared)}; "
        f"FACT_FIELDS declares fields no '{kind}' fact carries: {sorted(never)}")
