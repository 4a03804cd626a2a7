"""Deadlines and targets as the pages show them: an agency's timeline of what falls due,
and each task's deadlines and targets in one line of words.

The graph keeps each deadline as printed and normalised (graph.model.Deadline); where it
falls from today (overdue, this month, this quarter …) changes every day, so it is worked
out here, at request time, never stored.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from webui.labels import LABELS, LIST_SEPARATOR

BUCKET_LABELS = LABELS.section("timeline")
COMPARISON_LABELS = LABELS.section("comparisons")
BUCKETS = tuple(BUCKET_LABELS)  # overdue, month, quarter, later, recurring, ongoing, undated
# A metric named with or without a counting word is one metric: 5G基站数量 is 5G基站.
METRIC_TAILS = ("数量", "总数", "总量", "数")

Record = Mapping[str, Any]


def bucket(row: Record, today: date) -> str:
    """Where a deadline row falls from `today`; a row without a date by its kind."""
    kind, due = row.get("deadline_kind"), row.get("date")
    if kind in ("recurring", "ongoing"):
        return str(kind)
    if not due:
        return "undated"
    when = date.fromisoformat(str(due))
    if when < today:
        return "overdue"
    if (when.year, when.month) == (today.year, today.month):
        return "month"
    if when.year == today.year and (when.month - 1) // 3 == (today.month - 1) // 3:
        return "quarter"
    return "later"


def timeline(rows: Iterable[Record], today: date) -> list[dict[str, Any]]:
    """The rows of an agency's timeline in buckets, in BUCKETS order, each bucket sorted by
    date then task; empty buckets are kept so the page shows a count of 0."""
    groups: dict[str, list[Record]] = {key: [] for key in BUCKETS}
    for row in rows:
        groups[bucket(row, today)].append(row)
    return [{"key": key, "label": BUCKET_LABELS[key],
             "rows": sorted(groups[key], key=lambda r: (r.get("date") or "", r["task_id"]))}
            for key in BUCKETS]


def deadline_text(row: Record) -> str:
    """`2020年10月底前(2020-10-31)`: the phrase as printed and, where it adds anything,
    its normalised form."""
    phrase = str(row.get("phrase") or "")
    normal = row.get("date") or row.get("recurrence") or ""
    if row.get("deadline_kind") == "ongoing" or not normal or normal == phrase:
        return phrase
    return f"{phrase}({normal})"


def target_text(row: Record) -> str:
    """`5G基站 不低于 1.5万个(2025年)`: metric, comparison, value with its unit, year."""
    value = row.get("value")
    number = f"{value:g}" if isinstance(value, float) else str(value if value is not None else "")
    comparison = COMPARISON_LABELS.get(str(row.get("comparison")), str(row.get("comparison")))
    year = f"({row['year']}年)" if row.get("year") else ""
    return f"{row.get('metric') or ''} {comparison} {number}{row.get('value_unit') or ''}{year}"


def per_task(rows: Iterable[Record], text: Any) -> dict[str, list[str]]:
    """task id -> the rows' texts, in the rows' order (one query's rows for many tasks)."""
    out: dict[str, list[str]] = {}
    for row in rows:
        if row.get("task_id"):
            out.setdefault(str(row["task_id"]), []).append(text(row))
    return out


def joined(texts: list[str] | None) -> str:
    return LIST_SEPARATOR.join(texts or [])


def metric_key(metric: str) -> str:
    """What makes two cities' metrics the same metric: NFKC, no spaces, no counting word."""
    key = "".join(unicodedata.normalize("NFKC", metric).split())
    for tail in METRIC_TAILS:
        if key.endswith(tail) and len(key) > len(tail) + 1:
            return key[: -len(tail)]
    return key
