"""Deadlines and targets for the pages (#12): one named query per section, whatever the
number of tasks on the page, joined to the page's tables here.

Which bucket of a timeline a deadline falls in, and how a deadline or a target reads in
words, is webui.timeline's; this module only fetches and attaches.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from webui.db import fetch
from webui.tables import Link, Table
from webui.task_words import kept
from webui.timeline import deadline_text, metric_key, per_task, target_text, timeline

TASK = Link("tasks.task", "task_id", "task_id")
PLAN = Link("plans.plan", "doc_id", "doc_id")
DEADLINES_KEY, TARGETS_KEY = "task_deadline_words", "task_target_words"  # app.extensions


def task_ids(table: Table) -> list[str]:
    return [str(r["task_id"]) for r in table.records() if r.get("task_id")]


def deadlines_of(ids: list[str]) -> dict[str, list[str]]:
    """task id -> its deadlines in words, printed and normalised (named query
    task_deadlines, one call for all the tasks not kept: webui.task_words)."""
    return kept(DEADLINES_KEY, "task_deadlines", deadline_text).of(ids)


def targets_of(ids: list[str]) -> dict[str, list[str]]:
    """task id -> the targets it states in words (named query task_targets, likewise)."""
    return kept(TARGETS_KEY, "task_targets", target_text).of(ids)


def agency_targets(agency_id: str) -> dict[str, list[str]]:
    """task id -> the targets it states in words, for every task of the agency (named query
    agency_targets: from the agency, where task_targets over its tasks, spread over the
    whole graph, scans most task ids)."""
    return per_task(fetch("agency_targets", agency=agency_id).records(), target_text)


def with_columns(table: Table, **columns: dict[str, list[str]]) -> Table:
    """The table with a list column per keyword, looked up by the row's task id."""
    at = table.columns.index("task_id")
    rows = [[*row, *(found.get(row[at], []) for found in columns.values())]
            for row in table.rows]
    return replace(table, columns=[*table.columns, *columns], rows=rows)


def with_deadlines(table: Table, *, targets: bool = False) -> Table:
    """A task table with `deadlines` (and `targets`) columns."""
    ids = task_ids(table)
    if not targets:
        return with_columns(table, deadlines=deadlines_of(ids))
    return with_columns(table, deadlines=deadlines_of(ids), targets=targets_of(ids))


def agency_timeline(agency_id: str) -> Table:
    """Every task of the agency with each deadline it prints (named query agency_timeline),
    `bucket` (where it falls from today) and `deadline` in words added."""
    table = fetch("agency_timeline", title="到期时间表", agency=agency_id)
    records = table.records()
    buckets = {id(r): g["key"] for g in timeline(records, date.today()) for r in g["rows"]}
    rows = [[*row, buckets[id(r)], deadline_text(r) if r["phrase"] else ""]
            for row, r in zip(table.rows, records, strict=True)]
    return replace(table, columns=[*table.columns, "bucket", "deadline"], rows=rows,
                   hidden=("task_id", "doc_id"), links={"title": TASK, "plan": PLAN})


def timeline_view(table: Table, due_by: str | None) -> list[dict[str, Any]]:
    """The timeline's buckets; with `due_by`, only dated deadlines up to that day."""
    records = [r for r in table.records()
               if due_by is None or (r["date"] is not None and r["date"] <= due_by)]
    return timeline(records, date.today())


def deadline_lists(table: Table) -> dict[str, list[str]]:
    """task id -> its deadlines in words, from an agency's timeline rows."""
    return per_task((r for r in table.records() if r["phrase"]), deadline_text)


def per_task_targets(targets: Table) -> dict[str, list[str]]:
    """task id -> its targets in words, from a plan's targets."""
    return per_task(targets.records(), target_text)


def plan_targets(doc_id: str) -> Table:
    """The plan's targets (named query plan_targets), stated by a task or in its goals."""
    table = fetch("plan_targets", title="量化目标", doc=doc_id)
    return replace(table, hidden=("target_id", "task_id", "position"), links={"task": TASK})


def task_targets(doc_id: str, task_id: str) -> Table:
    table = fetch("plan_targets", title="量化目标", doc=doc_id, task=task_id)
    return replace(table.only("metric", "comparison", "value", "value_unit", "year", "phrase",
                              "sectors"))


def task_deadlines(task_id: str) -> Table:
    table = fetch("task_deadlines", title="完成时限", tasks=[task_id])
    return table.only("phrase", "deadline_kind", "date", "recurrence")


SECTOR_TARGETS = 500  # rows on a sector page: a province's 5G targets run to thousands


def sector_targets(sector: str) -> Table:
    """A sector's targets, the same metric of every city side by side: rows ordered by
    metric (webui.timeline.metric_key), then city and year; the first SECTOR_TARGETS."""
    table = fetch("sector_targets", title=f"{sector}:各城市量化目标", sector=sector,
                  limit=SECTOR_TARGETS)
    key = table.columns.index("metric")
    city, year = table.columns.index("city"), table.columns.index("year")
    rows = sorted(table.rows, key=lambda r: (metric_key(str(r[key] or "")), str(r[city] or ""),
                                             r[year] or 0))
    return replace(table, rows=rows, hidden=("doc_id", "task_id", "target_id"),
                   links={"plan": PLAN, "no": TASK})
