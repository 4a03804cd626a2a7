"""The catalog of named queries: one `catalog/<name>.cypher` file each, header included.

A header is a block of `//` lines at the top of the file:

    // title: Agencies with the most tasks
    // 标题: 承担任务最多的单位
    // question: Which bureau carries the most 5G obligations in 常州?
    // 问题: 常州哪个部门承担的5G任务最多?
    // param city (city, default null): full or short name (常州市, 常州); null for all
    // 参数 city (城市): 单位所在城市,全称或简称均可;不填为全部城市
    // param role (lead|any, default 'any'): count leads only, or every assignment
    // 参数 role (角色): 只数牵头的任务,或全部任务
    // columns: name, city, tasks
    // example: city=常州
    // 说明: 一行中文说明,显示在查询页上。

The English lines serve the command line and the API; the Chinese ones (标题, 问题, 参数 with
the parameter's label, 说明) the query pages and the question box. Other `//` lines are notes
for readers. Loading fails when the declared parameters and the
`$names` in the text differ, so a query can never silently ignore or lack a parameter.
`<name>.<backend>.cypher` beside a query replaces its text on that backend only.

A query may be run in two steps: `// fill last from network_page_end: MEANING` declares a
parameter `$last` that no caller gives, a bound on the rows a page can come from. Before the
query runs, the catalog query `network_page_end` runs with the same values (those of its
parameters, which must be among this query's) and `$last` takes the first column of its
last row (null, no bound, when it has none). When the bounded answer comes back with fewer
than `limit` rows, the bound was too tight and the query runs again with `$last` null: the
answer is always the one-step answer.
Why: LadybugDB narrows a scan by a parameter, but compares a value a `WITH` bound only
after a later MATCH has read its whole table, so a bound found first and passed in as a
parameter cuts a scan one text could not (network_edges: all 816,538 edges ordered to
find the first 5,000). The steps are separate reads: a write between them (the viewer
serialises its own) could leave the bound stale.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import QueryError
from graph.readonly import placeholders
from graph.settings import BACKENDS
from graph.store import Store
from queries.errors import CatalogError, ParameterError, UnknownQuery
from queries.labels import load_labels, stored_value
from queries.numbers import COUNT, whole_number
from queries.values import agency_value, choice_value, city_id, kind_value, sector_value

__all__ = ["CATALOG_DIR", "Fill", "NamedQuery", "Param", "city_id", "get_query",
           "load_catalog", "parse_query"]

CATALOG_DIR = Path(__file__).with_name("catalog")
# city: 常州 or 常州市, passed on as 常州市; sector: name or keyword in any case (5g → 5G);
# kind: stored or its word (政府部门 → department); agency: id, or a name naming one agency;
# words: a list of words, typed as `有关部门、相关单位` (、 , ， or spaces between them);
# cities: several cities as a list or one text (常州、深圳), each as city; none given is []
TYPES = ("string", "int", "bool", "city", "sector", "kind", "agency", "words", "cities", "date")
# `有关部门、相关单位`, `常州、深圳`: what separates the items of a words or cities parameter
WORD_SEPARATORS = re.compile(r"[、,，;；\s]+")

# `param city (string, default null): the agency's city` or `param q (string, required): …`
PARAM_LINE = re.compile(
    r"param\s+(?P<name>\w+)\s+\((?P<type>[\w|]+),\s*"
    r"(?:(?P<required>required)|default\s+(?P<default>[^)]+?))\)\s*:\s*(?P<meaning>.+)")
# `fill last from network_page_end: the page's last task id`
FILL_LINE = re.compile(r"fill\s+(?P<name>\w+)\s+from\s+(?P<query>\w+)\s*:\s*(?P<meaning>.+)")
# `title: Agencies with the most tasks` (also question, columns, example)
FIELD_LINE = re.compile(r"(?P<key>title|question|columns|example)\s*:\s*(?P<value>.+)")
# `标题: 承担任务最多的单位` (also 问题, 说明)
ZH_FIELD_LINE = re.compile(r"(?P<key>标题|问题|说明)\s*[:：]\s*(?P<value>.+)")
ZH_FIELDS = {"标题": "title_zh", "问题": "question_zh", "说明": "notes_zh"}
# `参数 city (城市): 单位所在城市,全称或简称均可`
ZH_PARAM_LINE = re.compile(
    r"参数\s+(?P<name>\w+)\s*[(（](?P<label>[^)）]+)[)）]\s*[:：]\s*(?P<hint>.+)")
# `'any'`, `"any"`: a quoted default
QUOTED = re.compile(r"""'(.*)'|"(.*)\"""")
TRUE, FALSE = ("true", "yes", "1"), ("false", "no", "0")


@dataclass(frozen=True)
class Param:
    """One declared parameter: `type` is string, int, bool, city, or choices like `lead|any`."""

    name: str
    type: str
    default: Any
    required: bool
    meaning: str
    label: str = ""  # Chinese name on forms (城市), from the `参数` line
    hint: str = ""  # Chinese meaning on forms

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self.type.split("|")) if "|" in self.type else ()

    def convert(self, value: Any) -> Any:
        """A value from Python, a form or the command line, as the query expects it;
        choices, kinds and booleans also by their Chinese words (牵头, 政府部门, 是)."""
        if value is None or value == "" or value == []:
            if self.required:
                raise ParameterError(f"parameter {self.name!r} is required ({self.meaning}); "
                                     f"请填写{self.label or self.name}")
            # An empty list, not null: LadybugDB cannot type `x IN $cities` with null.
            return [] if self.type == "cities" else self.default
        if self.choices:
            return choice_value(self.name, str(value), self.choices)
        return _CONVERTERS[self.type](self.name, value)


@dataclass(frozen=True)
class Fill:
    """A bound no caller gives: the first column of the last row of query `query`, run
    first with the same values (`step`: that query, linked by load_catalog)."""

    name: str
    query: str
    meaning: str
    step: NamedQuery | None = None

    def value(self, store: Store, params: Mapping[str, Any]) -> Any:
        """Run the step on `params` (bound and resolved): its last row's first column, or
        None when it has no rows."""
        if self.step is None:
            raise CatalogError(f"${self.name} is filled by {self.query}, which is not linked: "
                               "load the query with load_catalog")
        try:
            _, rows = store.run_readonly(self.step.text_for(store.backend, store.tuned_texts),
                                         {p.name: params[p.name] for p in self.step.params})
        except QueryError as exc:
            raise type(exc)(f"{self.step.name}: {exc}") from exc
        return rows[-1][0] if rows else None


@dataclass(frozen=True)
class NamedQuery:
    """A catalog entry: Datasette-style canned query with its documentation."""

    name: str
    title: str
    question: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str
    example: Mapping[str, str] = field(default_factory=dict)
    notes: str = ""
    overrides: Mapping[str, str] = field(default_factory=dict)
    title_zh: str = ""
    question_zh: str = ""
    notes_zh: str = ""
    fills: tuple[Fill, ...] = ()  # parameters found by a query run first (see the module)

    def text_for(self, backend: str, tuned: bool = True) -> str:
        """The backend's shaped text when there is one and `tuned`, else the portable one."""
        return self.overrides.get(backend, self.text) if tuned else self.text

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Every declared parameter, converted, with defaults for those not given."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParameterError(f"{self.name} has no parameter {', '.join(unknown)}; "
                                 f"it takes {', '.join(known) or 'none'}")
        return {name: p.convert(values.get(name)) for name, p in known.items()}

    def resolve(self, store: Store, params: dict[str, Any]) -> dict[str, Any]:
        """Bound parameters with names read against the graph: a city's id, a sector's name
        (5g → 5G), an agency's id (常州市工信局 → ag-…); ParameterError for names that name
        nothing, listing what would be accepted."""
        readers: dict[str, Callable[[str, Any], Any]] = {
            "city": lambda name, v: city_id(store, str(v)),
            "sector": lambda name, v: sector_value(store, name, str(v)),
            "agency": lambda name, v: agency_value(store, name, str(v)),
            "cities": lambda name, v: list(dict.fromkeys(city_id(store, c) for c in v))}
        out = dict(params)
        for p in self.params:
            if p.type in readers and out[p.name] is not None:
                out[p.name] = readers[p.type](p.name, out[p.name])
        return out

    @property
    def shown_title(self) -> str:
        return self.title_zh or self.title

    @property
    def shown_question(self) -> str:
        return self.question_zh or self.question

    def run(self, store: Store, values: Mapping[str, Any]) -> tuple[list[str], list[list[Any]]]:
        """Bind, resolve names (cities, sectors, agencies), and run read-only; (columns, rows).

        A page past the end is asked as `SKIP 0 LIMIT offset+limit` and cut here:
        LadybugDB 0.22 crashes the process on `ORDER BY … SKIP n` with n well past the rows.
        """
        params = self.resolve(store, self.bind(values))
        skip = params.get("offset") or 0
        if skip and params.get("limit") is not None:
            params = {**params, "offset": 0, "limit": skip + params["limit"]}
        bounds = {fill.name: fill.value(store, params) for fill in self.fills}
        columns, rows = self._ask(store, {**params, **bounds})
        if any(v is not None for v in bounds.values()) and len(rows) < params["limit"]:
            columns, rows = self._ask(store, {**params, **dict.fromkeys(bounds)})
        return columns, rows[skip:]

    def _ask(self, store: Store, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
        try:
            return store.run_readonly(self.text_for(store.backend, store.tuned_texts), params)
        except QueryError as exc:
            raise type(exc)(f"{self.name}: {exc}") from exc  # keep QueryTimeout etc.


def load_catalog(directory: Path = CATALOG_DIR) -> dict[str, NamedQuery]:
    """Every query of `directory` by name; CatalogError on the first malformed file."""
    bases = sorted(p for p in directory.glob("*.cypher") if "." not in p.stem)
    catalog = {p.stem: parse_query(p.stem, p.read_text(encoding="utf-8"), _overrides(p))
               for p in bases}
    for path in directory.glob("*.*.cypher"):
        base, _, backend = path.stem.partition(".")
        if base not in catalog or backend not in BACKENDS:
            raise CatalogError(f"{path.name}: an override must be named <query>.<backend>.cypher "
                               f"after an existing query, backend one of {', '.join(BACKENDS)}")
    return {name: _linked(query, catalog) for name, query in catalog.items()}


def _linked(query: NamedQuery, catalog: Mapping[str, NamedQuery]) -> NamedQuery:
    """The query with each fill's step query attached, checked: it exists, fills nothing
    itself, and takes only parameters this query has, of the same types."""
    if not query.fills:
        return query
    own = {p.name: p.type for p in query.params}
    if own.get("limit") != "int":
        raise CatalogError(f"{query.name}.cypher: a filled bound needs an int parameter limit, "
                           "the page it bounds")
    fills = []
    for fill in query.fills:
        step = catalog.get(fill.query)
        if step is None or step.fills:
            raise CatalogError(f"{query.name}.cypher: ${fill.name} is filled from "
                               f"{fill.query!r}, which is not a catalog query without fills")
        alien = sorted(p.name for p in step.params if own.get(p.name) != p.type)
        if alien:
            raise CatalogError(f"{query.name}.cypher: {fill.query} takes {', '.join(alien)}, "
                               f"which {query.name} does not take with the same type")
        fills.append(replace(fill, step=step))
    return replace(query, fills=tuple(fills))


def get_query(catalog: Mapping[str, NamedQuery], name: str) -> NamedQuery:
    if name not in catalog:
        raise UnknownQuery(f"no query named {name!r}; try one of: {', '.join(sorted(catalog))}")
    return catalog[name]


def parse_query(name: str, text: str, overrides: Mapping[str, str] | None = None) -> NamedQuery:
    """Parse one file's header and check its parameters against the text(s)."""
    fields_, params, notes, fills = _parse_header(name, text)
    missing = [k for k in ("title", "question", "columns") if k not in fields_]
    if missing:
        raise CatalogError(f"{name}.cypher: header lacks {', '.join(missing)}")
    query = NamedQuery(
        name=name, title=fields_["title"], question=fields_["question"], params=tuple(params),
        columns=tuple(c.strip() for c in fields_["columns"].split(",")), text=text,
        example=_example(name, fields_.get("example", "")), notes=" ".join(notes),
        overrides=dict(overrides or {}), title_zh=fields_.get("title_zh", ""),
        question_zh=fields_.get("question_zh", ""), notes_zh=fields_.get("notes_zh", ""),
        fills=tuple(fills))
    for label, body in [(f"{name}.cypher", text)] + [
            (f"{name}.{b}.cypher", t) for b, t in query.overrides.items()]:
        _check_placeholders(label, query, body)
    twice = sorted({f.name for f in fills} & {p.name for p in params})
    if twice:
        raise CatalogError(f"{name}.cypher: {', '.join(twice)} is both a parameter and filled")
    unknown = sorted(set(query.example) - {p.name for p in params})
    if unknown:
        raise CatalogError(f"{name}.cypher: example names undeclared {', '.join(unknown)}")
    return query


def _parse_header(name: str, text: str
                  ) -> tuple[dict[str, str], list[Param], list[str], list[Fill]]:
    fields_: dict[str, str] = {}
    params: list[Param] = []
    notes: list[str] = []
    fills: list[Fill] = []
    chinese: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        if m := PARAM_LINE.fullmatch(body):
            params.append(_param(name, m))
        elif body.startswith("param"):
            raise CatalogError(f"{name}.cypher: cannot read {line!r}; write "
                               "`// param NAME (TYPE, default VALUE|required): MEANING`")
        elif m := FILL_LINE.fullmatch(body):
            fills.append(Fill(m["name"], m["query"], m["meaning"].strip()))
        elif m := ZH_PARAM_LINE.fullmatch(body):
            chinese[m["name"]] = (m["label"].strip(), m["hint"].strip())
        elif body.startswith("参数"):
            raise CatalogError(f"{name}.cypher: cannot read {line!r}; write "
                               "`// 参数 NAME (中文名): 中文说明`")
        elif m := FIELD_LINE.fullmatch(body):
            fields_[m["key"]] = m["value"].strip()
        elif m := ZH_FIELD_LINE.fullmatch(body):
            key = ZH_FIELDS[m["key"]]
            fields_[key] = " ".join(filter(None, (fields_.get(key), m["value"].strip())))
        elif body:
            notes.append(body)
    return fields_, _with_chinese(name, params, chinese), notes, fills


def _with_chinese(name: str, params: list[Param],
                  chinese: Mapping[str, tuple[str, str]]) -> list[Param]:
    """Each parameter with the label and meaning of its `参数` line."""
    unknown = sorted(set(chinese) - {p.name for p in params})
    if unknown:
        raise CatalogError(f"{name}.cypher: 参数 line for undeclared {', '.join(unknown)}")
    return [replace(p, label=chinese[p.name][0], hint=chinese[p.name][1])
            if p.name in chinese else p for p in params]


def _param(name: str, m: re.Match[str]) -> Param:
    kind = m["type"]
    if kind not in TYPES and "|" not in kind:
        raise CatalogError(f"{name}.cypher: parameter {m['name']} has unknown type {kind!r}; "
                           f"use {', '.join(TYPES)} or choices like lead|any")
    default = None if m["required"] else _literal(name, m["default"].strip())
    return Param(m["name"], kind, default, bool(m["required"]), m["meaning"].strip())


def _literal(name: str, text: str) -> Any:
    if quoted := QUOTED.fullmatch(text):
        return quoted[1] if quoted[1] is not None else quoted[2]
    if text in ("null", "true", "false"):
        return {"null": None, "true": True, "false": False}[text]
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise CatalogError(f"{name}.cypher: cannot read default {text!r}; "
                       "use null, true, false, a number or a 'quoted string'")


def _example(name: str, text: str) -> dict[str, str]:
    pairs = [p.strip() for p in text.split(",") if p.strip()]
    if any("=" not in p for p in pairs):
        raise CatalogError(f"{name}.cypher: write the example as `key=value, key=value`")
    return dict(p.split("=", 1) for p in pairs)


def _check_placeholders(label: str, query: NamedQuery, body: str) -> None:
    declared = {p.name for p in query.params} | {f.name for f in query.fills}
    try:
        used = placeholders(body)
    except QueryError as exc:
        raise CatalogError(f"{label}: {exc}") from exc
    if used != declared:
        problems = [f"${n} is used but not declared" for n in sorted(used - declared)]
        problems += [f"{n} is declared but ${n} is not in the text"
                     for n in sorted(declared - used)]
        raise CatalogError(f"{label}: parameters do not match the header: {'; '.join(problems)}")


def _overrides(base: Path) -> dict[str, str]:
    out = {}
    for backend in BACKENDS:
        path = base.with_name(f"{base.stem}.{backend}.cypher")
        if path.is_file():
            out[backend] = path.read_text(encoding="utf-8")
    return out


def _to_int(name: str, value: Any) -> int:
    """A count within `COUNT`, however it came (page form, API, CLI, Python caller)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ParameterError(f"{name} must be a whole number, got {value!r}")
    return whole_number(name, str(value), *COUNT)


def _to_bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).lower() in TRUE + FALSE:
        return str(value).lower() in TRUE
    word = stored_value(str(value), load_labels().booleans)  # 是 / 否
    if word is not None:
        return word == "true"
    raise ParameterError(f"{name} must be true or false (是/否), got {value!r}")


def _as_text(name: str, value: Any) -> str:
    return str(value)


def _to_words(name: str, value: Any) -> list[str]:
    """A list of words from a list or a text like `有关部门、相关单位`; never empty, since an
    engine cannot type an empty list parameter (LadybugDB fails to bind it)."""
    items = value if isinstance(value, list | tuple) else WORD_SEPARATORS.split(str(value))
    words = list(dict.fromkeys(str(w).strip() for w in items if str(w).strip()))
    if not words:
        raise ParameterError(f"{name} needs at least one word, such as 有关部门、相关单位; "
                             f"请至少填写一个词")
    return words


def _to_cities(name: str, value: Any) -> list[str]:
    """Several cities: a list, or one text with the names separated by 、 , ； or spaces."""
    items = value if isinstance(value, list | tuple) else WORD_SEPARATORS.split(str(value))
    found = [str(v).strip() for v in items if str(v).strip()]
    if not found:
        raise ParameterError(f"{name}: 请写城市名,用顿号分开,如 常州、深圳 (no city given)")
    return found


def _to_date(name: str, value: Any) -> str:
    """An ISO date (2025-12-31): deadlines are stored so, and compare as text only then."""
    text = str(value).strip()
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(name, text)
    except ValueError:
        return _bad_date(name, text)


def _bad_date(name: str, text: str) -> str:
    raise ParameterError(f"{name} 应为日期,如 2025-12-31 (an ISO date), got {text!r}")


_CONVERTERS = {"string": _as_text, "date": _to_date, "city": _as_text, "sector": _as_text,
               "agency": _as_text,
               "cities": _to_cities,
               "kind": lambda name, value: kind_value(name, str(value)),
               "int": _to_int, "bool": _to_bool, "words": _to_words}
