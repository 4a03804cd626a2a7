"""Errors a loader raises; each names the file and the reason in one line."""

from __future__ import annotations

from pathlib import Path


class LoaderError(Exception):
    """A document that cannot be read or parsed; nothing of it is loaded."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnreadableDocument(LoaderError):
    """Empty, binary, undecodable, unsupported, or a scan without a text layer."""


class NoTasksFound(LoaderError):
    """The text was read but no numbered task or unit list could be found in it."""
