"""Serve the app with waitress, and name the server without a version banner.

waitress is a production WSGI server in pure Python (no C extension, also on the Windows
PCs many offices use), unlike Flask's development server. Both would otherwise announce
themselves (`Server: waitress`, `Server: Werkzeug/<version> Python/<version>`), which
tells a scanner which known flaws to try: the header names the product only.

`NeutralHandler` is kept for the in-process werkzeug servers the tests and the
benchmark start in a thread; `python -m webui` serves with `serve`.
"""

from __future__ import annotations

import logging

import waitress
from flask import Flask
from werkzeug.serving import WSGIRequestHandler

SERVER_NAME = "responsibility-graph"  # no version, no platform
THREADS = 8  # requests served at once; the graph store serialises its own calls


def serve(app: Flask, host: str, port: int) -> None:
    """Serve `app` until interrupted, saying where (`Serving on http://host:port`)."""
    logging.getLogger("waitress").setLevel(logging.INFO)  # its address line is INFO
    waitress.serve(app, host=host, port=port, threads=THREADS, ident=SERVER_NAME)


class NeutralHandler(WSGIRequestHandler):
    """`Server: responsibility-graph` on every response, errors included."""

    def version_string(self) -> str:
        return SERVER_NAME
