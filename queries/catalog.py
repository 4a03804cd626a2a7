"""The catalog of named queries: one `catalog/<name>.cypher` file each, header included.

A header is a block of `//` lines at the top of the file:

    // title: Agencies with the most tasks
    // question: Which bureau carries the most 5G obligations in 常州?
    // param city (city, default null): full or short name (常州市, 常州); null for all
    // param role (lead|any, default 'any'): count leads only, or every assignment
    // param agency (string, required): agency id or name
    // columns: name, city, tasks
    // example: city=常州

Other `//` lines are notes for readers. Loading fails when the declared parameters and the
`$names` in the text differ, so a query can never silently ignore or lack a parameter.
`<name>.<backend>.cypher` beside a query replaces its text on that backend only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import QueryError
from graph.readonly import placeholders
from graph.settings import BACKENDS
from graph.store import Store
from queries.errors import CatalogError, ParameterError, UnknownQuery
from queries.numbers import COUNT, whole_number

CATALOG_DIR = Path(__file__).with_name("catalog")
TYPES = ("string", "int", "bool", "city")  # city: 常州 or 常州市, passed on as 常州市

# `param city (string, default null): the agency's city` or `param q (string, required): …`
PARAM_LINE = re.compile(
    r"param\s+(?P<name>\w+)\s+\((?P<type>[\w|]+),\s*"
    r"(?:(?P<required>required)|default\s+(?P<default>[^)]+?))\)\s*:\s*(?P<meaning>.+)")
# `title: Agencies with the most tasks` (also question, columns, example)
FIELD_LINE = re.compile(r"(?P<key>title|question|columns|example)\s*:\s*(?P<value>.+)")
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

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self.type.split("|")) if "|" in self.type else ()

    def convert(self, value: Any) -> Any:
        """A value from Python or the command line, as the query expects it."""
        if value is None or value == "":
            if self.required:
                raise ParameterError(f"parameter {self.name!r} is required ({self.meaning})")
            return self.default
        if self.choices:
            if value not in self.choices:
                raise ParameterError(f"{self.name} must be one of {', '.join(self.choices)}, "
                                     f"got {value!r}")
            return value
        return _CONVERTERS[self.type](self.name, value)


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

    def run(self, store: Store, values: Mapping[str, Any]) -> tuple[list[str], list[list[Any]]]:
        """Bind, resolve city names to ids, and run read-only; (columns, rows).

        A page past the end is asked as `SKIP 0 LIMIT offset+limit` and cut here:
        LadybugDB 0.22 crashes the process on `ORDER BY … SKIP n` with n well past the rows.
        """
        params = self.bind(values)
        for p in self.params:
            if p.type == "city" and params[p.name] is not None:
                params[p.name] = city_id(store, params[p.name])
        skip = params.get("offset") or 0
        if skip and params.get("limit") is not None:
            params = {**params, "offset": 0, "limit": skip + params["limit"]}
        try:
            columns, rows = store.run_readonly(
                self.text_for(store.backend, store.tuned_texts), params)
        except QueryError as exc:
            raise type(exc)(f"{self.name}: {exc}") from exc  # keep QueryTimeout etc.
        return columns, rows[skip:]


def city_id(store: Store, name: str) -> str:
    """The stored id of a city given by full or short name; queries then compare ids only.

    Resolving here keeps a City look-up (an OPTIONAL MATCH and a collect, two extra
    pipelines) out of every query that filters by city.
    """
    found = [row["id"] for row in store.run("city_id", {"name": name})]
    if name in found or len(found) == 1:
        return name if name in found else found[0]
    if found:
        raise ParameterError(f"city {name!r} is ambiguous: {', '.join(found)}; give the full name")
    known = ", ".join(row["id"] for row in store.run("cities")) or "none yet"
    raise ParameterError(f"no city {name!r} in the graph; cities: {known}")


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
    return catalog


def get_query(catalog: Mapping[str, NamedQuery], name: str) -> NamedQuery:
    if name not in catalog:
        raise UnknownQuery(f"no query named {name!r}; try one of: {', '.join(sorted(catalog))}")
    return catalog[name]


def parse_query(name: str, text: str, overrides: Mapping[str, str] | None = None) -> NamedQuery:
    """Parse one file's header and check its parameters against the text(s)."""
    fields_, params, notes = _parse_header(name, text)
    missing = [k for k in ("title", "question", "columns") if k not in fields_]
    if missing:
        raise CatalogError(f"{name}.cypher: header lacks {', '.join(missing)}")
    query = NamedQuery(
        name=name, title=fields_["title"], question=fields_["question"], params=tuple(params),
        columns=tuple(c.strip() for c in fields_["columns"].split(",")), text=text,
        example=_example(name, fields_.get("example", "")), notes=" ".join(notes),
        overrides=dict(overrides or {}))
    for label, body in [(f"{name}.cypher", text)] + [
            (f"{name}.{b}.cypher", t) for b, t in query.overrides.items()]:
        _check_placeholders(label, query, body)
    unknown = sorted(set(query.example) - {p.name for p in params})
    if unknown:
        raise CatalogError(f"{name}.cypher: example names undeclared {', '.join(unknown)}")
    return query


def _parse_header(name: str, text: str) -> tuple[dict[str, str], list[Param], list[str]]:
    fields_: dict[str, str] = {}
    params: list[Param] = []
    notes: list[str] = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        if m := PARAM_LINE.fullmatch(body):
            params.append(_param(name, m))
        elif body.startswith("param"):
            raise CatalogError(f"{name}.cypher: cannot read {line!r}; write "
                               "`// param NAME (TYPE, default VALUE|required): MEANING`")
        elif m := FIELD_LINE.fullmatch(body):
            fields_[m["key"]] = m["value"].strip()
        elif body:
            notes.append(body)
    return fields_, params, notes


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
    declared = {p.name for p in query.params}
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
    raise ParameterError(f"{name} must be true or false, got {value!r}")


_CONVERTERS = {"string": lambda name, value: str(value), "city": lambda name, value: str(value),
               "int": _to_int, "bool": _to_bool}
