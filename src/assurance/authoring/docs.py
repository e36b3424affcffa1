"""``docs/rules.md``, generated from the rule files (sqlfluff and ruff generate theirs).

A rule is its own documentation: its description, why, what it matches, its settings,
narrative, examples and references. The page adds what an author needs beside them:
the rule format, the operators, every fact and field a rule can match (from
:data:`assurance.kinds.FACT_FIELDS`), the themes (from the SKOS scheme) and the PAG
questions. The output is deterministic, and a test compares it with the committed
``docs/rules.md``, so the page cannot drift from the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assurance.authoring.evaluate import wanted_text
from assurance.authoring.schema import OPERATOR_HELP
from assurance.kinds import FACT_FIELDS
from assurance.kinds import FACT_KINDS as REGISTERED_FACTS
from assurance.rules import (
    PAG_QUESTIONS,
    Example,
    Pattern,
    RulePackInfo,
    RuleSpec,
)
from assurance.vocabulary import ThemeVocabulary, theme_vocabulary

GENERATED_NOTE = (
    "<!-- Generated from the rule files by `assure rules docs > docs/rules.md`. Do not edit:\n"
    "     edit the rule files and regenerate; a test fails when this page drifts. -->"
)

#: What each kind of fact is, one per what (declared by its kind of evidence).
FACT_KINDS = {name: kind.about for name, kind in REGISTERED_FACTS.items()}

#: The keys of a rule file, in the order the page lists them.
RULE_KEY_HELP = (
    ("code", True, "A short code that never changes (`TR01`): 2–4 capitals and 2–3 digits. "
                   "Never reuse a retired code."),
    ("name", True, "Dotted lower-case words (`triangulation.convergent_risk`)."),
    ("title", True, "One line: what the finding is. The finding's title is the theme and "
                    "this."),
    ("raises", True, "`strength`, `risk` or `kloe` (a Key Line of Enquiry)."),
    ("severity", True, "`low`, `medium`, `high` or `critical`."),
    ("pag_question", True, "Which of the five PAG questions the finding answers (1–5)."),
    ("description", True, "What the rule checks, in a sentence or two."),
    ("why", True, "Why it matters to the partnership, and which framework asks for it."),
    ("references", False, "Frameworks, reviews and guidance the rule rests on."),
    ("settings", False, "Numbers or words a partnership may change: `name: default`, "
                        "used as `$name` in conditions and `{settings.name}` in the narrative."),
    ("match", True, "The facts the rule matches: a list of entries, each `as` (an alias), "
                    "`fact` (a kind of fact), `where` (conditions), `join` (fields equal to an "
                    "earlier entry's) and `role` (`supporting`, or `contradicting`)."),
    ("narrative", True, "The finding's text: `{alias.field}`, `{settings.name}`, `{theme}`, "
                        "`{period}`, `{partnership}`."),
    ("examples", True, "The rule's tests: at least one where it fires and one where it does "
                       "not. Each has a `name`, `given` facts and `expect` (`fires`, and "
                       "optionally `kind`, `theme`, `severity`, `count`...)."),
    ("theme", False, "Raise every finding on this theme, whatever the facts' themes."),
    ("theme_from", False, "The alias whose theme is the finding's (default: the first)."),
    ("group_by", False, "`alias.field` entries: one finding per value (e.g. per agency) "
                        "instead of one per theme."),
    ("replaces", False, "Codes this rule replaces; they stay reserved."),
)


def rules_markdown(rules: Sequence[RuleSpec], packs: Sequence[RulePackInfo],
                   themes: ThemeVocabulary | None = None) -> str:
    """The whole page."""
    themes = themes or theme_vocabulary()
    ordered = sorted(rules, key=lambda r: r.code)
    out: list[str] = [
        GENERATED_NOTE, "",
        "# Assurance rules", "",
        "Every assurance check the engine runs is a rule file: YAML, one rule per file, never "
        "code, so a rule pack from another partnership can be run safely. This page is "
        "generated from the rule files. New to writing rules? Start with "
        "[Write your first assurance check](tutorial-first-rule.md).", "",
        "- [Rule packs](#rule-packs)",
        "- [The rules](#the-rules)",
        "- [Writing a rule](#writing-a-rule)",
        "- [Facts and fields](#facts-and-fields)",
        "- [Themes](#themes)",
        "- [The PAG questions](#the-pag-questions)", "",
    ]
    out += _packs(ordered, packs)
    out += _index(ordered)
    for rule in ordered:
        out += _rule(rule, themes)
    out += _format()
    out += _facts(ordered)
    out += _themes(themes)
    out += ["## The PAG questions", "",
            "The Performance Analysis Group's five questions (Tees framework); every rule "
            "answers one.", ""]
    out += [f"{number}. {text}" for number, text in PAG_QUESTIONS.items()]
    return "\n".join(out).rstrip("\n") + "\n"


def _cell(value: object) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def _packs(rules: Sequence[RuleSpec], packs: Sequence[RulePackInfo]) -> list[str]:
    out = ["## Rule packs", "",
           "A rule pack is a folder of rules with a `pack.yaml` (name, version, description). "
           "The engine runs the built-in pack and any given with `--rules DIR` (as many as "
           "you like); every run's `manifest.json` records the version of each.", "",
           "| pack | version | rules | description |", "|---|---|---|---|"]
    for pack in packs:
        count = sum(r.pack.name == pack.name for r in rules)
        out.append(f"| {_cell(pack.name)} | {_cell(pack.version)} | {count} | "
                   f"{_cell(pack.description)} |")
    retired = sorted({c for p in packs for c in p.retired})
    if retired:
        out += ["", f"Retired codes, never reused: {', '.join(f'`{c}`' for c in retired)}."]
    out += ["", "A partnership switches built-in rules off, or changes their settings, in its "
            "evidence pack's `pack.yaml`, without editing any rule file:", "",
            "```yaml", "rules:", "  disable: [CV04]", "  settings:",
            "    TR01: {minimum_critical: 2}", "```", "",
            "A pack's `pack.yaml` may also say `leads: true`: its rules then lead the "
            "findings they merge into (title and PAG question). Otherwise the lead is a "
            "built-in rule, then another pack's; among those the most severe, then the "
            "lowest code; every contributing rule is listed.", "",
            "### What a finding rests on", "",
            "A rule decides *that* a finding is raised and what kind; the evidence "
            "assembly decides what it rests on. Rules that raise the same kind on a theme "
            "(and area, and `group_by` values) make one finding; a finding on a broader "
            "theme whose evidence all sits under one narrower finding of the same kind "
            "joins it (one finding per branch of the theme tree). A strength or risk about "
            "a theme then cites every other piece of evidence on its theme and the themes "
            "below it (rows of the last 12 months, the latest report or rating, overdue "
            "actions, the signals of its series in its area), each as supporting or "
            "contradicting by its own direction, and the nearest evidence filed under a "
            "broader theme for any kind of source its branch lacks. A KLOE, and a finding "
            "about one agency or standard, rest on what their rules matched. Confidence "
            "counts the independent kinds of source that support (see the README).", ""]
    return out


def _index(rules: Sequence[RuleSpec]) -> list[str]:
    out = ["## The rules", "", "| code | title | raises | severity | PAG | matches |",
           "|---|---|---|---|---|---|"]
    for rule in rules:
        kinds = ", ".join(dict.fromkeys(f"`{p.fact}`" for p in rule.patterns))
        out.append(f"| [{rule.code}](#{rule.code.lower()}) | {_cell(rule.title)} | "
                   f"{rule.raises} | {rule.severity} | {rule.pag_question} | {kinds} |")
    return [*out, ""]


def _rule(rule: RuleSpec, themes: ThemeVocabulary) -> list[str]:
    link = f"[`{rule.file}`](../{rule.file})" if rule.file.startswith("rules/") else \
        f"`{rule.file}`"
    out = [f'<a id="{rule.code.lower()}"></a>', "",
           f"### {rule.code}: {rule.title}", "",
           f"`{rule.name}` · raises a **{rule.raises}** · severity **{rule.severity}** · "
           f"PAG question {rule.pag_question} · {link}", "",
           f"**What it does.** {' '.join(rule.description.split())}", "",
           f"**Why.** {' '.join(rule.why.split())}", "",
           "**What it matches.**", ""]
    for index, pattern in enumerate(rule.patterns, start=1):
        out += _pattern(index, pattern, rule)
    out += ["", _grouping(rule, themes), ""]
    if rule.settings:
        code = rule.code
        first = next(iter(rule.settings))
        out += [f"**Settings**, which a partnership may change in its pack.yaml "
                f"(`rules: {{settings: {{{code}: {{{first}: ...}}}}}}`):", "",
                "| setting | default |", "|---|---|"]
        out += [f"| `{name}` | {_cell(_value(value))} |" for name, value in rule.settings.items()]
        out.append("")
    out += ["**Narrative.**", "", f"> {' '.join(rule.narrative.split())}", ""]
    if rule.examples:
        out += ["**Examples** (run by `assure rules test` and by pytest).", "",
                "| example | given | expected |", "|---|---|---|"]
        out += [_example(example) for example in rule.examples]
        out.append("")
    if rule.references:
        out += ["**References.**", ""]
        out += [f"- {' '.join(ref.split())}" for ref in rule.references]
        out.append("")
    return out


def rule_section(rule: RuleSpec, themes: ThemeVocabulary | None = None) -> str:
    """One rule's part of the page (``assure rules show``)."""
    lines = _rule(rule, themes or theme_vocabulary())[2:]  # without the link anchor
    return "\n".join(lines).rstrip("\n")


def _pattern(index: int, pattern: Pattern, rule: RuleSpec) -> list[str]:
    article = "an" if pattern.fact[:1] in "aeiou" or pattern.fact == "spc" else "a"
    joins = " and ".join(f"`{j.field}` equal to `{j.alias}.{j.other_field}`"
                         for j in pattern.joins)
    line = f"{index}. `{pattern.alias}`: {article} [`{pattern.fact}`](#fact-{pattern.fact}) fact"
    if joins:
        line += f" with {joins}"
    if pattern.role != "supporting":
        line += f" ({pattern.role})"
    if not pattern.where:
        return [line]
    out = [line + ", where"]
    out += [f"   - `{c.field}` is {_cell(wanted_text(c, rule))}" for c in pattern.where]
    return out


def _grouping(rule: RuleSpec, themes: ThemeVocabulary) -> str:
    if rule.theme:
        theme = f"Findings are always on {themes.label(rule.theme)}"
    else:
        theme = f"The finding's theme is `{rule.theme_from or rule.patterns[0].alias}`'s theme" \
            if rule.patterns else "The finding has no theme"
    per = "one finding per theme"
    if rule.group_by:
        per += " and per " + ", ".join(f"`{g}`" for g in rule.group_by)
    return f"{theme}; {per}."


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(map(_value, value))
    return str(value)


def _example(example: Example) -> str:
    given = "<br>".join(
        f"`{fact['fact']}` " + ", ".join(f"{k}={_value(v)}" for k, v in fact.items()
                                         if k != "fact")
        for fact in example.given) or "(no facts)"
    if example.fires:
        details = ", ".join(f"{k} {_value(v)}" for k, v in example.expect.items())
        expected = "fires" + (f": {details}" if details else "")
    else:
        expected = "no finding"
    return f"| {_cell(example.name)} | {_cell(given)} | {_cell(expected)} |"


def _format() -> list[str]:
    out = ["## Writing a rule", "",
           "A rule file starts with a line that lets an editor (VS Code with the YAML "
           "extension) complete and check it as you type, against the JSON Schema "
           "`rules/schema/rule.schema.json` (printed by `assure rules schema`):", "",
           "```yaml", "# yaml-language-server: $schema=../schema/rule.schema.json", "```", "",
           "`assure rules new` writes a new rule that already passes; `assure rules lint` "
           "lists every problem of every file with its line and column and how to fix it; "
           "`assure rules test` runs the examples; `assure explain RUN_DIR --rule CODE` says "
           "why a rule did or did not fire on a run.", "",
           "| key | required | what it is |", "|---|---|---|"]
    out += [f"| `{key}` | {'yes' if required else ''} | {text} |"
            for key, required, text in RULE_KEY_HELP]
    out += ["", "### Conditions", "",
            "`where` maps a field of the fact to a value (`grade: inadequate`) or to "
            "operators (`critical: {at_least: 2}`); all must hold. A value may be a setting "
            "(`$minimum`).", "",
            "| operator | meaning |", "|---|---|"]
    out += [f"| `{op}` | {text} |" for op, text in OPERATOR_HELP.items()]
    out += ["", "### Joins", "",
            "`join: {theme: signal.theme}` asks for this fact's `theme` to equal the `theme` "
            "of the fact matched as `signal`; `join: theme` is short for joining to the first "
            "entry on the same field. Joined fields must be able to hold the same values: "
            "lint refuses a join that can never match.", "",
            "### Codes and packs", "",
            "Codes never change and are never reused. A rule that replaces another lists the "
            "old code under `replaces`; a pack lists codes it has dropped under `retired` in "
            "its `pack.yaml`. Raise the pack's version whenever a rule changes.", ""]
    return out


def _facts(rules: Iterable[RuleSpec]) -> list[str]:
    users: dict[str, list[str]] = {}
    for rule in rules:
        for kind in dict.fromkeys(p.fact for p in rule.patterns):
            users.setdefault(kind, []).append(rule.code)
    out = ["## Facts and fields", "",
           "What rules match. Every fact also has `id` (unique in the run) and `theme` (a "
           "theme id, or empty), and a finding cites the evidence rows behind each fact it "
           "matched. Dates are ISO text (`2024-08-01`); periods are labels (`2024-25 Q2`).", ""]
    for kind, fields in FACT_FIELDS.items():
        used = ", ".join(f"[{c}](#{c.lower()})" for c in users.get(kind, [])) or "no rule yet"
        out += [f'<a id="fact-{kind}"></a>', "", f"### `{kind}`", "",
                f"{FACT_KINDS.get(kind, '')[:1].upper()}{FACT_KINDS.get(kind, '')[1:]}. "
                f"Used by: {used}.", "",
                "| field | type | values | meaning |", "|---|---|---|---|"]
        for name in sorted(fields, key=lambda n: (n not in {"id", "theme"}, n)):
            spec = fields[name]
            values = ", ".join(f"`{v}`" for v in spec.values)
            out.append(f"| `{name}` | {spec.type} | {values} | {_cell(spec.description)} |")
        out.append("")
    return out


def _themes(themes: ThemeVocabulary) -> list[str]:
    out = ["## Themes", "",
           "Rules and examples name themes by id. `within: exploitation` matches a theme and "
           "every narrower one.", "",
           "| id | label | broader | also called |", "|---|---|---|---|"]
    for theme in sorted(themes.themes.values(), key=lambda t: t.id):
        broader = ", ".join(f"`{b}`" for b in theme.broader)
        out.append(f"| `{theme.id}` | {_cell(theme.label)} | {broader} | "
                   f"{_cell(', '.join(theme.alt_labels))} |")
    return [*out, ""]
