"""Chinese words for the graph's closed vocabularies and the queries' column names.

The words live in queries/data/labels.yaml (read by queries.labels), shared with the query
forms and the question box. Downloads keep the stored values (`first_listed`), which other
programs read; pages and the clerk-facing exports show these words instead.
"""

from __future__ import annotations

from typing import Any

from queries.labels import load_labels

LABELS = load_labels()
KIND_LABELS = LABELS.section("kinds")
ROLE_LABELS = LABELS.section("roles")
BASIS_LABELS = LABELS.section("bases")  # why an agency holds a task: the edge's basis
SOURCE_LABELS = LABELS.section("sources")
FLAG_LABELS = LABELS.section("flags")
COLUMN_LABELS = LABELS.section("columns")

LIST_SEPARATOR = "、"

# An edge a correction made (or changed) is marked so on every page and export.
CORRECTED_MARK = COLUMN_LABELS["correction"]  # 人工更正


def column_label(column: str) -> str:
    return COLUMN_LABELS.get(column, column)


def value_label(column: str, value: Any) -> str:
    """A cell as a clerk reads it: labelled vocabulary, lists joined, empty as a dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(value_label(column, v) for v in value)
    return LABELS.for_column(column).get(value, str(value)) if isinstance(value, str) \
        else str(value)


def role_label(role: str, basis: str) -> str:
    """牵头 / 牵头(按排序推定) / 责任单位 …: the basis says more than the role."""
    return BASIS_LABELS.get(basis) or ROLE_LABELS.get(role, role)
