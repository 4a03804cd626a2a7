"""The query page: the named-query catalog as forms, and a read-only Cypher console.

Named queries run through `Store.run_readonly`, in the viewer, with the store's time
limit. Console statements run through `Store.run_console` (graph.console): read clauses
only, in a worker process that is killed at the time and memory limits, at most
console_max_rows rows, a few at a time and never behind the lock the pages use. A query
that fails re-renders its form with the message and the user's input (Datasette's
habit), with status 503 when every console worker is taken; for CSV and JSON the error
goes to the app's error handler like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, current_app, render_template, request

from graph.errors import ConsoleBusy, QueryError
from queries.catalog import NamedQuery, get_query
from queries.errors import ParameterError
from webui.db import ask, get_catalog, get_store
from webui.tables import Link, Page, Table, respond

bp = Blueprint("query", __name__, url_prefix="/query")

MAX_CYPHER = 20_000  # characters; a console statement, not a script
# Result columns that name a page: their cells link to it.
COLUMN_LINKS = {
    "task_id": Link("tasks.task", "task_id", "task_id"),
    "doc_id": Link("plans.plan", "doc_id", "doc_id"),
    "agency_id": Link("agencies.agency", "agency_id", "agency_id"),
    "sector": Link("sectors.sector", "name", "sector"),
}


@bp.get("/")
def index() -> Any:
    return respond(catalog_page(), "query/index.html")


@bp.get("/cypher")
def console() -> Any:
    text = request.args.get("q", "")
    page = Page("Cypher 控制台(只读)", info={"q": text})
    if text.strip():
        return _run_into(page, "query/console.html", lambda: _console_table(text, page))
    return respond(page, "query/console.html", _no_error)


@bp.get("/<name>")
def named(name: str) -> Any:
    query = get_query(get_catalog(), name)
    values = {p.name: request.args[p.name] for p in query.params if p.name in request.args}
    page = Page(query.title, info={"query": name, "params": values}, view={"query": query})
    if "run" in request.args or not any(p.required for p in query.params):
        return _run_into(page, "query/named.html", lambda: run_named(query, values))
    return respond(page, "query/named.html", _no_error)


def catalog_page() -> Page:
    rows = [[q.name, q.title, q.question, [p.name for p in q.params]]
            for q in get_catalog().values()]
    table = Table("queries", "命名查询", ["name", "title", "question", "params"], rows,
                  links={"title": Link("query.named", "name", "name")})
    return Page("查询", tables={"queries": table})


def run_named(query: NamedQuery, values: dict[str, str]) -> Table:
    columns, rows = ask(query, values)
    return Table("result", query.title, columns, rows, links=_links(columns))


def _console_table(text: str, page: Page) -> Table:
    if len(text) > MAX_CYPHER:
        raise QueryError(f"the statement is {len(text)} characters; at most {MAX_CYPHER}")
    answer = get_store().run_console(text)
    page.info["truncated"] = answer.truncated
    title = "查询结果"
    if answer.truncated:
        title += f"(结果超过 {answer.max_rows:,} 行,只取了前 {answer.max_rows:,} 行)"
    return Table("result", title, answer.columns, answer.rows, links=_links(answer.columns))


def _run_into(page: Page, template: str, run: Callable[[], Table]) -> Any:
    """Run and show the result, or show the form again with the error (HTML only)."""
    try:
        page.tables["result"] = run()
    except (ParameterError, QueryError, ConsoleBusy) as exc:
        if request.args.get("format", "html") != "html":
            raise
        status = 503 if isinstance(exc, ConsoleBusy) else 400
        return render_template(template, page=page, error=str(exc)), status
    return respond(page, template, _no_error)


def _no_error(page: Page) -> dict[str, Any]:
    return {"error": None, "max_rows": current_app.config["CONSOLE_MAX_ROWS"]}


def _links(columns: list[str]) -> dict[str, Link]:
    return {c: link for c, link in COLUMN_LINKS.items() if c in columns}
