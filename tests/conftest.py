"""Options shared by the whole suite.

``--rules DIR`` (repeatable): a folder of rules whose examples
``tests/rules/test_rule_examples.py`` runs beside the built-in rules' examples, so a
partnership's rule pack is tested exactly as ours is::

    pytest tests/rules/test_rule_examples.py --rules our-rules -k LC01
"""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--rules", action="append", default=[], type=Path, metavar="DIR", dest="rule_folders",
        help="a folder of rules (a rule pack) whose examples are tested too; repeatable",
    )
