"""The JSON Schema editors use: generated, shipped, referenced by every rule file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from assurance._resources import builtin_rules_dir
from assurance.authoring.schema import rule_schema, schema_text
from assurance.rules import load_yaml, rule_files

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "rules" / "schema" / "rule.schema.json"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = rule_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == schema_text(), (
        "rules/schema/rule.schema.json is out of date: regenerate it with "
        "assure rules schema > rules/schema/rule.schema.json")


RULE_FILES = rule_files(builtin_rules_dir())


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.name for p in RULE_FILES])
def test_every_rule_file_names_the_schema_and_passes_it(path: Path,
                                                        validator: jsonschema.Draft7Validator
                                                        ) -> None:
    text = path.read_text(encoding="utf-8")
    modeline = MODELINE.match(text.splitlines()[0])
    assert modeline, f"{path}: the first line should be '# yaml-language-server: $schema=...'"
    assert (path.parent / modeline[1]).resolve().name == "rule.schema.json"
    assert (path.parent / modeline[1]).is_file()
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(
        load_yaml(text))]
    assert not errors, errors


@pytest.mark.parametrize(("old", "new", "where"), [
    ("fact: spc", "fact: spcc", ["match", 0, "fact"]),
    ("variation: special_cause_concern", "varation: special_cause_concern", ["match", 0, "where"]),
    ("variation: special_cause_concern", "variation: special_cause_concen",
     ["match", 0, "where", "variation"]),
    ("critical: {at_least: $minimum_critical}", "critical: {at_lest: 1}",
     ["match", 1, "where", "critical"]),
    ("raises: risk", "raises: danger", ["raises"]),
])
def test_the_schema_catches_mistakes_as_the_author_types(old: str, new: str, where: list,
                                                         validator: jsonschema.Draft7Validator
                                                         ) -> None:
    text = (builtin_rules_dir() / "triangulation" / "TR01-convergent-risk.yaml").read_text()
    assert old in text
    errors = list(validator.iter_errors(load_yaml(text.replace(old, new, 1))))
    assert any(list(e.absolute_path) == where for e in errors), [
        (list(e.absolute_path), e.message) for e in errors]


def test_the_schema_is_plain_json_an_editor_can_read() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert data["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert set(data["definitions"]["pattern"]["properties"]["fact"]["enum"]) >= {
        "spc", "audit_summary", "voice_summary"}
