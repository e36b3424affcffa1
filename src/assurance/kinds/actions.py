"""Action plans that follow audits and reviews ("closing the loop")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rdflib.namespace import DCTERMS

from assurance.kinds._spec import (
    Authoring,
    EvidenceKind,
    FactKind,
    GraphSpec,
    Property,
    SourceKind,
    columns,
    fields,
)
from assurance.namespaces import SGA
from assurance.terms import enumeration

ACTION_SOURCE = SourceKind(
    "action", "action plan", "Actions", "Action plan", "#8C6D46", independent=False,
    expected=False,
)


def _details(fact: dict[str, object], record: Mapping[str, object], period_end: date) -> None:
    due = record.get("due")
    status = record["status"]
    late = (period_end - due).days if due and status != "complete" else 0  # type: ignore[operator]
    fact["overdue_days"] = max(late, 0) if status != "overdue" else max(late, 1)


def _direction(fact: Mapping[str, object]) -> int:
    overdue = fact.get("status") == "overdue" or int(fact.get("overdue_days") or 0) > 0  # type: ignore[call-overload]
    return -1 if overdue else 0


ACTION = FactKind(
    name="action",
    family="item",
    about="one per row of `actions.csv`: an action following an audit or review",
    fields=fields(
        action_id=("text", "action id"),
        source_id=("text", "audit or review id"),
        status=("text", "status", "open complete overdue"),
        owner_agency=("agency", "owner"),
        due=("date", "due date"),
        impact=("text", "impact recorded"),
        overdue_days=("integer", "days past due at the period end (0 if not)"),
    ),
    source="action",
    label=lambda f: f"Action {f['action_id']} ({f['status']}) from {f['source_id']}",
    direction=_direction,
    text_field="impact",
    authoring=Authoring(
        words="action plan",
        alias="action",
        phrase="action {a.action_id} from {a.source_id} is {a.status}",
        starters={"*": ("status", "equals", "overdue")},
        plain_names=("actions",),
    ),
)

ACTIONS = EvidenceKind(
    table="actions",
    about="an action following an audit or review, with its owner, due date and status",
    columns=columns(
        "*action_id:id *source_id:id *theme:theme *status:enum:action_status "
        "owner_agency:agency due:date impact:free_text"
    ),
    graph=GraphSpec(
        (SGA.Action,),
        (
            Property("action_id", DCTERMS.identifier, "string"),
            Property("source_id", SGA.sourceId, "string"),
            Property("source_id", SGA.respondsTo, "action_source"),
            Property("theme", SGA.theme, "theme"),
            Property("status", SGA.actionStatus, "concept:action"),
            Property("owner_agency", SGA.ownerAgency, "agency"),
            Property("due", SGA.dueDate, "date"),
            Property("impact", SGA.impact, "string"),
        ),
    ),
    sources=(ACTION_SOURCE,),
    enumerations=(
        enumeration(
            "action_status", "open complete overdue",
            completed="complete", closed="complete", done="complete", in_progress="open",
            late="overdue",
        ),
    ),
    item=ACTION,
    item_columns=("action_id", "source_id", "status", "owner_agency", "due", "impact"),
    details=_details,
)
