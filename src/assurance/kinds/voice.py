"""The voice of children, young people, families and practitioners."""

from __future__ import annotations

from rdflib.namespace import DCTERMS

from assurance.kinds._spec import (
    Authoring,
    EvidenceKind,
    Fact,
    FactKind,
    GraphSpec,
    Property,
    SourceKind,
    columns,
    fields,
)
from assurance.namespaces import SGA
from assurance.terms import enumeration, format_value

CHILD_VOICE = SourceKind(
    "child_voice", "voice of children and families", "Child voice",
    "Voice of children and families", "#CC79A7",
)
PRACTITIONER_VOICE = SourceKind(
    "practitioner_voice", "practitioner voice", "Practitioner voice", "Practitioner voice",
    "#56B4E9",
)
#: Whose voice counts as children's and families' rather than practitioners'.
CHILD_VOICES = frozenset({"child", "young_person", "parent_carer", "community"})
SENTIMENT_DIRECTION = {"positive": 1, "negative": -1}
_FEELINGS = ("positive", "negative", "mixed")
_WHO = (("child", "children, young people and families"), ("practitioner", "practitioners"))


def _whose(fact: Fact) -> str:
    return "child_voice" if fact.get("voice_of") in CHILD_VOICES else "practitioner_voice"


def _summarise(voices: list[dict[str, object]]) -> dict[str, int]:
    counts = {f"{who}_{feeling}": 0 for who, _ in _WHO for feeling in _FEELINGS}
    for voice in voices:
        who = "child" if voice["voice_of"] in CHILD_VOICES else "practitioner"
        counts[f"{who}_{voice['sentiment']}"] += 1
    counts["respondents"] = int(sum(v["respondents"] or 1 for v in voices))  # type: ignore[misc]
    return counts


VOICE_FACT = FactKind(
    name="voice",
    family="item",
    about="one per row of `voice.csv`: what children, families or practitioners said",
    fields=fields(
        input_id=("text", "input id"),
        date=("date", "date"),
        voice_of=("text", "whose voice", "child young_person parent_carer practitioner community"),
        sentiment=("text", "sentiment", "positive mixed negative"),
        text=("text", "what was said"),
        channel=(
            "text", "how it was gathered (the pack's `source` column)",
            "survey youth_group focus_group advocacy complaint compliment consultation",
        ),
        respondents=("integer", "number of respondents"),
        recent=("boolean", "within the last 12 months"),
    ),
    source="child_voice",
    source_of=_whose,
    label=lambda f: (
        f"{format_value(f['voice_of'])} voice, {f['sentiment']} "
        f"({format_value(f.get('channel'))})"
    ),
    direction=lambda fact: SENTIMENT_DIRECTION.get(str(fact.get("sentiment")), 0),
    text_field="text",
    authoring=Authoring(
        words="voice",
        alias="voice",
        phrase="{a.voice_of} voice was {a.sentiment}: {a.text}",
        starters={
            "strength": ("sentiment", "equals", "positive"),
            "*": ("sentiment", "equals", "negative"),
        },
    ),
)

VOICE_SUMMARY = FactKind(
    name="voice_summary",
    family="summary",
    about="one per theme with voice in the last 12 months",
    fields={
        **fields(**{
            f"{who}_{feeling}": ("integer", f"{feeling} inputs from {label}")
            for who, label in _WHO
            for feeling in _FEELINGS
        }),
        **fields(respondents=("integer", "respondents in all")),
    },
    source="child_voice",
    label=lambda f: (
        f"Voice of the last 12 months: children and families {f['child_positive']} positive, "
        f"{f['child_negative']} negative; practitioners {f['practitioner_positive']} positive, "
        f"{f['practitioner_negative']} negative"
    ),
    graph_class="SummarySignal",
    authoring=Authoring(
        words="voice of children and families",
        alias="voices",
        phrase="children and families gave {a.child_positive} positive and "
        "{a.child_negative} negative view(s)",
        starters={
            "strength": ("child_positive", "at_least", 1),
            "*": ("child_negative", "at_least", 1),
        },
        plain_names=("voice_of_children", "child_voice"),
    ),
)

VOICE = EvidenceKind(
    table="voice",
    about="what a child, young person, parent or carer, community or practitioner said",
    columns=columns(
        "*input_id:id *date:date *voice_of:enum:voice_of *theme:theme "
        "*sentiment:enum:sentiment text:free_text source:enum:voice_source respondents:count"
    ),
    graph=GraphSpec(
        (SGA.VoiceInput,),
        (
            Property("input_id", DCTERMS.identifier, "string"),
            Property("date", DCTERMS.date, "date"),
            Property("voice_of", SGA.voiceOf, "concept:voice"),
            Property("theme", SGA.theme, "theme"),
            Property("sentiment", SGA.sentiment, "concept:sentiment"),
            Property("text", SGA.text, "string"),
            Property("source", SGA.voiceSource, "concept:voice-source"),
            Property("respondents", SGA.respondents, "integer"),
        ),
    ),
    sources=(CHILD_VOICE, PRACTITIONER_VOICE),
    enumerations=(
        enumeration(
            "voice_of", "child young_person parent_carer practitioner community",
            children="child", young_people="young_person", yp="young_person",
            parent="parent_carer", carer="parent_carer", parents="parent_carer",
            parent_or_carer="parent_carer", family="parent_carer", staff="practitioner",
            practitioners="practitioner", professional="practitioner",
        ),
        enumeration("sentiment", "positive mixed negative", neutral="mixed"),
        enumeration(
            "voice_source",
            "survey youth_group focus_group advocacy complaint compliment consultation",
        ),
    ),
    item=VOICE_FACT,
    item_columns=("input_id", "date", "voice_of", "sentiment", "text", "source", "respondents"),
    # "source" names where every fact came from, so voice's own column is its channel
    renamed={"source": "channel"},
    summary=VOICE_SUMMARY,
    summarise=_summarise,
    dated_by="date",
)
