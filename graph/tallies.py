"""Counts the province-wide rankings read, kept in the graph and updated with every write.

Ranking every agency, type, sector or pair of agencies means counting every assignment of
the province: at scale 1000 (800,000 edges) 0.3 to 1.5 s, paid on the first request after
each write. So the graph keeps the counts those rankings need, and each write changes
them by what it adds and removes, counted from the plans written (their GraphRows) and
the stored edges of the plans deleted, in the same transaction as the write:

- `Scope {name, tasks}`: a sector, or '' for every sector, with its number of tasks;
- `(Scope)-[:SPANS {tasks}]->(City)`: tasks of the scope issued in the city;
- `(Agency)-[:WORKS_IN {tasks, explicit, first_listed}]->(Scope)`: tasks the agency is
  assigned in the scope, and its explicit and first-listed lead edges there;
- `TypeTally {key, type, kind, scope, tasks, explicit, first_listed}`: tasks that
  agencies of one type (and one kind, or '' for any) are assigned in a scope, and of
  those the ones they lead explicitly, and as first listed;
- `(Agency)-[:SHARES {city, shared, led_by_a, led_by_b}]->(Agency)`: tasks of one city
  (the tasks' city, '' for none) both agencies are assigned, the one with the smaller id
  first, and how many of those each leads.

Counting rules are those of the catalog queries they replace (top_agencies,
top_agency_types, sectors, co_responsibility). Here they are written task by task for a
write (`before_write` and `after_write`, or `before_delete`); graph.recount writes the same
rules as array operations for counting every plan at once (a bulk load, or a graph stored
before the tallies existed), and tests count the same graphs both ways.

Tasks led are explicit plus first-listed leads: the model gives an agency at most one lead
edge per task, and a task either printed leads (explicit) or one first-listed lead.
Counts of keys new to the graph are created with their values, which LadybugDB logs in a
third of the write-ahead log that a MERGE setting them would take; keys already stored are
added to with MERGE.

Every path that changes agency-task edges must go through these functions: delete_plans
calls `before_delete` before deleting; write_documents counts the plans it replaces out
(`before_write`) and the plans it writes in (`after_write`) in one pass; a correction that
rewrites a plan's edges in place calls `before_delete` for the plan, rewrites, then
`after_stored` for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from graph.model import LEAD_BASES
from graph.rows import GraphRows

Run = Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]
Row = dict[str, Any]

EVERY_SECTOR = ""  # the scope of the rankings over all sectors
NO_CITY = ""  # SHARES.city of tasks issued in no city (national plans): MERGE needs a value
ANY_KIND = ""  # TypeTally.kind counting agencies of every kind
# Tally statement (graph/cypher/tally_<name>.cypher) in write order: scopes first, the
# edges that MATCH them after.
STATEMENTS = ("scopes", "spans", "works", "shares", "types")
BATCH = 500  # rows per tally statement at most (see apply)


class Assignment(NamedTuple):
    """One agency-task edge as the tallies need it."""

    agency: str
    basis: str
    kind: str
    type: str


class TaskEdges(NamedTuple):
    """One task: its city (None for a national plan), sectors and edges."""

    city: str | None
    sectors: Sequence[str]
    edges: Sequence[Assignment]


@dataclass
class Tallies:
    """Counts, or changes to counts, keyed as the tally tables are."""

    scopes: dict[str, int] = field(default_factory=dict)
    spans: dict[tuple[str, str], int] = field(default_factory=dict)
    works: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    shares: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)
    types: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)

    def add(self, tasks: Iterable[TaskEdges], sign: int = 1) -> Tallies:
        """Count `tasks` in (sign 1) or out (sign -1); returns self."""
        for task in tasks:
            self._add_task(task, sign)
        return self

    def _add_task(self, task: TaskEdges, sign: int) -> None:
        scopes = (EVERY_SECTOR, *dict.fromkeys(task.sectors))
        agencies = _per_agency(task.edges)
        groups = _per_type(task.edges, agencies)
        for scope in scopes:
            _bump(self.scopes, scope, sign)
            if task.city:
                _bump(self.spans, (scope, task.city), sign)
            for agency, (_, explicit, first) in agencies.items():
                _add(self.works, (agency, scope), (1, explicit, first), sign)
            for (kind_type, kind), flags in groups.items():
                _add(self.types, (kind_type, kind, scope), (1, *flags), sign)
        ids = sorted(agencies)
        city = task.city or NO_CITY
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                _add(self.shares, (a, b, city), (1, agencies[a][0], agencies[b][0]), sign)

    def rows(self, name: str) -> list[Row]:
        """The rows tally statement `name` takes; changes of zero left out."""
        return [row for row in _ROWS[name](self)
                if any(v for v in row.values() if isinstance(v, int))]

    def columns(self, name: str) -> dict[str, list[Any]]:
        """The same rows column by column, for the bulk load's Arrow tables."""
        rows = self.rows(name)
        keys = list(rows[0]) if rows else list(_EMPTY[name])
        return {k: [r[k] for r in rows] for k in keys}

    def __bool__(self) -> bool:
        return any((self.scopes, self.spans, self.works, self.shares, self.types))


def _per_agency(edges: Iterable[Assignment]) -> dict[str, tuple[int, int, int]]:
    """Agency -> (leads the task, explicit lead edges, first-listed lead edges)."""
    out: dict[str, list[int]] = {}
    for e in edges:
        flags = out.setdefault(e.agency, [0, 0, 0])
        flags[0] |= e.basis in LEAD_BASES
        flags[1] += e.basis == "explicit"
        flags[2] += e.basis == "first_listed"
    return {agency: (f[0], f[1], f[2]) for agency, f in out.items()}


def _per_type(edges: Iterable[Assignment], agencies: Mapping[str, tuple[int, int, int]]
              ) -> dict[tuple[str, str], tuple[int, int]]:
    """(type, kind or ANY_KIND) -> whether an agency of it leads explicitly, and as first
    listed; agencies without a type are not counted (the type ranking leaves them out)."""
    out: dict[tuple[str, str], list[int]] = {}
    for e in {e.agency: e for e in edges}.values():
        if not e.type:
            continue
        _, explicit, first = agencies[e.agency]
        for kind in dict.fromkeys((ANY_KIND, e.kind or ANY_KIND)):
            flags = out.setdefault((e.type, kind), [0, 0])
            flags[0] |= explicit > 0
            flags[1] |= first > 0
    return {key: (f[0], f[1]) for key, f in out.items()}


def _bump(counts: dict[Any, int], key: Any, sign: int) -> None:
    counts[key] = counts.get(key, 0) + sign


def _add(counts: dict[Any, list[int]], key: Any, values: tuple[int, ...], sign: int) -> None:
    found = counts.get(key)
    if found is None:
        counts[key] = [sign * v for v in values]
    else:
        for i, v in enumerate(values):
            found[i] += sign * v


_ROWS: dict[str, Callable[[Tallies], Iterator[Row]]] = {
    "scopes": lambda t: ({"name": s, "tasks": n} for s, n in t.scopes.items()),
    "spans": lambda t: ({"scope": s, "city": c, "tasks": n} for (s, c), n in t.spans.items()),
    "works": lambda t: ({"agency": a, "scope": s, "tasks": v[0], "explicit": v[1],
                         "first_listed": v[2]} for (a, s), v in t.works.items()),
    "shares": lambda t: ({"a": a, "b": b, "city": c, "shared": v[0], "led_by_a": v[1],
                          "led_by_b": v[2]} for (a, b, c), v in t.shares.items()),
    "types": lambda t: ({"key": f"{ty}|{k}|{s}", "type": ty, "kind": k, "scope": s,
                         "tasks": v[0], "explicit": v[1], "first_listed": v[2]}
                        for (ty, k, s), v in t.types.items()),
}
_EMPTY = {"scopes": ("name", "tasks"), "spans": ("scope", "city", "tasks"),
          "works": ("agency", "scope", "tasks", "explicit", "first_listed"),
          "shares": ("a", "b", "city", "shared", "led_by_a", "led_by_b"),
          "types": ("key", "type", "kind", "scope", "tasks", "explicit", "first_listed")}
# Tallies whose rows are split into keys already stored (added to) and new ones (created):
# the column tally_<name>_keys is given, a row's key, and its count (a new key needs one).
STORED_KEYS: dict[str, tuple[str, Callable[[Row], Any], str]] = {
    "works": ("agency", lambda r: (r["agency"], r["scope"]), "tasks"),
    "shares": ("a", lambda r: (r["a"], r["b"], r["city"]), "shared"),
    "types": ("key", lambda r: r["key"], "tasks"),
}

# Tallies whose stored keys that only grow (`_growing`) take statement tally_<name>_add (a
# MATCH and SET) instead of the MERGE that may delete: measured faster for TypeTally
# nodes; for the WORKS_IN and SHARES relationships a MATCH of the edge was ten times slower
# than MERGE (LadybugDB 0.22, scale 1000).
GROWING = ("types",)

# -- what plans contribute -------------------------------------------------------------

def from_rows(rows: GraphRows) -> Iterator[TaskEdges]:
    """The tasks of some plans as their GraphRows will store them."""
    agencies = {str(r["id"]): r for r in rows.agencies}
    sectors: dict[str, list[str]] = {}
    for r in rows.in_sector:
        sectors.setdefault(str(r["task"]), []).append(str(r["sector"]))
    edges: dict[str, list[Assignment]] = {}
    for r in (*rows.leads, *rows.responsible):
        agency = agencies[str(r["agency"])]
        edges.setdefault(str(r["task"]), []).append(Assignment(
            str(r["agency"]), str(r["basis"]), str(agency["kind"] or ""),
            str(agency["type"] or "")))
    for task in rows.tasks:
        key = str(task["id"])
        yield TaskEdges(_city(task["city"]), sectors.get(key, []), edges.get(key, []))


def stored(run: Run, backend: str, doc_ids: Sequence[str]) -> Iterator[TaskEdges]:
    """The tasks of some stored plans as the graph holds them."""
    if not doc_ids:
        return
    params = {"ids": list(doc_ids)}
    edges: dict[str, list[Assignment]] = {}
    for r in run(text("tally_assignments", backend), params):
        edges.setdefault(r["task"], []).append(Assignment(
            r["agency"], r["basis"] or "", r["kind"] or "", r["type"] or ""))
    for r in run(text("tally_tasks", backend), params):
        yield TaskEdges(_city(r["city"]), r["sectors"] or [], edges.get(r["task"], []))


def _city(value: Any) -> str | None:
    return str(value) if value else None


# -- keeping them ------------------------------------------------------------------------

@dataclass
class Pending:
    """What a write changes in the tallies, counted before it and applied after it.

    One pass, so a plan replaced by a near copy changes almost nothing: counting it out
    and in again nets to zero for most keys, and keys of zero change are not written.
    """

    changes: Tallies = field(default_factory=Tallies)
    recount: list[str] = field(default_factory=list)  # stored plans to count in again


def before_delete(run: Run, backend: str, doc_ids: Sequence[str], *,
                  batch_size: int = BATCH) -> None:
    """Count stored plans out of the tallies; call while they are still stored."""
    apply(run, backend, Tallies().add(stored(run, backend, doc_ids), -1), batch_size)


def before_write(run: Run, backend: str, rows: GraphRows,
                 replaced: Sequence[str] = ()) -> Pending:
    """Before plans are written (and the `replaced` ones deleted): count those out, and the
    stored plans naming an agency whose kind or type `rows` change (the type tallies
    count them under the old one; `after_write` counts them in under the new one)."""
    retold = sorted(_retyped_plans(run, backend, rows) - set(replaced))
    changes = Tallies().add(stored(run, backend, [*replaced, *retold]), -1)
    return Pending(changes, retold)


def after_write(run: Run, backend: str, rows: GraphRows, pending: Pending | None = None, *,
                batch_size: int = BATCH) -> None:
    """Once `rows` are written: count them in, with what `before_write` counted."""
    pending = pending or Pending()
    changes = pending.changes.add(from_rows(rows))
    changes.add(stored(run, backend, pending.recount))
    apply(run, backend, changes, batch_size)


def after_stored(run: Run, backend: str, doc_ids: Sequence[str], *,
                 batch_size: int = BATCH) -> None:
    """Count stored plans in (after their edges were rewritten in place)."""
    apply(run, backend, Tallies().add(stored(run, backend, doc_ids)), batch_size)


def apply(run: Run, backend: str, changes: Tallies, batch_size: int = BATCH) -> None:
    """Add `changes` to the stored tallies; counts that fall to zero are removed."""
    apply_rows(run, backend, {name: changes.rows(name) for name in STATEMENTS}, batch_size)


def apply_rows(run: Run, backend: str, rows: Mapping[str, list[Row]],
               batch_size: int = BATCH) -> None:
    """Add rows (as Tallies.rows gives them, per tally statement) to the stored tallies.

    Batches stay small: LadybugDB's MERGE costs more per row as its batch grows (0.13 ms a
    row at 1,000 rows, 0.22 ms at 4,000, measured at scale 100).
    """
    size = min(batch_size, BATCH)
    for name in STATEMENTS:
        given = rows.get(name, [])
        if name in STORED_KEYS and given:
            stored_keys = _stored_keys(run, backend, name, given, size)
            _, key, counted = STORED_KEYS[name]
            stored = [r for r in given if key(r) in stored_keys]
            if name in GROWING:
                _batches(run, text(f"tally_{name}_add", backend),
                         [r for r in stored if _growing(r)], size)
                stored = [r for r in stored if not _growing(r)]
            _batches(run, text(f"tally_{name}", backend), stored, size)
            _batches(run, text(f"tally_{name}_new", backend),
                     [r for r in given if key(r) not in stored_keys and r[counted] > 0], size)
        else:
            _batches(run, text(f"tally_{name}", backend), given, size)


def _growing(row: Row) -> bool:
    """No count of the row falls: it only adds to a stored tally."""
    return all(v >= 0 for v in row.values() if isinstance(v, int))


def _stored_keys(run: Run, backend: str, name: str, rows: list[Row], size: int) -> set[Any]:
    """Which keys of `rows` the graph holds a tally for already."""
    column, key, _ = STORED_KEYS[name]
    given = sorted({r[column] for r in rows})
    found: set[Any] = set()
    for start in range(0, len(given), size):
        found.update(key(r) for r in run(text(f"tally_{name}_keys", backend),
                                         {"ids": given[start:start + size]}))
    return found


def _batches(run: Run, statement: str, rows: list[Row], size: int) -> None:
    for start in range(0, len(rows), size):  # an empty UNWIND fails to bind
        run(statement, {"rows": rows[start:start + size]})


def _retyped_plans(run: Run, backend: str, rows: GraphRows) -> set[str]:
    """Stored plans naming an agency whose kind or type `rows` would change."""
    given = {str(r["id"]): (r["kind"] or "", r["type"] or "") for r in rows.agencies}
    if not given:
        return set()
    found = run(text("tally_agencies", backend), {"ids": list(given)})
    changed = [r["id"] for r in found if (r["kind"] or "", r["type"] or "") != given[r["id"]]]
    if not changed:
        return set()
    return {str(r["id"]) for r in run(text("tally_retyped", backend), {"ids": changed})
            if r["id"]}


def text(name: str, backend: str) -> str:
    """A statement of graph/cypher (graph.store.statement)."""
    from graph.store import statement  # graph.store calls into this module

    return statement(name, backend)
