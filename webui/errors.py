"""Errors of the viewer and the one handler that turns every error into a 4xx page.

Views raise; they never catch. Messages come from the layer that knows what went wrong
(a parameter, a query, the store) and are shown as they are: they say what was given and
what to try. Unexpected errors are logged and shown as a short 500 page, never a trace.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from graph.errors import GraphError, QueryError
from queries.errors import ParameterError, QueriesError, UnknownQuery

log = logging.getLogger(__name__)


class WebError(Exception):
    """Base of the viewer's own errors; `status` is the HTTP status to answer with."""

    status = 400


class BadParameter(WebError):
    """A request parameter has a value the page cannot use."""


class NotFound(WebError):
    """The id in the address names nothing in the graph."""

    status = 404


# Most specific first: a subclass listed after its base would never be reached.
STATUS_BY_ERROR: tuple[tuple[type[Exception], int], ...] = (
    (UnknownQuery, 404),
    (ParameterError, 400),
    (QueryError, 400),  # includes ReadOnlyViolation and QueryTimeout
    (QueriesError, 400),
    (GraphError, 503),  # the store itself failed: retrying later may help
)


def init_app(app: Flask) -> None:
    app.register_error_handler(Exception, handle_error)


def handle_error(exc: Exception) -> Any:
    """Answer with the error's status and message, as JSON for the API, else as a page."""
    status, message = describe(exc)
    if status >= 500:
        log.exception("unexpected error on %s", request.path, exc_info=exc)
    if wants_json():
        return jsonify(error=message, status=status), status
    return render_template("error.html", status=status, message=message), status


def describe(exc: Exception) -> tuple[int, str]:
    if isinstance(exc, WebError):
        return exc.status, str(exc)
    if isinstance(exc, HTTPException):
        return exc.code or 500, _http_message(exc)
    for kind, status in STATUS_BY_ERROR:
        if isinstance(exc, kind):
            return status, str(exc)
    return 500, "服务器内部错误,已记录。请稍后再试或联系管理员。(internal error, logged)"


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.args.get("format") == "json"


def _http_message(exc: HTTPException) -> str:
    if exc.code == 404:
        return f"没有这个页面 (not found): {request.path}"
    if exc.code == 405:
        return f"此地址不接受 {request.method} 请求 (method not allowed)"
    return exc.description or exc.name
