"""Tables of query results and the page twins: HTML, CSV and JSON of the same rows.

Every page is a `Page` of named tables. `respond` sorts the table the `sort` parameter
names, then answers with the HTML page or, for `?format=csv|json`, the data itself
(Datasette-style twins), so whatever a clerk sees can be downloaded as it is.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, cast
from urllib.parse import quote, quote_plus

from flask import Flask, Response, g, render_template, request, send_file, url_for

from queries.output import cell, csv_rows
from webui.errors import BadParameter
from webui.labels import column_label, value_label

FORMATS = ("html", "csv", "json")
Record = dict[str, Any]


class Link(NamedTuple):
    """A cell that links to a page: `url_for(endpoint, **{arg: record[column]})`, plus
    `params` every link of the column carries (a count's filters: sector=5G, role=lead)."""

    endpoint: str
    arg: str
    column: str
    params: tuple[tuple[str, Any], ...] = ()

    def url_args(self, record: Record) -> dict[str, Any]:
        """The link's arguments for this row; empty filters are left out of the address."""
        fixed = {k: v for k, v in self.params if v not in (None, "")}
        return {**fixed, self.arg: record[self.column]}


@dataclass
class Table:
    """Rows of one query (or of rows derived from queries), with how to show them."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    hidden: tuple[str, ...] = ()  # kept in downloads, not shown (ids behind links)
    # A column's link, or several: the first whose id column is filled in the row
    # (a search result links an agency's name to its page and a task's to its own).
    links: dict[str, Link | tuple[Link, ...]] = field(default_factory=dict)
    item_links: dict[str, Link] = field(default_factory=dict)  # list cells: one link per item
    sort: str = ""  # the applied sort: "tasks" ascending, "-tasks" descending
    # Columns holding a number in some row, found once: every header of every part of a
    # table (a sector page draws each city's share of one ranking) asks it.
    _numeric: dict[str, bool] = field(default_factory=dict, init=False, repr=False,
                                      compare=False)

    def records(self) -> list[Record]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def only(self, *columns: str) -> Table:
        """The same rows with just `columns`, in that order."""
        index = [self.columns.index(c) for c in columns]
        return replace(self, columns=list(columns), rows=[[r[i] for i in index] for r in self.rows])

    def shown(self) -> list[str]:
        return [c for c in self.columns if c not in self.hidden]

    def link_for(self, column: str, record: Record) -> Link | None:
        """The link of this cell: the column's (first) link whose id is in the record."""
        found = self.links.get(column)
        for link in (found,) if isinstance(found, Link) else found or ():
            if record.get(link.column) not in (None, ""):
                return link
        return None

    def numeric(self, column: str) -> bool:
        """Whether some row holds a number in `column`: such columns sort descending first."""
        if column not in self._numeric:
            i = self.columns.index(column)
            self._numeric[column] = any(isinstance(r[i], int | float) for r in self.rows)
        return self._numeric[column]

    def sorted(self, spec: str) -> Table:
        """Sorted by `column` or `-column`; empty cells last either way."""
        return replace(self, rows=[self.rows[n] for n in self.order(spec)], sort=spec)

    def order(self, spec: str) -> list[int]:
        """The row positions in the order `sorted(spec)` gives; 400 for an unknown column."""
        column = spec.removeprefix("-")
        if column not in self.columns:
            raise BadParameter(f"cannot sort table {self.name!r} by {column!r}; "
                               f"sortable columns: {', '.join(self.columns)}")
        i = self.columns.index(column)
        filled = [n for n, r in enumerate(self.rows) if r[i] not in (None, "", [])]
        empty = [n for n, r in enumerate(self.rows) if r[i] in (None, "", [])]
        filled.sort(key=lambda n: _sort_key(self.rows[n][i]), reverse=spec.startswith("-"))
        return filled + empty

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "columns": self.columns,
                "count": len(self.rows), "rows": self.records()}


@dataclass
class Page:
    """One page's subject (`info`, exported) and tables; `view` holds template-only data."""

    title: str
    info: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    view: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A table is named by its key here: the page's sort and download links name it
        # (`?table=`), and `selected_table` looks the name up among these keys.
        self.tables = {key: t if t.name == key else replace(t, name=key)
                       for key, t in self.tables.items()}

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, **self.info,
                "tables": {name: t.to_json() for name, t in self.tables.items()}}


def respond(page: Page, template: str,
            context: Callable[[Page], dict[str, Any]] | None = None) -> Any:
    """The page as HTML, or one of its tables (or all of it) as CSV or JSON."""
    fmt = request.args.get("format", "html")
    if fmt not in FORMATS:
        raise BadParameter(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    sort_requested(page)
    if fmt == "json" and "table" not in request.args:
        return json_response(page.to_json())
    if fmt == "json":
        return json_response(page.tables[selected_table(page)].to_json())
    if fmt == "csv":
        name = selected_table(page)
        return csv_download(page.tables[name], download_name(page, name))
    extra = context(page) if context else {}
    return render_template(template, page=page, **extra)


def sort_requested(page: Page) -> Page:
    """Sort the table `?table=` names (else the first) by `?sort=`; 400 for a bad column.

    Pages and the JSON API both call this, so they sort and refuse alike.
    """
    if sort := request.args.get("sort"):
        name = selected_table(page)
        page.tables[name] = page.tables[name].sorted(sort)
    return page


def selected_table(page: Page) -> str:
    """The table `?table=` names, else the page's first; 400 when there is none."""
    name = request.args.get("table") or next(iter(page.tables), "")
    if name not in page.tables:
        have = ", ".join(page.tables) or "none yet"
        raise BadParameter(f"this page has no table {name!r}; its tables: {have}")
    return name


def json_response(data: Any, status: int = 200) -> Response:
    """JSON with Chinese kept readable; values the engine returns as objects become text."""
    text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    return Response(text, status=status, mimetype="application/json")


def csv_download(table: Table, name: str) -> Response:
    """CSV with a byte-order mark, so Excel opens the Chinese text correctly, and no cell
    a spreadsheet would run as a formula (`queries.output.inert`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(csv_rows(table.columns, table.rows))  # formula-like text made inert
    data = io.BytesIO(buffer.getvalue().encode("utf-8-sig"))
    return send_file(data, mimetype="text/csv", as_attachment=True,
                     download_name=f"{name}.csv")


def download_name(page: Page, table: str) -> str:
    subject = str(page.info.get("id") or page.title)
    return "-".join(safe_filename(p) for p in (subject, table) if p)


def url_with(**changes: Any) -> str:
    """This page's address with some parameters changed (None or '' removes one)."""
    args = request.args.to_dict(flat=True)
    args.update(changes)
    kept: dict[str, Any] = {k: v for k, v in args.items() if v not in (None, "")}
    return url_for(request.endpoint or "home.index", **(request.view_args or {}), **kept)


def sort_link(table: Table, column: str) -> str:
    """Header link: sort by this column, descending first for numbers.

    Kept for the request: a page that draws one table in parts (a sector's ranking, city
    by city) asks the same header links hundreds of times."""
    links = g.setdefault("sort_links", {})
    key = (table.name, table.sort, column)
    if key not in links:
        links[key] = _sort_link(table, column)
    return cast(str, links[key])


def _sort_link(table: Table, column: str) -> str:
    """A new order starts at its first row: a page's `offset` is left out."""
    if table.sort == column:
        spec = f"-{column}"
    elif table.sort == f"-{column}":
        spec = column
    else:
        spec = f"-{column}" if table.numeric(column) else column
    return url_with(table=table.name, sort=spec, format=None, offset=None) + \
        f"#table-{table.name}"


# Stands for a link's value while its address is built once: werkzeug quotes neither
# letters nor digits, so it comes out as it went in, in the path or the query.
VALUE_MARK = "LinkValue0x7e3b"
# What werkzeug leaves unquoted in a path segment and in a query value (routing.converters
# BaseConverter.to_url, urls._urlencode): the same quoting, so the same addresses.
PATH_SAFE, QUERY_SAFE = "!$&'()*+,/:;=@", "!$'()*,/:;?@"


def link_url(link: Link, record: Record) -> str:
    """`url_for(link.endpoint, **link.url_args(record))`, built once per link and request
    and filled in per row: a ranking of 1,000 rows has 4,000 links, and werkzeug takes
    13–28 µs to build each."""
    args = link.url_args(record)
    value = args[link.arg]
    shapes = g.setdefault("link_shapes", {})
    key = (link.endpoint, link.arg, tuple((k, v) for k, v in args.items() if k != link.arg))
    if key not in shapes:
        shapes[key] = url_for(link.endpoint, **{**args, link.arg: VALUE_MARK}).split(
            VALUE_MARK)
    head, *rest = shapes[key]
    if len(rest) != 1:  # the mark is not where a value goes (a converter changed it)
        return url_for(link.endpoint, **args)
    in_query = "?" in head
    text = quote_plus(str(value), safe=QUERY_SAFE) if in_query else \
        quote(str(value), safe=PATH_SAFE)
    return head + text + rest[0]


def ordered_groups(records: Iterable[Mapping[str, Any]],
                   key: str) -> list[tuple[Any, list[Any]]]:
    """Group records by `key` in order of first appearance (Jinja's groupby sorts)."""
    groups: dict[Any, list[Any]] = {}
    for record in records:
        groups.setdefault(record[key], []).append(record)
    return list(groups.items())


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(url_with=url_with, sort_link=sort_link, link_url=link_url)
    app.jinja_env.filters.update(label=column_label, show=_show, options=_options,
                                 ordered_groups=ordered_groups)


def _show(value: Any, column: str) -> str:
    return value_label(column, value)


def _options(values: Mapping[str, str] | Iterable[str]) -> list[tuple[str, str]]:
    """Select options as (value, text): a mapping's items, or each value as its own text."""
    if isinstance(values, Mapping):
        return list(values.items())
    return [(v, v) for v in values]


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, int | float):
        return (0, value)
    return (1, cell(value))


def safe_filename(text: str) -> str:
    """A file name piece: no path separators or characters file systems refuse."""
    return "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in text)[:80]
