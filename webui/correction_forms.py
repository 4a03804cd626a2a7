"""The task page's correction forms, read into correction records.

Each form names its action and why; the record is made from the plan as read again (the
task's printed number and title, the unit as printed), so it keys what a reload of the
plan gives. A field a form needs and lacks, or that is too long, is a 400 naming it; the
record is then checked against the plan before it is kept (webui.rereading).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graph.model import KINDS, Document, Task
from loaders.corrections import Correction, CorrectionError, Key, TaskKey, jurisdiction
from webui.errors import BadParameter
from webui.rereading import Refused

# What an editor may do from a task page (restore_task is offered on the plan page).
TASK_ACTIONS = ("add_unit", "remove_unit", "set_role", "alias", "not_task")
ROLES = ("lead", "unit")
MAX_WHY = 500
MAX_NAME = 100

Maker = Callable[[Document], Correction]
# city -> the city's agencies (id, name, canonical, kind, type), for an alias's target
AgencyList = Callable[[str], list[dict[str, Any]]]


def task_record(task_id: str, form: Mapping[str, str], who: str,
                agencies: AgencyList) -> Maker:
    """Read the form now (400 for a missing or bad field); the record is made once the
    plan is read again."""
    action = _choice(form, "action", TASK_ACTIONS, "更正类型")
    why = _text(form, "why", "理由", MAX_WHY)
    fields = _fields(action, form)

    def make(document: Document) -> Correction:
        task = _task(document, task_id)
        payload = _payload(action, fields, document, agencies)
        key = Key.of(document, task, fields.get("mention", ""))
        try:
            return Correction.new(action, key, payload, who=who, why=why)
        except CorrectionError as err:
            raise Refused(f"更正不完整:{err.reason}") from None

    return make


def restore_record(not_task: Correction, who: str, why: str) -> Maker:
    """A restore_task for the task a not_task record dropped."""
    why = _text({"why": why}, "why", "理由", MAX_WHY)
    if not_task.action != "not_task" or not_task.key.task is None:
        raise BadParameter(f"更正 {not_task.id} 不是“不是任务”记录,无从恢复")
    key = Key(plan=not_task.plan, task=TaskKey(not_task.key.task.no, not_task.key.task.title),
              doc=not_task.key.doc)

    def make(document: Document) -> Correction:
        return Correction.new("restore_task", Key(plan=key.plan, task=key.task, doc=document.id),
                              who=who, why=why)

    return make


def _fields(action: str, form: Mapping[str, str]) -> dict[str, str]:
    """The fields `action` takes, checked."""
    if action == "add_unit":
        return {"name": _text(form, "name", "单位名称", MAX_NAME),
                "role": _choice(form, "role", ROLES, "角色")}
    if action == "not_task":
        return {}
    fields = {"mention": _text(form, "mention", "原文写法", MAX_NAME)}
    if action == "set_role":
        fields["role"] = _choice(form, "role", ROLES, "角色")
    if action == "alias":
        fields["target"] = _choice(form, "target", ("agency", "new"), "指向")
        if fields["target"] == "agency":
            fields["agency"] = _text(form, "agency", "单位", MAX_NAME)
        else:
            fields["new_name"] = _text(form, "new_name", "新单位名称", MAX_NAME)
            fields["new_kind"] = _choice(form, "new_kind", ("", *KINDS), "单位类别")
            fields["new_type"] = _text(form, "new_type", "单位类型", MAX_NAME, required=False)
    return fields


def _payload(action: str, fields: dict[str, str], document: Document,
             agencies: AgencyList) -> dict[str, Any]:
    if action in ("add_unit", "set_role"):
        return {k: fields[k] for k in ("name", "role") if k in fields}
    if action != "alias":
        return {}
    city = jurisdiction(document)
    if fields["target"] == "new":
        new = {"name": fields["new_name"], "kind": fields["new_kind"],
               "type": fields["new_type"]}
        return {"city": city, "new": {k: v for k, v in new.items() if v}}
    found = [a for a in agencies(city) if a["id"] == fields["agency"]]
    if not found:
        raise BadParameter(f"{city} 没有编号为 {fields['agency']!r} 的单位 (no such agency "
                           "in the plan's city)")
    agency = found[0]
    return {"city": city, "agency": {"id": agency["id"], "name": agency["canonical"],
                                     "kind": agency["kind"], "type": agency["type"] or ""}}


def _task(document: Document, task_id: str) -> Task:
    for task in document.tasks:
        if document.task_id(task) == task_id:
            return task
    raise Refused(f"重新读取方案后找不到任务 {task_id}(方案原文的读取结果已变)")


def _text(form: Mapping[str, str], name: str, label: str, most: int,
          required: bool = True) -> str:
    value = " ".join((form.get(name) or "").split())
    if required and not value:
        raise BadParameter(f"请填写{label} ({name} is required)")
    if len(value) > most:
        raise BadParameter(f"{label}过长:{len(value)} 字,最多 {most} 字 ({name} too long)")
    return value


def _choice(form: Mapping[str, str], name: str, choices: tuple[str, ...], label: str) -> str:
    value = (form.get(name) or "").strip()
    if value not in choices:
        raise BadParameter(f"{label}只能是 {'、'.join(c or '(空)' for c in choices)} 之一,"
                           f"收到 {value!r} ({name})")
    return value
