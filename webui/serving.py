"""The development server's request handler, without a version banner.

Werkzeug's handler answers every request (and every malformed one) with
`Server: Werkzeug/<version> Python/<version>`, which tells a scanner which known flaws to
try. The header is written by the HTTP server, below the app, so an `after_request` hook
cannot remove it: the handler names the product only.
"""

from __future__ import annotations

from werkzeug.serving import WSGIRequestHandler

SERVER_NAME = "responsibility-graph"  # no version, no platform


class NeutralHandler(WSGIRequestHandler):
    """`Server: responsibility-graph` on every response, errors included."""

    def version_string(self) -> str:
        return SERVER_NAME
