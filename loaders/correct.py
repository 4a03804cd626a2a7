"""Apply correction records to a plan just read, after its agencies are resolved.

Records are applied in the order they were made (records made in the same second in the
order of the book), each to the reading as the earlier ones left it, so a restore_task
undoes the not_task before it and a set_role may follow an add_unit. What a record adds or
changes carries its id (`Mention.correction`), which the graph keeps on the edge, so every
page and export can say the edge is a correction. A record whose plan is read but whose
task or mention is not found is reported with the reason; records of other plans do
nothing. An alias also holds in the plan's other readings of the same jurisdiction: every
plan there that prints the name gets the agency.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from graph.model import Document, Mention, Task, text_fingerprint
from loaders.agencies import AgencyLexicon, loose, printed_form
from loaders.correction_records import Correction


@dataclass
class Applied:
    """What a book did to one plan (or, combined, to a load): records applied, and records
    of the plan that matched nothing, with the reason."""

    doc: str = ""  # the document id; "" when combined
    applied: list[str] = field(default_factory=list)
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (record id, reason)
    elsewhere: list[str] = field(default_factory=list)  # other plans' aliases applied here

    @property
    def touched(self) -> bool:
        """Whether any record was meant for this plan or changed it."""
        return bool(self.applied or self.unmatched or self.elsewhere)

    @classmethod
    def combine(cls, parts: Iterable[Applied]) -> Applied:
        """One report for many plans: a record applied to one copy of a plan counts as
        applied; each record is listed once."""
        parts = list(parts)
        applied = list(dict.fromkeys(i for p in parts for i in p.applied))
        done = set(applied)
        unmatched = {i: why for p in parts for i, why in p.unmatched if i not in done}
        return cls(applied=applied, unmatched=list(unmatched.items()))


def jurisdiction(document: Document) -> str:
    """The jurisdiction a plan's mentions are read in (national plans: 国务院)."""
    return document.city or document.province or "国务院"


def apply_corrections(document: Document, records: Sequence[Correction],
                      lexicon: AgencyLexicon) -> Applied:
    """Apply the records meant for `document` (and aliases of its jurisdiction) in place."""
    fingerprint = text_fingerprint(document.text)
    where = printed_form(jurisdiction(document))
    mine = [r for r in records if r.plan == fingerprint
            or (r.action == "alias" and r.payload.get("city") == where)]
    result = Applied(doc=document.id)
    if not mine:
        return result
    work = _Work(document, fingerprint, where, lexicon)
    for record in sorted(mine, key=lambda r: r.when):  # stable: ties keep the book's order
        if record.plan != fingerprint:  # another plan's alias: applied, not reported here
            if _alias(work, record) is None:
                result.elsewhere.append(record.id)
            continue
        reason = ACTIONS[record.action](work, record)
        if reason is None:
            result.applied.append(record.id)
        else:
            result.unmatched.append((record.id, reason))
    document.tasks = work.live()
    return result


@dataclass
class _Work:
    """A plan being corrected: the tasks dropped so far, by the record that dropped them."""

    document: Document
    fingerprint: str
    where: str
    lexicon: AgencyLexicon
    dropped: dict[int, str] = field(default_factory=dict)  # id(task) -> record id

    def live(self) -> list[Task]:
        return [t for t in self.document.tasks if id(t) not in self.dropped]

    def tasks(self, record: Correction) -> tuple[list[Task], list[Task]]:
        """The tasks the record's key names: (still there, dropped)."""
        key = record.key.task
        named = [t for t in self.document.tasks if key is None or key.matches(t)]
        return ([t for t in named if id(t) not in self.dropped],
                [t for t in named if id(t) in self.dropped])

    def live_tasks(self, record: Correction) -> tuple[list[Task], str | None]:
        """The named tasks still there, or why there are none."""
        live, dropped = self.tasks(record)
        if live:
            return live, None
        if dropped:
            return [], f"{_task(record)} was marked not a task by {self.dropped[id(dropped[0])]}"
        return [], f"{_task(record)} is not in the plan"


def _same(mention: Mention, printed: str) -> bool:
    return printed_form(mention.text) == printed_form(printed)


def _task(record: Correction) -> str:
    key = record.key.task
    return f"task {key.no} {key.title}" if key else "the plan"


def _add_unit(work: _Work, record: Correction) -> str | None:
    tasks, reason = work.live_tasks(record)
    name, role = record.payload["name"], record.payload["role"]
    agency = work.lexicon.resolve(name, work.where)
    for task in tasks:
        for m in task.mentions:
            if m.role in ("lead", "unit") and (
                    _same(m, name) or (m.agency is not None and m.agency.id == agency.id)):
                return f"{_task(record)} already names {m.text} ({m.role})"
    for task in tasks:
        task.mentions.append(Mention(
            text=name, role=role, source="none", start=task.start, end=task.start,
            sentence="", printed=name, lead_basis="explicit" if role == "lead" else "",
            agency=agency, correction=record.id))
    return reason


def _remove_unit(work: _Work, record: Correction) -> str | None:
    tasks, reason = work.live_tasks(record)
    if reason:
        return reason
    found = False
    for task in tasks:
        kept = [m for m in task.mentions if not _same(m, record.key.mention)]
        found = found or len(kept) < len(task.mentions)
        task.mentions = kept
    return None if found else f"{_task(record)} names no unit printed {record.key.mention}"


def _set_role(work: _Work, record: Correction) -> str | None:
    tasks, reason = work.live_tasks(record)
    if reason:
        return reason
    role = record.payload["role"]
    named = [m for t in tasks for m in t.mentions if _same(m, record.key.mention)]
    if not named:
        return f"{_task(record)} names no unit printed {record.key.mention}"
    changed = [m for m in named if m.role != role]
    if not changed:
        return f"{record.key.mention} is already read as {role} in {_task(record)}"
    for m in changed:
        m.role, m.correction = role, record.id
        m.lead_basis = "explicit" if role == "lead" else ""
    return None


def _not_task(work: _Work, record: Correction) -> str | None:
    tasks, reason = work.live_tasks(record)
    for task in tasks:
        work.dropped[id(task)] = record.id
    return reason


def _restore_task(work: _Work, record: Correction) -> str | None:
    live, dropped = work.tasks(record)
    for task in dropped:
        del work.dropped[id(task)]
    if dropped:
        return None
    return f"{_task(record)} is not marked as not a task" if live else (
        f"{_task(record)} is not in the plan")


def _alias(work: _Work, record: Correction) -> str | None:
    """Point every mention printed so (in the key's task, if it names one) at the agency."""
    if record.payload["city"] != work.where:
        return f"the plan is read in {work.where}, the alias is for {record.payload['city']}"
    if record.plan == work.fingerprint:
        tasks, reason = work.live_tasks(record)
        if reason:
            return reason
    else:
        tasks = work.live()
    agency = work.lexicon.alias_ref(record.target, work.where)
    printed = loose(record.key.mention)
    named = [m for t in tasks for m in t.mentions if loose(m.text) == printed]
    for m in named:
        m.agency, m.correction = agency, record.id
    return None if named else f"{_task(record)} names no unit printed {record.key.mention}"


ACTIONS: dict[str, Callable[[_Work, Correction], str | None]] = {
    "add_unit": _add_unit, "remove_unit": _remove_unit, "set_role": _set_role,
    "not_task": _not_task, "restore_task": _restore_task, "alias": _alias,
}


def correction_lines(records: Sequence[Correction], parts: Iterable[Applied]) -> list[str]:
    """The load report's corrections lines: how many applied, and each that no longer
    matches, with why. Nothing when the book is empty."""
    if not records:
        return []
    total = Applied.combine(parts)
    by_id = {r.id: r for r in records}
    lines = [f"corrections: {len(total.applied)} applied, {len(total.unmatched)} no longer "
             f"match{':' if total.unmatched else ''}"]
    lines += [f"  {by_id[i].describe()}: {why}" for i, why in total.unmatched]
    return lines
