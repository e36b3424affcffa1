"""The whole run, stage by stage: pack → graph → signals → facts → rules → findings →
provenance (signals and findings written into the graph with PROV-O).

:func:`triangulate` returns a :class:`Run` in memory; :mod:`assurance.outputs` writes it.
A ``progress`` callback, if given, is told the name of each stage as it starts, so the
command line can show progress without the library printing anything.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph

from assurance import __version__
from assurance.engine import Match, run_rules
from assurance.errors import RunError
from assurance.facts import FactSet, build_facts
from assurance.findings import build_findings, mark_status
from assurance.graph import add_findings, add_signals, build_graph
from assurance.ingest import load_pack
from assurance.model import EvidencePack, Period
from assurance.periods import PeriodParseError, parse_period
from assurance.render.run import load_run
from assurance.results import Finding
from assurance.rules import RuleSet, load_rules
from assurance.signals import SignalSet, compute_signals
from assurance.vocabulary import ThemeVocabulary, theme_vocabulary

STAGES = ("ingest", "graph", "signals", "facts", "rules", "findings", "provenance")
Progress = Callable[[str], None]


@dataclass
class Run:
    """Everything a run produced, before it is written anywhere."""

    pack: EvidencePack
    rules: RuleSet
    signals: SignalSet
    facts: FactSet
    matches: list[Match]
    findings: list[Finding]
    resolved: list[Finding] = field(default_factory=list)
    graph: Graph | None = None
    timings: dict[str, float] = field(default_factory=dict)
    previous: Path | None = None  # the run compared with (--previous), if any

    @property
    def period(self) -> Period:
        return self.pack.manifest.period


def _override_period(pack: EvidencePack, period: str | None) -> EvidencePack:
    if period is None:
        return pack
    try:
        chosen = parse_period(period)
    except PeriodParseError as error:
        raise RunError(f"--period: {error}") from None
    return replace(pack, manifest=replace(pack.manifest, period=chosen))


def load_previous_findings(run_dir: Path) -> list[Finding]:
    """The findings of a previous run, read as ``assure report`` reads them."""
    return [f for f in load_run(Path(run_dir)).findings if f.status != "resolved"]


def rules_for_pack(pack: EvidencePack, rule_folders: Iterable[Path]) -> RuleSet:
    """The rules, with the pack's own switches and settings (``rules:`` in pack.yaml)."""
    options = pack.manifest.settings
    disable = options.get("disable") or []
    disabled = [disable] if isinstance(disable, str) else [str(code) for code in disable]  # type: ignore[union-attr]
    # passed as given: load_rules reports a setting of the wrong shape, located
    settings = _without_legacy_minimum(options.get("settings") or {})
    return load_rules(rule_folders, disabled=disabled, settings=settings)  # type: ignore[arg-type]


def _without_legacy_minimum(settings: object) -> object:
    """LN03's ``minimum`` setting, from before ``audit_minimum`` in pack.yaml: the facts
    stage reads it as the pack's minimum; the rule no longer has the setting."""
    if not isinstance(settings, dict) or not isinstance(settings.get("LN03"), dict):
        return settings
    ln03 = {k: v for k, v in settings["LN03"].items() if k != "minimum"}
    rest = {k: v for k, v in settings.items() if k != "LN03"}
    return {**rest, "LN03": ln03} if ln03 else rest


def triangulate(
    pack_location: str | Path,
    *,
    rule_folders: Iterable[Path] = (),
    period: str | None = None,
    previous: Path | None = None,
    redact: bool = False,
    progress: Progress | None = None,
    themes: ThemeVocabulary | None = None,
) -> Run:
    """Run the engine on an evidence pack and return the findings with their evidence."""
    tell = progress or (lambda stage: None)
    themes = themes or theme_vocabulary()
    timings: dict[str, float] = {}

    def stage(name: str) -> None:
        timings[name] = time.perf_counter()
        tell(name)

    stage("ingest")
    pack = _override_period(load_pack(pack_location, redact=redact), period)
    rules = rules_for_pack(pack, rule_folders)
    previous_findings = load_previous_findings(previous) if previous else None
    stage("graph")
    graph = build_graph(pack)
    stage("signals")
    signals = compute_signals(pack.tables, pack.tables["catalogue"], pack.manifest.period.end)
    signal_facts = [*signals.spc, *signals.target, *signals.benchmark, *signals.disparity]
    stage("facts")
    facts = build_facts(pack, signal_facts, themes)
    stage("rules")
    matches = run_rules(rules.rules, facts.facts.values(), themes, run_id=pack.manifest.id)
    stage("findings")
    findings = build_findings(
        matches, facts, themes, pack.manifest.period.label, pack.manifest.partnership
    )
    findings, resolved = mark_status(findings, previous_findings)
    stage("provenance")
    # signals, summaries and coverage; the rows themselves are in the graph already
    add_signals(graph, list(facts.facts.values()))
    add_findings(graph, [f.to_json() for f in findings], _run_description(pack, rules))
    timings["end"] = time.perf_counter()
    return Run(
        pack,
        rules,
        signals,
        facts,
        matches,
        findings,
        resolved,
        graph,
        _durations(timings),
        previous,
    )


def _durations(marks: dict[str, float]) -> dict[str, float]:
    names = list(marks)
    return {name: round(marks[after] - marks[name], 4) for name, after in itertools.pairwise(names)}


def _run_description(pack: EvidencePack, rules: RuleSet) -> dict[str, object]:
    return {
        "id": f"{pack.manifest.id}-{pack.manifest.period.label.replace(' ', '-')}",
        "pack": pack.manifest.id,
        "period": pack.manifest.period.label,
        "engine_version": __version__,
        "rule_packs": [{"name": p.name, "version": p.version} for p in rules.packs],
    }
