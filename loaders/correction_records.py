"""A correction to a plan's reading, as a record that outlives the reading it corrects.

A record says who changed what, when and why, and is keyed by what a reload of the plan
gives again: the plan's content fingerprint (graph.model.text_fingerprint: the same plan as
TXT or DOCX has one), the task's printed number and title, and for a unit the mention as
printed (`Mention.text`). Compared in NFKC without whitespace, as everywhere in the loaders.

Actions (payload in brackets):
    add_unit      name a unit the reading missed            {name, role: lead|unit}
    remove_unit   take out a unit it read wrongly           {}
    set_role      make a unit the lead, or a lead a unit    {role: lead|unit}
    not_task      the item is not a task: drop it           {}
    restore_task  undo a not_task of the same task          {}
    alias         the printed name stands for this agency   {city, agency: {id, name, kind,
                  in the plan's jurisdiction                 type}} or {city, new: {name,
                                                             kind?, type?}}
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from graph.model import Document, Mention, Task, text_fingerprint
from loaders.agencies import AliasTarget, printed_form
from loaders.errors import LoaderError

ACTIONS = ("add_unit", "remove_unit", "set_role", "not_task", "restore_task", "alias")
MENTION_ACTIONS = frozenset({"remove_unit", "set_role", "alias"})  # key names a mention
TASK_ACTIONS = frozenset(ACTIONS) - {"alias"}  # key names a task (optional for alias)
SET_ROLES = ("lead", "unit")
FIELDS = ("id", "who", "when", "why", "action", "key", "payload")
FORMATS = ("yaml", "json")
# A record id: the short random ids Correction.new gives (c-3f2a9b1c0d4e) or any other
# short word-like id an office gives its records.
RECORD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
FINGERPRINT = re.compile(r"[0-9a-f]{64}")  # 7f3a…: text_fingerprint's hex digest
WHEN_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # 2024-05-01T08:00:00Z

HEADER = """\
# Corrections to the readings of plans (python -m loaders corrections --help).
# Applied again on every load and rebuild; a record that no longer matches is reported.
# Each record: id, who, when (UTC), why, action, key {plan: content fingerprint,
# doc: plan id when recorded, task: {no, title}, mention}, payload (see
# loaders/correction_records.py for the actions and their payloads).
"""


class CorrectionError(LoaderError):
    """A correction record, or a file of them, that cannot be taken; names the file (or
    the field) and the record; nothing of a refused file is taken."""


@dataclass(frozen=True)
class TaskKey:
    """A task as printed: its number and title."""

    no: str
    title: str

    def matches(self, task: Task) -> bool:
        return (printed_form(task.no) == printed_form(self.no)
                and printed_form(task.title) == printed_form(self.title))


@dataclass(frozen=True)
class Key:
    """What a record corrects: a plan, a task of it, a mention of that task."""

    plan: str  # text_fingerprint of the plan's text
    task: TaskKey | None = None
    mention: str = ""  # Mention.text, for remove_unit, set_role and alias
    doc: str = ""  # the plan's id when the record was made: for people and filters only

    @classmethod
    def of(cls, document: Document, task: Task | None = None,
           mention: Mention | str = "") -> Key:
        """The key of `document` (and of one of its tasks, and a mention of that task)."""
        text = mention.text if isinstance(mention, Mention) else mention
        return cls(plan=text_fingerprint(document.text),
                   task=TaskKey(task.no, task.title) if task else None,
                   mention=text, doc=document.id)

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"plan": self.plan}
        if self.doc:
            out["doc"] = self.doc
        if self.task:
            out["task"] = {"no": self.task.no, "title": self.task.title}
        if self.mention:
            out["mention"] = self.mention
        return out


@dataclass(frozen=True)
class Correction:
    """One correction record."""

    id: str
    who: str
    when: str  # UTC, WHEN_FORMAT
    why: str
    action: str
    key: Key
    payload: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def new(cls, action: str, key: Key, payload: dict[str, Any] | None = None, *,
            who: str, why: str, when: datetime | None = None) -> Correction:
        """A new record with a fresh id, made now (or `when`); CorrectionError when any part
        is missing or wrong (an unknown action, no reason given, a key without its task)."""
        data = {"id": "c-" + uuid.uuid4().hex[:12], "who": who,
                "when": (when or datetime.now(UTC)), "why": why, "action": action,
                "key": key.to_data(), "payload": payload or {}}
        try:
            return cls.from_data(data)
        except ValueError as err:
            raise CorrectionError("correction", str(err)) from None

    @classmethod
    def from_data(cls, data: Any) -> Correction:
        """A record from its YAML/JSON form; ValueError saying what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("a record must be a mapping of " + ", ".join(FIELDS))
        unknown = sorted(set(map(str, data)) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(unknown)} "
                             f"(a record has {', '.join(FIELDS)})")
        action = data.get("action")
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
        return cls(id=_record_id(data.get("id")), who=_text(data, "who", "who made it"),
                   when=_when(data.get("when")),
                   why=_text(data, "why", "why the reading was wrong"),
                   action=action, key=_key(data.get("key"), action),
                   payload=_payload(data.get("payload"), action))

    def to_data(self) -> dict[str, Any]:
        return {"id": self.id, "who": self.who, "when": self.when, "why": self.why,
                "action": self.action, "key": self.key.to_data(), "payload": self.payload}

    @property
    def plan(self) -> str:
        return self.key.plan

    @property
    def target(self) -> AliasTarget:
        """The agency an alias record points at."""
        return AliasTarget.from_data(self.payload)

    def describe(self) -> str:
        """One line for reports: action, plan, task and mention."""
        parts = [self.id, self.action, self.key.doc or self.key.plan[:12]]
        if self.key.task:
            parts.append(f"task {self.key.task.no} {self.key.task.title[:20]}")
        if self.key.mention:
            parts.append(self.key.mention)
        return " ".join(parts)


def read_records(path: Path) -> list[Correction]:
    """Every record of a book or an exported file (YAML, or JSON for a .json file), all
    checked: one CorrectionError naming the file and the first bad record, else the list."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CorrectionError(path, f"cannot read it: {err}") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as err:
        raise CorrectionError(path, f"not valid {_format(path).upper()}: "
                                    f"{' '.join(str(err).split())}") from None
    data = [] if data is None else data
    if not isinstance(data, list):
        raise CorrectionError(path, "expected a list of correction records")
    records: list[Correction] = []
    seen: set[str] = set()
    for index, item in enumerate(data, 1):
        try:
            record = Correction.from_data(item)
            if record.id in seen:
                raise ValueError(f"id {record.id} is used by an earlier record too")
        except ValueError as err:
            raise CorrectionError(path, f"record {index} of {len(data)}: {err}; nothing "
                                        "was taken from this file") from None
        seen.add(record.id)
        records.append(record)
    return records


def dump_records(records: list[Correction], fmt: str) -> str:
    """The records as a file: YAML with a header, or JSON."""
    data = [r.to_data() for r in records]
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt != "yaml":
        raise CorrectionError("--format", f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _format(path: Path) -> str:
    return "json" if path.suffix.lower() == ".json" else "yaml"


def _record_id(value: Any) -> str:
    if not isinstance(value, str) or not RECORD_ID.fullmatch(value):
        raise ValueError(f"id {value!r} must be a short word (letters, digits, - _ .)")
    return value


def _text(data: dict[str, Any], name: str, meaning: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"`{name}` is missing: say {meaning}")
    return value.strip()


def _when(value: Any) -> str:
    """UTC time in WHEN_FORMAT, from an ISO text or a datetime that says its offset."""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ValueError(f"`when` {value!r} must be an ISO time with its offset, such as "
                         "2024-05-01T08:00:00Z")
    return moment.astimezone(UTC).strftime(WHEN_FORMAT)


def _key(value: Any, action: str) -> Key:
    if not isinstance(value, dict):
        raise ValueError("`key` must be a mapping with plan, task and mention")
    unknown = sorted(set(map(str, value)) - {"plan", "doc", "task", "mention"})
    if unknown:
        raise ValueError(f"`key` has unknown field(s) {', '.join(unknown)}")
    plan = value.get("plan")
    if not isinstance(plan, str) or not FINGERPRINT.fullmatch(plan):
        raise ValueError(f"key.plan {plan!r} must be the plan's fingerprint "
                         "(64 hex digits, graph.model.text_fingerprint)")
    task = _task_key(value.get("task"), action)
    mention = value.get("mention") or ""
    if not isinstance(mention, str) or (action in MENTION_ACTIONS and not printed_form(mention)):
        raise ValueError(f"{action} needs key.mention: the unit as printed")
    doc = value.get("doc") or ""
    if not isinstance(doc, str):
        raise ValueError("key.doc must be the plan's id")
    return Key(plan=plan, task=task, mention=mention, doc=doc)


def _task_key(value: Any, action: str) -> TaskKey | None:
    if value is None and action not in TASK_ACTIONS:
        return None
    if not isinstance(value, dict):
        raise ValueError(f"{action} needs key.task: the task's printed number and title")
    no, title = value.get("no"), value.get("title")
    if isinstance(no, int):
        no = str(no)
    if not isinstance(no, str) or not isinstance(title, str) or not printed_form(title):
        raise ValueError("key.task needs `no` (its printed number) and `title`")
    return TaskKey(no=no, title=title)


def _payload(value: Any, action: str) -> dict[str, Any]:
    value = {} if value is None else value
    if not isinstance(value, dict):
        raise ValueError("`payload` must be a mapping")
    if action == "add_unit":
        name = value.get("name")
        if not isinstance(name, str) or not printed_form(name):
            raise ValueError("add_unit needs payload.name: the unit's name as printed")
        return {"name": unicodedata.normalize("NFC", name.strip()), "role": _role(value)}
    if action == "set_role":
        return {"role": _role(value)}
    if action == "alias":
        city = value.get("city")
        if not isinstance(city, str) or not printed_form(city):
            raise ValueError("alias needs payload.city: the plan's jurisdiction (常州市)")
        target = AliasTarget.from_data({k: v for k, v in value.items() if k != "city"})
        return {"city": printed_form(city), **target.to_data()}
    if value:
        raise ValueError(f"{action} takes no payload")
    return {}


def _role(value: dict[str, Any]) -> str:
    role = value.get("role")
    if role not in SET_ROLES:
        raise ValueError(f"payload.role {role!r} must be one of {', '.join(SET_ROLES)}")
    return str(role)
