"""Errors the storage layer raises; each says what was given and what to try instead.

CLIs print them as `Error: …` and exit 1; the web app maps them to 4xx pages. Engine
exceptions never leak out of `graph/`: backends wrap them in one of these.
"""

from __future__ import annotations


class GraphError(Exception):
    """Base of every error raised by the storage layer."""


class SettingsError(GraphError):
    """A setting has a value no backend accepts."""


class StoreError(GraphError):
    """The database could not be opened or refused a statement of ours."""


class LoadError(StoreError):
    """A load failed and was rolled back: the graph is as it was before the call."""


class QueryError(GraphError):
    """A query was rejected by the engine or could not be parsed."""


class QueryTimeout(QueryError):
    """A read-only query ran past the configured time limit and was interrupted."""


class PoolFull(QueryError):
    """The engine's page cache (buffer_pool_mb) had no room left for the statement."""


class ReadOnlyViolation(QueryError):
    """A console query was not made of read clauses, or tried to write, and was refused."""


class QueryTooLarge(QueryError):
    """A console query needed more memory (or sent back more data) than the console allows."""


class ConsoleBusy(GraphError):
    """Every console worker is taken: the query was not run; trying again later may help."""


class UnknownDocument(StoreError):
    """A plan to remove is not in the graph: the call removed nothing."""
