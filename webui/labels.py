"""Chinese words for the graph's closed vocabularies and the queries' column names.

Downloads keep the stored values (`first_listed`), which other programs read; pages and
the clerk-facing exports show these words instead.
"""

from __future__ import annotations

from typing import Any

from graph.model import KINDS

KIND_LABELS = {
    "department": "政府部门",
    "party": "党委机构",
    "collective": "集合主体(各…)",
    "zone": "园区/功能区",
    "enterprise": "企业",
    "institution": "事业单位",
    "other": "其他",
}
assert set(KIND_LABELS) == set(KINDS), "every agency kind needs a label"

ROLE_LABELS = {"lead": "牵头", "unit": "责任单位", "implied": "责任单位(统一规定)",
               "any": "全部角色"}

# Why an agency holds a task: the edge's basis.
BASIS_LABELS = {
    "explicit": "牵头",
    "first_listed": "牵头(按排序推定)",
    "listed": "责任单位",
    "standing_rule": "责任单位(按统一规定)",
}

SOURCE_LABELS = {"inline": "条目内", "attachment": "分工表/附件", "none": "未列单位"}

FLAG_LABELS = {"no_units": "未列责任单位", "no_explicit_lead": "未明确牵头单位", "": ""}

COLUMN_LABELS = {
    "agencies": "单位数", "agency": "单位", "agency_a": "单位甲", "agency_b": "单位乙",
    "agency_id": "单位编号", "assignments": "职责分配数", "basis": "依据", "cities": "城市数",
    "city": "城市", "co_agencies": "共同责任单位", "columns": "列", "context": "说明",
    "deadline": "时限", "doc_id": "文件编号", "doc_number": "文号", "end": "结束位置",
    "explicit_leads": "明确牵头", "file": "文件", "first_listed_lead": "推定牵头单位",
    "first_listed_leads": "推定牵头", "flag": "提示", "has_first_listed_lead": "有推定牵头",
    "id": "编号", "implied": "统一规定单位", "issued": "印发日期", "issuer": "发文机关",
    "kind": "类别", "known": "已收录", "lead_basis": "牵头依据", "led_by_a": "甲牵头",
    "led_by_agency": "本单位牵头", "led_by_b": "乙牵头", "led_by_partner": "对方牵头",
    "leads": "牵头单位", "mention": "原文写法", "mentions": "原文写法", "name": "名称",
    "no": "序号", "plan": "方案", "plans": "方案数", "position": "顺序", "rank": "排序",
    "role": "角色", "section": "章节", "sector": "领域", "sectors": "领域",
    "sentence": "原文", "sentences": "原文", "shared": "共同任务", "source": "出处",
    "start": "起始位置", "task": "任务", "task_id": "任务编号", "tasks": "任务数",
    "text": "全文", "title": "标题", "type": "单位类型", "unit": "单位(规范写法)",
    "units": "责任单位",
}

# Columns whose stored values have words of their own.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "kind": KIND_LABELS, "role": ROLE_LABELS, "basis": BASIS_LABELS,
    "lead_basis": BASIS_LABELS, "source": SOURCE_LABELS, "flag": FLAG_LABELS,
}

LIST_SEPARATOR = "、"

# An edge a correction made (or changed) is marked so on every page and export.
CORRECTED_MARK = "人工更正"
# The columns of correction records and of the edges they made (webui.corrections).
CORRECTION_COLUMNS = {
    "correction": CORRECTED_MARK, "corrections": CORRECTED_MARK, "action": "更正类型",
    "change": "更正内容", "status": "状态", "when": "时间(UTC)", "who": "更正人",
    "why": "理由",
}
COLUMN_LABELS.update({k: v for k, v in CORRECTION_COLUMNS.items() if k not in COLUMN_LABELS})


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
    return VALUE_LABELS.get(column, {}).get(value, str(value)) if isinstance(value, str) \
        else str(value)


def role_label(role: str, basis: str) -> str:
    """牵头 / 牵头(按排序推定) / 责任单位 …: the basis says more than the role."""
    return BASIS_LABELS.get(basis) or ROLE_LABELS.get(role, role)
