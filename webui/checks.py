"""The accountability check list (问题清单): problems in plans' division of labour.

Each check (queries/data/checks.yaml) is a named query listing the tasks it finds, one row
each; these pages count them per plan and per agency, list them with the clause behind each
(plan, 文号, item number, the sentence with the unit list), and export one plan's or one
agency's list as XLSX and DOCX, ready to send.
"""

from __future__ import annotations

import io
import threading
import time
from bisect import bisect_left
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from flask import Blueprint, current_app, send_file, url_for
from flask.blueprints import BlueprintSetupState

from queries.checks import (
    AGENCY_COUNTS,
    ALL_FINDINGS,
    FINDING_COLUMNS,
    PLAN_COUNTS,
    Check,
    load_checks,
)
from webui.checklist_export import (
    DOCX_TYPE,
    XLSX_TYPE,
    Scope,
    Section,
    checklist_docx,
    checklist_xlsx,
    clause_rows,
    clause_text,
)
from webui.db import CATALOG_KEY, fetch, fetch_one, get_catalog
from webui.drawn_rows import drawn_rows
from webui.errors import NotFound
from webui.params import int_arg, text_arg
from webui.per_plan import PerPlan, changed, kept, run
from webui.tables import Link, Page, Table, respond, safe_filename

bp = Blueprint("checks", __name__, url_prefix="/checks")


@bp.record_once
def _verify(state: BlueprintSetupState) -> None:
    """A check naming a missing or misshapen query stops the app at start, not a page."""
    load_checks().verify(state.app.extensions[CATALOG_KEY])


TASK = Link("tasks.task", "task_id", "task_id")
PLAN = Link("plans.plan", "doc_id", "doc_id")
HIDDEN = ("doc_id", "task_id", "text", "sentences", "agency_ids", "assigned")
SHOWN_ROWS = 1000  # rows of one list shown as HTML; the downloads have them all
# Findings per page of a check over every plan once there are more: at scale 1000 a check
# lists up to 132,584 tasks, more than one query can hold in the page cache (1.7 s for 700).
WINDOW_ROWS = 250
WINDOW_S = 0.2  # and asks no more plans for one page past this (sparse checks: ~10 ms a plan)
TITLE = "问题清单"
ROWS = "checks/_rows.html"  # the overviews' row macros
COUNTS_KEY, AGENCY_SUMS_KEY = "check_counts", "check_agency_sums"
_SUMMING = threading.Lock()


@dataclass(frozen=True)
class Listed:
    """Whose check list: one plan or one agency, as the export names it and the queries
    filter it."""

    scope: Scope
    id: str
    info: dict[str, Any]
    doc: str | None = None
    agency: str | None = None


@bp.get("/")
def index() -> Any:
    return respond(overview_page(), "checks/index.html", _overview_context)


@bp.get("/agencies")
def agencies() -> Any:
    return respond(agencies_page(), "checks/agencies.html", _agencies_context)


@bp.get("/plan/<doc_id>")
def plan(doc_id: str) -> Any:
    return respond(scope_page(plan_scope(doc_id)), "checks/scope.html", _check_list)


@bp.get("/agency/<agency_id>")
def agency(agency_id: str) -> Any:
    return respond(scope_page(agency_scope(agency_id)), "checks/scope.html", _check_list)


@bp.get("/plan/<doc_id>/checklist.<any(xlsx, docx):suffix>")
def plan_export(doc_id: str, suffix: str) -> Any:
    return _export(plan_scope(doc_id), suffix)


@bp.get("/agency/<agency_id>/checklist.<any(xlsx, docx):suffix>")
def agency_export(agency_id: str, suffix: str) -> Any:
    return _export(agency_scope(agency_id), suffix)


@bp.get("/<check_id>")
def check(check_id: str) -> Any:
    found = load_checks().get(check_id)
    if found is None:
        raise NotFound(f"没有名为 {check_id!r} 的检查项 (no such check); "
                       f"检查项:{'、'.join(c.id for c in load_checks().checks)}")
    return respond(check_page(found, text_arg("doc"), text_arg("agency")),
                   "checks/check.html", _check_list)


# --- running the checks -----------------------------------------------------------------


def findings(check: Check, doc: str | None = None, agency: str | None = None) -> Table:
    """The check's findings (one row per task) for one plan, one agency, or all, with
    `clause`: the sentences naming the task's units, or its text when it names none."""
    checks = load_checks()
    query = get_catalog()[check.query]
    table = fetch(check.query, title=check.title,
                  **checks.params(check, query, doc=doc, agency=agency))
    return _with_clauses(table)


def every_finding(doc: str | None = None, agency: str | None = None) -> dict[str, Table]:
    """Each check's findings, as `findings` gives them, for one plan or one agency: from
    one query (ALL_FINDINGS) instead of one per check; at scale 1000 an agency's eight
    lists took about 0.2 s, the one pass 30-60 ms."""
    checks = load_checks()
    table = fetch(ALL_FINDINGS, doc=doc, agency=agency, words=list(checks.vague_words))
    split = checks.split(table.columns, table.rows)
    return {c.id: _with_clauses(Table(c.query, c.title, list(FINDING_COLUMNS), split[c.id]))
            for c in checks.checks}


def _with_clauses(table: Table) -> Table:
    rows = [[*row, clause_text(r)] for row, r in zip(table.rows, table.records(), strict=True)]
    return replace(table, columns=[*table.columns, "clause"], rows=rows, hidden=HIDDEN,
                   links={"title": TASK, "plan": PLAN})


@dataclass(frozen=True)
class PlanCounts:
    """One plan's count per check, per agency of its tasks the counts on those, and every
    agency it assigns a task to (whose renaming may change its counts)."""

    counts: dict[str, int]
    agencies: dict[str, dict[str, int]]
    named: set[str] = field(default_factory=set)


def read_counts(docs: list[str]) -> dict[str, PlanCounts]:
    """Each of `docs` with its counts (queries.checks PLAN_COUNTS, AGENCY_COUNTS): one pass
    over those plans' tasks instead of every check's list. Agencies with no finding in a
    plan are left out of its counts, not of those it names."""
    params = load_checks().counts_params(docs)
    found = {r.pop("doc_id"): PlanCounts(r, {}) for r in run(PLAN_COUNTS, **params)}
    for r in run(AGENCY_COUNTS, **params):
        doc_id, agency_id = r.pop("doc_id"), r.pop("agency_id")
        if doc_id not in found:
            continue
        found[doc_id].named.add(agency_id)
        if any(r.values()):
            found[doc_id].agencies[agency_id] = r
    return found


def vague_mark(agency: Mapping[str, Any]) -> Hashable:
    """What of an agency the counts read: its kind, whether known, whether its name is
    vague (the name changes more often than that)."""
    words = load_checks().vague_words
    return (agency["kind"], agency["known"],
            any(w in (agency["name"] or "") for w in words))


def kept_counts() -> PerPlan[PlanCounts]:
    return kept(COUNTS_KEY, lambda: PerPlan(read_counts, vague_mark, lambda c: c.named))


def plan_counts() -> dict[str, dict[str, int]]:
    """Per plan, its count per check."""
    return {doc_id: c.counts for doc_id, c in kept_counts().current().items()}


def agency_counts() -> dict[str, dict[str, int]]:
    """Per agency, its count per check over every plan: summed once per change of the
    kept counts, not once per request, and then only over the plans that changed."""
    version, plans = kept_counts().versioned()
    with _SUMMING:
        kept_sums: AgencySums | None = current_app.extensions.get(AGENCY_SUMS_KEY)
        if version is None:
            return AgencySums().updated(plans).sums
        if kept_sums is None or kept_sums.version != version:
            kept_sums = (kept_sums or AgencySums()).updated(plans, version)
            current_app.extensions[AGENCY_SUMS_KEY] = kept_sums
        return kept_sums.sums


@dataclass(frozen=True)
class AgencySums:
    """Per agency its counts summed over `plans`, the kept counts they were summed from.

    At scale 1000 summing every plan's agencies anew took about 0.3 s after each write,
    although a write changes a plan or two: the kept counts hold a new PlanCounts only for
    the plans asked again, so the sums move by the plans whose PlanCounts is not the one
    summed. Sums are new dicts, never changed in place: a page may still be reading them.
    """

    sums: dict[str, dict[str, int]] = field(default_factory=dict)
    plans: dict[str, PlanCounts] = field(default_factory=dict)
    version: int | None = None

    def updated(self, plans: dict[str, PlanCounts], version: int | None = None) -> AgencySums:
        """The sums over `plans`: those summed here, less the plans gone or changed, plus
        the plans new or changed."""
        sums, moved = dict(self.sums), set()
        for doc_id in changed(self.plans, plans):
            for counted, sign in ((self.plans.get(doc_id), -1), (plans.get(doc_id), 1)):
                for agency_id, row in counted.agencies.items() if counted else ():
                    if agency_id not in moved:
                        moved.add(agency_id)
                        sums[agency_id] = dict(sums.get(agency_id) or dict.fromkeys(row, 0))
                    total = sums[agency_id]
                    for check_id, n in row.items():
                        total[check_id] += sign * n
        for agency_id in moved:
            if not any(sums[agency_id].values()):  # as if summed afresh: none to show
                del sums[agency_id]
        return AgencySums(sums, plans, version)


# --- pages ------------------------------------------------------------------------------


def overview_page() -> Page:
    """Every plan with its count per check; each count leads to its list."""
    plans = fetch("plans", limit=int_arg("limit", 5000, 1, 100_000)).records()
    found = plan_counts()
    checks = load_checks().checks
    rows = [[p["doc_id"], p["title"], p["city"], p["doc_number"], p["tasks"],
             *(found.get(p["doc_id"], {}).get(c.id, 0) for c in checks)] for p in plans]
    table = Table("plans", "各方案问题数",
                  ["doc_id", "plan", "city", "doc_number", "tasks", *(c.id for c in checks)],
                  rows, hidden=("doc_id",))
    totals = {c.id: sum(r.get(c.id, 0) for r in found.values()) for c in checks}
    return Page(TITLE, info={"totals": totals}, tables={"plans": table})


def agencies_page() -> Page:
    """Every agency with findings on its tasks, with its count per check, most first."""
    found = agency_counts()
    checks = [c for c in load_checks().checks if c.per_agency]
    ranking = fetch("top_agencies", limit=int_arg("limit", 5000, 1, 100_000))
    rows = [[a["id"], a["name"], a["city"], a["kind"], a["tasks"],
             *(found.get(a["id"], {}).get(c.id, 0) for c in checks)] for a in ranking.records()]
    rows = [r for r in rows if any(r[5:])]
    rows.sort(key=lambda r: (-sum(r[5:]), r[1] or "", r[2] or ""))
    table = Table("agencies", "各单位问题数",
                  ["agency_id", "agency", "city", "kind", "tasks", *(c.id for c in checks)],
                  rows, hidden=("agency_id",))
    return Page(f"{TITLE}:各单位", tables={"agencies": table})


def plan_scope(doc_id: str) -> Listed:
    info = fetch_one("plan_info", doc=doc_id)
    if info is None:
        raise NotFound(f"没有编号为 {doc_id!r} 的方案 (no plan with this id)")
    details = tuple(f"{label}:{info[key]}" for key, label in
                    (("doc_number", "文号"), ("issuer", "发文机关"), ("issued", "印发日期"))
                    if info.get(key))
    scope = Scope("方案", info["title"] or info["doc_id"], details, one_plan=True)
    return Listed(scope, info["doc_id"], info, doc=info["doc_id"])


def agency_scope(agency_id: str) -> Listed:
    info = fetch_one("agency_detail", agency=agency_id)
    if info is None:
        raise NotFound(f"没有编号为 {agency_id!r} 的单位 (no agency with this id)")
    scope = Scope("单位", f"{info['name']}({info['city'] or '—'})",
                  (f"承担任务:{info['tasks']} 项",), one_plan=False)
    return Listed(scope, info["id"], info, agency=info["id"])


def sections(listed: Listed) -> list[tuple[Check, Table | None]]:
    """Each check with its findings for this plan or agency; None where a check concerns
    no agency (a task naming nobody)."""
    every = every_finding(doc=listed.doc, agency=listed.agency)
    return [(c, None if listed.agency and not c.per_agency else every[c.id])
            for c in load_checks().checks]


def scope_page(listed: Listed) -> Page:
    """One plan's or one agency's check list: every check with its findings."""
    found = sections(listed)
    return Page(f"{TITLE}:{listed.scope.name}",
                info={"id": listed.id, "scope": listed.scope.label, "name": listed.scope.name,
                      "details": list(listed.scope.details), "doc": listed.doc,
                      "agency": listed.agency,
                      "counts": {c.id: (len(t.rows) if t is not None else None)
                                 for c, t in found}},
                tables={c.id: t for c, t in found if t is not None},
                view={"subject": listed.info})


def check_page(check: Check, doc: str | None, agency: str | None) -> Page:
    """One check's findings for one plan, one agency, both, or every plan."""
    names = []
    if doc:
        plan_listed = plan_scope(doc)
        doc = plan_listed.doc
        names.append(plan_listed.scope.name)
    if agency:
        agency_listed = agency_scope(agency)
        agency = agency_listed.agency
        names.append(agency_listed.scope.name)
    window: dict[str, Any] | None = None
    if doc or agency:
        table = findings(check, doc=doc, agency=agency) if check.per_agency or not agency \
            else _no_findings(check)
        count = len(table.rows)
    else:
        table, count, window = every_plan(check, text_arg("start"))
    return Page(f"{check.title}:{'、'.join(names) or '全部方案'}",
                info={"id": check.id, "check": check.id, "doc": doc, "agency": agency,
                      "count": count, "window": window},
                tables={"findings": table}, view={"check": check, "shown": SHOWN_ROWS})


def every_plan(check: Check, start: str | None) -> tuple[Table, int, dict[str, Any] | None]:
    """The check's findings over every plan, their count, and which plans they are from.

    All at once while the kept counts (plan_counts) say there are at most WINDOW_ROWS;
    past that, the plans with findings in id order from `start`, one query each, until
    WINDOW_ROWS are found or WINDOW_S has passed, with the next plan for the next page
    (window: None when all are listed). A page never splits a plan.
    """
    counts = {d: c.get(check.id, 0) for d, c in plan_counts().items()}
    total = sum(counts.values())
    if total <= WINDOW_ROWS:
        table = findings(check)
        return table, len(table.rows), None
    plans = sorted(d for d, n in counts.items() if n)
    at = bisect_left(plans, start) if start else 0
    table = _no_findings(check)
    end, started = at, time.perf_counter()
    while end < len(plans) and len(table.rows) < WINDOW_ROWS and (
            end == at or time.perf_counter() - started < WINDOW_S):
        part = findings(check, doc=plans[end])
        table = replace(part, rows=table.rows + part.rows)
        end += 1
    return table, total, {"first": at + 1, "last": end, "plans": len(plans),
                          "next": plans[end] if end < len(plans) else None}


def _no_findings(check: Check) -> Table:
    """The empty list of a check that concerns no agency, asked for one agency."""
    return Table(check.query, check.title, [*FINDING_COLUMNS, "clause"], [], hidden=HIDDEN)


def _check_list(page: Page) -> dict[str, Any]:
    checks = load_checks()
    return {"checks": checks.checks, "vague_words": checks.vague_words}


def _overview_context(page: Page) -> dict[str, Any]:
    """The check list and the plans' rows, drawn where they changed (webui.drawn_rows)."""
    checks = load_checks().checks
    rows = drawn_rows("plans", ROWS, "plan_row").draw(page.tables["plans"], (
        ("checks", checks), ("check_urls", _check_urls(checks)),
        ("plan_url", url_for("checks.plan", doc_id="PLAN")[:-4])))
    return {**_check_list(page), "rows": rows}


def _agencies_context(page: Page) -> dict[str, Any]:
    """The check list and the agencies' rows, drawn where they changed."""
    checks = tuple(c for c in load_checks().checks if c.per_agency)
    rows = drawn_rows("agencies", ROWS, "agency_row").draw(page.tables["agencies"], (
        ("checks", checks), ("check_urls", _check_urls(checks)),
        ("agency_url", url_for("checks.agency", agency_id="AGENCY")[:-6])))
    return {**_check_list(page), "rows": rows}


def _check_urls(checks: tuple[Check, ...]) -> tuple[tuple[str, str], ...]:
    """Each check's address, once per page rather than once per cell."""
    return tuple((c.id, url_for("checks.check", check_id=c.id)) for c in checks)


def _export(listed: Listed, suffix: str) -> Any:
    parts = [Section(c, clause_rows(t.records()) if t is not None else [], applies=t is not None)
             for c, t in sections(listed)]
    build = checklist_xlsx if suffix == "xlsx" else checklist_docx
    data = build(listed.scope, parts, date.today())
    name = safe_filename(f"问题清单-{listed.scope.name}") + f".{suffix}"
    return send_file(io.BytesIO(data), mimetype=XLSX_TYPE if suffix == "xlsx" else DOCX_TYPE,
                     as_attachment=True, download_name=name)
