"""``assure rules new``: a rule file from a few answers, valid and with examples.

The author says what kind of finding (strength, risk or KLOE), which sources should
agree (fact kinds, or plain names such as ``audits`` and ``voice``), and on which theme.
The scaffold writes a rule that already lints clean and passes its two examples: each
source gets a starting condition that suits the kind of finding (a worsening indicator
for a risk, an improving one for a strength...), later sources are joined on theme,
numeric thresholds become settings a partnership can change, and the examples are
built from the conditions themselves (one that meets them all, one just short).
The author then edits the words and the conditions.

Nothing here prints or asks: the command asks the questions and passes the answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assurance._resources import builtin_rules_dir
from assurance.authoring.lint import builtin_context
from assurance.authoring.schema import schema_text
from assurance.errors import ScaffoldError
from assurance.kinds import FACT_FIELDS, FACT_KINDS, FieldSpec
from assurance.rules import (
    CODE_PATTERN,
    KINDS,
    PAG_QUESTIONS,
    RULE_PACK_FILE,
    SEVERITIES,
    RulePackInfo,
    all_codes,
    next_free_code,
    read_pack_info,
    read_rule_folder,
)
from assurance.vocabulary import ThemeVocabulary, nearest, theme_vocabulary

SCHEMA_FILE = "rule.schema.json"
DEFAULT_PREFIX = "LC"  # "local check": a partnership's own rules
EXAMPLE_THEME = "neglect"

#: Plain names an author may use for the sources, and the fact each stands for.
SOURCE_NAMES = {
    plain: name for name, kind in FACT_KINDS.items() for plain in kind.authoring.plain_names
}
#: What each kind of fact is called in a title.
SOURCE_WORDS = {name: kind.authoring.words for name, kind in FACT_KINDS.items()}
#: The short alias each kind of fact gets in a new rule.
ALIASES = {name: kind.authoring.alias for name, kind in FACT_KINDS.items()}

Starter = tuple[str, str, object]  # field, operator, value
_ANY = "*"
#: A starting condition per kind of fact and kind of finding ("*": any kind).
STARTERS: dict[str, dict[str, Starter]] = {
    name: dict(kind.authoring.starters) for name, kind in FACT_KINDS.items()
}
#: A phrase per kind of fact for the narrative ({a} stands for the alias).
PHRASES = {name: kind.authoring.phrase for name, kind in FACT_KINDS.items()}

_SETTING_WORDS = {"at_least": "minimum_{f}", "at_most": "maximum_{f}", "above": "{f}_above",
                  "below": "{f}_below"}
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 _.()'-]*$")
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"})


@dataclass
class Answers:
    """What the author told ``assure rules new``."""

    folder: Path
    kind: str
    sources: Sequence[str]
    theme: str | None = None  # a theme id or label; None: any theme
    code: str | None = None
    title: str | None = None
    severity: str | None = None
    pag_question: int | None = None
    name: str | None = None


@dataclass
class Scaffold:
    """The files a new rule needs: the rule, and for a new pack its pack.yaml and schema."""

    path: Path
    text: str
    code: str
    extra_files: dict[Path, str] = field(default_factory=dict)


def resolve_source(text: str) -> str | None:
    """The fact kind an author's word names: ``audits`` is ``audit_summary``."""
    key = re.sub(r"[\s-]+", "_", text.strip().lower())
    if key in FACT_FIELDS:
        return key
    return SOURCE_NAMES.get(key)


def source_choices() -> list[str]:
    return [*FACT_FIELDS, *SOURCE_NAMES]


def scaffold_rule(answers: Answers, themes: ThemeVocabulary | None = None) -> Scaffold:
    """A new rule file from the author's answers (nothing is written)."""
    themes = themes or theme_vocabulary()
    kind = answers.kind.strip().lower()
    if kind not in KINDS:
        raise ScaffoldError(f"kind '{answers.kind}' is not one of {', '.join(KINDS)}"
                            + _did_you_mean(kind, KINDS))
    sources = [_source(s) for s in answers.sources]
    if not sources:
        raise ScaffoldError("name at least one source (e.g. indicators, audits, voice)")
    theme = _theme(answers.theme, themes)
    folder = Path(answers.folder)
    pack = _pack(folder)
    code = _code(answers.code, folder, pack)
    title = (answers.title or _default_title(kind, sources)).strip()
    severity = answers.severity or ("low" if kind == "strength" else "medium")
    if severity not in SEVERITIES:
        raise ScaffoldError(f"severity '{severity}' is not one of {', '.join(SEVERITIES)}")
    pag = answers.pag_question or (1 if kind == "kloe" else 2)
    if pag not in PAG_QUESTIONS:
        raise ScaffoldError(f"pag_question '{pag}' must be 1 to 5")
    name = answers.name or f"{_word(pack.name) or 'local'}.{_word(title, 5) or 'check'}"
    builder = _RuleBuilder(kind, sources, theme, themes)
    text = builder.render(code=code, name=name, title=title, severity=severity, pag=pag)
    path = folder / f"{code}-{_word(title, 5).replace('_', '-') or 'rule'}.yaml"
    extra = {}
    if not (folder / RULE_PACK_FILE).is_file():
        extra[folder / RULE_PACK_FILE] = _pack_yaml(pack.name)
    extra[folder / SCHEMA_FILE] = schema_text()  # kept current: the editor's completions
    return Scaffold(path, text, code, extra)


def write_scaffold(scaffold: Scaffold, *, force: bool = False) -> list[Path]:
    """Write the rule (never over an existing file unless ``force``) and its pack files."""
    if scaffold.path.exists() and not force:
        raise ScaffoldError(f"{scaffold.path} already exists; choose another code or title, "
                            "or pass --force to replace it")
    scaffold.path.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for path, text in {scaffold.path: scaffold.text, **scaffold.extra_files}.items():
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def _did_you_mean(value: str, options: Sequence[str]) -> str:
    guess = nearest(value, options)
    return f"; did you mean '{guess}'?" if guess else ""


def _source(text: str) -> str:
    kind = resolve_source(text)
    if kind is None:
        raise ScaffoldError(f"unknown source '{text}'; sources are the fact kinds "
                            f"({', '.join(FACT_FIELDS)}) or plain names such as indicators, "
                            "audits, reviews, voice" + _did_you_mean(text, source_choices()))
    return kind


def _theme(text: str | None, themes: ThemeVocabulary) -> str | None:
    if text is None or text.strip().lower() in {"", "any", "all", "*"}:
        return None
    theme = themes.resolve(text)
    if theme is None:
        guess = themes.suggest(text)
        raise ScaffoldError(f"unknown theme '{text}'" + (f"; did you mean '{guess}'?" if guess
                                                          else "; say 'any' for every theme"))
    return theme


def _pack(folder: Path) -> RulePackInfo:
    if (folder / RULE_PACK_FILE).is_file():
        return read_pack_info(folder, [])
    return RulePackInfo(_word(folder.resolve().name).replace("_", "-") or "local-rules",
                        "0.1.0", "", str(folder))


def _code(code: str | None, folder: Path, pack: RulePackInfo) -> str:
    builtin, builtin_pack = builtin_context()
    taken = all_codes(builtin, [builtin_pack])
    if folder.is_dir() and folder.resolve() != builtin_rules_dir().resolve():
        parsed, found, _ = read_rule_folder(folder)
        taken |= all_codes([p.rule for p in parsed if p.rule is not None], [found])
    if code is None:
        return next_free_code(DEFAULT_PREFIX, taken)
    code = code.strip().upper()
    if not re.match(CODE_PATTERN, code):
        raise ScaffoldError(f"code '{code}' should be 2-4 capital letters and 2-3 digits, "
                            "e.g. LC01")
    if code in taken:
        prefix = re.sub(r"\d+$", "", code)
        raise ScaffoldError(f"code '{code}' is taken or retired; the next free one is "
                            f"'{next_free_code(prefix, taken)}'")
    return code


def _word(text: str, words: int = 0) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower())
    if words:
        parts = parts[:words]
    joined = "_".join(parts)
    return joined if joined[:1].isalpha() else ""


def _default_title(kind: str, sources: list[str]) -> str:
    names = [SOURCE_WORDS.get(s, s) for s in dict.fromkeys(sources)]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    lead = {"strength": "Strength", "risk": "Risk", "kloe": "Line of enquiry"}[kind]
    return f"{lead} from {joined}"


def _pack_yaml(name: str) -> str:
    return (
        "# A rule pack: a folder of assurance checks, run with --rules FOLDER.\n"
        "# Raise the version whenever a rule changes: every run's manifest records it.\n"
        f"name: {scalar(name)}\n"
        "version: 0.1.0\n"
        f"description: {scalar(f'Assurance checks of our own ({name})')}\n"
    )


def scalar(value: object) -> str:
    """A value as YAML writes it plainly, quoted only where it must be."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and not text.endswith(" "):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class _Entry:
    alias: str
    kind: str
    field: str
    op: str
    value: object  # the wanted value (a number for settings)
    setting: str | None = None


class _RuleBuilder:
    """Builds the text of a new rule; every value in it comes from the declarations."""

    def __init__(self, kind: str, sources: list[str], theme: str | None,
                 themes: ThemeVocabulary) -> None:
        self.kind, self.theme, self.themes = kind, theme, themes
        self.example_theme = theme or EXAMPLE_THEME
        self.entries: list[_Entry] = []
        used: set[str] = set()
        for source in sources:
            alias = ALIASES.get(source, source)
            while alias in used:
                alias = f"{alias}_{len(used) + 1}"
            used.add(alias)
            self.entries.append(self._entry(alias, source))

    def _entry(self, alias: str, source: str) -> _Entry:
        starters = STARTERS.get(source, {})
        name, op, value = starters.get(self.kind) or starters.get(_ANY) or ("theme", "within",
                                                                             EXAMPLE_THEME)
        setting = _SETTING_WORDS[op].format(f=name) if op in _SETTING_WORDS else None
        return _Entry(alias, source, name, op, value, setting)

    # --- the text -------------------------------------------------------------------

    def render(self, *, code: str, name: str, title: str, severity: str, pag: int) -> str:
        lines = [
            f"# yaml-language-server: $schema={SCHEMA_FILE}",
            "# A new assurance check, written by `assure rules new`. Edit the words, the",
            "# conditions and the examples; then `assure rules lint` and `assure rules test`.",
            f"code: {code}",
            f"name: {name}",
            f"title: {scalar(title)}",
            f"raises: {self.kind}",
            f"severity: {severity}",
            f"pag_question: {pag}",
            "description: >",
            *_wrap(self._description()),
            "why: >",
            *_wrap("Say why this matters to the partnership: which question of the "
                   "Performance Analysis Group it answers, and which framework or review "
                   "asks for it."),
        ]
        settings = [e for e in self.entries if e.setting]
        if settings:
            lines.append("settings:")
            lines += [f"  {e.setting}: {scalar(e.value)}" for e in settings]
        lines.append("match:")
        first = self.entries[0].alias
        for index, entry in enumerate(self.entries):
            lines += [f"  - as: {entry.alias}", f"    fact: {entry.kind}"]
            if index:
                lines.append(f"    join: {{theme: {first}.theme}}")
            lines.append("    where:")
            if index == 0 and self.theme:
                lines.append(f"      theme: {{within: {self.theme}}}")
            wanted = f"${entry.setting}" if entry.setting else scalar(entry.value)
            if entry.op == "equals":
                lines.append(f"      {entry.field}: {wanted}")
            else:
                lines.append(f"      {entry.field}: {{{entry.op}: {wanted}}}")
        lines += ["narrative: >", *_wrap(self._narrative())]
        lines.append("examples:")
        lines += self._example(self._firing_name(), self._facts(), True)
        lines += self._example(self._silent_name(), self._facts(spoil=True), False)
        return "\n".join(lines) + "\n"

    def _description(self) -> str:
        where = f"on {self.themes.label(self.theme)}" if self.theme else "on a theme"
        parts = [f"{_article(e.kind)} {e.kind} fact's {_condition_words(e)}"
                 for e in self.entries]
        return (f"Raises {_article(self.kind)} {self.kind} {where} when "
                + " and, on the same theme, ".join(parts) + ".")

    def _narrative(self) -> str:
        phrases = [PHRASES.get(e.kind, "{a.theme}").replace("{a.", "{" + e.alias + ".")
                   for e in self.entries]
        return "On {theme}: " + "; ".join(phrases) + "."

    def _firing_name(self) -> str:
        return "fires when " + " and ".join(f"{e.alias} {_condition_words(e)}"
                                             for e in self.entries)

    def _silent_name(self) -> str:
        last = self.entries[-1]
        return f"no finding when {last.alias} {last.field} is {_plain(self._spoilt(last))}"

    def _facts(self, spoil: bool = False) -> list[dict[str, object]]:
        facts = []
        for index, entry in enumerate(self.entries):
            fact: dict[str, object] = {"fact": entry.kind, "theme": self.example_theme}
            for placeholder in re.findall(r"\{a\.([a-z0-9_]+)\}", PHRASES.get(entry.kind, "")):
                fact[placeholder] = _sample(placeholder, FACT_FIELDS[entry.kind][placeholder],
                                            self.example_theme)
            fact[entry.field] = self._met(entry)
            if spoil and index == len(self.entries) - 1:
                fact[entry.field] = self._spoilt(entry)
            facts.append(fact)
        return facts

    @staticmethod
    def _met(entry: _Entry) -> object:
        """A value that meets the entry's condition."""
        if isinstance(entry.value, int | float) and not isinstance(entry.value, bool):
            return {"above": entry.value + 1, "below": entry.value - 1}.get(entry.op, entry.value)
        return entry.value

    def _spoilt(self, entry: _Entry) -> object:
        """A value just short of the entry's condition."""
        value, spec = entry.value, FACT_FIELDS[entry.kind][entry.field]
        if entry.op == "within":
            inside = {t for t in self.themes.themes if str(value) in self.themes.with_ancestors(t)}
            return next(t for t in sorted(self.themes.themes) if t not in inside)
        if isinstance(value, bool):
            return not value
        if isinstance(value, int | float):
            return {"at_least": value - 1, "above": value, "at_most": value + 1,
                    "below": value}.get(entry.op, value + 1)
        return next((v for v in spec.values if v != value), f"not {value}")

    def _example(self, name: str, facts: list[dict[str, object]], fires: bool) -> list[str]:
        lines = [f"  - name: {scalar(name)}", "    given:"]
        for fact in facts:
            lines += _flow_mapping([f"{k}: {scalar(v)}" for k, v in fact.items()])
        expect = (f"{{fires: true, kind: {self.kind}, theme: {self.example_theme}}}"
                  if fires else "{fires: false}")
        lines.append(f"    expect: {expect}")
        return lines


def _condition_words(entry: _Entry) -> str:
    words = {"equals": "is", "at_least": "is at least", "at_most": "is at most",
             "above": "is above", "below": "is below", "within": "is within"}
    return f"{entry.field} {words.get(entry.op, entry.op)} {_plain(entry.value)}"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" or word.startswith("spc") else "a"


def _flow_mapping(items: list[str], width: int = 90) -> list[str]:
    """``- {a: 1, b: 2}`` over as many lines as it needs, as the built-in rules write it."""
    lines, current = [], "      - {"
    for index, item in enumerate(items):
        text = item + ("," if index < len(items) - 1 else "}")
        if current.endswith("{") or len(current) + 1 + len(text) <= width:
            current += ("" if current.endswith("{") else " ") + text
        else:
            lines.append(current)
            current = "         " + text
    return [*lines, current]


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).replace("_", " ") if isinstance(value, str) else str(value)


def _sample(name: str, spec: FieldSpec, theme: str) -> object:
    """A believable value for a field in an example."""
    if spec.values:
        return spec.values[0]
    samples: dict[str, object] = {"number": 12.5, "integer": 2, "boolean": True,
                                  "period": "2024-25 Q2", "date": "2024-08-01",
                                  "agency": "Children's Services", "theme": theme}
    if spec.type in samples:
        return samples[spec.type]
    return f"Example {name.replace('_', ' ')}"


def _wrap(text: str, width: int = 86) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [f"  {line}" for line in [*lines, current] if line]
