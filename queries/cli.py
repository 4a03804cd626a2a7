"""`python -m queries`: list the named queries, run one, or run read-only Cypher.

A thin layer over queries.catalog and the graph store: argument parsing, output format,
and turning errors into `Error: …` with exit status 1.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from graph.errors import GraphError
from graph.settings import BACKENDS, Settings
from graph.store import open_store
from queries.catalog import NamedQuery, get_query, load_catalog
from queries.errors import ParameterError, QueriesError
from queries.numbers import INT64, whole_number
from queries.output import FORMATS, render

EPILOG = """examples:
  python -m queries list
  python -m queries run top_agencies --param sector=5G --param city=常州
  python -m queries run agency_tasks --param agency=市工信局 --param city=常州 --format json
  python -m queries cypher "MATCH (a:Agency) RETURN a.name, a.city LIMIT 5" --format csv
"""
INTEGER = re.compile(r"-?[0-9]+")  # console parameters that look like 20 are passed as numbers


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m queries", epilog=EPILOG,
                                     description="Ask the responsibility graph a question.",
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=BACKENDS, help="overrides GRAPH_BACKEND")
    parser.add_argument("--db", type=Path, help="embedded database file; overrides GRAPH_PATH")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="the named queries, their questions and parameters")
    run = commands.add_parser("run", help="run a named query",
                              epilog="example: python -m queries run top_agencies "
                                     "--param sector=5G --param city=常州")
    run.add_argument("name", help="query name, see `list`")
    cypher = commands.add_parser("cypher", help="run read-only Cypher (writes are refused)",
                                 epilog='example: python -m queries cypher '
                                        '"MATCH (t:Task) RETURN count(t) AS tasks"')
    cypher.add_argument("text", help="one Cypher statement")
    for command in (run, cypher):
        command.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                             help="a parameter; repeat for several (empty value means null)")
        command.add_argument("--format", choices=FORMATS, default="table")
    return parser


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        catalog = load_catalog()
        if args.command == "list":
            print(describe(catalog.values()))
            return 0
        settings = Settings.from_env(os.environ if environ is None else environ,
                                     backend=args.backend, path=args.db, read_only=True)
        params = parse_params(args.param)
        with closing(open_store(settings)) as store:
            if args.command == "run":
                query = get_query(catalog, args.name)
                columns, rows = query.run(store, params)
            else:
                answer = store.run_console(args.text, _numbers(params))
                columns, rows = answer.columns, answer.rows
                if answer.truncated:
                    print(f"note: the first {answer.max_rows} rows only", file=sys.stderr)
        print(render(columns, rows, args.format))
    except (GraphError, QueriesError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ParameterError(f"--param {pair!r}: write it as KEY=VALUE, e.g. city=常州")
        params[key.strip()] = value
    return params


def describe(queries: Sequence[NamedQuery] | Any) -> str:
    """The `list` output: what each query answers and how to call it."""
    blocks = []
    for q in queries:
        lines = [f"{q.name}: {q.title}", f"  {q.question}"]
        lines += [f"  --param {p.name}=…  {p.meaning}"
                  + (" (required)" if p.required else f" (default {_shown(p.default)})")
                  for p in q.params]
        example = " ".join(f"--param {k}={v}" for k, v in q.example.items())
        lines.append(f"  e.g. python -m queries run {q.name} {example}".rstrip())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _shown(value: Any) -> str:
    return "null" if value is None else str(value)


def _numbers(params: Mapping[str, str]) -> dict[str, Any]:
    """Console Cypher has no declared types: digits become numbers (64-bit, as the graph
    stores them), empty becomes null."""
    return {k: whole_number(f"--param {k}", v, *INT64) if INTEGER.fullmatch(v) else (v or None)
            for k, v in params.items()}
