"""Every rule's examples, one test each: the built-in rules and any ``--rules DIR``.

The ids are ``<CODE>-<example name>``, so ``pytest -k TR01`` tests one rule (sqlfluff's
habit of one parametrised runner over the rules' own YAML cases). A failure shows the
facts given, what was expected, what fired and the condition that stopped it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assurance.errors import Problem, RuleError
from assurance.rule_examples import example_id, run_example
from assurance.rules import Example, RuleSpec, load_rule_folder, load_rules


class _Broken:
    """A folder whose rules do not load: one failing test that lists every problem."""

    def __init__(self, where: str, problems: list[Problem]) -> None:
        self.where, self.problems = where, problems


def _cases(folders: list[Path]) -> list[tuple[str, object]]:
    cases: list[tuple[str, object]] = []
    try:
        sets = [("built-in rules", load_rules().rules)]
    except RuleError as error:
        cases.append(("load-built-in-rules", _Broken("the built-in rules", error.problems)))
        sets = []
    for folder in folders:
        rules, _, problems = load_rule_folder(folder)
        if problems:
            cases.append((f"load-{folder}", _Broken(str(folder), problems)))
        sets.append((str(folder), rules))
    for _, rules in sets:
        cases += [(example_id(r, e), (r, e)) for r in rules for e in r.examples]
    return cases


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "rule_example" in metafunc.fixturenames:
        cases = _cases(list(metafunc.config.getoption("rule_folders")))
        metafunc.parametrize("rule_example", [case for _, case in cases],
                             ids=[case_id for case_id, _ in cases])


def test_rule_example(rule_example: tuple[RuleSpec, Example] | _Broken) -> None:
    if isinstance(rule_example, _Broken):
        listed = "\n".join(f"  {problem}" for problem in rule_example.problems)
        pytest.fail(f"{rule_example.where} do not load:\n{listed}", pytrace=False)
    rule, example = rule_example
    result = run_example(rule, example)
    if not result.passed:
        pytest.fail(result.report(), pytrace=False)
