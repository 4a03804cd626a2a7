"""`python -m webui`: serve the viewer; on first start, load the sample plans.

    python -m webui                      # http://127.0.0.1:5000
    python -m webui --host 0.0.0.0 --port 8080
    GRAPH_PATH=var/other.lbdb python -m webui

The store is opened read-only for serving. When it holds no plan yet (or does not exist),
it is opened once for writing first and the bundled samples are loaded through the
loaders, so a new checkout shows something at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from graph.errors import GraphError, QueryError, StoreError
from graph.settings import REPO_ROOT, Settings
from graph.store import Store, open_store
from loaders.pipeline import read_plans
from queries.catalog import get_query, load_catalog
from queries.errors import QueriesError
from webui import DEFAULTS, create_app
from webui.serving import NeutralHandler

SAMPLES = REPO_ROOT / "data" / "samples"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m webui", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=5000, help="port to listen on")
    parser.add_argument("--max-nodes", type=int, help="nodes the network view draws by default")
    parser.add_argument("--samples", type=Path, default=SAMPLES,
                        help="plans to load when the graph is empty (default data/samples)")
    return parser


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    most = DEFAULTS["NETWORK_NODE_LIMIT"]
    if not 0 <= args.port <= 65535:
        parser.error(f"--port must be between 0 and 65535, got {args.port}")
    if args.max_nodes is not None and not 1 <= args.max_nodes <= most:
        parser.error(f"--max-nodes must be between 1 and {most}, got {args.max_nodes}")
    try:
        settings = Settings.from_env(os.environ if environ is None else environ)
        ensure_plans(settings, args.samples)
        config = {"NETWORK_MAX_NODES": args.max_nodes} if args.max_nodes else None
        app = create_app(settings=replace(settings, read_only=True), test_config=config)
    except (GraphError, QueriesError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    app.run(host=args.host, port=args.port, threaded=True, request_handler=NeutralHandler)
    return 0


def ensure_plans(settings: Settings, samples: Path) -> None:
    """Load `samples` into a graph that does not exist yet or holds no plan; leave a loaded
    graph alone. A graph that exists but cannot be opened is an error, never a reason to
    load the samples on top of whatever it holds."""
    if not (settings.backend == "embedded" and not Path(settings.path).exists()):
        try:
            with closing(open_store(replace(settings, read_only=True))) as store:
                if plan_count(store):
                    return
        except QueryError:
            pass  # opened, but no tables yet: the writable open below creates them
        except StoreError as exc:
            raise StoreError(f"{exc}; nothing was loaded. Stop the process that holds the "
                             "graph, or point GRAPH_PATH at another one") from exc
    print(f"The graph is empty: loading the sample plans from {samples}")
    report = read_plans([samples], progress=_progress)
    for failure in report.failures:
        print(f"  failed: {failure}")
    with closing(open_store(settings)) as store:
        print(store.load(report.documents))


def plan_count(store: Store) -> int:
    columns, rows = get_query(load_catalog(), "overview").run(store, {})
    return int(dict(zip(columns, rows[0], strict=True))["plans"]) if rows else 0


def _progress(done: int, total: int, path: Path) -> None:
    print(f"  [{done}/{total}] {path.name}")


if __name__ == "__main__":
    sys.exit(main())
