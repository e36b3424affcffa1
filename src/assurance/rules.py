"""Rule files: declarative YAML, one rule per file, loaded into :class:`RuleSpec` values.

A rule is data, never code: what facts it matches and how they join, the conditions on
their fields, what finding it raises and the examples that test it. Loading checks
every file of a folder and reports every problem with its file, line and column
(pySigma's habit), because the rules engine's own errors are bare numbers.

The rule format is documented in ``docs/rules.md`` and by the JSON Schema
``schema/rule.schema.json``; this module is the authority both are checked against.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assurance._resources import builtin_rules_dir
from assurance.errors import Problem, RuleError
from assurance.facts import FACT_FIELDS
from assurance.vocabulary import ThemeVocabulary, nearest, theme_vocabulary

KINDS = ("strength", "risk", "kloe")
SEVERITIES = ("low", "medium", "high", "critical")
ROLES = ("supporting", "contradicting")
PAG_QUESTIONS = {
    1: "What does the information tell us about the effectiveness of local arrangements?",
    2: "What are the strengths and what needs to be improved?",
    3: "Are all agencies working together to safeguard children? If not, why not?",
    4: "Are children receiving the right level of support at the right time from the "
       "right organisation?",
    5: "What is the impact of the arrangements on children's safety and outcomes?",
}
OPERATORS = ("equals", "not", "in", "not_in", "at_least", "at_most", "above", "below",
             "exists", "within")
NUMERIC_OPERATORS = frozenset({"at_least", "at_most", "above", "below"})
RULE_KEYS = ("code", "name", "title", "description", "why", "raises", "severity",
             "pag_question", "match", "narrative", "references", "settings", "examples",
             "theme", "theme_from", "group_by", "replaces", "$schema")
PATTERN_KEYS = ("as", "fact", "where", "join", "role")
_CODE = re.compile(r"^[A-Z]{2,4}\d{2,3}$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
RULE_PACK_FILE = "pack.yaml"


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: object
    line: int | None = None


@dataclass(frozen=True)
class Join:
    field: str
    alias: str
    other_field: str


@dataclass(frozen=True)
class Pattern:
    alias: str
    fact: str
    where: tuple[Condition, ...] = ()
    joins: tuple[Join, ...] = ()
    role: str = "supporting"
    line: int | None = None


@dataclass(frozen=True)
class Example:
    name: str
    given: tuple[dict[str, object], ...]
    fires: bool
    expect: Mapping[str, object] = field(default_factory=dict)
    line: int | None = None


@dataclass(frozen=True)
class RulePackInfo:
    name: str
    version: str
    description: str = ""
    path: str = ""


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str
    title: str
    description: str
    why: str
    raises: str
    severity: str
    pag_question: int
    patterns: tuple[Pattern, ...]
    narrative: str
    file: str
    pack: RulePackInfo
    references: tuple[str, ...] = ()
    settings: Mapping[str, object] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    theme: str | None = None
    theme_from: str | None = None
    group_by: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()

    def pattern(self, alias: str) -> Pattern:
        return next(p for p in self.patterns if p.alias == alias)

    def with_settings(self, overrides: Mapping[str, object]) -> RuleSpec:
        from dataclasses import replace

        return replace(self, settings={**self.settings, **overrides})


@dataclass
class RuleSet:
    """Rules from one or more rule packs, in load order."""

    rules: list[RuleSpec]
    packs: list[RulePackInfo]

    def by_code(self, code: str) -> RuleSpec | None:
        code = code.upper()
        return next((r for r in self.rules if r.code == code or code in r.replaces), None)


# --- YAML with line numbers ---------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """A safe loader whose mappings remember the line and column of each key."""


class LineDict(dict):  # noqa: FURB189 - needs the extra attribute
    lines: dict[str, tuple[int, int]]
    line: int


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.lines = {}
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[str(key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str) -> object:
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass


def _line(mapping: object, key: str | None = None) -> int | None:
    if not isinstance(mapping, LineDict):
        return None
    if key is not None and key in mapping.lines:
        return mapping.lines[key][0]
    return mapping.line


# --- parsing and checking -----------------------------------------------------------


class _Checker:
    """Collects located problems while one rule file is turned into a RuleSpec."""

    def __init__(self, label: str, themes: ThemeVocabulary) -> None:
        self.label = label
        self.themes = themes
        self.problems: list[Problem] = []

    def problem(self, message: str, line: int | None, column: str | None = None,
                suggestion: str | None = None) -> None:
        self.problems.append(Problem(self.label, message, line, column, suggestion))

    def required_text(self, data: LineDict, key: str) -> str:
        value = data.get(key)
        if value is None or not str(value).strip():
            self.problem(f"'{key}' is required", _line(data))
            return ""
        return str(value).strip()

    def choice(self, data: LineDict, key: str, choices: Iterable[str], default: str | None = None) -> str:
        options = tuple(choices)
        value = data.get(key, default)
        if value is None:
            self.problem(f"'{key}' is required: one of {', '.join(options)}", _line(data))
            return options[0]
        if str(value) not in options:
            self.problem(f"{key} '{value}' is not one of {', '.join(options)}", _line(data, key),
                         key, nearest(str(value), options))
            return options[0]
        return str(value)


def parse_rule(text: str, label: str, pack: RulePackInfo,
               themes: ThemeVocabulary | None = None) -> tuple[RuleSpec | None, list[Problem]]:
    """Parse one rule file's text; return the rule (None if unusable) and its problems."""
    check = _Checker(label, themes or theme_vocabulary())
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        check.problem(f"not valid YAML: {getattr(error, 'problem', error)}",
                      mark.line + 1 if mark else None)
        return None, check.problems
    if not isinstance(data, LineDict):
        check.problem("a rule file is a mapping of keys (code, name, title, match, ...)", 1)
        return None, check.problems
    rule = _parse_rule_data(data, check, label, pack)
    return (rule if not check.problems else None), check.problems


def _parse_rule_data(data: LineDict, check: _Checker, label: str, pack: RulePackInfo) -> RuleSpec:
    for key in data:
        if str(key) not in RULE_KEYS:
            check.problem(f"unknown key '{key}'", _line(data, str(key)), str(key),
                          nearest(str(key), RULE_KEYS))
    code = check.required_text(data, "code")
    if code and not _CODE.match(code):
        check.problem(f"code '{code}' should be 2-4 capital letters and 2-3 digits, e.g. 'TR01'",
                      _line(data, "code"), "code")
    name = check.required_text(data, "name")
    if name and not _NAME.match(name):
        check.problem(f"name '{name}' should be dotted lower-case words, e.g. "
                      "'triangulation.convergent_risk'", _line(data, "name"), "name")
    settings = _settings(data, check)
    patterns = _patterns(data, check, settings)
    pag = data.get("pag_question")
    if pag not in PAG_QUESTIONS:
        check.problem(f"pag_question '{pag}' must be 1 to 5 (the five PAG questions)",
                      _line(data, "pag_question"), "pag_question")
    theme = _fixed_theme(data, check)
    aliases = [p.alias for p in patterns]
    theme_from = data.get("theme_from")
    if theme_from is not None and theme_from not in aliases:
        check.problem(f"theme_from '{theme_from}' names no alias of match", _line(data, "theme_from"),
                      "theme_from", nearest(str(theme_from), aliases))
    narrative = check.required_text(data, "narrative")
    _check_placeholders(narrative, patterns, settings, check, _line(data, "narrative"))
    return RuleSpec(
        code=code, name=name, title=check.required_text(data, "title"),
        description=check.required_text(data, "description"),
        why=check.required_text(data, "why"),
        raises=check.choice(data, "raises", KINDS), severity=check.choice(data, "severity", SEVERITIES),
        pag_question=pag if pag in PAG_QUESTIONS else 1, patterns=tuple(patterns),
        narrative=narrative, file=label, pack=RulePackInfo(pack.name, pack.version, pack.description, pack.path),
        references=tuple(str(r) for r in data.get("references") or ()), settings=settings,
        examples=tuple(_examples(data, check, patterns)), theme=theme,
        theme_from=str(theme_from) if theme_from else None,
        group_by=tuple(str(g) for g in data.get("group_by") or ()),
        replaces=tuple(str(r) for r in data.get("replaces") or ()),
    )


def _settings(data: LineDict, check: _Checker) -> dict[str, object]:
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        check.problem("settings must be a mapping of name: default value", _line(data, "settings"))
        return {}
    return dict(settings)


def _fixed_theme(data: LineDict, check: _Checker) -> str | None:
    if data.get("theme") is None:
        return None
    theme = check.themes.resolve(data["theme"])
    if theme is None:
        check.problem(f"unknown theme '{data['theme']}'", _line(data, "theme"), "theme",
                      check.themes.suggest(data["theme"]))
    return theme


def _patterns(data: LineDict, check: _Checker, settings: Mapping[str, object]) -> list[Pattern]:
    match = data.get("match")
    if not isinstance(match, list) or not match:
        check.problem("'match' must list at least one fact pattern (- as: ..., fact: ...)",
                      _line(data, "match"), "match")
        return []
    patterns: list[Pattern] = []
    for item in match:
        if not isinstance(item, LineDict):
            check.problem("each match entry is a mapping with 'as' and 'fact'", _line(data, "match"))
            continue
        pattern = _pattern(item, check, settings, patterns)
        if pattern is not None:
            patterns.append(pattern)
    return patterns


def _pattern(item: LineDict, check: _Checker, settings: Mapping[str, object],
             earlier: list[Pattern]) -> Pattern | None:
    for key in item:
        if str(key) not in PATTERN_KEYS:
            check.problem(f"unknown key '{key}' in a match entry", _line(item, str(key)), str(key),
                          nearest(str(key), PATTERN_KEYS))
    alias, kind = str(item.get("as") or "").strip(), str(item.get("fact") or "").strip()
    if not re.match(r"^[a-z][a-z0-9_]*$", alias):
        check.problem(f"alias '{alias}' must be a lower-case word (as: signal)", _line(item, "as"), "as")
        return None
    if alias in {p.alias for p in earlier}:
        check.problem(f"alias '{alias}' is used twice", _line(item, "as"), "as")
    if kind not in FACT_FIELDS:
        check.problem(f"unknown fact kind '{kind}'; facts are: {', '.join(FACT_FIELDS)}",
                      _line(item, "fact"), "fact", nearest(kind, FACT_FIELDS))
        return None
    role = item.get("role", "supporting")
    if role not in ROLES:
        check.problem(f"role '{role}' is not one of {', '.join(ROLES)}", _line(item, "role"), "role",
                      nearest(str(role), ROLES))
    where = _conditions(item, kind, check, settings)
    joins = _joins(item, kind, check, earlier)
    return Pattern(alias, kind, tuple(where), tuple(joins), str(role), _line(item))


def _check_field(kind: str, name: str, check: _Checker, line: int | None) -> bool:
    if name in FACT_FIELDS[kind]:
        return True
    check.problem(f"unknown field '{name}' of fact '{kind}'", line, name,
                  nearest(name, FACT_FIELDS[kind]))
    return False


def _conditions(item: LineDict, kind: str, check: _Checker,
                settings: Mapping[str, object]) -> list[Condition]:
    where = item.get("where") or {}
    if not isinstance(where, dict):
        check.problem("'where' must map fields to conditions", _line(item, "where"), "where")
        return []
    conditions = []
    for name, spec in where.items():
        line = _line(where, str(name))
        if not _check_field(kind, str(name), check, line):
            continue
        ops = spec if isinstance(spec, dict) else {"equals": spec}
        for op, value in ops.items():
            condition = _condition(kind, str(name), str(op), value, line, check, settings)
            if condition is not None:
                conditions.append(condition)
    return conditions


def _condition(kind: str, name: str, op: str, value: object, line: int | None,
               check: _Checker, settings: Mapping[str, object]) -> Condition | None:
    if op not in OPERATORS:
        check.problem(f"unknown operator '{op}'; operators are {', '.join(OPERATORS)}", line, name,
                      nearest(op, OPERATORS))
        return None
    if isinstance(value, str) and value.startswith("$"):
        if value[1:] not in settings:
            check.problem(f"'{value}' names no setting of this rule", line, name,
                          nearest(value[1:], settings))
            return None
        resolved: object = settings[value[1:]]
    else:
        resolved = value
    spec = FACT_FIELDS[kind][name]
    if op in NUMERIC_OPERATORS and not isinstance(resolved, int | float):
        check.problem(f"'{op}' needs a number, not '{resolved}'", line, name)
    if op == "within" and (spec.type != "theme" or check.themes.resolve(resolved) is None):
        check.problem(f"'within' needs a theme field and a known theme, not '{resolved}'", line,
                      name, check.themes.suggest(resolved))
    values = resolved if op in {"in", "not_in"} and isinstance(resolved, list) else [resolved]
    if op in {"equals", "not", "in", "not_in"}:
        _check_values(spec, name, values, line, check)
    return Condition(name, op, value, line)


def _check_values(spec: object, name: str, values: list[object], line: int | None,
                  check: _Checker) -> None:
    allowed = getattr(spec, "values", ())
    for value in values:
        if isinstance(value, str) and value.startswith("$"):
            continue
        if allowed and str(value) not in allowed:
            check.problem(f"'{value}' can never match: {name} is one of {', '.join(allowed)}",
                          line, name, nearest(str(value), allowed))
        if getattr(spec, "type", "") == "theme" and check.themes.resolve(value) is None:
            check.problem(f"unknown theme '{value}'", line, name, check.themes.suggest(value))


def _joins(item: LineDict, kind: str, check: _Checker, earlier: list[Pattern]) -> list[Join]:
    spec = item.get("join")
    if spec is None:
        return []
    if isinstance(spec, str):
        spec = {field_name.strip(): None for field_name in spec.split(",")}
    if not isinstance(spec, dict) or not earlier:
        check.problem("'join' needs an earlier match entry and maps fields, e.g. "
                      "join: {theme: signal.theme}", _line(item, "join"), "join")
        return []
    joins = []
    for name, target in spec.items():
        line = _line(item, "join")
        target = target or f"{earlier[0].alias}.{name}"
        other_alias, _, other_field = str(target).partition(".")
        other = next((p for p in earlier if p.alias == other_alias), None)
        if other is None:
            check.problem(f"join '{target}' names no earlier alias", line, "join",
                          nearest(other_alias, [p.alias for p in earlier]))
            continue
        if _check_field(kind, str(name), check, line) and _check_field(other.fact, other_field, check, line):
            _check_join_types(kind, str(name), other, other_field, check, line)
            joins.append(Join(str(name), other_alias, other_field))
    return joins


def _check_join_types(kind: str, name: str, other: Pattern, other_field: str,
                      check: _Checker, line: int | None) -> None:
    mine, theirs = FACT_FIELDS[kind][name].type, FACT_FIELDS[other.fact][other_field].type
    if {mine, theirs} - {"text", "agency"} and mine != theirs:
        check.problem(f"join can never match: {kind}.{name} is a {mine} but "
                      f"{other.fact}.{other_field} is a {theirs}", line, "join")


def _check_placeholders(narrative: str, patterns: list[Pattern], settings: Mapping[str, object],
                        check: _Checker, line: int | None) -> None:
    aliases = {p.alias: p for p in patterns}
    for placeholder in _PLACEHOLDER.findall(narrative):
        alias, _, name = placeholder.partition(".")
        if alias == "settings" and name in settings:
            continue
        if alias in {"theme", "period", "partnership"} and not name:
            continue
        pattern = aliases.get(alias)
        if pattern is None:
            check.problem(f"narrative names '{{{placeholder}}}' but the match binds no alias "
                          f"'{alias}'", line, "narrative", nearest(alias, aliases))
        elif name not in FACT_FIELDS[pattern.fact]:
            check.problem(f"narrative names '{{{placeholder}}}' but fact '{pattern.fact}' has no "
                          f"field '{name}'", line, "narrative", nearest(name, FACT_FIELDS[pattern.fact]))


def _examples(data: LineDict, check: _Checker, patterns: list[Pattern]) -> list[Example]:
    examples = data.get("examples") or []
    if not isinstance(examples, list):
        check.problem("'examples' must be a list", _line(data, "examples"), "examples")
        return []
    parsed = []
    for item in examples:
        if not isinstance(item, LineDict):
            check.problem("each example is a mapping with name, given and expect", _line(data, "examples"))
            continue
        parsed.append(_example(item, check))
    return parsed


def _example(item: LineDict, check: _Checker) -> Example:
    given = item.get("given") or []
    facts: list[dict[str, object]] = []
    for fact in given if isinstance(given, list) else []:
        kind = fact.get("fact") if isinstance(fact, dict) else None
        if kind not in FACT_FIELDS:
            check.problem(f"example fact kind '{kind}' is unknown", _line(fact) or _line(item, "given"),
                          "fact", nearest(str(kind), FACT_FIELDS))
            continue
        for name in fact:
            if name not in {"fact", "evidence", "source"}:
                _check_field(str(kind), str(name), check, _line(fact, str(name)))
        facts.append(dict(fact))
    expect = item.get("expect")
    if not isinstance(expect, dict) or "fires" not in expect:
        check.problem("expect must say 'fires: true' or 'fires: false'", _line(item, "expect") or _line(item),
                      "expect")
        expect = {"fires": False}
    details = {k: v for k, v in expect.items() if k != "fires"}
    return Example(str(item.get("name") or "example"), tuple(facts), bool(expect["fires"]),
                   details, _line(item))


# --- folders and packs --------------------------------------------------------------


def _pack_info(folder: Path, problems: list[Problem]) -> RulePackInfo:
    manifest = folder / RULE_PACK_FILE
    if not manifest.is_file():
        return RulePackInfo(folder.name, "unversioned", "", str(folder))
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        problems.append(Problem(str(manifest), f"not valid YAML: {error}"))
        return RulePackInfo(folder.name, "unversioned", "", str(folder))
    return RulePackInfo(str(data.get("name", folder.name)), str(data.get("version", "unversioned")),
                        str(data.get("description", "")), str(folder))


def rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.name != RULE_PACK_FILE)


def load_rule_folder(folder: Path, themes: ThemeVocabulary | None = None) -> tuple[list[RuleSpec], RulePackInfo, list[Problem]]:
    problems: list[Problem] = []
    if not folder.is_dir():
        return [], RulePackInfo(folder.name, ""), [Problem(str(folder), "no such rules folder")]
    pack = _pack_info(folder, problems)
    rules = []
    for path in rule_files(folder):
        label = _label(path, folder)
        rule, found = parse_rule(path.read_text(encoding="utf-8"), label, pack, themes)
        problems += found
        if rule is not None:
            rules.append(rule)
    return rules, pack, problems


def _label(path: Path, folder: Path) -> str:
    if folder == builtin_rules_dir():
        return f"rules/{path.relative_to(folder).as_posix()}"
    return str(path)


def load_rules(extra_folders: Iterable[Path] = (), *, builtin: bool = True,
               disabled: Iterable[str] = (), settings: Mapping[str, Mapping[str, object]] | None = None) -> RuleSet:
    """The built-in rules and any ``--rules`` folders, checked together.

    ``disabled`` switches rules off by code; ``settings`` overrides rule settings by
    code (both usually from the evidence pack's ``pack.yaml``). Raises
    :class:`~assurance.errors.RuleError` listing every problem of every file.
    """
    folders = ([builtin_rules_dir()] if builtin else []) + [Path(f) for f in extra_folders]
    rules: list[RuleSpec] = []
    packs: list[RulePackInfo] = []
    problems: list[Problem] = []
    for folder in folders:
        found, pack, folder_problems = load_rule_folder(folder)
        problems += folder_problems
        rules += found
        packs.append(pack)
    problems += _duplicate_codes(rules)
    problems += _check_overrides(rules, disabled, settings or {})
    if problems:
        raise RuleError(f"{len(problems)} problem(s) in the rules", problems)
    off = {code.upper() for code in disabled}
    chosen = [r.with_settings((settings or {}).get(r.code, {})) for r in rules if r.code not in off]
    return RuleSet(chosen, packs)


def _duplicate_codes(rules: list[RuleSpec]) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for rule in rules:
        for code in (rule.code, *rule.replaces):
            if code in seen:
                problems.append(Problem(rule.file, f"code '{code}' is already used by {seen[code]}",
                                        None, "code"))
            seen[code] = rule.file
    return problems


def _check_overrides(rules: list[RuleSpec], disabled: Iterable[str],
                     settings: Mapping[str, Mapping[str, object]]) -> list[Problem]:
    codes = {r.code: r for r in rules}
    problems = []
    for code in [*disabled, *settings]:
        if code.upper() not in codes:
            problems.append(Problem("pack.yaml", f"rules: no rule has the code '{code}'", None,
                                    "rules", nearest(code, codes)))
    for code, values in settings.items():
        rule = codes.get(code.upper())
        for name in values if rule else ():
            if name not in rule.settings:
                problems.append(Problem("pack.yaml", f"rules: {code} has no setting '{name}'", None,
                                        "rules", nearest(name, rule.settings)))
    return problems
