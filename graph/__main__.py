"""Command line of the storage layer: export the graph, count what is in it, copy it.

    python -m graph export --format graphml --out var/graph.graphml
    python -m graph export --format json --out var/changzhou.json --city 常州
    python -m graph stats
    NEO4J_PASSWORD=… python -m graph copy --to neo4j           # var/graph.lbdb -> Neo4j
    GRAPH_BACKEND=neo4j python -m graph copy --to embedded --target-db var/copy.lbdb
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from contextlib import closing
from pathlib import Path

from graph import export
from graph.copy import copy_graph
from graph.errors import GraphError, SettingsError
from graph.settings import BACKENDS, Settings
from graph.store import open_store


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m graph", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=BACKENDS, help="overrides GRAPH_BACKEND")
    parser.add_argument("--db", type=Path, help="embedded database file; overrides GRAPH_PATH")
    commands = parser.add_subparsers(dest="command", required=True)
    out = commands.add_parser("export", help="write the graph as GraphML or node-link JSON",
                              epilog="example: python -m graph export --format graphml "
                                     "--out var/graph.graphml")
    out.add_argument("--format", choices=export.FORMATS, default="graphml")
    out.add_argument("--out", type=Path, required=True, help="file to write")
    out.add_argument("--city", help="only plans of this city (常州市 or 常州)")
    out.add_argument("--doc", help="only this plan (document id or file name)")
    commands.add_parser("stats", help="count nodes and relationships",
                        epilog="example: python -m graph stats")
    copy_cmd = commands.add_parser(
        "copy", help="copy the graph into the other backend, without reading the plans again",
        description="Copy every node and relationship of the graph (the source: --backend, "
                    "--db, GRAPH_* and NEO4J_* as for the other commands) into an empty "
                    "target: a Neo4j server from NEO4J_*, or an embedded file.",
        epilog="example: NEO4J_PASSWORD=secret python -m graph copy --to neo4j")
    copy_cmd.add_argument("--to", choices=BACKENDS, required=True, help="the target's backend")
    copy_cmd.add_argument("--target-db", type=Path,
                          help="embedded target file (for --to embedded; default GRAPH_PATH)")
    copy_cmd.add_argument("--batch-size", type=int, help="rows per UNWIND batch (default 2000)")
    return parser


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    env = os.environ if environ is None else environ
    try:
        settings = Settings.from_env(env, backend=args.backend, path=args.db, read_only=True)
        if args.command == "copy":
            run_copy(settings, target_settings(args, env, settings))
            return 0
        with closing(open_store(settings)) as store:
            if args.command == "export":
                graph = export.to_networkx(store, city=args.city, doc=args.doc)
                export.write(graph, args.out, args.format)
                print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
                      f"-> {args.out}")
            else:
                for row in store.run("counts"):
                    print(f"{row['name']:<16} {row['count']:>8}")
    except (GraphError, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


def target_settings(args: argparse.Namespace, environ: Mapping[str, str],
                    source: Settings) -> Settings:
    """The copy's target: `--to` and its flags; a Neo4j target reads NEO4J_* like a source."""
    target = Settings.from_env(environ, backend=args.to, path=args.target_db,
                               batch_size=args.batch_size)
    if same_database(source, target):
        hint = ("give --target-db a new file" if target.backend == "embedded" else
                "copying between two Neo4j servers is not supported; use neo4j-admin "
                "database dump and load")
        raise SettingsError(f"the source and the target are the same {target.backend} "
                            f"database; {hint}")
    return target


def same_database(a: Settings, b: Settings) -> bool:
    if a.backend != b.backend:
        return False
    if a.backend == "embedded":
        return a.path.resolve() == b.path.resolve()
    return (a.neo4j_uri, a.neo4j_database) == (b.neo4j_uri, b.neo4j_database)


def run_copy(source: Settings, target: Settings) -> None:
    """Open both stores (the source read-only) and copy; the target must be empty."""
    with closing(open_store(source)) as reader, closing(open_store(target)) as writer:
        print(copy_graph(reader, writer, batch_size=target.batch_size))


if __name__ == "__main__":
    sys.exit(main())
