"""One of each word the engine and its outputs share, and how terms are matched.

Finding kinds, severities, confidences, statuses, evidence roles and the five PAG
questions are declared here once; the rules compiler, the findings stage, the graph and
the renderers all read them from here. So are the names of the files a run writes.
:class:`Enumeration` is a closed list of values with the other spellings people use;
each kind of evidence declares its own (:mod:`assurance.kinds`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

#: Finding kinds in the order a board reads them: what is wrong, what to ask, what works.
FINDING_KINDS: tuple[str, ...] = ("risk", "kloe", "strength")


@dataclass(frozen=True)
class FindingKind:
    label: str  # in a heading or badge: "Risk", "KLOE"
    singular: str  # "1 key line of enquiry"
    plural: str  # "2 key lines of enquiry"
    noun: tuple[str, str]  # short, for counts and badges: "1 KLOE", "2 KLOE"
    legend: str  # in the graph's legend


FINDING_KIND = {
    "risk": FindingKind("Risk", "risk", "risks", ("risk", "risks"), "Risk"),
    "kloe": FindingKind(
        "KLOE", "key line of enquiry", "key lines of enquiry", ("KLOE", "KLOE"),
        "Key line of enquiry (KLOE)",
    ),
    "strength": FindingKind(
        "Strength", "strength", "strengths", ("strength", "strengths"), "Strength"
    ),
}

#: Severities a rule may give, most severe first.
SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low")
CONFIDENCES: tuple[str, ...] = ("high", "moderate", "low")
#: Status of a finding against the previous run ("" when no previous run was given).
STATUSES: tuple[str, ...] = ("new", "continuing", "resolved")
#: The part a piece of evidence plays in a finding.
ROLES: tuple[str, ...] = ("supporting", "contradicting")

#: The five Performance Analysis Group questions (Tees framework).
PAG_QUESTIONS: dict[int, str] = {
    1: "What does the information tell us about the effectiveness of local arrangements?",
    2: "What are the strengths and what needs to be improved?",
    3: "Are all agencies working together to safeguard children? If not, why not?",
    4: (
        "Are children receiving the right level of support at the right time from the "
        "right organisation?"
    ),
    5: "What is the impact of the arrangements on children's safety and outcomes?",
}

#: The files of a run directory, in the order they are listed.
RUN_FILES: tuple[str, ...] = (
    "manifest.json",
    "findings.json",
    "findings.csv",
    "signals.json",
    "facts.json",
    "evidence.ttl",
    "report.html",
    "report.md",
    "graph.html",
)
#: The files the renderers write (and ``assure report`` / ``assure graph`` rewrite).
RENDERED_FILES: tuple[str, ...] = ("graph.html", "report.html", "report.md")


def rank(order: tuple[str, ...], value: str) -> int:
    """Position of ``value`` in ``order``; unknown values sort last."""
    return order.index(value) if value in order else len(order)


_SEPARATORS = re.compile(r"[\s\-_/.,]+")


def normalise(text: object) -> str:
    """The matching key of a term: lower case, ``&`` as ``and``, separators as ``_``."""
    key = str(text).strip().lower().replace("&", " and ").replace("'", "")
    return _SEPARATORS.sub("_", key).strip("_")


def nearest(value: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``value``, if any is close enough to suggest."""
    options = {normalise(c): c for c in candidates}
    close = difflib.get_close_matches(normalise(value), list(options), n=1, cutoff=0.6)
    return options[close[0]] if close else None


@dataclass(frozen=True)
class Enumeration:
    """A closed list of values, with the other spellings people use for them."""

    name: str
    values: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)

    def resolve(self, text: object) -> str | None:
        key = normalise(text)
        if key in self.values:
            return key
        return self.aliases.get(key)

    def suggest(self, text: object) -> str | None:
        return nearest(str(text), [*self.values, *self.aliases])

    def describe(self) -> str:
        return ", ".join(self.values)


def enumeration(name: str, values: str, **aliases: str) -> Enumeration:
    """``enumeration("rag", "green amber red", g="green")``: values, then other spellings."""
    return Enumeration(name, tuple(values.split()), aliases)


_ENUMERATED = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")


def format_value(value: object) -> str:
    """A fact's value as a board paper would write it: 2 decimals at most, yes/no, and
    enumerations in words ("special_cause_concern" as "special cause concern")."""
    if value is None or value == "":
        return "not recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.0f}"
    text = str(value)
    return text.replace("_", " ") if _ENUMERATED.match(text) else text


def count(number: int, singular: str, plural: str | None = None) -> str:
    """``count(1, "audit")`` is "1 audit", ``count(2, "audit")`` "2 audits"."""
    return f"{number:,} {singular if number == 1 else (plural or singular + 's')}"


def number_of(value: object, singular: str, plural: str | None = None) -> str:
    """``count`` for a value that may be missing (a partial example fact): "3 audits",
    "1 audit", or "audits not recorded"."""
    if isinstance(value, int) and not isinstance(value, bool):
        return count(value, singular, plural)
    return f"{plural or singular + 's'} not recorded"
