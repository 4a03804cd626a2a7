"""Readers that turn a plan file into plain text: one paragraph per line.

The extraction step only sees text, so every reader answers the same question — what
would a person read on the page, in order — and reports how it decoded the bytes. A file
that cannot be read raises :class:`~loaders.errors.UnreadableDocument` naming the file and
the reason in one line; nothing of it is returned.
"""

from loaders.readers.folders import Skipped, iter_documents
from loaders.readers.limits import DEFAULT_LIMITS, Limits
from loaders.readers.registry import SUPPORTED_SUFFIXES, read_text
from loaders.readers.result import TABLE_END, TABLE_START, ReadResult

__all__ = [
    "DEFAULT_LIMITS",
    "SUPPORTED_SUFFIXES",
    "TABLE_END",
    "TABLE_START",
    "Limits",
    "ReadResult",
    "Skipped",
    "iter_documents",
    "read_text",
]
