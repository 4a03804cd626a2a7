"""`python -m webui`: serve the viewer (waitress); manage editors and API tokens.

    python -m webui                      # http://127.0.0.1:5000
    python -m webui --host 0.0.0.0 --port 8080
    GRAPH_PATH=var/other.lbdb python -m webui
    python -m webui users add NAME       # an editor; then sign in at /login
    python -m webui tokens add NAME      # an API token for NAME, printed once
    python -m webui progress import FILE…  # 督办: returned task lists (XLSX)

The viewer holds the graph for writing, as its one writer (uploads, corrections). The
bundled sample plans are loaded only into a graph that does not exist yet (embedded), or
a Neo4j database that holds no plan, so a new checkout shows something at once. A graph
that exists is never filled: when it cannot be opened, the viewer stops with the cause;
when it is empty, it serves it empty.

Editors, tokens and the audit log live in webui.sqlite3 beside the graph (--accounts).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from contextlib import closing, suppress
from dataclasses import replace
from pathlib import Path
from typing import Any

from graph.errors import GraphError, QueryError, StoreError
from graph.settings import REPO_ROOT, Settings
from graph.store import Store, open_store
from loaders.pipeline import read_plans
from queries.catalog import get_query, load_catalog
from queries.errors import QueriesError
from webui import DEFAULTS, accounts_cli, create_app, progress_cli
from webui.accounts import AccountError, Accounts
from webui.auth import default_accounts_path
from webui.serving import serve
from webui.warmup import warm_up

SAMPLES = REPO_ROOT / "data" / "samples"
# Engine messages (graph.embedded) that say why an existing graph did not open.
RECOVERY_PENDING = "checkpoint recovery is pending"
LOCKED = "Could not set lock"
LEXICON_LOCAL = "AGENCY_LEXICON_LOCAL"  # the local agency lexicon (as for python -m loaders)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m webui", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=5000, help="port to listen on")
    parser.add_argument("--max-nodes", type=int, help="nodes the network view draws by default")
    parser.add_argument("--samples", type=Path, default=SAMPLES,
                        help="plans to load into a graph that does not exist yet "
                             "(default data/samples)")
    parser.add_argument("--accounts", type=Path,
                        help="account file (editors, tokens, audit log); default "
                             "webui.sqlite3 beside GRAPH_PATH")
    parser.add_argument("--secure-cookies", action="store_true",
                        help="send the session cookie over HTTPS only (behind a TLS proxy)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     help="users or tokens; none: serve the viewer")
    accounts_cli.add_commands(commands)
    progress_cli.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    env = os.environ if environ is None else environ
    try:
        settings = Settings.from_env(env)
        accounts_path = args.accounts or default_accounts_path(settings)
        if args.command == "progress":
            return progress_cli.run(args, settings, Accounts(accounts_path))
        if args.command:
            return accounts_cli.run(args, Accounts(accounts_path))
        check_serve_args(parser, args)
        ensure_plans(settings, args.samples)
        # The viewer holds the graph for writing, as its one writer (webui.db.write).
        config = web_config(args, accounts_path)
        # aliases corrected in the browser go where `python -m loaders` reads them
        config["CORRECTIONS_LEXICON"] = env.get(LEXICON_LOCAL) or None
        app = create_app(settings=settings, test_config=config)
    except (GraphError, QueriesError, AccountError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    warm_up(app)  # what the first requests would read, read while the server starts
    with suppress(KeyboardInterrupt):  # Ctrl-C stops the server; not an error
        serve(app, args.host, args.port)
    return 0


def check_serve_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    most = DEFAULTS["NETWORK_NODE_LIMIT"]
    if not 0 <= args.port <= 65535:
        parser.error(f"--port must be between 0 and 65535, got {args.port}")
    if args.max_nodes is not None and not 1 <= args.max_nodes <= most:
        parser.error(f"--max-nodes must be between 1 and {most}, got {args.max_nodes}")


def web_config(args: argparse.Namespace, accounts_path: Path) -> dict[str, Any]:
    config: dict[str, Any] = {"ACCOUNTS_PATH": accounts_path,
                              "SESSION_COOKIE_SECURE": args.secure_cookies}
    if args.max_nodes:
        config["NETWORK_MAX_NODES"] = args.max_nodes
    return config


def ensure_plans(settings: Settings, samples: Path) -> None:
    """Load `samples` into a graph that does not exist yet (Neo4j: that holds no plan).

    Several processes share one embedded graph (a loader may be writing it, or have been
    stopped mid-write), so "could not open it" never means "it is new": an existing graph
    is only checked, and a failure to open it is an error naming the cause.
    """
    if settings.backend == "embedded":
        if settings.path.exists():
            check_existing(settings)
            return
    elif neo4j_plan_count(settings):
        return
    print(f"No graph yet: loading the sample plans from {samples}")
    report = read_plans([samples], progress=_progress)
    for failure in report.failures:
        print(f"  failed: {failure}")
    with closing(open_store(settings)) as store:
        print(store.load(report.documents))


def check_existing(settings: Settings) -> None:
    """Open the existing embedded graph as the viewer will (for writing); StoreError with
    the cause when it does not open. A graph without tables yet (created, then the writer
    stopped) gets its tables on the way, so it serves as an empty graph; never plans."""
    try:
        open_store(replace(settings, read_only=False)).close()
    except StoreError as exc:
        raise StoreError(cannot_open(settings.path, exc)) from exc


def cannot_open(path: Path, exc: BaseException) -> str:
    """Why the graph at `path` did not open, and what to do; nothing was loaded."""
    text = " | ".join(str(e) for e in _chain(exc))
    if RECOVERY_PENDING in text:
        cause = ("a process that was writing it stopped while saving (checkpoint recovery "
                 "is pending), and the recovery needs write access, which another process "
                 "holds. Stop that process (a loader, or another viewer opened for "
                 "writing) and start again: the recovery then runs by itself")
    elif LOCKED in text:
        cause = ("another process holds it for writing. Wait for that process (a loader) to "
                 "finish, or stop it, then start again")
    else:
        cause = ("the file is damaged or is not a LadybugDB graph. Move it aside (or set "
                 "GRAPH_PATH to another graph) and start again: the sample plans are loaded "
                 "only where no graph exists yet")
    detail = " ".join(str(exc).split())  # the engine's message spans lines
    return f"cannot open the existing graph at {path}: {cause}. Nothing was loaded. ({detail})"


def _chain(exc: BaseException | None) -> list[BaseException]:
    seen: list[BaseException] = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def neo4j_plan_count(settings: Settings) -> int:
    with closing(open_store(replace(settings, read_only=True))) as store:
        try:
            return plan_count(store)
        except QueryError:
            return 0  # a new database: no labels, no schema yet


def plan_count(store: Store) -> int:
    columns, rows = get_query(load_catalog(), "overview").run(store, {})
    return int(dict(zip(columns, rows[0], strict=True))["plans"]) if rows else 0


def _progress(done: int, total: int, path: Path) -> None:
    print(f"  [{done}/{total}] {path.name}")


if __name__ == "__main__":
    sys.exit(main())
