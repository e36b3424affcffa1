"""Findings: rule firings grouped into Strengths, Risks and KLOE, each with a stable id,
a plain-English narrative, a confidence and every piece of evidence behind it.

Grouping: the firings of one rule on one theme (and on the rule's ``group_by`` fields)
are one finding, so three worsening neglect indicators corroborated by one audit
summary read as one risk with three signals, not three risks.

The id depends only on the rule, the theme and the group, never on values or the
period, so the same finding next quarter keeps its id and can be tracked as new,
continuing or resolved.

Confidence (documented in the README): high when three or more independent kinds of
source agree, moderate for two, low for one; one level lower when all the dated
evidence is more than six months old at the period's end, or when qualitative evidence
rests on fewer than five cases and respondents in all. A finding about what the pack
contains (a coverage gap, a stale return, the audit programme) is a matter of record:
high.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from assurance.engine import Match
from assurance.facts import FactSet, source_type
from assurance.periods import months_before
from assurance.rules import PAG_QUESTIONS, RuleSpec
from assurance.vocabulary import ThemeVocabulary

INDEPENDENT_SOURCES = ("quantity", "audit", "review", "child_voice", "practitioner_voice",
                       "subgroup", "section11")
RECORD_KINDS = frozenset({"coverage", "audit_programme", "stale_return"})
LEVELS = ("low", "moderate", "high")
SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
KIND_ORDER = {"risk": 0, "kloe": 1, "strength": 2}
SOURCE_NAMES = {
    "quantity": "indicator data", "audit": "case-file audit", "review": "learning review",
    "child_voice": "voice of children and families", "practitioner_voice": "practitioner voice",
    "subgroup": "sub-group report", "section11": "Section 11 self-assessment",
    "action": "action plan", "coverage": "evidence coverage",
}
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def _theme_of(rule: RuleSpec, facts: Mapping[str, Mapping[str, object]]) -> str:
    if rule.theme:
        return rule.theme
    aliases = [rule.theme_from] if rule.theme_from else [p.alias for p in rule.patterns]
    for alias in aliases:
        theme = facts[alias].get("theme") if alias in facts else None
        if theme:
            return str(theme)
    return ""


def _group_key(rule: RuleSpec, facts: Mapping[str, Mapping[str, object]], theme: str) -> tuple[str, ...]:
    values = []
    for spec in rule.group_by:
        alias, _, name = spec.partition(".")
        values.append(str(facts.get(alias, {}).get(name, "")) if name else spec)
    return (rule.code, theme, *values)


def stable_id(key: tuple[str, ...]) -> str:
    digest = hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:8]
    theme = key[1] or "partnership"
    return f"{key[0]}-{theme}-{digest}"


def build_findings(matches: Iterable[Match], facts: FactSet, themes: ThemeVocabulary,
                   period: str, partnership: str) -> list[dict[str, object]]:
    groups: dict[tuple[str, ...], list[tuple[Match, dict[str, Mapping[str, object]]]]] = defaultdict(list)
    rules: dict[tuple[str, ...], RuleSpec] = {}
    for match in matches:
        bound = {alias: facts.facts[fact_id] for alias, fact_id in match.bindings}
        theme = _theme_of(match.rule, bound)
        key = _group_key(match.rule, bound, theme)
        groups[key].append((match, bound))
        rules[key] = match.rule
    findings = [
        _finding(key, rules[key], group, facts, themes, period, partnership)
        for key, group in groups.items()
    ]
    return sort_findings(findings)


def sort_findings(findings: list[dict[str, object]]) -> list[dict[str, object]]:
    return sorted(findings, key=lambda f: (KIND_ORDER[str(f["kind"])],
                                           SEVERITY_ORDER[str(f["severity"])], str(f["id"])))


def _finding(key: tuple[str, ...], rule: RuleSpec,
             group: list[tuple[Match, dict[str, Mapping[str, object]]]], facts: FactSet,
             themes: ThemeVocabulary, period: str, partnership: str) -> dict[str, object]:
    theme = key[1]
    evidence_facts: dict[str, tuple[str, Mapping[str, object]]] = {}
    for _, bound in group:
        for pattern in rule.patterns:
            for fact in _expand(bound[pattern.alias], facts):
                evidence_facts.setdefault(str(fact["id"]), (pattern.role, fact))
    evidence = [_evidence_entry(fid, role, fact) for fid, (role, fact) in evidence_facts.items()]
    evidence.sort(key=lambda e: (e["role"] != "supporting", e["source_type"], e["id"]))
    context = {"theme": themes.label(theme) if theme else "the partnership", "period": period,
               "partnership": partnership}
    sentences = _unique(render_template(rule.narrative, bound, rule, context) for _, bound in group)
    confidence, reason = assess_confidence([f for _, f in evidence_facts.values()],
                                           [b for _, b in group], facts.period_end)
    narrative = " ".join([*sentences, _sources_sentence(evidence)])
    return {
        "id": stable_id(key),
        "kind": rule.raises,
        "title": f"{context['theme'][:1].upper()}{context['theme'][1:]}: {rule.title}",
        "narrative": narrative,
        "theme": theme,
        "theme_label": themes.label(theme) if theme else "",
        "agencies": _agencies(f for _, f in evidence_facts.values()),
        "period": period,
        "pag_question": rule.pag_question,
        "pag_question_text": PAG_QUESTIONS[rule.pag_question],
        "severity": rule.severity,
        "confidence": confidence,
        "confidence_reason": reason,
        "status": "new",
        "rule": {"code": rule.code, "name": rule.name, "title": rule.title,
                 "pack": rule.pack.name, "version": rule.pack.version, "file": rule.file},
        "matches": len(group),
        "evidence": evidence,
    }


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _expand(fact: Mapping[str, object], facts: FactSet) -> list[Mapping[str, object]]:
    """A summary fact stands for the rows behind it: the finding cites each of them."""
    behind = [facts.facts[i] for i in fact.get("evidence", []) or [] if i in facts.facts  # type: ignore[union-attr]
              and i != fact["id"]]
    return [fact, *behind]


def format_value(value: object) -> str:
    if value is None or value == "":
        return "not recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.0f}"
    return str(value).replace("_", " ") if isinstance(value, str) and " " not in value and "_" in value else str(value)


def render_template(template: str, bound: Mapping[str, Mapping[str, object]], rule: RuleSpec,
                    context: Mapping[str, str]) -> str:
    def substitute(match: re.Match[str]) -> str:
        alias, _, name = match[1].partition(".")
        if not name:
            return context.get(alias, match[0])
        if alias == "settings":
            return format_value(rule.settings.get(name))
        return format_value(bound.get(alias, {}).get(name))

    return " ".join(_PLACEHOLDER.sub(substitute, template).split())


def _sources_sentence(evidence: list[dict[str, object]]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for entry in evidence:
        if entry["fact"] not in RECORD_KINDS and not str(entry["fact"]).endswith("_summary"):
            counts[str(entry["source_type"])] += 1
    if not counts:
        return ""
    parts = [f"{SOURCE_NAMES.get(kind, kind)} ({count})" for kind, count in sorted(counts.items())]
    dates = sorted(str(e["date"]) for e in evidence if e.get("date"))
    since = f" Earliest evidence: {dates[0]}." if dates else ""
    return f"Sources: {', '.join(parts)}.{since}"


def _source_location(fact: Mapping[str, object]) -> tuple[str, int | None, list[int]]:
    """File and row(s) of a fact: ``{"file", "row"}`` for a row, ``["file:row", ...]``
    for a signal computed from several rows."""
    source = fact.get("source") or {}
    if isinstance(source, dict):
        row = source.get("row")
        return str(source.get("file", "")), row, [row] if row is not None else []
    places = [str(place).rpartition(":") for place in source]  # type: ignore[union-attr]
    rows = [int(row) for _, _, row in places if row.isdigit()]
    return (places[0][0] if places else ""), (rows[-1] if rows else None), rows


def _evidence_entry(fact_id: str, role: str, fact: Mapping[str, object]) -> dict[str, object]:
    file, row, rows = _source_location(fact)
    return {
        "id": fact_id,
        "role": role,
        "fact": fact["fact"],
        "source_type": source_type(dict(fact)),
        "theme": fact.get("theme", ""),
        "label": evidence_label(fact),
        "text": str(fact.get("text") or fact.get("learning") or fact.get("evidence_text")
                    or fact.get("impact") or ""),
        "file": file,
        "row": row,
        "rows": rows,
        "date": str(fact.get("date") or fact.get("latest_period") or fact.get("period") or ""),
        "agency": str(fact.get("agency") or fact.get("owner_agency") or ""),
    }


def evidence_label(fact: Mapping[str, object]) -> str:
    kind = fact["fact"]
    labels = {
        "spc": lambda f: f"{f['label']}: {format_value(f['variation'])} "
                         f"(latest {format_value(f['latest_value'])} in {f['latest_period']})",
        "target": lambda f: f"{f['label']}: {format_value(f['latest_value'])} against target "
                            f"{format_value(f['target'])} ± {format_value(f['tolerance'])}",
        "benchmark": lambda f: f"{f['label']}: {format_value(f['value'])} against "
                               f"{format_value(f['comparator'])} {format_value(f['benchmark_value'])}",
        "disparity": lambda f: f"{f['label']}: {f['dimension']}={f['group']} "
                               f"{format_value(f['group_value'])} against {format_value(f['overall_value'])} overall",
        "audit_finding": lambda f: f"{f.get('title') or f['audit_id']} ({format_value(f['finding'])}, "
                                   f"{format_value(f.get('grade'))})",
        "review_learning": lambda f: f"{format_value(f['type'])} {f['review_id']}",
        "voice": lambda f: f"{format_value(f['voice_of'])} voice, {f['sentiment']} "
                           f"({format_value(f.get('source'))})",
        "subgroup_report": lambda f: f"{f['subgroup']} report {f['period']}: {f['rag']}, "
                                     f"{format_value(f.get('assurance'))}",
        "section11": lambda f: f"Section 11 {f['agency']}: {f['standard']} {format_value(f['rating'])}",
        "action": lambda f: f"Action {f['action_id']} ({f['status']}) from {f['source_id']}",
        "stale_return": lambda f: f"{f['label']} from {f['agency'] or 'the source agency'}: latest "
                                  f"{f['latest_period']}, {f['periods_behind']} period(s) behind",
    }
    make = labels.get(str(kind))
    if make is not None:
        return make(defaultdict(lambda: None, fact))  # example facts may be partial
    return f"{format_value(kind)} ({fact.get('theme') or 'partnership'})"


def _agencies(facts: Iterable[Mapping[str, object]]) -> list[str]:
    names: dict[str, str] = {}
    for fact in facts:
        for key in ("agency", "owner_agency"):
            value = str(fact.get(key) or "").strip()
            if value:
                names.setdefault(value.lower(), value)
    return sorted(names.values(), key=str.lower)


def assess_confidence(evidence: list[Mapping[str, object]],
                      bindings: list[Mapping[str, Mapping[str, object]]],
                      period_end: date | None) -> tuple[str, str]:
    bound_kinds = {str(f["fact"]) for b in bindings for f in b.values()}
    if bound_kinds <= RECORD_KINDS:
        return "high", "a matter of record: what the evidence pack does and does not contain"
    kinds = sorted({source_type(dict(f)) for f in evidence} & set(INDEPENDENT_SOURCES))
    level = max(0, min(len(kinds), 3) - 1)
    reasons = [f"{len(kinds)} independent kind(s) of source agree"
               + (f" ({', '.join(SOURCE_NAMES[k] for k in kinds)})" if kinds else "")]
    dated = [date.fromisoformat(str(f["date"])) for f in evidence if _is_iso_date(f.get("date"))]
    if period_end and dated and max(dated) < months_before(period_end, 6):
        level = max(level - 1, 0)
        reasons.append("all dated evidence is more than six months old")
    qualitative = [f for f in evidence if f["fact"] in {"audit_finding", "voice"}]
    size = sum(int(f.get("cases") or f.get("respondents") or 0) for f in qualitative)  # type: ignore[call-overload]
    if qualitative and "quantity" not in kinds and size < 5:
        level = max(level - 1, 0)
        reasons.append(f"qualitative evidence rests on {size} case(s) and respondent(s)")
    return LEVELS[level], "; ".join(reasons)


def _is_iso_date(value: object) -> bool:
    return isinstance(value, str) and bool(re.match(r"^\d{4}-\d{2}-\d{2}$", value))


def mark_status(findings: list[dict[str, object]],
                previous: list[dict[str, object]] | None) -> list[dict[str, object]]:
    """Mark each finding new or continuing; return the previous run's resolved ones."""
    if previous is None:
        return []
    before = {str(f["id"]): f for f in previous}
    for finding in findings:
        finding["status"] = "continuing" if finding["id"] in before else "new"
    now = {str(f["id"]) for f in findings}
    return [{"id": f["id"], "kind": f["kind"], "title": f["title"], "theme": f["theme"],
             "severity": f["severity"], "status": "resolved"}
            for fid, f in sorted(before.items()) if fid not in now]
