"""Full-text search over the graph: task texts, plan titles and 文号, agencies by every name.

The index is SQLite FTS5 (Python's own sqlite3; LadybugDB's full-text extension has to be
downloaded with INSTALL, which an offline office cannot do) over character pairs
(queries.ngrams), ranked by BM25 with a name or title weighing more than body text. Agencies
are indexed with their display name, every form the plans print for them and the aliases of
their group in the agency lexicon (loaders/data/agencies.yaml), so 工信 finds 开封's
市工业和信息化局, printed in full there; a fragment is also looked for with short forms
written out or full forms shortened (queries.shortforms). A fragment that starts with a city
(常州工信局) also finds the rest of it in that city.

The index is built from the graph through named queries (search_plans, search_tasks,
search_agencies) and brought up to date by `refresh`: plans whose content hash, task count
or task characters changed are read again, the agencies are compared row by row. It lives
in memory or in a file, which then survives restarts and needs only that comparison. When
the caller knows which plans a write loaded or removed (the viewer does, webui.db), only
those plans and the agencies they name now or named before are read again: comparing every
plan and agency took 2.4 s at scale 1000, longer than the search itself.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.rows import short_name
from loaders.agencies import AgencyLexicon
from queries.excerpts import Excerpt, excerpt, first_found
from queries.ngrams import any_of, fold, fragment, in_columns, index_tokens
from queries.shortforms import Shortforms, load_shortforms

# A named query's answer: (columns, rows), as NamedQuery.run gives it.
Answer = tuple[list[str], list[list[Any]]]
Rows = Callable[[str, Mapping[str, Any]], Answer]

VERSION = "4"  # of the tokens and tables: an index file of another version is rebuilt
KINDS = ("agency", "plan", "task")
MAX_TERMS = 8  # space-separated fragments in one search
PER_PLAN_READS = 20  # more changed plans than this: read every task in one query
# The plans each indexed agency is assigned tasks in: after a write, the agencies of the
# plans it removed are read again from the graph (their counts and printed forms changed).
AGENCY_PLANS = ("CREATE TABLE agency_plan(agency TEXT, doc TEXT)",
                "CREATE INDEX agency_plan_doc ON agency_plan(doc)",
                "CREATE INDEX agency_plan_agency ON agency_plan(agency)")


@dataclass(frozen=True)
class Shape:
    """One kind of result: its stored columns and the weighted texts the index matches."""

    kind: str
    columns: tuple[str, ...]  # stored, `id` first
    texts: tuple[tuple[str, float], ...]  # indexed column (same name as stored) and weight
    names: tuple[str, ...]  # the indexed columns that name the thing (one character is
    # looked for in these only)

    def ddl(self) -> list[str]:
        stored = ", ".join(f"{c} {'INTEGER' if c == 'tasks' else 'TEXT'}" for c in self.columns)
        indexed = ", ".join(c for c, _ in self.texts)
        weights = ", ".join(str(w) for _, w in self.texts)
        return [f"CREATE TABLE {self.kind}(rowid INTEGER PRIMARY KEY, {stored})",
                f"CREATE UNIQUE INDEX {self.kind}_id ON {self.kind}(id)",
                f"CREATE VIRTUAL TABLE {self.kind}_fts USING fts5({indexed}, content='', "
                f"tokenize='unicode61 remove_diacritics 0')",
                f"INSERT INTO {self.kind}_fts({self.kind}_fts, rank) "
                f"VALUES('rank', 'bm25({weights})')"]


SHAPES = {s.kind: s for s in (
    Shape("agency", ("id", "name", "city", "kind", "type", "aliases", "tasks", "digest"),
          (("name", 10.0), ("aliases", 4.0), ("type", 2.0), ("city", 1.0)), ("name", "aliases")),
    Shape("plan", ("id", "title", "doc_number", "issuer", "city", "issued", "version"),
          (("title", 10.0), ("doc_number", 10.0), ("issuer", 2.0), ("city", 1.0)),
          ("title", "doc_number")),
    Shape("task", ("id", "doc_id", "city", "no", "title", "text"),
          (("title", 5.0), ("text", 1.0), ("city", 0.5)), ("title",)),
)}


@dataclass(frozen=True)
class Hit:
    """One result: its stored fields, the alias or text that matched, a passage of its text."""

    kind: str
    fields: dict[str, Any]
    matched: str = ""  # agencies: the printed form or alias that matched, if not the name
    excerpt: Excerpt = ()


@dataclass
class Found:
    """What a search found: per kind, how many in all and the ranked page asked for."""

    q: str
    terms: list[list[str]]  # each fragment with the variants looked for
    totals: dict[str, int] = field(default_factory=dict)
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    ms: float = 0.0


@dataclass(frozen=True)
class Refreshed:
    """What a refresh changed, and how long it took."""

    plans_added: int
    plans_removed: int
    tasks_added: int
    agencies_changed: int
    seconds: float
    built: bool  # the index was made from nothing
    whole: bool = True  # every plan and agency compared (else only those of some plans)


class SearchIndex:
    """The index, its connection and the lock every use of the connection takes."""

    def __init__(self, path: Path | None = None, shortforms: Shortforms | None = None,
                 lexicon: AgencyLexicon | None = None) -> None:
        self.path = path
        self.shortforms = shortforms or load_shortforms()
        self.lexicon = lexicon
        self._lock = threading.RLock()
        self._refreshing = threading.Lock()  # one refresh at a time; searches go on beside it
        self._alias_memo: dict[tuple[str, str], tuple[str, ...]] = {}
        self._db = self._open()
        self._cities: list[tuple[str, str]] = self._read_cities()

    # -- opening ---------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        """The index file as it was left, or (of another version, damaged, unfinished) a new
        one; or an index in memory."""
        if self.path is None:
            db = sqlite3.connect(":memory:", check_same_thread=False)
            _create(db)
            return db
        db = sqlite3.connect(str(self.path), check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            if _version(db) == VERSION:
                return db
        except sqlite3.DatabaseError:
            pass
        db.close()
        for stale in self.path.parent.glob(self.path.name + "*"):
            stale.unlink()  # derived data: the graph holds all of it
        db = sqlite3.connect(str(self.path), check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        _create(db)
        return db

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- keeping up with the graph ---------------------------------------------------------

    def refresh(self, rows: Rows, plans: Collection[str] | None = None) -> Refreshed:
        """Bring the index in line with the graph `rows` reads; reads happen outside the lock,
        so searches go on meanwhile, and the changes are written in one transaction.

        `plans`: the ids of the only plans that can have changed since the index was last
        brought up to date (those a write loaded, replaced or removed), or None to compare
        every plan and agency with the graph. An index never completed is compared whole."""
        with self._refreshing:
            if plans is None or len(plans) > PER_PLAN_READS or not self._complete():
                return self._refresh(rows)
            return self._refresh_plans(rows, sorted(plans))

    def _complete(self) -> bool:
        with self._lock:
            return _version(self._db) == VERSION

    def _refresh(self, rows: Rows) -> Refreshed:
        started = time.perf_counter()
        plans = _records(rows("search_plans", {}))
        with self._lock:
            known = dict(self._db.execute("SELECT id, version FROM plan").fetchall())
        current = {p["doc_id"]: _plan(p) for p in plans}
        gone = [d for d, v in known.items() if current.get(d, {}).get("version") != v]
        new = [d for d, p in current.items() if known.get(d) != p["version"]]
        tasks = self._tasks_of(rows, new, everything=not known)
        plans_of: dict[str, list[str]] = {}
        for r in _records(rows("search_agency_plans", {})):
            plans_of.setdefault(r["id"], []).append(r["doc_id"])
        agencies = [self._agency({**r, "plans": plans_of.get(r["id"], [])})
                    for r in _records(rows("search_agencies", {}))]
        changed = self._write_changes(current, gone, new, tasks, agencies, None)
        if not known or len(new) > PER_PLAN_READS:
            self._compact()
        return Refreshed(len(new), len(gone), len(tasks), changed,
                         time.perf_counter() - started, built=not known)

    def _refresh_plans(self, rows: Rows, docs: list[str]) -> Refreshed:
        """Read again only the plans `docs` and the agencies they assign tasks to now or did
        when last indexed; every other plan and agency is as the graph has it."""
        started = time.perf_counter()
        if not docs:
            return Refreshed(0, 0, 0, 0, time.perf_counter() - started, built=False,
                             whole=False)
        current = {r["doc_id"]: _plan(r) for d in docs
                   for r in _records(rows("search_plans", {"doc": d}))}
        marks = ", ".join("?" * len(docs))
        with self._lock:
            known = dict(self._db.execute(
                f"SELECT id, version FROM plan WHERE id IN ({marks})", docs).fetchall())
            before = {a for (a,) in self._db.execute(
                f"SELECT DISTINCT agency FROM agency_plan WHERE doc IN ({marks})", docs)}
        gone = [d for d, v in known.items() if current.get(d, {}).get("version") != v]
        new = [d for d, p in current.items() if known.get(d) != p["version"]]
        tasks = self._tasks_of(rows, new, everything=False)
        named = {r["id"] for r in _records(rows("search_plan_agencies", {"docs": docs}))} \
            if current else set()
        ids = sorted(before | named)
        agencies = [self._agency(r) for r in _records(
            rows("search_agency_rows", {"agencies": ids}))] if ids else []
        changed = self._write_changes(current, gone, new, tasks, agencies, ids)
        return Refreshed(len(new), len(gone), len(tasks), changed,
                         time.perf_counter() - started, built=False, whole=False)

    def _write_changes(self, current: Mapping[str, dict[str, Any]], gone: list[str],
                       new: list[str], tasks: list[dict[str, Any]],
                       agencies: list[dict[str, Any]], only: list[str] | None) -> int:
        """Write one refresh's changes in one transaction; the number of agencies changed."""
        with self._lock, self._db:
            for doc in gone:
                self._delete("task", "doc_id = ?", (doc,))
                self._delete("plan", "id = ?", (doc,))
            self._insert("plan", [current[d] for d in new])
            self._insert("task", tasks)
            changed = self._replace_agencies(agencies, only)
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (VERSION,))
            if changed or gone or new:
                self._cities = self._read_cities()
        return changed

    def _compact(self) -> None:
        """After a large change: merge each index's segments (faster searches) and fold the
        write-ahead log back into the file (it grows to the size of the change)."""
        with self._lock:
            for kind in KINDS:
                self._db.execute(f"INSERT INTO {kind}_fts({kind}_fts) VALUES ('optimize')")
            self._db.commit()
            if self.path:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _tasks_of(self, rows: Rows, docs: list[str], everything: bool) -> list[dict[str, Any]]:
        """Tasks of the plans `docs`: one query for many plans, one per plan for a few."""
        if not docs:
            return []
        if everything or len(docs) > PER_PLAN_READS:
            wanted = set(docs)
            return [_task(r) for r in _records(rows("search_tasks", {}))
                    if r["doc_id"] in wanted]
        return [_task(r) for d in docs for r in _records(rows("search_tasks", {"doc": d}))]

    def _agency(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """An agency's stored fields from its row of search_agency_rows (or of
        search_agencies with its plans from search_agency_plans)."""
        names = sorted({row["canonical"] or "", *(p for p in row["printed"] if p),
                        *self._aliases(row)} - {"", row["name"]})
        out: dict[str, Any] = {
            "id": row["id"], "name": row["name"] or "", "city": row["city"] or "",
            "kind": row["kind"] or "", "type": row["type"] or "",
            "aliases": "、".join(names), "tasks": row["tasks"] or 0,
            "plans": sorted({p for p in row["plans"] if p})}
        out["digest"] = hashlib.sha1(repr(sorted(out.items())).encode()).hexdigest()
        return out

    def _aliases(self, row: Mapping[str, Any]) -> Iterable[str]:
        """Every alias of the agency's group in the lexicon (工信局, 经信委 … for 工信局);
        kept per name and city, since every refresh reads every agency again."""
        key = (row["canonical"] or row["name"] or "", row["city"] or "")
        if key not in self._alias_memo:
            lexicon = self.lexicon = self.lexicon or AgencyLexicon.load()
            found = lexicon.find(key[0], lexicon.place(key[1] or None))
            self._alias_memo[key] = _group_aliases(lexicon).get(found.group.name, ()) \
                if found else ()
        return self._alias_memo[key]

    def _replace_agencies(self, agencies: list[dict[str, Any]],
                          only: list[str] | None = None) -> int:
        """Make the indexed agencies (those of `only`, or all) the rows `agencies`."""
        if only is None:
            known = dict(self._db.execute("SELECT id, digest FROM agency").fetchall())
        else:
            known = dict(self._db.execute(
                f"SELECT id, digest FROM agency WHERE id IN ({', '.join('?' * len(only))})",
                only).fetchall()) if only else {}
        current = {a["id"]: a for a in agencies}
        stale = [i for i, d in known.items() if current.get(i, {}).get("digest") != d]
        for ident in stale:
            self._delete("agency", "id = ?", (ident,))
            self._db.execute("DELETE FROM agency_plan WHERE agency = ?", (ident,))
        fresh = [a for a in agencies if known.get(a["id"]) != a["digest"]]
        self._insert("agency", fresh)
        self._db.executemany("INSERT INTO agency_plan VALUES (?, ?)",
                             ((a["id"], doc) for a in fresh for doc in a["plans"]))
        return len(set(stale) | {a["id"] for a in fresh})

    def _insert(self, kind: str, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        shape = SHAPES[kind]
        first = (self._db.execute(f"SELECT coalesce(max(rowid), 0) FROM {kind}").fetchone()[0]
                 + 1)
        numbered = list(enumerate(records, first))
        marks = ", ".join("?" * (len(shape.columns) + 1))
        self._db.executemany(f"INSERT INTO {kind} VALUES ({marks})",
                             ((n, *(r[c] for c in shape.columns)) for n, r in numbered))
        self._db.executemany(
            f"INSERT INTO {kind}_fts(rowid, {', '.join(c for c, _ in shape.texts)}) "
            f"VALUES ({', '.join('?' * (len(shape.texts) + 1))})",
            ((n, *(_indexed(c, r[c]) for c, _ in shape.texts)) for n, r in numbered))

    def _delete(self, kind: str, where: str, params: tuple[Any, ...]) -> None:
        """Remove rows and their index entries: a contentless FTS5 table forgets a row only
        when told the tokens it was given, which are made again from the stored text."""
        shape = SHAPES[kind]
        texts = [c for c, _ in shape.texts]
        found = self._db.execute(
            f"SELECT rowid, {', '.join(texts)} FROM {kind} WHERE {where}", params).fetchall()
        self._db.executemany(
            f"INSERT INTO {kind}_fts({kind}_fts, rowid, {', '.join(texts)}) "
            f"VALUES ('delete', {', '.join('?' * (len(texts) + 1))})",
            ((r[0], *(_indexed(c, v) for c, v in zip(texts, r[1:], strict=True)))
             for r in found))
        self._db.execute(f"DELETE FROM {kind} WHERE {where}", params)

    def _read_cities(self) -> list[tuple[str, str]]:
        """(written form, full name) of every city, longest first: 连云港市, 连云港, 常州市 …"""
        with self._lock:
            names = {c for (c,) in self._db.execute(
                "SELECT DISTINCT city FROM plan UNION SELECT DISTINCT city FROM agency") if c}
        forms = {(fold(c), c) for c in names} | {
            (fold(short_name(c)), c) for c in names if len(short_name(c)) >= 2}
        return sorted(forms, key=lambda f: (-len(f[0]), f))

    # -- searching -------------------------------------------------------------------------

    def search(self, q: str, *, limit: int = 20, offset: int = 0,
               kinds: Sequence[str] = KINDS) -> Found:
        """Each kind's matches for every fragment of `q` (space-separated), best first."""
        started = time.perf_counter()
        terms = [self.shortforms.variants(t) for t in fold(q).split()[:MAX_TERMS]]
        found = Found(q=q, terms=terms)
        needles = [v for variants in terms for v in variants] + self._city_rests(terms)
        for kind in kinds:
            expression = self.expression(terms, SHAPES[kind].names)
            if expression is None:
                break
            total, page = self._run(kind, expression, limit, offset)
            found.totals[kind] = total
            found.hits[kind] = [_hit(kind, r, needles) for r in page]
        found.ms = 1000 * (time.perf_counter() - started)
        return found

    def expression(self, terms: list[list[str]], names: Sequence[str] = ()) -> str | None:
        """The FTS5 expression: every fragment (in one of its variants) must match; a
        fragment of one character only in the `names` columns."""
        parts = []
        for variants in terms:
            alternatives = [e for e in (fragment(v, names) for v in variants) if e]
            alternatives += self._in_city(variants[0], names)
            if alternatives:
                parts.append(any_of(alternatives))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else " AND ".join(f"({p})" for p in parts)

    def _in_city(self, term: str, names: Sequence[str]) -> list[str]:
        """常州工信局: 工信局 (and its variants) among the things of 常州."""
        for written, city in self._cities:
            rest = term[len(written):]
            if term.startswith(written) and fragment(rest):
                within = any_of(e for e in (fragment(v, names) for v in
                                            self.shortforms.variants(rest)) if e)
                return [f"{in_columns(('city',), fragment(city) or '')} AND ({within})"]
        return []

    def _city_rests(self, terms: list[list[str]]) -> list[str]:
        out = []
        for variants in terms:
            for written, _ in self._cities:
                if variants[0].startswith(written) and len(variants[0]) > len(written):
                    out += self.shortforms.variants(variants[0][len(written):])
                    break
        return out

    def _run(self, kind: str, expression: str, limit: int, offset: int
             ) -> tuple[int, list[dict[str, Any]]]:
        """How many match, and the page: ranked inside the index first, so only the page's
        rows are joined to their stored fields (joining every match costs more than BM25)."""
        columns = ", ".join(f"x.{c}" for c in SHAPES[kind].columns)
        extra, join = ("p.title", "LEFT JOIN plan p ON p.id = x.doc_id") \
            if kind == "task" else ("NULL", "")
        # Agencies tie often (one name, many cities): the busiest first.
        tie = "x.tasks DESC, x.id" if kind == "agency" else "x.id"
        window = "" if kind == "agency" else "LIMIT ? OFFSET ?"
        cut = "LIMIT ? OFFSET ?" if kind == "agency" else ""
        with self._lock:
            total = self._db.execute(f"SELECT count(*) FROM {kind}_fts WHERE {kind}_fts MATCH ?",
                                     (expression,)).fetchone()[0]
            cursor = self._db.execute(
                f"SELECT {columns}, {extra} AS plan FROM (SELECT rowid AS hit, rank AS score "
                f"FROM {kind}_fts WHERE {kind}_fts MATCH ? ORDER BY rank {window}) m "
                f"JOIN {kind} x ON x.rowid = m.hit {join} ORDER BY m.score, {tie} {cut}",
                (expression, limit, offset))
            names = [d[0] for d in cursor.description]
            page = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        for row in page:
            if kind != "task":
                row.pop("plan")
        return total, page

    def counts(self) -> dict[str, int]:
        """Rows indexed per kind."""
        with self._lock:
            return {k: self._db.execute(f"SELECT count(*) FROM {k}").fetchone()[0]
                    for k in KINDS}


# -- rows in, rows out --------------------------------------------------------------------


def _records(answer: Answer) -> list[dict[str, Any]]:
    columns, rows = answer
    return [dict(zip(columns, r, strict=True)) for r in rows]


def _plan(row: Mapping[str, Any]) -> dict[str, Any]:
    """A plan's stored fields; `version` changes with its text, its task count or the
    characters of its tasks (a newer parser reading the same text differently)."""
    return {"id": row["doc_id"], **{c: row[c] or "" for c in
                                     ("title", "doc_number", "issuer", "city", "issued")},
            "version": f"{row['sha256']}:{row['tasks']}:{row['chars'] or 0}"}


def _task(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": row["task_id"], **{c: row[c] or "" for c in
                                      ("doc_id", "city", "no", "title", "text")}}


def _indexed(column: str, value: Any) -> str:
    text = str(value or "")
    return index_tokens(text.replace("、", " ") if column == "aliases" else text)


def _hit(kind: str, row: dict[str, Any], needles: list[str]) -> Hit:
    if kind == "agency":
        aliases = row.pop("aliases").split("、")
        matched = "" if first_found(row["name"], needles) else next(
            (a for a in aliases if first_found(a, needles)), "")
        row.pop("digest")
        return Hit(kind, row, matched=matched)
    if kind == "plan":
        row.pop("version")
        return Hit(kind, row)
    text = row.pop("text")
    return Hit(kind, row, excerpt=excerpt(text, needles))


_GROUP_ALIASES: dict[int, dict[str, tuple[str, ...]]] = {}


def _group_aliases(lexicon: AgencyLexicon) -> dict[str, tuple[str, ...]]:
    """Group name → every exact alias of the group (the lexicon keys them alias → group)."""
    key = id(lexicon)
    if key not in _GROUP_ALIASES:
        table: dict[str, list[str]] = {}
        for alias, (group, _) in lexicon.exact.items():
            table.setdefault(group.name, []).append(alias)
        _GROUP_ALIASES.clear()
        _GROUP_ALIASES[key] = {g: tuple(sorted(a)) for g, a in table.items()}
    return _GROUP_ALIASES[key]


def _version(db: sqlite3.Connection) -> str | None:
    try:
        found = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.OperationalError:  # no meta table: a new file
        return None
    return found[0] if found else None


def _create(db: sqlite3.Connection) -> None:
    """The empty tables; `version` is written by the first refresh that completes."""
    with db:
        db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
        for statement in AGENCY_PLANS:
            db.execute(statement)
        for shape in SHAPES.values():
            for statement in shape.ddl():
                db.execute(statement)
