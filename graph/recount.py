"""Every tally (graph.tallies) counted at once from whole tables of tasks and edges.

A bulk load, or a graph stored before the tallies existed, has every plan to count at the
same time: at scale 1000 that is 142,000 tasks, 816,000 edges, 2.2 million pairs of
agencies on a task. Counting them task by task in Python (graph.tallies.Tallies, the
right tool for the few plans of a write) takes about 40 s; here the same rules run as
array operations (numpy), in a few seconds, straight into the Arrow tables a bulk load
copies. The two are kept equal by tests (tests/test_tallies.py), which count the same
graphs both ways.

Method: tasks, agencies, sectors and cities become integer codes; agencies are coded in
the order of their ids, so that "the smaller id first" of a pair is a comparison of codes.
Each count is then a group-by on an integer key (np.unique, np.bincount), and the
task-by-scope and agency-by-agency products are ragged expansions (`_expand`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph.model import LEAD_BASES
from graph.readonly import split_statements
from graph.tallies import ANY_KIND, BATCH, EVERY_SECTOR, NO_CITY, STATEMENTS, Run, apply_rows, text

Ints = np.ndarray
Keyed = tuple[Ints, list[Ints]]  # distinct keys, and sums per key (one array per column)
DENSE_KEYS = 20_000_000  # key spaces counted in place (an array of that many counts) at most
CHUNK_TASKS = 16_384  # tasks whose agency-task rows are expanded at once (see count)


@dataclass(frozen=True)
class Tables:
    """What the tallies are counted from, one Arrow array per column.

    tasks: id and city (null for a national plan); sectors: one row per task and sector;
    edges: one row per agency-task edge (LEADS and RESPONSIBLE_FOR) with its basis;
    agencies: every agency an edge names, with its kind and type.
    """

    task_ids: pa.Array
    task_cities: pa.Array
    sector_tasks: pa.Array
    sector_names: pa.Array
    edge_tasks: pa.Array
    edge_agencies: pa.Array
    edge_bases: pa.Array
    agency_ids: pa.Array
    agency_kinds: pa.Array
    agency_types: pa.Array


def count(tables: Tables) -> dict[str, pa.Table]:
    """The tallies as tables named like graph.tallies.STATEMENTS, columns as Tallies.rows.

    Agency-task rows are taken CHUNK_TASKS tasks at a time (a task's rows are never split),
    and each chunk's sums are merged by key, so the expansions over scopes and pairs stay
    small: at scale 1000 all at once held about 450 MB of arrays."""
    codes = _Codes(tables)
    at = _agency_tasks(tables, codes)
    ts = _task_scopes(tables, codes)
    typing = _Typing(codes)
    parts: dict[str, list[Keyed]] = {"works": [], "types": [], "shares": []}
    for chunk in _chunks(at):
        parts["works"].append(_works(codes, chunk, ts))
        parts["types"].append(_types(codes, typing, chunk, ts))
        parts["shares"].append(_shares(codes, chunk))
    return {"scopes": _scopes(codes, ts), "spans": _spans(codes, ts),
            "works": _works_table(codes, _merged(parts["works"])),
            "types": _types_table(codes, typing, _merged(parts["types"])),
            "shares": _shares_table(codes, _merged(parts["shares"]))}


def build(run: Run, backend: str, batch_size: int = BATCH,
          write: Callable[[dict[str, pa.Table]], None] | None = None) -> dict[str, pa.Table]:
    """Count every tally of the stored graph from scratch, replacing what it holds.

    `write` stores the counts into the emptied tally tables (the embedded store copies
    them in bulk); by default they go through the statements a write's changes take. The
    whole graph is read at once: at scale 1000 about 15 s and 0.5 GB, once per graph.
    """
    for statement in split_statements(text("tally_clear", backend)):
        run(statement, {})
    counts = count(stored_tables(run, backend))
    if write is None:
        apply_rows(run, backend, {name: counts[name].to_pylist() for name in STATEMENTS},
                   batch_size)
    else:
        write(counts)
    return counts


def ensure(run: Run, backend: str, batch_size: int = BATCH,
           write: Callable[[dict[str, pa.Table]], None] | None = None) -> bool:
    """Count the tallies of a graph stored before they existed; whether it had to."""
    if not missing(run, backend):
        return False
    build(run, backend, batch_size, write)
    return True


def missing(run: Run, backend: str) -> bool:
    """Whether the graph holds tasks but not their tallies (stored before they existed)."""
    found = run(text("tally_present", backend), {})
    return bool(found and found[0]["tasks"] and not found[0]["counted"])


def check(run: Run, backend: str) -> dict[str, int]:
    """Per tally, how many kept counts differ from a count from scratch (0: all agree)."""
    kept = dict(zip(STATEMENTS, (run(statement, {}) for statement in
                                 split_statements(text("tally_read", backend))), strict=True))
    counted = count(stored_tables(run, backend))
    return {name: len(_rows(kept[name]) ^ _rows(counted[name].to_pylist()))
            for name in STATEMENTS}


def _rows(rows: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {tuple(sorted(r.items())) for r in rows}


def stored_tables(run: Run, backend: str) -> Tables:
    """Every task, sector tag, edge and agency of the stored graph."""
    def columns(name: str, *keys: str) -> list[pa.Array]:
        rows = run(text(name, backend), {})
        return [pa.array([r[k] for r in rows], type=pa.string()) for k in keys]

    task_ids, task_cities = columns("tally_all_tasks", "id", "city")
    sector_tasks, sector_names = columns("tally_all_sectors", "task", "sector")
    edge_tasks, edge_agencies, edge_bases = columns("tally_all_edges", "task", "agency", "basis")
    agency_ids, agency_kinds, agency_types = columns("tally_all_agencies", "id", "kind", "type")
    return Tables(task_ids, task_cities, sector_tasks, sector_names, edge_tasks, edge_agencies,
                  edge_bases, agency_ids, agency_kinds, agency_types)


class _Codes:
    """Integer codes of tasks, agencies (in id order), scopes (0: every sector) and cities."""

    def __init__(self, t: Tables) -> None:
        self.tasks = _strings(t.task_ids)
        agencies = _strings(t.agency_ids)
        order = pc.sort_indices(agencies)
        self.agencies = agencies.take(order)
        self.agency_kinds = _strings(t.agency_kinds).take(order)
        self.agency_types = _strings(t.agency_types).take(order)
        self.sectors = pc.unique(_strings(t.sector_names))
        self.cities = pc.unique(pc.drop_null(_strings(t.task_cities)))
        self.task_city = _code(t.task_cities, self.cities)  # -1: no city

    def scope_names(self, codes: Ints) -> pa.Array:
        names = pa.concat_arrays([pa.array([EVERY_SECTOR]), self.sectors])
        return names.take(pa.array(codes))


@dataclass(frozen=True)
class _AgencyTasks:
    """One row per (task, agency) with an edge, sorted by task then agency."""

    task: Ints
    agency: Ints
    led: Ints  # 1 when the agency leads the task (explicit or first listed)
    explicit: Ints  # its explicit lead edges on the task
    first_listed: Ints  # its first-listed lead edges on the task


@dataclass(frozen=True)
class _TaskScopes:
    """One row per (task, scope), sorted by task; a task's rows are start[t]:start[t]+size[t]."""

    task: Ints
    scope: Ints
    start: Ints
    size: Ints


def _agency_tasks(t: Tables, codes: _Codes) -> _AgencyTasks:
    task = _code(t.edge_tasks, codes.tasks)
    agency = _code(t.edge_agencies, codes.agencies)
    bases = _strings(t.edge_bases)
    led = _ints(pc.is_in(bases, value_set=pa.array(LEAD_BASES)))
    explicit = _ints(pc.equal(bases, "explicit"))
    first = _ints(pc.equal(bases, "first_listed"))
    # An edge to a task or agency not given is not counted: its COPY fails and rolls back.
    known = (task >= 0) & (agency >= 0)
    task, agency, led, explicit, first = (a[known] for a in (task, agency, led, explicit, first))
    width = max(len(codes.agencies), 1)
    keys, _, (leads, explicits, firsts) = _group(task * width + agency, len(codes.tasks) * width,
                                                 led, explicit, first)
    return _AgencyTasks(task=keys // width, agency=keys % width,
                        led=(leads > 0).astype(np.int64), explicit=explicits,
                        first_listed=firsts)


def _task_scopes(t: Tables, codes: _Codes) -> _TaskScopes:
    width = len(codes.sectors) + 1
    every = np.arange(len(codes.tasks), dtype=np.int64) * width  # scope 0 for every task
    tagged_tasks = _code(t.sector_tasks, codes.tasks)
    tagged = (tagged_tasks * width + _code(t.sector_names, codes.sectors) + 1)[tagged_tasks >= 0]
    keys = np.unique(np.concatenate([every, tagged]))
    task = keys // width
    size = np.bincount(task, minlength=len(codes.tasks))
    return _TaskScopes(task=task, scope=keys % width, start=np.cumsum(size) - size, size=size)


def _scopes(codes: _Codes, ts: _TaskScopes) -> pa.Table:
    tasks = np.bincount(ts.scope, minlength=len(codes.sectors) + 1)
    present = np.flatnonzero(tasks)
    return pa.table({"name": codes.scope_names(present), "tasks": tasks[present]})


def _spans(codes: _Codes, ts: _TaskScopes) -> pa.Table:
    city = codes.task_city[ts.task]
    keep = city >= 0
    width = max(len(codes.cities), 1)
    keys, tasks, _ = _group(ts.scope[keep] * width + city[keep],
                            (len(codes.sectors) + 1) * width)
    return pa.table({"scope": codes.scope_names(keys // width),
                     "city": codes.cities.take(pa.array(keys % width)), "tasks": tasks})


def _chunks(at: _AgencyTasks) -> Iterator[_AgencyTasks]:
    """The rows of CHUNK_TASKS tasks at a time (rows are sorted by task)."""
    if not len(at.task):
        return
    for low in range(0, int(at.task[-1]) + 1, CHUNK_TASKS):
        start, end = np.searchsorted(at.task, [low, low + CHUNK_TASKS])
        if end > start:
            yield _AgencyTasks(*(a[start:end] for a in (at.task, at.agency, at.led,
                                                        at.explicit, at.first_listed)))


def _merged(parts: list[Keyed]) -> Keyed:
    """Sums per key of several chunks' sums (a key may come from more than one chunk)."""
    keys = np.concatenate([k for k, _ in parts]) if parts else np.zeros(0, dtype=np.int64)
    sums = [np.concatenate([p[1][i] for p in parts]) for i in range(len(parts[0][1]))] \
        if parts else []
    present, _, totals = _group(keys, DENSE_KEYS + 1, *sums)  # sorted, whatever the range
    return present, totals


def _works(codes: _Codes, at: _AgencyTasks, ts: _TaskScopes) -> Keyed:
    """(agency, scope) -> tasks, explicit and first-listed lead edges."""
    row, scope = _in_scopes(at.task, ts)
    width = len(codes.sectors) + 1
    keys, tasks, (explicit, first) = _group(
        at.agency[row] * width + scope, len(codes.agencies) * width,
        at.explicit[row], at.first_listed[row])
    return keys, [tasks, explicit, first]


def _works_table(codes: _Codes, counted: Keyed) -> pa.Table:
    keys, (tasks, explicit, first) = _or_empty(counted, 3)
    width = len(codes.sectors) + 1
    return pa.table({"agency": codes.agencies.take(pa.array(keys // width)),
                     "scope": codes.scope_names(keys % width), "tasks": tasks,
                     "explicit": explicit, "first_listed": first})


class _Typing:
    """Each agency's type and kind as codes (-1: none); a group is type * width + 0 for
    any kind, or + k + 1 for kind k."""

    def __init__(self, codes: _Codes) -> None:
        self.types = _named(pc.unique(codes.agency_types))
        self.kinds = _named(pc.unique(codes.agency_kinds))
        self.agency_type = _code(codes.agency_types, self.types)
        self.agency_kind = _code(codes.agency_kinds, self.kinds)
        self.width = len(self.kinds) + 1
        self.groups = max(len(self.types), 1) * self.width


def _types(codes: _Codes, typing: _Typing, at: _AgencyTasks, ts: _TaskScopes) -> Keyed:
    """(group, scope) -> tasks, tasks led explicitly, as first listed: per task each group
    of its agencies once, then per scope. Agencies without a type are left out, and one
    without a kind counts under any kind only."""
    agency_type, agency_kind = typing.agency_type[at.agency], typing.agency_kind[at.agency]
    typed = np.flatnonzero(agency_type >= 0)
    specific = typed[agency_kind[typed] >= 0]
    rows = np.concatenate([typed, specific])
    group = agency_type[rows] * typing.width + np.concatenate(
        [np.zeros(len(typed), dtype=np.int64), agency_kind[specific] + 1])
    groups = typing.groups
    keys, _, flags = _group(at.task[rows] * groups + group, len(codes.tasks) * groups,
                            at.explicit[rows], at.first_listed[rows])
    explicit, first = ((f > 0).astype(np.int64) for f in flags)
    row, scope = _in_scopes(keys // groups, ts)
    scopes = len(codes.sectors) + 1
    out, tasks, (explicit, first) = _group((keys % groups)[row] * scopes + scope,
                                           groups * scopes, explicit[row], first[row])
    return out, [tasks, explicit, first]


def _types_table(codes: _Codes, typing: _Typing, counted: Keyed) -> pa.Table:
    keys, (tasks, explicit, first) = _or_empty(counted, 3)
    scopes = len(codes.sectors) + 1
    group, scope = keys // scopes, keys % scopes
    type_names = typing.types.take(pa.array(group // typing.width))
    kind_names = pa.concat_arrays([pa.array([ANY_KIND]), typing.kinds]).take(
        pa.array(group % typing.width))
    scope_names = codes.scope_names(scope)
    return pa.table({"key": pc.binary_join_element_wise(type_names, kind_names, scope_names, "|"),
                     "type": type_names, "kind": kind_names, "scope": scope_names,
                     "tasks": tasks, "explicit": explicit, "first_listed": first})


def _shares(codes: _Codes, at: _AgencyTasks) -> Keyed:
    """(pair, city) -> tasks shared, led by the first, by the second: every pair of
    agencies on a task (rows of one task are consecutive, agencies in code order, so a
    row pairs with the rows after it)."""
    end = np.searchsorted(at.task, at.task, side="right")
    first, second = _expand(np.arange(len(at.task)), end - np.arange(len(at.task)) - 1)
    second += first + 1
    agencies, cities = max(len(codes.agencies), 1), len(codes.cities) + 1
    city = codes.task_city[at.task[first]] + 1  # 0: no city
    keys, shared, (led_a, led_b) = _group(
        (at.agency[first] * agencies + at.agency[second]) * cities + city,
        agencies * agencies * cities, at.led[first], at.led[second])
    return keys, [shared, led_a, led_b]


def _shares_table(codes: _Codes, counted: Keyed) -> pa.Table:
    keys, (shared, led_a, led_b) = _or_empty(counted, 3)
    agencies, cities = max(len(codes.agencies), 1), len(codes.cities) + 1
    pair, city = keys // cities, keys % cities
    city_names = pa.concat_arrays([pa.array([NO_CITY]), codes.cities]).take(pa.array(city))
    return pa.table({"a": codes.agencies.take(pa.array(pair // agencies)),
                     "b": codes.agencies.take(pa.array(pair % agencies)),
                     "city": city_names, "shared": shared, "led_by_a": led_a,
                     "led_by_b": led_b})


def _or_empty(counted: Keyed, width: int) -> Keyed:
    keys, sums = counted
    if sums:
        return keys, sums
    return keys, [np.zeros(0, dtype=np.int64) for _ in range(width)]


def _in_scopes(tasks: Ints, ts: _TaskScopes) -> tuple[Ints, Ints]:
    """Each row of `tasks` once per scope of its task: (row, scope) arrays."""
    row, within = _expand(np.arange(len(tasks)), ts.size[tasks])
    return row, ts.scope[ts.start[tasks][row] + within]


def _expand(items: Ints, sizes: Ints) -> tuple[Ints, Ints]:
    """Each item repeated sizes[i] times, with its 0-based repetition number."""
    sizes = np.asarray(sizes, dtype=np.int64)
    repeated = np.repeat(items, sizes)
    offsets = np.repeat(np.cumsum(sizes) - sizes, sizes)
    return repeated, np.arange(len(repeated), dtype=np.int64) - offsets


def _strings(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values.cast(pa.string())


def _code(values: pa.Array | pa.ChunkedArray, dictionary: pa.Array) -> Ints:
    """Each value's position in `dictionary`, -1 where absent or null."""
    found = pc.fill_null(pc.index_in(_strings(values), value_set=dictionary), -1)
    return found.to_numpy(zero_copy_only=False).astype(np.int64)


def _named(values: pa.Array) -> pa.Array:
    """The values that name something: not null, not empty."""
    return pc.filter(values, pc.fill_null(pc.not_equal(values, ""), False))


def _ints(mask: pa.Array) -> Ints:
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False).astype(np.int64)


def _group(keys: Ints, size: int, *weights: Ints) -> tuple[Ints, Ints, list[Ints]]:
    """The distinct keys (in order), how many rows hold each, and each weight summed per
    key. Keys below `size`; a key space up to DENSE_KEYS is counted in place (bincount),
    a larger one sorted (np.unique)."""
    if size <= DENSE_KEYS:
        counts = np.bincount(keys, minlength=size)
        present = np.flatnonzero(counts)
        return present, counts[present], [
            np.bincount(keys, weights=w, minlength=size)[present].astype(np.int64)
            for w in weights]
    present, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return present, counts, [np.bincount(inverse, weights=w, minlength=len(present))
                             .astype(np.int64) for w in weights]
