"""When two plans are one plan: the same text whatever the file, or the same issuer and 文号.

A clerk saves a plan as TXT and again as DOCX, or keeps a renamed copy; loading both would
count every task twice (常州 市工信局: 13 tasks became 26). Both load paths (the Cypher one
in graph.store and the bulk one in graph.bulk) and the upload review ask `Known.find`, so
"the same plan" means one thing everywhere.

A plan's own id (its file name without the extension) is not a reason here: loading a file
whose id is stored replaces that plan or leaves it unchanged, as it always has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.model import Document, comparable_name

SAME_TEXT = "同一文本"
SAME_NUMBER = "同一文号"


@dataclass(frozen=True)
class Identity:
    """What tells a plan from another: its fingerprint, and its issuer and 文号 if printed."""

    id: str
    fingerprint: str
    number: tuple[str, str] | None  # (issuer, 文号) as compared; None unless both printed
    printed: str = ""  # the 文号 as printed, for the reason given

    @classmethod
    def of(cls, doc: Document) -> Identity:
        return cls.of_row({"id": doc.id, "fingerprint": doc.fingerprint,
                           "issuer": doc.issuer, "doc_number": doc.doc_number})

    @classmethod
    def of_row(cls, row: Mapping[str, Any]) -> Identity:
        """From a Document row (graph.rows) or a stored one (statement document_identities)."""
        issuer, number = comparable_name(row.get("issuer")), comparable_name(row.get("doc_number"))
        return cls(str(row["id"]), str(row.get("fingerprint") or ""),
                   (issuer, number) if issuer and number else None,
                   str(row.get("doc_number") or ""))

    def reason(self, other: Identity) -> str | None:
        """Why this plan is `other`, or None: the same text first, then issuer and 文号."""
        if self.fingerprint and self.fingerprint == other.fingerprint:
            return SAME_TEXT
        if self.number is not None and self.number == other.number:
            return f"{SAME_NUMBER} {self.printed}"
        return None


class Known:
    """The plans a new one is compared with: those stored, and those taken earlier in a load."""

    def __init__(self, identities: Iterable[Identity] = ()) -> None:
        self._by_id: dict[str, Identity] = {}
        self._texts: dict[str, set[str]] = {}
        self._numbers: dict[tuple[str, str], set[str]] = {}
        for identity in identities:
            self.add(identity)

    def add(self, identity: Identity) -> None:
        """Know `identity`, in place of what was known under its id."""
        self.discard(identity.id)
        self._by_id[identity.id] = identity
        if identity.fingerprint:
            self._texts.setdefault(identity.fingerprint, set()).add(identity.id)
        if identity.number is not None:
            self._numbers.setdefault(identity.number, set()).add(identity.id)

    def discard(self, doc_id: str) -> None:
        old = self._by_id.pop(doc_id, None)
        if old is None:
            return
        self._texts.get(old.fingerprint, set()).discard(doc_id)
        if old.number is not None:
            self._numbers[old.number].discard(doc_id)

    def find(self, identity: Identity, *, other_than: str | None = None) -> list[tuple[str, str]]:
        """(known id, reason) for every known plan `identity` is the same as, by id."""
        ids = set(self._texts.get(identity.fingerprint, ()))
        if identity.number is not None:
            ids |= self._numbers.get(identity.number, set())
        ids.discard(other_than or "")
        found = [(i, identity.reason(self._by_id[i])) for i in sorted(ids)]
        return [(i, reason) for i, reason in found if reason]
