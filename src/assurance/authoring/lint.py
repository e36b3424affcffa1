"""``assure rules lint``: every problem of every rule file, located, with its fix.

Loading (:mod:`assurance.rules`) refuses what would make a rule wrong: unknown fact
kinds and fields, values a field can never hold, joins that can never match,
narratives naming what the match does not bind, duplicate and retired codes. Lint
reports all of that and adds what makes a rule *good*: examples both ways (one where
the rule fires, one where it does not) that use real values, no unused settings, a
file named after its code, and a ``pack.yaml`` with a name, version and description.

Fact kinds and fields come from :data:`assurance.facts.FACT_FIELDS`, which a test holds
to the facts the engine really produces on the example pack; nothing here keeps a list
of its own.

Codes are checked against the built-in rules too, so a partnership's pack cannot
reuse one of ours.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assurance._resources import builtin_rules_dir
from assurance.errors import Problem
from assurance.kinds import FACT_FIELDS
from assurance.rule_examples import EXPECTABLE
from assurance.rules import (
    CODE_PATTERN,
    EXAMPLE_FACT_EXTRAS,
    KINDS,
    PACK_KEYS,
    RULE_PACK_FILE,
    SEVERITIES,
    LineDict,
    ParsedRule,
    Position,
    RulePackInfo,
    RuleSpec,
    check_codes,
    item_position,
    key_position,
    load_yaml,
    read_rule_folder,
    read_rule_paths,
    rule_files,
    suggest_theme,
    value_position,
)
from assurance.vocabulary import ThemeVocabulary, nearest, theme_vocabulary

_VERSION = re.compile(r"^\d+\.\d+(\.\d+)?([-+.][0-9A-Za-z.-]+)?$")
_SETTING_REFERENCE = re.compile(r"^\$([A-Za-z_][A-Za-z0-9_]*)$")
#: problem(message, position, column=None, suggestion=None): records one located problem
Report = Callable[..., None]


@dataclass
class LintReport:
    """What lint found: every problem, and what was checked."""

    files: list[str] = field(default_factory=list)
    rules: list[RuleSpec] = field(default_factory=list)
    packs: list[RulePackInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        files = f"{len(self.files)} rule file(s)"
        if self.ok:
            return f"{files} checked: no problems"
        broken = len({p.file for p in self.problems})
        return f"{files} checked: {len(self.problems)} problem(s) in {broken} file(s)"


def lint_paths(paths: Sequence[Path] = (), themes: ThemeVocabulary | None = None) -> LintReport:
    """Lint rule folders (rule packs) and single rule files; none: the built-in rules."""
    themes = themes or theme_vocabulary()
    report = LintReport()
    paths = [Path(p) for p in paths] or [builtin_rules_dir()]
    seen_folders = {p.resolve() for p in paths if p.is_dir()}
    parsed, report.packs, report.problems = read_rule_paths(paths, themes)
    for folder in paths:
        if folder.is_dir():
            report.problems += lint_pack_manifest(folder)
    for one in parsed:
        report.files.append(one.label)
        report.problems += one.problems
        if one.data is not None:
            report.problems += lint_rule(one, themes)
        if one.rule is not None:
            report.rules.append(one.rule)
    report.problems += _code_problems(report, seen_folders)
    report.problems = sorted(_unique(report.problems), key=_order)
    return report


def _unique(problems: Iterable[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _order(problem: Problem) -> tuple[str, int, int]:
    return problem.file, problem.row or 0, problem.col or 0


def builtin_context() -> tuple[list[RuleSpec], RulePackInfo]:
    """The built-in rules as far as they read (for their codes), cached until they change."""
    folder = builtin_rules_dir()
    files = [*rule_files(folder), folder / RULE_PACK_FILE]
    return _read_context(folder, tuple((str(f), f.stat().st_mtime_ns) for f in files
                                       if f.is_file()))


@functools.lru_cache(maxsize=4)
def _read_context(folder: Path, fingerprint: tuple[tuple[str, int], ...]
                  ) -> tuple[list[RuleSpec], RulePackInfo]:
    found, pack, _ = read_rule_folder(folder)
    return [one.rule for one in found if one.rule is not None and one.rule.code], pack


def _code_problems(report: LintReport, seen: set[Path]) -> list[Problem]:
    """Duplicate and retired codes, counting the built-in rules as already taken."""
    context: list[RuleSpec] = []
    packs = list(report.packs)
    if builtin_rules_dir().resolve() not in seen:
        context, pack = builtin_context()
        packs.append(pack)
    rules = [r for r in report.rules if r.code]
    mine = {r.file for r in rules}
    context = [r for r in context if r.file not in mine]  # a built-in file linted by name
    return [p for p in check_codes(context + rules, packs) if p.file in mine]


# --- one rule file ----------------------------------------------------------------


def lint_rule(parsed: ParsedRule, themes: ThemeVocabulary) -> list[Problem]:
    """The checks that make a loadable rule a good one."""
    data = parsed.data
    assert data is not None
    problems: list[Problem] = []

    def problem(message: str, at: Position, column: str | None = None,
                suggestion: str | None = None) -> None:
        problems.append(Problem(parsed.label, message, at[0], column, suggestion, at[1]))

    _lint_file_name(parsed, data, problem)
    _lint_settings_used(data, problem)
    _lint_examples(data, themes, problem)
    return problems


def _lint_file_name(parsed: ParsedRule, data: LineDict, problem: Report) -> None:
    code = str(data.get("code") or "")
    name = Path(parsed.label).name
    if re.match(CODE_PATTERN, code) and not (name.startswith(f"{code}-") or name == f"{code}.yaml"):
        slug = re.sub(r"^[A-Z]{2,4}\d{2,3}[-_]?", "", name) or "rule.yaml"
        problem(f"the file name '{name}' should start with the rule's code: rename it to "
                f"'{code}-{slug}'", value_position(data, "code"), "code")


def _references(value: object) -> Iterator[str]:
    """Every ``$setting`` named anywhere inside ``value``."""
    if isinstance(value, str):
        found = _SETTING_REFERENCE.match(value)
        if found:
            yield found[1]
    elif isinstance(value, dict):
        for item in value.values():
            yield from _references(item)
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)


def _lint_settings_used(data: LineDict, problem: Report) -> None:
    settings = data.get("settings")
    if not isinstance(settings, dict):
        return
    used = set(_references(data.get("match")))
    used |= set(re.findall(r"\{settings\.([A-Za-z0-9_]+)\}", str(data.get("narrative") or "")))
    for name in settings:
        if str(name) not in used:
            problem(f"setting '{name}' is never used: name it in a condition as ${name} (e.g. "
                    f"critical: {{at_least: ${name}}}) or in the narrative as "
                    f"{{settings.{name}}}, or remove it", key_position(settings, str(name)),
                    "settings")


def _lint_examples(data: LineDict, themes: ThemeVocabulary, problem: Report) -> None:
    examples = data.get("examples")
    if not isinstance(examples, list) or not examples:
        at = key_position(data, "examples") if "examples" in data else key_position(data)
        problem("the rule has no examples: add one where it fires (expect: {fires: true}) and "
                "one where it does not (expect: {fires: false}); they are its tests", at,
                "examples")
        return
    outcomes: set[bool] = set()
    names: dict[str, int] = {}
    for index, example in enumerate(examples):
        if not isinstance(example, LineDict):
            continue
        at = item_position(examples, index)
        name = str(example.get("name") or "").strip()
        if not name:
            problem("the example has no name: say what it shows, e.g. name: a worsening "
                    "indicator with a critical audit", at, "name")
        elif name in names:
            problem(f"two examples are named '{name}': each needs its own name (it is the "
                    "test's id)", value_position(example, "name"), "name")
        names.setdefault(name, index)
        expect = example.get("expect")
        if isinstance(expect, LineDict):
            if isinstance(expect.get("fires"), bool):
                outcomes.add(bool(expect["fires"]))
            _lint_expect(expect, themes, problem)
        given = example.get("given")
        if not given:
            problem("the example gives no facts: list them under given:, e.g. "
                    "- {fact: spc, theme: neglect, variation: special_cause_concern}",
                    key_position(example, "given") if "given" in example else at, "given")
        for fact in given if isinstance(given, list) else []:
            if isinstance(fact, LineDict) and fact.get("fact") in FACT_FIELDS:
                _lint_example_fact(fact, themes, problem)
    at = key_position(data, "examples")
    if True not in outcomes:
        problem("no example where the rule fires: add one with expect: {fires: true}", at,
                "examples")
    if False not in outcomes:
        problem("no example where the rule does not fire: add one with expect: {fires: false} "
                "(e.g. the same facts on another theme, or a value just short of a condition)",
                at, "examples")


def _lint_expect(expect: LineDict, themes: ThemeVocabulary, problem: Report) -> None:
    known = ("fires", "count", *EXPECTABLE)
    for key, value in expect.items():
        at = value_position(expect, str(key))
        if key not in known:
            problem(f"an example cannot expect '{key}': it can expect {', '.join(known)}",
                    key_position(expect, str(key)), str(key), nearest(str(key), known))
        elif key == "kind" and value not in KINDS:
            problem(f"kind '{value}' is not one of {', '.join(KINDS)}", at, "kind",
                    nearest(str(value), KINDS))
        elif key == "severity" and value not in SEVERITIES:
            problem(f"severity '{value}' is not one of {', '.join(SEVERITIES)}", at, "severity",
                    nearest(str(value), SEVERITIES))
        elif key == "theme" and value not in themes.themes:
            _theme_id_problem(value, themes, at, problem)
        elif key == "count" and (not isinstance(value, int) or isinstance(value, bool)):
            problem(f"count '{value}' must be a whole number of findings", at, "count")


def _theme_id_problem(value: object, themes: ThemeVocabulary, at: Position,
                      problem: Report) -> None:
    resolved = themes.resolve(value)
    if resolved and value != "":
        problem(f"'{value}' must be written as the theme id '{resolved}': facts and findings "
                "hold theme ids", at, "theme", resolved)
    elif value != "":
        problem(f"unknown theme '{value}' (the themes are listed in docs/rules.md)", at, "theme",
                suggest_theme(themes, value))


def _lint_example_fact(fact: LineDict, themes: ThemeVocabulary, problem: Report) -> None:
    kind = str(fact["fact"])
    for name, value in fact.items():
        spec = FACT_FIELDS[kind].get(str(name))
        if spec is None or name in EXAMPLE_FACT_EXTRAS or value is None:
            continue
        at = value_position(fact, str(name))
        if spec.type == "theme":
            if value not in themes.themes:
                _theme_id_problem(value, themes, at, problem)
        elif spec.values and str(value) not in spec.values:
            problem(f"'{value}' is not a value {kind}.{name} can hold: one of "
                    f"{', '.join(spec.values)}", at, str(name), nearest(str(value), spec.values))
        elif spec.type in {"number", "integer"} and (not isinstance(value, int | float)
                                                     or isinstance(value, bool)):
            problem(f"{kind}.{name} is a number, not '{value}'", at, str(name))
        elif spec.type == "boolean" and not isinstance(value, bool):
            problem(f"{kind}.{name} is true or false, not '{value}'", at, str(name))


# --- pack.yaml -----------------------------------------------------------------------


def lint_pack_manifest(folder: Path) -> list[Problem]:
    """A rule pack's pack.yaml: name, version and description, and codes for retired."""
    manifest = folder / RULE_PACK_FILE
    label = manifest.as_posix()
    if folder.resolve() == builtin_rules_dir().resolve():
        label = f"rules/{RULE_PACK_FILE}"
    if not manifest.is_file():
        return [Problem(label, "a rule pack needs a pack.yaml with name, version and "
                        "description (e.g. name: our-checks, version: 0.1.0); "
                        "`assure rules new` writes one", None)]
    try:
        data = load_yaml(manifest.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return []  # read_pack_info has reported it, located
    if not isinstance(data, LineDict):
        return []
    problems = []
    for key in data:
        if key not in PACK_KEYS:
            line, col = key_position(data, str(key))
            problems.append(Problem(label, f"unknown key '{key}' in pack.yaml; its keys are "
                                    f"{', '.join(PACK_KEYS)}", line, str(key),
                                    nearest(str(key), PACK_KEYS), col))
    for key in ("name", "version", "description"):
        if not str(data.get(key) or "").strip():
            line, col = key_position(data)
            problems.append(Problem(label, f"pack.yaml needs a {key} ({_PACK_HELP[key]})",
                                    line, key, None, col))
    if "leads" in data and not isinstance(data["leads"], bool):
        line, col = value_position(data, "leads")
        problems.append(Problem(label, f"leads is true or false, not '{data['leads']}'",
                                line, "leads", None, col))
    version = data.get("version")
    if version is not None and not _VERSION.match(str(version)):
        line, col = value_position(data, "version")
        problems.append(Problem(label, f"version '{version}' should look like 1.0.0 (major."
                                "minor.patch; quote it: version: \"1.0\")", line, "version",
                                None, col))
    retired = data.get("retired") or []
    for index, code in enumerate(retired if isinstance(retired, list) else [retired]):
        if not re.match(CODE_PATTERN, str(code)):
            line, col = item_position(retired, index)
            problems.append(Problem(label, f"retired '{code}' is not a rule code (e.g. 'TR01')",
                                    line, "retired", None, col))
    return problems


_PACK_HELP = {
    "name": "a short name for the pack, e.g. our-checks",
    "version": "raise it whenever a rule changes, e.g. 1.2.0; every run's manifest records it",
    "description": "what the pack is for, in a sentence",
}
