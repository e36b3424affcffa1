"""The JSON Schema of a rule file, generated from the same declarations lint uses.

Editors (VS Code's YAML extension, anything speaking the YAML language server) read it
from the modeline at the top of each rule file::

    # yaml-language-server: $schema=../schema/rule.schema.json

and then complete keys, fact kinds, each kind's fields and their values, and underline
mistakes as the author types. Per-kind completion uses ``if``/``then`` on ``fact``
(draft-07, which the YAML language server supports fully).

The shipped copy, ``rules/schema/rule.schema.json``, is this module's output; a test
keeps the two identical (``assure rules schema > rules/schema/rule.schema.json``).
Lint remains the authority: the schema cannot see joins, narratives or settings.
"""

from __future__ import annotations

import functools
import json

from assurance.kinds import FACT_FIELDS, FieldSpec
from assurance.rule_examples import EXPECTABLE
from assurance.rules import (
    ALIAS_PATTERN,
    CODE_PATTERN,
    EXAMPLE_FACT_EXTRAS,
    KINDS,
    NAME_PATTERN,
    PAG_QUESTIONS,
    ROLES,
    SEVERITIES,
)
from assurance.vocabulary import theme_vocabulary

SCHEMA_ID = "https://w3id.org/safeguarding-assurance/schema/rule.schema.json"
_JOIN_TARGET = {"type": ["string", "null"], "pattern": r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$",
                "description": "alias.field of an earlier entry, e.g. signal.theme"}
OPERATOR_HELP = {
    "equals": "the field equals this value (the same as writing the value alone)",
    "not": "the field is recorded and differs from this value",
    "in": "the field is one of these values",
    "not_in": "the field is recorded and is none of these values",
    "at_least": "the field is a number at least this (>=)",
    "at_most": "the field is a number at most this (<=)",
    "above": "the field is a number above this (>)",
    "below": "the field is a number below this (<)",
    "exists": "true: the field is recorded; false: it is not",
    "within": "the theme is this theme or a narrower one",
}


def _values_name(kind: str, name: str) -> str:
    """The definition holding a field's values: shared by every kind with the same field."""
    same = {tuple(fields[name].values) for fields in FACT_FIELDS.values() if name in fields}
    return f"values_{name}" if len(same) == 1 else f"values_{kind}_{name}"


def _value_ref(kind: str, name: str, spec: FieldSpec) -> str:
    if spec.values:
        return f"#/definitions/{_values_name(kind, name)}"
    simple = {"number": "number", "integer": "number", "boolean": "boolean", "theme": "theme"}
    return f"#/definitions/{simple.get(spec.type, 'text')}"


def _condition_ref(value_ref: str) -> str:
    return value_ref.replace("#/definitions/", "#/definitions/condition_")


def _described(ref: str, description: str) -> dict[str, object]:
    # draft-07 ignores keywords beside $ref, so the description sits beside an allOf
    return {"description": description, "allOf": [{"$ref": ref}]}


def _condition_schema(value_ref: str, value_type: str) -> dict[str, object]:
    """The conditions a field of one value type can have: a value, or operators."""
    value: dict[str, object] = {"$ref": value_ref}
    value_or_setting = {"anyOf": [value, {"$ref": "#/definitions/setting"}]}
    values = {"anyOf": [{"type": "array", "items": value, "minItems": 1},
                        {"$ref": "#/definitions/setting"}]}
    operators: dict[str, object] = {"equals": value_or_setting, "not": value_or_setting,
                                    "in": values, "not_in": values,
                                    "exists": {"type": "boolean"}}
    if value_type == "number":
        operators |= {op: {"anyOf": [{"type": "number"}, {"$ref": "#/definitions/setting"}]}
                      for op in ("at_least", "at_most", "above", "below")}
    if value_type == "theme":
        operators["within"] = value_or_setting
    return {"anyOf": [
        value_or_setting,
        {"type": "object", "minProperties": 1, "additionalProperties": False,
         "properties": {op: {**schema, "description": OPERATOR_HELP[op]}  # type: ignore[dict-item]
                        for op, schema in operators.items()}},
    ]}


def _value_definitions(themes: list[str]) -> dict[str, object]:
    definitions: dict[str, object] = {
        "setting": {"type": "string", "pattern": r"^\$[A-Za-z_][A-Za-z0-9_]*$",
                    "description": "a setting of this rule, e.g. $minimum"},
        "text": {"type": "string"}, "number": {"type": "number"},
        "boolean": {"type": "boolean"},
        "theme": {"type": "string", "examples": themes, "description": "a theme id"},
    }
    for kind, fields in FACT_FIELDS.items():
        for name, spec in fields.items():
            if spec.values:
                definitions[_values_name(kind, name)] = {"enum": list(spec.values)}
    conditions = {}
    for key in list(definitions):
        if key == "setting":
            continue
        value_type = key if key in {"number", "boolean", "theme"} else "text"
        conditions[f"condition_{key}"] = _condition_schema(f"#/definitions/{key}", value_type)
    return definitions | conditions


def _kind_definitions() -> dict[str, object]:
    definitions: dict[str, object] = {}
    for kind, fields in FACT_FIELDS.items():
        names = sorted(fields)
        described = {name: f"{fields[name].description} ({fields[name].type})" for name in names}
        definitions[f"where_{kind}"] = {
            "type": "object", "additionalProperties": False,
            "description": f"conditions on the fields of a '{kind}' fact",
            "properties": {name: _described(_condition_ref(_value_ref(kind, name, fields[name])),
                                             described[name]) for name in names},
        }
        definitions[f"join_{kind}"] = {
            "anyOf": [
                {"type": "string", "description": "field names shared with the first entry, "
                 "comma-separated (join: theme)"},
                {"type": "object", "additionalProperties": False,
                 "description": "this fact's field: alias.field of an earlier entry",
                 "properties": {name: {"$ref": "#/definitions/join_target"} for name in names}},
            ],
        }
        given: dict[str, object] = {
            name: {"description": described[name],
                   "anyOf": [{"$ref": _value_ref(kind, name, fields[name])}, {"type": "null"}]}
            for name in names}
        given |= {"fact": {"const": kind}, "id": {"type": "string"},
                  "evidence": {"type": "array", "items": {"type": "string"}},
                  "source": {"type": ["object", "array", "string"]}}
        assert set(EXAMPLE_FACT_EXTRAS) <= set(given)
        definitions[f"fact_{kind}"] = {
            "type": "object", "required": ["fact"], "additionalProperties": False,
            "properties": given,
        }
    return definitions


def _by_kind(prefix: str, key: str | None = None) -> list[dict[str, object]]:
    """``if fact is X then <prefix>_X`` for every kind (per-kind completion)."""
    rules = []
    for kind in FACT_FIELDS:
        target: dict[str, object] = {"$ref": f"#/definitions/{prefix}_{kind}"}
        then = {"properties": {key: target}} if key else target
        rules.append({"if": {"properties": {"fact": {"const": kind}}, "required": ["fact"]},
                      "then": then})
    return rules


def rule_schema() -> dict[str, object]:
    """The JSON Schema (draft-07) of a rule file."""
    vocabulary = theme_vocabulary()
    themes = sorted(vocabulary.themes)
    kinds = list(FACT_FIELDS)
    pattern = {
        "type": "object", "required": ["as", "fact"], "additionalProperties": False,
        "properties": {
            "as": {"type": "string", "pattern": ALIAS_PATTERN,
                   "description": "a short name for the matched fact, used in joins and the "
                                  "narrative ({alias.field})"},
            "fact": {"enum": kinds, "description": "the kind of fact to match"},
            "where": {"type": "object", "description": "conditions on the fact's fields"},
            "join": {"description": "fields that must equal an earlier entry's, e.g. "
                                    "join: {theme: signal.theme}"},
            "role": {"enum": list(ROLES), "description": "whether this fact supports the "
                                                        "finding or contradicts it"},
        },
        "allOf": [*_by_kind("where", "where"), *_by_kind("join", "join")],
    }
    example = {
        "type": "object", "required": ["name", "given", "expect"], "additionalProperties": False,
        "properties": {
            "name": {"type": "string", "description": "what the example shows (its test id)"},
            "given": {"type": "array", "description": "the facts the rule is given",
                      "items": {"type": "object", "required": ["fact"],
                                "properties": {"fact": {"enum": kinds}},
                                "allOf": _by_kind("fact")}},
            "expect": {
                "type": "object", "required": ["fires"], "additionalProperties": False,
                "properties": {
                    "fires": {"type": "boolean", "description": "does the rule fire?"},
                    "count": {"type": "integer", "minimum": 0,
                              "description": "how many findings"},
                    "kind": {"enum": list(KINDS)}, "severity": {"enum": list(SEVERITIES)},
                    "theme": {"type": "string", "examples": themes},
                    **{key: {} for key in EXPECTABLE
                       if key not in {"kind", "severity", "theme"}},
                },
            },
        },
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "Safeguarding assurance rule",
        "description": "One assurance check: the facts it matches, what it raises and its "
                       "examples. Generated by `assure rules schema`; see docs/rules.md.",
        "type": "object",
        "required": ["code", "name", "title", "description", "why", "raises", "severity",
                     "pag_question", "match", "narrative", "examples"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "code": {"type": "string", "pattern": CODE_PATTERN,
                     "description": "a short code that never changes, e.g. TR01"},
            "name": {"type": "string", "pattern": NAME_PATTERN,
                     "description": "dotted lower-case words, e.g. triangulation.convergent_risk"},
            "title": {"type": "string", "description": "one line: what the finding is"},
            "description": {"type": "string", "description": "what the rule checks"},
            "why": {"type": "string", "description": "why it matters, and which framework"},
            "raises": {"enum": list(KINDS), "description": "the kind of finding"},
            "severity": {"enum": list(SEVERITIES)},
            "pag_question": {"anyOf": [{"const": number, "description": text}
                                       for number, text in PAG_QUESTIONS.items()],
                             "description": "which Performance Analysis Group question the "
                                            "finding answers"},
            "theme": {"type": "string", "examples": themes,
                      "description": "raise every finding on this theme"},
            "theme_from": {"type": "string", "pattern": ALIAS_PATTERN,
                           "description": "the alias whose theme is the finding's"},
            "group_by": {"type": "array", "items": {"type": "string"},
                         "description": "alias.field: one finding per value (e.g. s11.agency)"},
            "replaces": {"type": "array", "items": {"type": "string", "pattern": CODE_PATTERN},
                         "description": "old codes this rule replaces (never reused)"},
            "references": {"type": "array", "items": {"type": "string"}},
            "settings": {"type": "object", "description": "name: default; a partnership may "
                         "change them in its pack.yaml (rules: settings:)",
                         "additionalProperties": {"type": ["number", "string", "boolean",
                                                           "array"]}},
            "match": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/pattern"}},
            "narrative": {"type": "string", "description": "the finding's text, with "
                          "{alias.field}, {settings.name}, {theme}, {period}, {partnership}"},
            "examples": {"type": "array", "minItems": 2,
                         "items": {"$ref": "#/definitions/example"}},
        },
        "definitions": {"pattern": pattern, "example": example, "join_target": _JOIN_TARGET,
                        **_kind_definitions(), **_value_definitions(themes)},
    }


@functools.cache
def schema_text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(rule_schema(), indent=2, ensure_ascii=False) + "\n"
