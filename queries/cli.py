"""`python -m queries`: list the named queries, run one, or run read-only Cypher.

A thin layer over queries.catalog and the graph store: argument parsing, output format,
and turning errors into `Error: …` with exit status 1.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
from collections.abc import Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from graph.errors import GraphError
from graph.settings import BACKENDS, Settings
from graph.store import Store, open_store
from queries.ask import question_box, store_records
from queries.catalog import NamedQuery, get_query, load_catalog
from queries.errors import ParameterError, QueriesError
from queries.numbers import INT64, whole_number
from queries.output import FORMATS, render

EPILOG = """examples:
  python -m queries list
  python -m queries run top_agencies --param sector=5G --param city=常州
  python -m queries run agency_tasks --param agency=市工信局 --param city=常州 --format json
  python -m queries cypher "MATCH (a:Agency) RETURN a.name, a.city LIMIT 5" --format csv
  python -m queries ask "哪个部门承担的5G任务最多？"
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
    ask = commands.add_parser("ask", help="ask in Chinese: the named query that answers it",
                              epilog="example: python -m queries ask 开封哪个单位牵头的任务最多")
    ask.add_argument("question", help="a question in Chinese")
    ask.add_argument("--format", choices=FORMATS, default="table")
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
        params = parse_params(getattr(args, "param", []))
        with closing(open_store(settings)) as store:
            if args.command == "ask":
                columns, rows = answer_question(catalog, store, args.question)
            elif args.command == "run":
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


def answer_question(catalog: Mapping[str, NamedQuery], store: Store,
                    question: str) -> tuple[list[str], list[list[Any]]]:
    """Say on stderr how the question was read; the rows of the query that answers it."""
    reading = question_box(catalog, store_records(catalog, store)).read(question)
    found = "、".join(f"{u['label']}={u['shown']}" for u in reading.understood())
    print(f"understood: {found or '—'}", file=sys.stderr)
    if not reading.answered:
        offers = [f"  {_command(s.query, s.params)}" for s in reading.suggestions]
        raise QueriesError("\n".join([f"not answered: {reading.reason}", *offers]))
    print(f"answered by: {_command(reading.query, reading.params)}", file=sys.stderr)
    return catalog[reading.query].run(store, reading.params)


def _command(name: str, params: Mapping[str, Any]) -> str:
    """The `run` command line that asks the same (quoted for a POSIX shell)."""
    return " ".join(["python -m queries run", name,
                     *(f"--param {shlex.quote(f'{k}={v}')}" for k, v in params.items())])


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
        lines = [f"{q.name}: {q.title} / {q.title_zh}".removesuffix(" / "),
                 f"  {q.question}", *([f"  {q.question_zh}"] if q.question_zh else [])]
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
