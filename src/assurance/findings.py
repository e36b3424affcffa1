"""Findings: rule firings grouped into Strengths, Risks and KLOE, each with a stable id,
a plain-English narrative, a confidence and every piece of evidence behind it.

Grouping: related findings on one theme are grouped rather than repeated. Every rule
that fires on a theme with the same kind of finding contributes to one finding: three
worsening neglect indicators corroborated by an audit summary, and the review that
says the same, read as one risk with all their evidence, led by the most severe rule
(``rule``) and listing every rule that contributed (``rules``).

A rule's ``group_by`` (one finding per agency, say) keeps its groups apart. The id
depends only on the kind, the theme and those group values, never on values, the
period or which rules fired this time, so the same finding next quarter keeps its id and can be
tracked as new, continuing or resolved.

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
from dataclasses import dataclass, field, replace
from datetime import date

from assurance.assembly import ThemeIndex, assemble
from assurance.engine import Match
from assurance.facts import SOURCE_NAMES, FactSet
from assurance.kinds import (
    EXPECTED_SOURCES,
    FACT_KINDS,
    INDEPENDENT_SOURCES,
    RECORD_FACTS,
    SERIES_FACTS,
    SOURCE_KINDS,
    direction,
    item_text,
    source_type,
)
from assurance.periods import (
    PeriodParseError,
    months_before,
    parse_period,
    period_in_words,
    period_name,
)
from assurance.results import Evidence, Finding, Rule
from assurance.rules import RuleSpec
from assurance.terms import FINDING_KINDS, PAG_QUESTIONS, SEVERITIES, count, format_value
from assurance.vocabulary import ThemeVocabulary

RECORD_KINDS = RECORD_FACTS
LEVELS = ("low", "moderate", "high")
SEVERITY_ORDER = {severity: rank for rank, severity in enumerate(SEVERITIES)}
KIND_ORDER = {kind: rank for rank, kind in enumerate(FINDING_KINDS)}
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _theme_of(rule: RuleSpec, facts: Mapping[str, Mapping[str, object]]) -> str:
    if rule.theme:
        return rule.theme
    aliases = [rule.theme_from] if rule.theme_from else [p.alias for p in rule.patterns]
    for alias in aliases:
        theme = facts[alias].get("theme") if alias in facts else None
        if theme:
            return str(theme)
    return ""


def _group_key(
    rule: RuleSpec, facts: Mapping[str, Mapping[str, object]], theme: str
) -> tuple[str, ...]:
    values = []
    for spec in rule.group_by:
        alias, _, name = spec.partition(".")
        values.append(str(facts.get(alias, {}).get(name, "")) if name else spec)
    return (rule.code, theme, *values)


def stable_id(key: tuple[str, ...]) -> str:
    digest = hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:8]
    theme = key[1] or "partnership"
    return f"{key[0]}-{theme}-{digest}"


@dataclass
class _RuleGroup:
    """The firings of one rule on one theme (and on its ``group_by`` fields)."""

    rule: RuleSpec
    theme: str
    group: tuple[str, ...] = ()  # the rule's group_by values, e.g. one agency
    firings: list[dict[str, Mapping[str, object]]] = field(default_factory=list)


def build_findings(
    matches: Iterable[Match], facts: FactSet, themes: ThemeVocabulary, period: str, partnership: str
) -> list[Finding]:
    """One finding per kind and theme, built from every rule that fired there."""
    groups: dict[tuple[str, ...], _RuleGroup] = {}
    for match in matches:
        bound = {alias: facts.facts[fact_id] for alias, fact_id in match.bindings}
        theme = _theme_of(match.rule, bound)
        key = _group_key(match.rule, bound, theme)
        groups.setdefault(key, _RuleGroup(match.rule, theme, key[2:])).firings.append(bound)
    related: dict[tuple[str, ...], list[_RuleGroup]] = defaultdict(list)
    for group in groups.values():
        related[(group.rule.raises, group.theme, *group.group)].append(group)
    related = _one_per_branch(related, facts, themes)
    index = ThemeIndex(facts.facts.values()) if related else None
    # a finding names its area only where the pack's series are about several areas
    several = len(_series_areas(facts.facts.values())) > 1
    findings = [
        _finding(sorted(members, key=_primacy), facts, themes, period, partnership, index,
                 name_areas=several)
        for members in related.values()
    ]
    return sort_findings(findings)


def _one_per_branch(
    related: dict[tuple[str, ...], list[_RuleGroup]], facts: FactSet, themes: ThemeVocabulary
) -> dict[tuple[str, ...], list[_RuleGroup]]:
    """One finding of a kind per branch of the theme tree: a finding on a broader theme
    whose evidence all sits under one narrower theme that has its own finding of the
    same kind joins that finding (its rules as contributors) instead of repeating it.
    A broader finding stands when its evidence sits on the broader theme itself or
    spans two or more narrower themes."""
    folded = dict(related)
    # broadest first, so a chain (exploitation > CCE) folds all the way down
    for key in sorted(related, key=lambda k: themes.depth(k[1]) if k[1] else 99):
        kind, theme, *group = key
        if not theme or key not in folded:
            continue
        narrower = [
            other for other in folded
            if other[0] == kind and list(other[2:]) == group and other[1]
            and theme in themes.ancestors(other[1])
        ]
        target = _only_branch(_evidence_themes(folded[key], facts), narrower, theme, themes)
        if target is not None:
            folded[target] = folded[target] + folded.pop(key)
    return folded


def _evidence_themes(groups: list[_RuleGroup], facts: FactSet) -> set[str]:
    """The themes a finding's matched evidence is filed under (a summary's rows')."""
    found = set()
    for group in groups:
        for bound in group.firings:
            for fact in bound.values():
                rows = _rows_behind(fact, facts) or [fact]
                found.update(str(r.get("theme") or "") for r in rows)
    return found - {""}


def _only_branch(
    evidence: set[str], narrower: list[tuple[str, ...]], theme: str, themes: ThemeVocabulary
) -> tuple[str, ...] | None:
    """The one narrower finding all of the evidence sits under, if there is one."""
    if not narrower or not evidence or theme in evidence:
        return None
    homes = set()
    for where in evidence:
        under = [k for k in narrower if k[1] in themes.with_ancestors(where)]
        if not under:
            return None
        # the nearest level down: a chain folds one step at a time
        homes.add(min(under, key=lambda k: themes.depth(k[1])))
    return homes.pop() if len(homes) == 1 else None


def _primacy(group: _RuleGroup) -> tuple[int, int, str]:
    """The rule that leads a finding (its title and PAG question): a rule of a pack
    whose pack.yaml says ``leads: true``, then a built-in rule, then any other pack's;
    among those the most severe, then the lowest code."""
    pack = group.rule.pack
    tier = 0 if pack.leads else 1 if pack.builtin else 2
    return tier, SEVERITY_ORDER[group.rule.severity], group.rule.code


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(
        findings, key=lambda f: (KIND_ORDER[f.kind], SEVERITY_ORDER[f.severity], f.id)
    )


def _rule_reference(rule: RuleSpec) -> Rule:
    return Rule(
        code=rule.code,
        name=rule.name,
        title=rule.title,
        pack=rule.pack.name,
        version=rule.pack.version,
        file=rule.file,
    )


def _finding(
    groups: list[_RuleGroup],
    facts: FactSet,
    themes: ThemeVocabulary,
    period: str,
    partnership: str,
    index: ThemeIndex | None = None,
    *,
    name_areas: bool = True,
) -> Finding:
    primary = groups[0]
    rule, theme = primary.rule, primary.theme
    evidence_facts: dict[str, tuple[str, Mapping[str, object]]] = {}
    agency_facts: list[Mapping[str, object]] = []
    for group in groups:
        for bound in group.firings:
            for pattern in group.rule.patterns:
                summary = bound[pattern.alias]
                agency_facts.append(summary)
                evidence_facts.setdefault(str(summary["id"]), (pattern.role, summary))
                for row in _rows_behind(summary, facts):
                    role = _role_of_row(pattern.role, rule.raises, row)
                    evidence_facts.setdefault(str(row["id"]), (role, row))
                    if summary["fact"] not in PACK_WIDE_KINDS:
                        agency_facts.append(row)
    matched = dict(evidence_facts)
    if index is not None and theme and not primary.group:
        # a finding about one agency or standard (group_by) rests on what its rules
        # matched; a finding about a theme, on everything on the theme's branch
        areas = _areas(matched.values())
        for role, fact in assemble(
            rule.raises, themes.with_descendants(theme), index, set(evidence_facts), areas
        ):
            evidence_facts[str(fact["id"])] = (role, fact)
        _add_nearest_broader(evidence_facts, rule.raises, theme, themes, index, areas)
    if index is not None and theme:
        _add_voice_of_groups(evidence_facts, themes.with_descendants(theme), index)
    evidence = [_evidence_entry(fid, role, fact) for fid, (role, fact) in evidence_facts.items()]
    evidence.sort(key=lambda e: (e.role != "supporting", e.source_type, e.id))
    context = {
        "theme": themes.label(theme) if theme else "the partnership",
        "period": period,
        "partnership": partnership,
    }
    sentences = _unique(
        render_template(group.rule.narrative, bound, group.rule, context)
        for group in groups
        for bound in group.firings
    )
    firings = [bound for group in groups for bound in group.firings]
    area = _single_area(firings) if name_areas else ""
    where = f" in {area}" if area else ""
    supporting = [f for role, f in evidence_facts.values() if role == "supporting"]
    contradicting = [f for role, f in evidence_facts.values() if role == "contradicting"]
    if rule.raises == "kloe":  # a question: what it rests on is all of it
        supporting, contradicting = supporting + contradicting, []
    confidence, reason = assess_confidence(
        supporting, firings, facts.period_end, contradicting=contradicting
    )
    about_the_pack = all(str(f["fact"]) in RECORD_KINDS for b in firings for f in b.values())
    # a gap finding already says what is missing
    body = [f for _, f in evidence_facts.values()]
    missing = () if about_the_pack else _missing_kinds(theme, body)
    about = [f"This finding is about {area}, not the partnership as a whole."] if area else []
    added = [f for fid, (role, f) in evidence_facts.items()
             if fid not in matched and role == "supporting"]
    narrative = " ".join(filter(None, [
        *about, *_at_most(sentences, NARRATIVE_SENTENCES), _also_sentence(added),
        _sources_sentence(evidence, missing),
    ]))
    return Finding(
        id=stable_id((rule.raises, theme, *primary.group, *([f"area={area}"] if area else []))),
        kind=rule.raises,
        title=_title(context["theme"], where, rule.title, primary.group),
        area=area,
        narrative=narrative,
        theme=theme,
        theme_label=themes.label(theme) if theme else "",
        agencies=tuple(_agencies(agency_facts)),
        period=period,
        pag_question=rule.pag_question,
        pag_question_text=PAG_QUESTIONS[rule.pag_question],
        severity=rule.severity,
        confidence=confidence,
        confidence_reason=reason,
        status="",  # new or continuing only against a previous run (mark_status)
        rule=_rule_reference(rule),
        rules=tuple(_rule_reference(group.rule) for group in groups),
        matches=len(firings),
        evidence=tuple(evidence),
        missing=missing,
    )


def _add_voice_of_groups(
    evidence: dict[str, tuple[str, Mapping[str, object]]],
    branch: list[str],
    index: ThemeIndex,
) -> None:
    """A disparity (one group of children fares worse) is heard too: the voice on the
    theme that names the group ("parents of Mixed heritage children said...")."""
    groups = {
        str(fact.get("group") or "").lower()
        for _, fact in list(evidence.values())
        if fact.get("fact") == "disparity" and fact.get("group")
    }
    if not groups:
        return
    for fact in index.on(branch):
        text = str(fact.get("text") or "").lower()
        if fact.get("fact") == "voice" and any(_names(text, g) for g in groups):
            evidence.setdefault(str(fact["id"]), ("supporting", fact))


def _names(text: str, group: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(group)}(?![a-z0-9])", text) is not None


def _add_nearest_broader(
    evidence: dict[str, tuple[str, Mapping[str, object]]],
    kind: str,
    theme: str,
    themes: ThemeVocabulary,
    index: ThemeIndex,
    areas: set[str],
) -> None:
    """Evidence filed under a broader theme counts for a narrower theme's finding when
    it is the nearest evidence of its kind of source (a deep dive on "exploitation"
    speaks to child criminal exploitation when nothing narrower does)."""
    present = {source_type(fact) for _, fact in evidence.values()}
    for broader in themes.ancestors(theme):
        found = assemble(kind, [broader], index, set(evidence), areas)
        fresh = [(role, fact) for role, fact in found if source_type(fact) not in present]
        for role, fact in fresh:
            evidence[str(fact["id"])] = (role, fact)
        present |= {source_type(fact) for _, fact in fresh}


def _title(theme: str, where: str, title: str, group: tuple[str, ...]) -> str:
    """"Neglect in Hartlepool: <rule title>", with the group a finding is about (one
    per agency: "(Police)"), so no two findings on a theme share a title."""
    about = [value for value in group if value]
    suffix = f" ({', '.join(about)})" if about else ""
    return f"{theme[:1].upper()}{theme[1:]}{where}: {title}{suffix}"


def _series_areas(facts: Iterable[Mapping[str, object]]) -> set[str]:
    return {
        str(f.get("area")) for f in facts if f.get("area") and str(f.get("fact")) in SERIES_FACTS
    }


def _single_area(firings: list[Mapping[str, Mapping[str, object]]]) -> str:
    """The one area a finding's series are about, when every series its rules matched
    is that area's; "" when they span areas or the partnership (the areas move
    together, or the finding is not about series at all)."""
    areas = {
        str(fact.get("area") or "")
        for bound in firings
        for fact in bound.values()
        if str(fact.get("fact")) in SERIES_FACTS
    }
    return next(iter(areas)) if len(areas) == 1 else ""


def _areas(pieces: Iterable[tuple[str, Mapping[str, object]]]) -> set[str]:
    """The areas a finding's matched series are about (none: the partnership's)."""
    return {str(f.get("area")) for _, f in pieces if f.get("area")}


def _missing_kinds(theme: str, body: list[Mapping[str, object]]) -> tuple[str, ...]:
    """The kinds of source a theme should have that nothing in the finding comes from:
    what a scrutineer should ask for."""
    if not theme:
        return ()
    present = {source_type(f) for f in body}
    return tuple(
        code for code in EXPECTED_SOURCES
        if code not in present and SOURCE_KINDS[code].expected_for(theme)
    )


#: A board paper needs the pattern, not every instance: beyond this many sentences the
#: narrative says how many more there are (every one stays in the evidence).
NARRATIVE_SENTENCES = 5


def _at_most(sentences: list[str], limit: int) -> list[str]:
    if len(sentences) <= limit:
        return sentences
    return [
        *sentences[:limit],
        f"The same pattern is seen {count(len(sentences) - limit, 'more time')}: "
        "see the evidence.",
    ]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _rows_behind(fact: Mapping[str, object], facts: FactSet) -> list[Mapping[str, object]]:
    """A summary fact stands for the rows behind it: the finding cites each of them."""
    ids = fact.get("evidence") or []
    return [facts.facts[i] for i in ids if i in facts.facts and i != fact["id"]]  # type: ignore[union-attr]


#: Facts about the whole pack: the rows behind them say nothing about who is involved.
PACK_WIDE_KINDS = frozenset({"audit_programme"})
_DIRECTION = {"strength": 1, "risk": -1, "kloe": 0}


def _role_of_row(pattern_role: str, kind: str, row: Mapping[str, object]) -> str:
    """A row behind a summary that points the other way contradicts the finding: the
    negative voices inside a positive voice summary do not support a strength."""
    if direction(row) * _DIRECTION[kind] < 0:
        return "contradicting" if pattern_role == "supporting" else "supporting"
    return pattern_role


def render_template(
    template: str,
    bound: Mapping[str, Mapping[str, object]],
    rule: RuleSpec,
    context: Mapping[str, str],
) -> str:
    def value_of(reference: str) -> object:
        alias, _, name = reference.partition(".")
        if alias == "settings":
            return rule.settings.get(name)
        return bound.get(alias, {}).get(name)

    def with_preposition(match: re.Match[str]) -> str:
        # "in {a.latest_period}" reads "at 30 September 2024" for a date
        value = value_of(match[2])
        return period_in_words(str(value)) if value else f"{match[1]} not recorded"

    def substitute(match: re.Match[str]) -> str:
        alias, _, name = match[1].partition(".")
        if not name:
            return context.get(alias, match[0])
        value = value_of(match[1])
        if _is_period_field(bound, alias, name) and value:
            return period_name(str(value))
        return format_value(value)

    text = _PERIOD_AFTER_PREPOSITION.sub(
        lambda m: with_preposition(m) if _is_period_reference(bound, m[2]) else m[0], template
    )
    return " ".join(_PLACEHOLDER.sub(substitute, text).split())


_PERIOD_AFTER_PREPOSITION = re.compile(r"\b(in|at) \{([a-z0-9_]+\.[a-z0-9_]+)\}")


def _is_period_reference(bound: Mapping[str, Mapping[str, object]], reference: str) -> bool:
    alias, _, name = reference.partition(".")
    return _is_period_field(bound, alias, name)


def _is_period_field(bound: Mapping[str, Mapping[str, object]], alias: str, name: str) -> bool:
    fact = bound.get(alias)
    kind = FACT_KINDS.get(str(fact.get("fact"))) if fact else None
    spec = kind.fields.get(name) if kind else None
    return spec is not None and spec.type in {"period", "date"}


def _sources_sentence(evidence: list[Evidence], missing: tuple[str, ...] = ()) -> str:
    """Where the finding's evidence comes from, what of it points the other way, and
    which kinds of source the theme has none of."""
    counts: dict[str, int] = defaultdict(int)
    against: dict[str, int] = defaultdict(int)
    for entry in evidence:
        if entry.fact not in RECORD_KINDS and not entry.fact.endswith("_summary"):
            counts[entry.source_type] += 1
            if entry.contradicts:
                against[entry.source_type] += 1
    sentences = []
    if counts:
        # Dated rows only: a signal's "date" is its latest period, and its own
        # narrative already says since when the pattern runs.
        dates = sorted(e.date for e in evidence if _ISO_DATE.match(e.date))
        since = f" Earliest evidence: {period_name(dates[0])}." if dates else ""
        sentences.append(f"Sources: {_tally(counts)}.{since}")
    if against:
        sentences.append(f"Pointing the other way: {_tally(against)}.")
    if missing:
        sentences.append(f"Nothing yet from: {', '.join(SOURCE_NAMES[m] for m in missing)}.")
    return " ".join(sentences)


#: In a narrative, at most this many pieces of one kind of source are named.
NAMED_PER_SOURCE = 3


def _also_sentence(added: list[Mapping[str, object]]) -> str:
    """What else on the theme says the same, by kind of source: the assembled body
    beyond what the rules matched, each piece once."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for fact in added:
        kind = FACT_KINDS.get(str(fact["fact"]))
        if kind is not None and kind.family in {"item", "signal"}:
            by_source[source_type(fact)].append(evidence_label(fact))
    clauses = []
    for code, source in SOURCE_KINDS.items():
        labels = list(dict.fromkeys(by_source.get(code, ())))
        if labels:
            named = "; ".join(labels[:NAMED_PER_SOURCE])
            more = len(labels) - NAMED_PER_SOURCE
            rest = f"; and {count(more, 'more')}" if more > 0 else ""
            clauses.append(f"{source.name[:1].upper()}{source.name[1:]}: {named}{rest}.")
    return ("Also on the theme. " + " ".join(clauses)) if clauses else ""


def _tally(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{SOURCE_NAMES.get(kind, kind)} ({n})" for kind, n in sorted(counts.items()))


def _source_location(fact: Mapping[str, object]) -> tuple[str, int | None, list[int]]:
    """File and row(s) of a fact: ``{"file", "row"}`` for a row, ``["file:row", ...]``
    for a signal computed from several rows."""
    source = fact.get("source") or {}
    if isinstance(source, dict):
        row = source.get("row")
        return str(source.get("file", "")), row, [row] if row is not None else []
    # The last place is the row the signal speaks of (a series' latest point, a
    # benchmark's comparator row): its file and row are cited together, with the other
    # rows of the same file.
    places = [
        (file, int(row))
        for file, _, row in (str(place).rpartition(":") for place in source)  # type: ignore[union-attr]
        if row.isdigit()
    ]
    if not places:
        return "", None, []
    file, row = places[-1]
    return file, row, [r for f, r in places if f == file]


def _evidence_entry(fact_id: str, role: str, fact: Mapping[str, object]) -> Evidence:
    file, row, rows = _source_location(fact)
    return Evidence(
        id=fact_id,
        role=role,
        fact=str(fact["fact"]),
        source_type=source_type(fact),
        theme=str(fact.get("theme") or ""),
        label=evidence_label(fact),
        text=item_text(fact),
        file=file,
        row=row,
        rows=tuple(rows),
        date=str(fact.get("date") or fact.get("latest_period") or fact.get("period") or ""),
        agency=str(fact.get("agency") or fact.get("owner_agency") or ""),
    )


def evidence_label(fact: Mapping[str, object]) -> str:
    kind = FACT_KINDS.get(str(fact["fact"]))
    if kind is not None:
        return kind.label(defaultdict(lambda: None, fact))  # example facts may be partial
    return f"{format_value(fact['fact'])} ({fact.get('theme') or 'partnership'})"


def _agencies(facts: Iterable[Mapping[str, object]]) -> list[str]:
    names: dict[str, str] = {}
    for fact in facts:
        for key in ("agency", "owner_agency"):
            value = str(fact.get(key) or "").strip()
            if value:
                names.setdefault(value.lower(), value)
    return sorted(names.values(), key=str.lower)


def assess_confidence(
    evidence: list[Mapping[str, object]],
    bindings: list[Mapping[str, Mapping[str, object]]],
    period_end: date | None,
    *,
    contradicting: list[Mapping[str, object]] = (),  # type: ignore[assignment]
) -> tuple[str, str]:
    """Confidence from the supporting body (``evidence``), weighed against what
    contradicts it; see the README's worked example."""
    bound_kinds = {str(f["fact"]) for b in bindings for f in b.values()}
    if bound_kinds <= RECORD_KINDS:
        return "high", "a matter of record: what the evidence pack does and does not contain"
    kinds = _independent_kinds(evidence)
    level = max(0, min(len(kinds), 3) - 1)
    reasons = [
        f"{_kinds_phrase(len(kinds))} {'agrees' if len(kinds) == 1 else 'agree'}"
        + (f" ({', '.join(SOURCE_NAMES[k] for k in kinds)})" if kinds else "")
    ]
    against = [k for k in _independent_kinds(contradicting) if k not in kinds]
    if against:
        reasons.append(
            f"{_kinds_phrase(len(against))} {'points' if len(against) == 1 else 'point'} "
            "the other way "
            f"({', '.join(SOURCE_NAMES[k] for k in against)})"
        )
        if len(against) >= len(kinds):
            level = max(level - 1, 0)
    dated = [when for when in map(_evidence_date, evidence) if when is not None]
    if period_end and dated and max(dated) < months_before(period_end, 6):
        level = max(level - 1, 0)
        reasons.append("all dated evidence is more than six months old")
    qualitative = [f for f in evidence if f["fact"] in {"audit_finding", "voice"}]
    size = sum(int(f.get("cases") or f.get("respondents") or 0) for f in qualitative)  # type: ignore[call-overload]
    if qualitative and "quantity" not in kinds and size < 5:
        level = max(level - 1, 0)
        total = count(size, "case or respondent", "cases and respondents")
        reasons.append(f"qualitative evidence rests on {total}")
    return LEVELS[level], "; ".join(reasons)


def _independent_kinds(facts: list[Mapping[str, object]]) -> list[str]:
    return sorted({source_type(f) for f in facts} & set(INDEPENDENT_SOURCES))


def _kinds_phrase(number: int) -> str:
    return count(number, "independent kind of source", "independent kinds of source")


def _evidence_date(fact: Mapping[str, object]) -> date | None:
    """When a piece of evidence speaks of: its date, or the end of its latest period."""
    for key in ("date", "latest_period", "period"):
        value = fact.get(key)
        if value:
            try:
                return parse_period(value).end
            except PeriodParseError:
                continue
    return None


def mark_status(
    findings: list[Finding], previous: list[Finding] | None
) -> tuple[list[Finding], list[Finding]]:
    """Each finding marked new or continuing against the previous run, and the previous
    run's findings resolved since; with no previous run, the findings as they are."""
    if previous is None:
        return findings, []
    before = {f.id: f for f in previous}
    marked = [
        replace(f, status="continuing" if f.id in before else "new") for f in findings
    ]
    now = {f.id for f in findings}
    resolved = [replace(f, status="resolved") for fid, f in sorted(before.items())
                if fid not in now]
    return marked, resolved
