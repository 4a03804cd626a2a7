"""The query page: the named-query catalog as Chinese forms, and a read-only Cypher console.

Each named query shows its Chinese title, question and parameter labels (from the `.cypher`
headers); forms offer the graph's cities and sectors and the kinds' words, and show
examples as examples (例如：常州), never as values. Results link names to their pages and
keep ids out of sight (they stay in the downloads).

Named queries run through `Store.run_readonly`, in the viewer, with the store's time
limit. Console statements run through `Store.run_console` (graph.console): read clauses
only, in a worker process that is killed at the time and memory limits, at most
console_max_rows rows, a few at a time and never behind the lock the pages use. A query
that fails re-renders its form with the message and the user's input (Datasette's
habit), with status 503 when every console worker is taken; for CSV and JSON the error
goes to the app's error handler like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from flask import Blueprint, current_app, render_template, request, url_for

from graph.errors import ConsoleBusy, QueryError
from queries.catalog import NamedQuery, Param, get_query
from queries.errors import ParameterError
from queries.labels import load_labels, stored_value
from webui.db import ask, get_catalog, get_store
from webui.filters import load_choices
from webui.tables import Link, Page, Table, respond

bp = Blueprint("query", __name__, url_prefix="/query")

MAX_CYPHER = 20_000  # characters; a console statement, not a script
AGENCY_BY_ID = Link("agencies.agency", "agency_id", "id")
TASK_BY_ID = Link("tasks.task", "task_id", "task_id")
PLAN_BY_ID = Link("plans.plan", "doc_id", "doc_id")
AGENCY = Link("agencies.agency", "agency_id", "agency_id")
# Result columns that name a page, with the id column each link reads; where a column has
# several, the first whose id the row holds is used.
COLUMN_LINKS: dict[str, tuple[Link, ...]] = {
    "name": (AGENCY, TASK_BY_ID),
    "title": (TASK_BY_ID, PLAN_BY_ID),
    "task": (TASK_BY_ID,),
    "plan": (PLAN_BY_ID,),
    "agency": (AGENCY,),
    "sector": (Link("sectors.sector", "name", "sector"),),
    "task_id": (TASK_BY_ID,),
    "doc_id": (PLAN_BY_ID,),
    "agency_id": (AGENCY,),
}
# Queries whose `id` column holds agency ids, so their `name` is an agency's name.
AGENCY_ROWS = ("top_agencies", "agency_partners", "agency_detail", "agency_names")
ID_COLUMNS = ("id", "task_id", "doc_id", "agency_id")


@dataclass(frozen=True)
class Field:
    """One form field of a named query, ready for the template."""

    name: str
    label: str
    hint: str
    widget: str  # select, input
    value: str
    placeholder: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (value, word) for selects
    suggestions: tuple[str, ...] = ()  # a datalist for inputs
    required: bool = False
    numeric: bool = False


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
    page = Page(query.shown_title, info={"query": name, "params": values},
                view={"query": query, "fields": form_fields(query, values)})
    if "run" in request.args or not any(p.required for p in query.params):
        return _run_into(page, "query/named.html", lambda: run_named(query, values))
    return respond(page, "query/named.html", _no_error)


def catalog_page() -> Page:
    rows = [[q.name, q.shown_title, q.shown_question, [p.label or p.name for p in q.params]]
            for q in get_catalog().values()]
    table = Table("queries", "命名查询", ["name", "title", "question", "params"], rows,
                  hidden=("name",), links={"title": Link("query.named", "name", "name")})
    return Page("查询", tables={"queries": table})


def run_named(query: NamedQuery, values: Mapping[str, Any]) -> Table:
    columns, rows = ask(query, values)
    return result_table(query, columns, rows)


def result_table(query: NamedQuery, columns: list[str], rows: list[list[Any]]) -> Table:
    """A query's rows with names linked to their pages and the ids behind them hidden."""
    table = Table("result", query.shown_title, list(columns), rows)
    if query.name == "search":
        table = _search_ids(table)
    links: dict[str, Link | tuple[Link, ...]] = {}
    for column in table.columns:
        if column == "name" and "id" in table.columns and query.name in AGENCY_ROWS:
            links[column] = AGENCY_BY_ID
        elif usable := tuple(link for link in COLUMN_LINKS.get(column, ())
                             if link.column in table.columns):
            links[column] = usable
    behind = {link.column for column, found in links.items() if column not in ID_COLUMNS
              for link in ((found,) if isinstance(found, Link) else found)}
    hidden = tuple(c for c in table.columns if c in ID_COLUMNS and c in behind)
    return replace(table, links=links, hidden=(*hidden, *table.hidden))


def _search_ids(table: Table) -> Table:
    """Search rows are agencies and tasks in one list: each gets the id its page needs."""
    kind, ident = table.columns.index("kind"), table.columns.index("id")
    rows = [[*r, r[ident] if r[kind] == "agency" else None,
             r[ident] if r[kind] == "task" else None] for r in table.rows]
    return replace(table, columns=[*table.columns, "agency_id", "task_id"], rows=rows,
                   hidden=("id", "kind"))


def form_fields(query: NamedQuery, values: Mapping[str, Any]) -> list[Field]:
    """The query's parameters as Chinese form fields, filled with `values`."""
    return [_field(query, p, values) for p in query.params]


def _field(query: NamedQuery, p: Param, values: Mapping[str, Any]) -> Field:
    given = values.get(p.name)
    value = "" if given is None else str(given)
    label, hint = p.label or p.name, p.hint or p.meaning
    if p.choices or p.type in ("bool", "kind"):
        words = _words(p)
        chosen = stored_value(value, words) if value else None
        default = "" if p.default is None else str(p.default).lower()
        everything = () if p.choices or p.type == "bool" else (("", "全部"),)
        return Field(p.name, label, hint, "select", chosen or value or default,
                     options=(*everything, *words.items()), required=p.required)
    examples = load_labels().examples  # an agency by name, not by id
    example = (examples.get(p.name, "") if p.type == "agency" else "") or \
        query.example.get(p.name) or examples.get(p.name, "")
    return Field(p.name, label, hint, "input", value, placeholder=_placeholder(p, example),
                 suggestions=_suggestions(p), required=p.required, numeric=p.type == "int")


def _words(p: Param) -> dict[str, str]:
    labels = load_labels()
    if p.type == "kind":
        return dict(labels.kinds)
    if p.type == "bool":
        return dict(labels.booleans)
    return {c: labels.roles.get(c) or labels.bases.get(c, c) for c in p.choices}


def _placeholder(p: Param, example: str) -> str:
    """An example as an example: 例如：常州; a default as what an empty field means."""
    if p.type == "int" and p.default is not None:
        return f"不填为 {p.default}"
    if example:
        return f"例如：{example}"
    return "必填" if p.required else "不填为全部"


def _suggestions(p: Param) -> tuple[str, ...]:
    if p.type not in ("city", "sector"):
        return ()
    choices = load_choices()
    return tuple(choices.cities if p.type == "city" else choices.sectors)


def query_url(name: str, params: Mapping[str, Any]) -> str:
    """The query page that runs `name` with `params` at once."""
    return url_for("query.named", name=name, run=1,
                   **{k: v for k, v in params.items() if v not in (None, "")})


def _console_table(text: str, page: Page) -> Table:
    if len(text) > MAX_CYPHER:
        raise QueryError(f"the statement is {len(text)} characters; at most {MAX_CYPHER}")
    answer = get_store().run_console(text)
    page.info["truncated"] = answer.truncated
    title = "查询结果"
    if answer.truncated:
        title += f"(结果超过 {answer.max_rows:,} 行,只取了前 {answer.max_rows:,} 行)"
    links: dict[str, Link | tuple[Link, ...]] = {
        c: COLUMN_LINKS[c] for c in ("task_id", "doc_id", "agency_id", "sector")
        if c in answer.columns}
    return Table("result", title, answer.columns, answer.rows, links=links)


def _run_into(page: Page, template: str, run: Callable[[], Table]) -> Any:
    """Run and show the result, or show the form again with the error (HTML only)."""
    try:
        page.tables["result"] = run()
    except (ParameterError, QueryError, ConsoleBusy) as exc:
        if request.args.get("format", "html") != "html":
            raise
        status = 503 if isinstance(exc, ConsoleBusy) else 400
        return render_template(template, page=page, error=str(exc),
                               max_rows=current_app.config["CONSOLE_MAX_ROWS"]), status
    return respond(page, template, _no_error)


def _no_error(page: Page) -> dict[str, Any]:
    return {"error": None, "max_rows": current_app.config["CONSOLE_MAX_ROWS"]}
