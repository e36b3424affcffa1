"""``assure rules``: list, show, test, lint, scaffold and document rules; print the schema.

The library is imported inside each command, not here: ``assure rules -h`` only lists
the sub-commands and should not wait for pandas, rdflib and the rules engine.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assurance.errors import AssuranceError, Problem
from assurance_cli._common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, LibraryChoice, fail

if TYPE_CHECKING:
    from assurance.rules import RuleSet

EPILOG = """\b
Examples:
  assure rules list
  assure rules show TR01
  assure rules new --into our-rules --kind risk --source indicators --source audits \\
    --theme neglect --title 'Worse and audited'
  assure rules lint our-rules
  assure rules test our-rules
  assure rules docs > docs/rules.md
  assure rules schema > our-rules/rule.schema.json

Without a PATH, lint, test and docs work on the built-in rules. Each command's -h
has more examples.

\b
Exit codes: 0 success; 1 a rule example failed (test) or the docs are out of
date (docs --check); 2 bad input: every problem is listed, located.
"""

FORMATS = ("text", "json")

rules_option = click.option(
    "--rules", "rule_folders", multiple=True, type=click.Path(path_type=Path),
    help="A folder of extra rules (a rule pack), besides the built-in ones; may be given "
         "several times.")
format_option = click.option("--format", "output_format", type=click.Choice(FORMATS),
                             default="text", show_default=True, help="Output format.")
paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path),
                                metavar="[PATH]...")


@click.group("rules", epilog=EPILOG)
def rules_group() -> None:
    """Work with assurance rules: the checks that turn evidence into findings.

    A rule is a YAML file, one per check; a folder of them with a pack.yaml is a rule
    pack. See docs/rules.md and docs/tutorial-first-rule.md.
    """


def _load(rule_folders: Sequence[Path]) -> RuleSet:
    from assurance.rules import load_rules

    try:
        return load_rules(rule_folders)
    except AssuranceError as error:
        fail(error)
        raise  # unreachable: fail() exits


def _load_paths(paths: Sequence[Path]) -> RuleSet:
    from assurance.rules import load_rule_paths, load_rules

    try:
        return load_rule_paths(paths) if paths else load_rules()
    except AssuranceError as error:
        fail(error)
        raise


# --- list and show ------------------------------------------------------------------


LIST_EPILOG = """\b
Examples:
  assure rules list
  assure rules list --format json
  assure rules list --rules our-rules

Exit codes: 0 listed; 2 a rule folder has problems (every one is listed).
"""


@rules_group.command("list", epilog=LIST_EPILOG)
@rules_option
@format_option
def list_rules(rule_folders: tuple[Path, ...], output_format: str) -> None:
    """List every rule: code, kind of finding, severity, title and pack."""
    rule_set = _load(rule_folders)
    rules = sorted(rule_set.rules, key=lambda r: r.code)
    if output_format == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "title": r.title,
                                "raises": r.raises, "severity": r.severity,
                                "pag_question": r.pag_question, "pack": r.pack.name,
                                "version": r.pack.version, "file": r.file,
                                "facts": [p.fact for p in r.patterns]} for r in rules],
                              indent=2))
        raise SystemExit(EXIT_OK)
    width = max((len(r.code) for r in rules), default=4)
    for rule in rules:
        click.echo(f"{rule.code:<{width}}  {rule.raises:<8}  {rule.severity:<8}  {rule.title}"
                   f"  [{rule.pack.name} {rule.pack.version}]")
    packs = ", ".join(f"{p.name} {p.version}" for p in rule_set.packs)
    click.echo(f"{len(rules)} rule(s) from {packs}")
    raise SystemExit(EXIT_OK)


SHOW_EPILOG = """\b
Examples:
  assure rules show TR01
  assure rules show PF03 --source
  assure rules show LC01 --rules our-rules

Exit codes: 0 shown; 2 no rule has that code (the nearest is suggested) or a rule
folder has problems.
"""


@rules_group.command("show", epilog=SHOW_EPILOG)
@click.argument("code")
@rules_option
@click.option("--source", is_flag=True, help="Print the rule file itself.")
def show_rule(code: str, rule_folders: tuple[Path, ...], source: bool) -> None:
    """Show one rule: what it checks, why, what it matches, its settings and examples."""
    from assurance.authoring.docs import rule_section
    from assurance.vocabulary import nearest

    rule_set = _load(rule_folders)
    rule = rule_set.by_code(code)
    if rule is None:
        guess = nearest(code, [r.code for r in rule_set.rules])
        click.echo(f"error: no rule has the code '{code}'"
                   + (f"; did you mean '{guess}'?" if guess else ""), err=True)
        raise SystemExit(EXIT_BAD_INPUT)
    if source:
        click.echo(_rule_path(rule.file, rule.pack.path).read_text(encoding="utf-8"), nl=False)
        raise SystemExit(EXIT_OK)
    click.echo(rule_section(rule))
    raise SystemExit(EXIT_OK)


def _rule_path(label: str, pack_path: str) -> Path:
    if label.startswith("rules/") and not Path(label).is_file():
        return Path(pack_path) / label.removeprefix("rules/")
    return Path(label)


# --- test ---------------------------------------------------------------------------


TEST_EPILOG = """\b
Examples:
  assure rules test
  assure rules test --rule TR01 --rule PF03 -v
  assure rules test our-rules

Without a PATH, the built-in rules.

\b
Exit codes: 0 every example passed; 1 an example failed; 2 the rules have
problems (run assure rules lint) or no rule has a code given with --rule.
"""


@rules_group.command("test", epilog=TEST_EPILOG)
@paths_argument
@click.option("--rule", "codes", multiple=True, help="Test only this rule (by code); may be "
              "given several times.")
@click.option("-v", "--verbose", is_flag=True, help="Show every example, not only failures.")
def test_rules(paths: tuple[Path, ...], codes: tuple[str, ...], verbose: bool) -> None:
    """Run every rule's examples through the engine.

    Each example gives facts and says whether the rule fires; a failure shows the facts
    given, what was expected, what fired and, when nothing fired, the condition that
    stopped it.
    """
    from assurance.rule_examples import run_example

    rule_set = _load_paths(paths)
    wanted = {c.upper() for c in codes}
    rules = [r for r in rule_set.rules if not wanted or r.code in wanted]
    unknown = sorted(wanted - {r.code for r in rules})
    if unknown:
        click.echo(f"error: no rule has the code(s) {', '.join(unknown)}", err=True)
        raise SystemExit(EXIT_BAD_INPUT)
    failed = total = 0
    for rule in sorted(rules, key=lambda r: r.code):
        results = [run_example(rule, example) for example in rule.examples]
        total += len(results)
        bad = [r for r in results if not r.passed]
        failed += len(bad)
        mark = "ok  " if not bad else "FAIL"
        click.echo(f"{mark} {rule.code}  {len(results) - len(bad)}/{len(results)} example(s)"
                   f"  {rule.file}")
        for result in results:
            if not result.passed:
                click.echo(_indent(result.report()))
            elif verbose:
                click.echo(f"       passed: {result.example.name}")
        if not results:
            click.echo("       no examples: add some (assure rules lint says how)")
    click.echo(f"{len(rules)} rule(s), {total} example(s): {total - failed} passed, "
               f"{failed} failed")
    raise SystemExit(EXIT_FINDINGS if failed else EXIT_OK)


def _indent(text: str) -> str:
    return "\n".join(f"     {line}" for line in text.splitlines())


# --- lint ---------------------------------------------------------------------------


LINT_EPILOG = """\b
Examples:
  assure rules lint
  assure rules lint our-rules
  assure rules lint our-rules/LC01-worse-and-audited.yaml --format json

Exit codes: 0 no problems; 2 problems (every one is listed as file:line:column).
"""


@rules_group.command("lint", epilog=LINT_EPILOG)
@paths_argument
@format_option
def lint_rules(paths: tuple[Path, ...], output_format: str) -> None:
    """Check rule files and folders: every problem of every file, located, with its fix.

    PATH is a rule pack folder or a rule file (default: the built-in rules).
    """
    from assurance.authoring.lint import lint_paths

    report = lint_paths(paths)
    if output_format == "json":
        click.echo(json.dumps({"files": report.files, "problems": [_problem_dict(p)
                                                                    for p in report.problems]},
                              indent=2))
    else:
        for problem in report.problems:
            click.echo(str(problem))
        click.echo(report.summary(), err=bool(report.problems))
    raise SystemExit(EXIT_OK if report.ok else EXIT_BAD_INPUT)


def _problem_dict(problem: Problem) -> dict[str, object]:
    return {"file": problem.file, "line": problem.row, "column": problem.col,
            "field": problem.column, "message": problem.message,
            "suggestion": problem.suggestion}


# --- new ----------------------------------------------------------------------------


def _interactive() -> bool:
    return sys.stdin.isatty()


NEW_EPILOG = """\b
Examples:
  assure rules new --into our-rules --kind risk --source indicators --source audits \\
    --theme neglect --title 'Worse and audited'
  assure rules new --into our-rules --kind strength --source audits \\
    --source voice_summary --theme any --code LC02
  assure rules new    # in a terminal: asks for each answer not given

\b
Exit codes: 0 written; 2 an answer is missing or unknown (the nearest known one
is suggested), or the rule file exists (--force replaces it).
"""


@rules_group.command("new", epilog=NEW_EPILOG)
@click.option("--into", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="The rule pack folder to write into (created if needed).")
@click.option("--kind", type=LibraryChoice("assurance.rules", "KINDS", case_sensitive=False),
              help="What the rule raises: a strength, a risk or a KLOE.")
@click.option("--source", "sources", multiple=True,
              help="A source that must agree: a fact kind (spc, audit_summary, voice_summary...)"
                   " or a plain name (indicators, audits, reviews, voice); repeat for several.")
@click.option("--theme", help="The theme to check (an id or label), or 'any'.")
@click.option("--code", help="The rule's code (default: the next free LCnn).")
@click.option("--title", help="One line saying what the finding is.")
@click.option("--severity", type=LibraryChoice("assurance.rules", "SEVERITIES"),
              help="How severe the finding is.")
@click.option("--pag-question", type=click.IntRange(1, 5),
              help="Which PAG question (1-5) the finding answers.")
@click.option("--force", is_flag=True, help="Replace a rule file that already exists.")
def new_rule(folder: Path | None, kind: str | None, sources: tuple[str, ...],
             theme: str | None, code: str | None, title: str | None, severity: str | None,
             pag_question: int | None, force: bool) -> None:
    """Write a new rule from a few answers (asked for when not given as options).

    The file lints clean and passes its two examples as written; edit its words,
    conditions and examples, then run assure rules lint and assure rules test.
    """
    from assurance.authoring.scaffold import Answers, ScaffoldError, scaffold_rule, write_scaffold
    from assurance.kinds import FACT_FIELDS
    from assurance.rules import KINDS

    ask = _interactive()
    folder = folder or _ask(ask, "Rule pack folder", "our-rules", Path)
    kind = kind or _ask(ask, "What does the rule raise", None, str,
                        click.Choice(KINDS, case_sensitive=False), required="--kind")
    if not sources:
        kinds = ", ".join(FACT_FIELDS)
        if ask:
            click.echo(f"Sources are facts ({kinds}) or plain names: indicators, audits, "
                       "reviews, voice, subgroups, section11, actions.")
        answer = _ask(ask, "Which sources must agree (comma-separated)", None, str,
                      required="--source")
        sources = tuple(s.strip() for s in answer.split(",") if s.strip())
    if theme is None and ask:
        theme = click.prompt("Which theme (or 'any')", default="any")
    try:
        scaffold = scaffold_rule(Answers(folder, kind.lower(), sources, theme, code, title,
                                         severity, pag_question))
        written = write_scaffold(scaffold, force=force)
    except ScaffoldError as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(EXIT_BAD_INPUT) from None
    click.echo(f"wrote {scaffold.path.as_posix()}: rule {scaffold.code}")
    for path in written[1:]:
        click.echo(f"wrote {path.as_posix()}")
    click.echo("next: edit the description, why, narrative and examples, then\n"
               f"  assure rules lint {folder.as_posix()}\n"
               f"  assure rules test {folder.as_posix()}")
    raise SystemExit(EXIT_OK)


def _ask(interactive: bool, question: str, default: object, kind: type,
         choice: click.Choice | None = None, required: str | None = None):  # type: ignore[no-untyped-def]
    if interactive:
        return click.prompt(question, default=default, type=choice or kind)
    if default is None:
        click.echo(f"error: give {required} (or run assure rules new in a terminal to be "
                   "asked)", err=True)
        raise SystemExit(EXIT_BAD_INPUT)
    return kind(default)


# --- schema and docs ----------------------------------------------------------------


SCHEMA_EPILOG = """\b
Examples:
  assure rules schema > our-rules/rule.schema.json
  assure rules schema | python3 -m json.tool --compact | wc -c

Exit codes: 0 printed.
"""


@rules_group.command("schema", epilog=SCHEMA_EPILOG)
def schema() -> None:
    """Print the JSON Schema of a rule file (for editors: see docs/rules.md)."""
    from assurance.authoring.schema import schema_text

    click.echo(schema_text(), nl=False)
    raise SystemExit(EXIT_OK)


DOCS_EPILOG = """\b
Examples:
  assure rules docs > docs/rules.md
  assure rules docs our-rules > our-rules/README.md
  assure rules docs --check docs/rules.md

\b
Exit codes: 0 printed, or up to date (--check); 1 out of date (--check); 2 the
rules have problems (every one is listed).
"""


@rules_group.command("docs", epilog=DOCS_EPILOG)
@paths_argument
@click.option("--check", "check", type=click.Path(dir_okay=False, path_type=Path),
              help="Compare with this file instead of printing; exit 1 if it differs.")
def docs(paths: tuple[Path, ...], check: Path | None) -> None:
    """Print the rules' documentation (Markdown) generated from the rule files.

    Without PATH, the built-in rules: assure rules docs > docs/rules.md.
    """
    from assurance.authoring.docs import rules_markdown

    rule_set = _load_paths(paths)
    text = rules_markdown(rule_set.rules, rule_set.packs)
    if check is None:
        click.echo(text, nl=False)
        raise SystemExit(EXIT_OK)
    current = check.read_text(encoding="utf-8") if check.is_file() else ""
    if current == text:
        click.echo(f"{check} is up to date")
        raise SystemExit(EXIT_OK)
    click.echo(f"{check} is out of date: regenerate it with assure rules docs > {check}",
               err=True)
    raise SystemExit(EXIT_FINDINGS)

