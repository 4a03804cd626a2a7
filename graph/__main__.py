"""Command line of the storage layer: export the graph, count what is in it.

    python -m graph export --format graphml --out var/graph.graphml
    python -m graph export --format json --out var/changzhou.json --city 常州
    python -m graph stats
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from contextlib import closing
from pathlib import Path

from graph import export
from graph.errors import GraphError
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
    return parser


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env(os.environ if environ is None else environ,
                                     backend=args.backend, path=args.db, read_only=True)
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


if __name__ == "__main__":
    sys.exit(main())
