"""What the task and plan pages show editors about corrections: the units a correction
form may name, the agencies an alias may point at, and the items dropped as not a task."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from loaders.agencies import printed_form
from loaders.corrections import Correction
from webui.correction_book import book_file
from webui.db import fetch, get_store
from webui.labels import KIND_LABELS


def task_panel(info: dict[str, Any], assignments: list[dict[str, Any]]) -> dict[str, Any]:
    """What the task page's correction forms offer: each printed unit once (its role and
    agency), and the agencies of the plan's city an alias may point at."""
    units: dict[str, dict[str, Any]] = {}
    for row in assignments:
        if row["basis"] in ("explicit", "first_listed", "listed") and row["unit"]:
            found = units.setdefault(row["unit"], {**row, "roles": set()})
            found["roles"].add(row["role"])
    agencies = city_agencies(info["city"]) if info.get("city") else []
    return {"units": list(units.values()), "agencies": agencies,
            "kinds": list(KIND_LABELS.items())}


def plan_records(doc_id: str) -> list[Correction]:
    """The book's records of one stored plan, oldest first: those keyed by its fingerprint
    (made on any copy of it, here or in another office) or made on it by id."""
    book = book_file().readable()
    if not len(book):
        return []
    keys = plan_keys(doc_id)
    return [r for r in book.records() if r.plan in keys or r.key.doc in keys]


def plan_keys(plan: str) -> set[str]:
    """What records name a plan by: its id (a file name without its extension too), a
    fingerprint, and the fingerprint of the stored plan of that id."""
    stem = plan.rsplit(".", 1)[0] if "." in plan else plan
    rows = get_store().run("document_fingerprints", {"ids": [plan, stem], "fingerprints": []})
    return {plan, stem, *(r["fingerprint"] for r in rows if r["fingerprint"])}


def task_records(doc_id: str, no: str, title: str) -> list[Correction]:
    """The book's records of one task (as printed), oldest first: what readers see was
    changed by hand, including units taken out, which leave no edge to mark."""
    key = (printed_form(no), printed_form(title))
    return [r for r in plan_records(doc_id)
            if r.key.task and (printed_form(r.key.task.no), printed_form(r.key.task.title)) == key]


def city_agencies(city: str) -> list[dict[str, Any]]:
    return fetch("city_agencies", city=city).records()


def dropped_tasks(doc_id: str, shown: Iterable[dict[str, Any]]) -> list[Correction]:
    """The plan's items a not_task record drops now: the last not_task or restore_task of
    each task is a not_task, and the task is not in the plan's table."""
    present = {(printed_form(r["no"] or ""), printed_form(r["title"] or "")) for r in shown}
    last: dict[tuple[str, str], Correction] = {}
    for record in plan_records(doc_id):
        if record.action in ("not_task", "restore_task") and record.key.task:
            last[(printed_form(record.key.task.no), printed_form(record.key.task.title))] = record
    return [r for key, r in last.items() if r.action == "not_task" and key not in present]
