"""``assure explain``: why a finding was raised, or why a rule did not fire.

Both read a run directory: ``findings.json`` (the findings and their evidence) and
``facts.json`` (every fact the rules saw). The rule is found by its code among the
built-in rules and any ``--rules`` folders; the run's ``manifest.json`` names the
packs and their versions, and ``rule_settings`` there (when the run recorded them)
give the settings the run used.

Why a finding: the rule is matched again against the run's facts with the engine, and
each match that makes up the finding is shown: every fact, which of the rule's
conditions it met with what value, how it joined, its numbers, and where it came from
(file and row, or for a summary every row behind it).

Why not: :func:`assurance.authoring.evaluate.diagnose` on the run's facts, optionally
for one theme: the first condition no fact met, how many facts met each, and the
nearest candidates with what they lacked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assurance._resources import builtin_rules_dir
from assurance.authoring.evaluate import (
    Diagnosis,
    accepts,
    check_conditions,
    diagnose,
    fact_label,
    fact_sources,
    numbers_of,
    where_written,
)
from assurance.engine import run_rules
from assurance.errors import RuleError, RunError
from assurance.facts import FactSet
from assurance.findings import build_findings, evidence_label
from assurance.render.run import load_run
from assurance.rules import RuleSpec, read_rule_folder
from assurance.vocabulary import ThemeVocabulary, nearest, theme_vocabulary

Fact = dict[str, object]


@dataclass
class RunRecord:
    """What ``assure explain`` reads from a run directory."""

    path: Path
    period: str
    findings: list[dict[str, object]]
    facts: dict[str, Fact]
    manifest: dict[str, object] = field(default_factory=dict)

    def finding(self, finding_id: str) -> dict[str, object]:
        for finding in self.findings:
            if finding["id"] == finding_id:
                return finding
        ids = [str(f["id"]) for f in self.findings]
        guess = nearest(finding_id, ids)
        hint = f"; did you mean '{guess}'?" if guess else (
            f" (the run has {len(ids)} finding(s): see findings.csv or report.html)")
        raise RunError(f"{self.path}: no finding '{finding_id}'{hint}")


def read_run(run_dir: Path) -> RunRecord:
    """The findings, facts and manifest of a run directory."""
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise RunError(f"{run_dir}: no such run directory (write one with assure triangulate "
                       "PACK --out DIR)")
    findings = [f.to_json() for f in load_run(run_dir).findings if f.status != "resolved"]
    facts = _read_json(run_dir / "facts.json", "facts")
    manifest_path = run_dir / "manifest.json"
    manifest = _read_json(manifest_path, None) if manifest_path.is_file() else {}
    period = facts.get("period") or next((f["period"] for f in findings), "")
    return RunRecord(run_dir, str(period), findings,
                     {str(f["id"]): f for f in facts.get("facts") or []}, manifest)


def _read_json(path: Path, key: str | None) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunError(f"{path.parent}: not a complete run directory (no {path.name}); "
                       "run assure triangulate again") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise RunError(f"{path}: unreadable ({error})") from None
    if not isinstance(data, dict) or (key is not None and key not in data):
        raise RunError(f"{path}: not what assure triangulate writes (no '{key}')")
    return data


def find_rule(code: str, rule_folders: Iterable[Path] = (), run: RunRecord | None = None
              ) -> RuleSpec:
    """The rule with ``code`` among the built-in rules and ``rule_folders``.

    Other rules may be broken: only this one must load. Settings recorded in the run's
    manifest (``rule_settings``) are applied, so the rule is the one the run used.
    """
    code = code.strip().upper()
    known: list[str] = []
    for folder in [builtin_rules_dir(), *map(Path, rule_folders)]:
        if not folder.is_dir():
            raise RunError(f"--rules {folder}: no such rules folder")
        parsed, _, _ = read_rule_folder(folder)
        for one in parsed:
            if one.rule is None:
                continue
            known.append(one.rule.code)
            if one.rule.code == code or code in one.rule.replaces:
                if one.problems:
                    raise RuleError(f"rule {code} ({one.label}) has problems", one.problems)
                return _with_run_settings(one.rule, run)
    guess = nearest(code, known)
    hint = f"; did you mean '{guess}'?" if guess else ""
    packs = (run.manifest.get("rule_packs") or []) if run else []
    used = [f"{p.get('name')} {p.get('version')}" for p in packs  # type: ignore[union-attr]
            if isinstance(p, dict) and p.get("name") != "core"]
    where = (f"the run also used the rule pack(s) {', '.join(used)}: give its folder with "
             "--rules DIR" if used else "a partnership's own rules: give their folder with "
             "--rules DIR")
    raise RunError(f"no rule has the code '{code}'{hint} ({where})")


def _with_run_settings(rule: RuleSpec, run: RunRecord | None) -> RuleSpec:
    recorded = (run.manifest.get("rule_settings") or {}) if run else {}
    overrides = recorded.get(rule.code) if isinstance(recorded, dict) else None
    return rule.with_settings(overrides) if isinstance(overrides, dict) else rule


# --- why a finding ----------------------------------------------------------------


@dataclass
class Source:
    """A row of the evidence pack behind a fact."""

    place: str  # file:row
    label: str = ""


@dataclass
class MatchedFact:
    alias: str
    role: str
    fact: str
    id: str
    label: str
    theme: str
    location: str  # where the pattern is written in the rule file
    conditions: list[str]  # "variation is special_cause_concern: yes (special_cause_concern)"
    joins: list[str]
    numbers: dict[str, object]
    sources: list[Source]


@dataclass
class RulePart:
    """One rule's part in a finding: each of its matches, fact by fact."""

    rule: RuleSpec
    matches: list[list[MatchedFact]]
    note: str = ""  # when the rule no longer reproduces its part


@dataclass
class FindingExplanation:
    """Why a finding was raised: every rule that contributed, leading rule first.

    Related findings on a theme are one finding (:mod:`assurance.findings`), so a
    finding may rest on several rules; each is matched again against the run's facts.
    """

    finding: dict[str, object]
    parts: list[RulePart]
    notes: list[str] = field(default_factory=list)
    recorded: list[MatchedFact] = field(default_factory=list)  # when no rule reproduces it

    @property
    def rule(self) -> RuleSpec:
        return self.parts[0].rule

    def to_dict(self) -> dict[str, object]:
        return {
            "finding": {k: self.finding.get(k) for k in (
                "id", "kind", "title", "theme", "severity", "confidence", "confidence_reason",
                "narrative", "period")},
            "rules": [{**_rule_summary(part.rule), "note": part.note,
                       "matches": [[asdict(m) for m in match] for match in part.matches]}
                      for part in self.parts],
            "notes": self.notes,
            "recorded_evidence": [asdict(m) for m in self.recorded],
        }


def _rule_summary(rule: RuleSpec) -> dict[str, object]:
    return {"code": rule.code, "name": rule.name, "title": rule.title, "file": rule.file,
            "pack": rule.pack.name, "version": rule.pack.version,
            "description": rule.description, "why": rule.why, "settings": dict(rule.settings)}


def explain_finding(run: RunRecord, finding_id: str, rule_folders: Iterable[Path] = (),
                    themes: ThemeVocabulary | None = None) -> FindingExplanation:
    """Why ``finding_id`` was raised: its rules, each match and each fact's origin."""
    themes = themes or theme_vocabulary()
    finding = run.finding(finding_id)
    references = finding.get("rules") or [finding.get("rule") or {}]
    parts: list[RulePart] = []
    notes: list[str] = []
    first_error: RunError | None = None
    for reference in references:  # type: ignore[union-attr]
        code = str(reference.get("code", ""))
        try:
            rule = find_rule(code, rule_folders, run)
        except RunError as error:
            first_error = first_error or error
            notes.append(f"{code} (pack {reference.get('pack', '?')} "
                         f"{reference.get('version', '')}) also contributed; give its rule "
                         "pack's folder with --rules DIR to see its part.")
            continue
        parts.append(_rule_part(run, rule, finding_id, themes))
    if not parts:
        assert first_error is not None
        raise first_error
    recorded = []
    if not any(part.matches for part in parts):
        recorded = [_recorded(e) for e in finding.get("evidence") or []]  # type: ignore[union-attr]
        notes.append("The evidence the run recorded is listed instead.")
    return FindingExplanation(finding, parts, notes, recorded)


def _rule_part(run: RunRecord, rule: RuleSpec, finding_id: str,
               themes: ThemeVocabulary) -> RulePart:
    """The rule matched again on the run's facts: the matches that make this finding."""
    facts = run.facts
    candidates = [f for f in facts.values()
                  if any(accepts(p, f, rule, themes) for p in rule.patterns)]
    matches = run_rules([rule], candidates, themes, run_id="explain") if candidates else []
    fact_set = FactSet(facts=dict(facts))
    mine = [match for match in matches
            if [f.id for f in build_findings([match], fact_set, themes, run.period, "")]
            == [finding_id]]
    explained = [[_matched_fact(rule, alias, facts[fact_id], facts, themes)
                  for alias, fact_id in match.bindings] for match in mine]
    note = "" if mine else (
        f"{rule.code} no longer raises this finding from the run's facts: the rule "
        f"({rule.file}) or its settings have changed since the run.")
    return RulePart(rule, explained, note)


def _matched_fact(rule: RuleSpec, alias: str, fact: Fact, facts: Mapping[str, Fact],
                  themes: ThemeVocabulary) -> MatchedFact:
    pattern = rule.pattern(alias)
    conditions = [f"{r.condition}: {_shown(r.actual)}" for r in check_conditions(pattern, fact,
                                                                                 rule, themes)]
    joins = [f"{join.field} = {join.alias}.{join.other_field}: "
             f"{_shown(fact.get(join.field))}" for join in pattern.joins]
    return MatchedFact(alias, pattern.role, str(fact["fact"]), str(fact["id"]),
                       fact_label(fact, themes),
                       str(fact.get("theme") or ""), where_written(rule, pattern.line,
                                                                   pattern.column),
                       conditions, joins, numbers_of(fact), _sources(fact, facts))


def _sources(fact: Fact, facts: Mapping[str, Fact]) -> list[Source]:
    """The rows behind a fact: its own source, or each evidence item's."""
    own = [Source(place) for place in fact_sources(fact)]
    if own:
        return own
    rows = []
    for item in fact.get("evidence") or []:  # type: ignore[union-attr]
        behind = facts.get(str(item))
        if behind is None or behind is fact:
            continue
        rows += [Source(place, evidence_label(behind)) for place in fact_sources(behind)]
    return sorted(rows, key=_file_and_row)


def _file_and_row(source: Source) -> tuple[str, int, str]:
    file, _, row = source.place.rpartition(":")
    return (file, int(row), "") if row.isdigit() else (source.place, 0, "")


def _recorded(entry: Mapping[str, object]) -> MatchedFact:
    place = f"{entry.get('file', '')}:{entry.get('row', '')}".strip(":")
    return MatchedFact("", str(entry.get("role", "")), str(entry.get("fact", "")),
                       str(entry.get("id", "")), str(entry.get("label", "")),
                       str(entry.get("theme", "")), "", [], [], {},
                       [Source(place)] if place else [])


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "not recorded" if value is None else str(value)


# --- why not ----------------------------------------------------------------------


@dataclass
class RuleExplanation:
    rule: RuleSpec
    theme: str | None
    diagnosis: Diagnosis
    findings: list[str]  # ids of the run's findings by this rule (on the theme)

    def to_dict(self) -> dict[str, object]:
        return {"rule": _rule_summary(self.rule), "theme": self.theme,
                "findings": self.findings, "fires": self.diagnosis.fires,
                "verdict": self.diagnosis.verdict,
                "patterns": [asdict(p) for p in self.diagnosis.patterns],
                "matches": self.diagnosis.matches[:20]}


def explain_rule(run: RunRecord, code: str, theme: str | None = None,
                 rule_folders: Sequence[Path] = (),
                 themes: ThemeVocabulary | None = None) -> RuleExplanation:
    """Why a rule fired or did not on the run's facts (on one theme, if given)."""
    themes = themes or theme_vocabulary()
    theme_id = None
    if theme:
        theme_id = themes.resolve(theme)
        if theme_id is None:
            guess = themes.suggest(theme)
            raise RunError(f"--theme: unknown theme '{theme}'"
                           + (f"; did you mean '{guess}'?" if guess else ""))
    rule = find_rule(code, rule_folders, run)
    diagnosis = diagnose(rule, run.facts.values(), themes, theme_id)
    # a rule that contributed to a merged finding raised it as much as the rule leading it
    raised = [str(f["id"]) for f in run.findings
              if rule.code in {str(r.get("code")) for r in f.get("rules") or [f.get("rule")]}  # type: ignore[union-attr]
              and (theme_id is None or f.get("theme") == theme_id)]
    if diagnosis.fires and not raised:
        diagnosis.verdict += (" The run raised no such finding: the rule was switched off "
                              "there (rules: disable in the evidence pack's pack.yaml), or it "
                              "or its settings have changed since.")
    return RuleExplanation(rule, theme_id, diagnosis, raised)
