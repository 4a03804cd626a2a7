"""Errors of the named-query layer; the CLI prints them as `Error: …` and exits 1."""

from __future__ import annotations


class QueriesError(Exception):
    """Base of the errors raised by the named-query layer."""


class CatalogError(QueriesError):
    """A catalog file is malformed or its declared parameters differ from its `$names`."""


class UnknownQuery(QueriesError):
    """No catalog query has the requested name."""


class ParameterError(QueriesError):
    """A parameter value is missing, unknown, or not of the declared type."""
