"""The viewer: one page to find who carries which obligations, see the network, send lists.

`create_app` follows Flask's application-factory pattern. The graph store is opened once
per app (or handed in by tests) and reached through `webui.db`; every page reads it only
through named queries, so the app works unchanged on the embedded and the Neo4j backend.
An app that opens an embedded store holds it for writing, as its one writer: uploads,
removals and corrections go through it (`webui.db.write`), while console queries and the
command line's reads open the graph read-only beside it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response

from graph.settings import Settings
from graph.store import Store, open_store
from webui import (
    auth,
    corrections,
    db,
    errors,
    per_plan,
    search_index,
    supervision,
    tables,
    upload,
)
from webui.drawing import NODE_LIMIT

# Web settings with their defaults; `test_config` or the CLI may override them.
DEFAULTS: dict[str, Any] = {
    # Nodes drawn unless the request asks for another number: about 300, enough for the
    # whole sample graph (301 agencies and tasks with an assignment).
    "NETWORK_MAX_NODES": 320,
    "NETWORK_NODE_LIMIT": NODE_LIMIT,  # the most a request may ask for
    "CONSOLE_MAX_ROWS": 1000,  # console rows shown as HTML (downloads have them all)
    # Named-query answers kept on a read-only embedded store (webui.answers); 0 keeps none.
    "ANSWER_CACHE_SIZE": 512,
}

# No script, style or font from anywhere but this server; no inline script at all, so an
# escaping mistake cannot run document text even if one slipped through.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def create_app(settings: Settings | None = None, store: Store | None = None,
               test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app on `store`, or on a store opened read-only from `settings`/environment."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(auth.DEFAULTS)  # sessions, CSRF, sign-in throttle
    if test_config:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    owned = store is None
    if store is None:
        settings = settings or Settings.from_env(os.environ)
        store = open_store(settings)
    db.init_app(app, store, owned=owned)
    search_index.init_app(app, app.extensions[db.STORE_KEY], settings if owned else None)
    errors.init_app(app)
    auth.init_app(app, settings)  # accounts beside the graph (or ACCOUNTS_PATH), CSRF
    corrections.init_app(app, settings)  # the book beside the graph (or CORRECTIONS_PATH)
    tables.init_app(app)
    _register_blueprints(app)
    upload.init_app(app, settings)  # uploads beside the graph (or UPLOAD_FOLDER)
    supervision.init_app(app, settings)  # 督办: progress.sqlite3 beside the graph, /duban/
    per_plan.init_app(app)  # what every plan's answers keep, set aside from the collector
    app.after_request(_secure)
    return app


def _register_blueprints(app: Flask) -> None:
    from webui import (
        agencies,
        api,
        ask,
        checks,
        compare,
        evidence,
        home,
        network,
        plans,
        query,
        sectors,
        tasks,
    )

    for module in (home, agencies, tasks, plans, sectors, network, compare, query, ask, api,
                   checks, evidence):
        app.register_blueprint(module.bp)


def _secure(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
