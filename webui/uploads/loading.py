"""Load reviewed plans through the app's one writer, after asking whether the graph has them.

The same plan is the same text whatever the file type, or the same issuer and 文号
(`graph.identity`). The check and the load run inside one `db.write`, so no other write
can load the plan between them; a plan found to be the same is not loaded unless the
editor chose to replace the stored one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from graph.identity import Identity, Known
from graph.model import Document
from graph.store import LoadResult, Store
from queries.catalog import get_query
from webui import db


@dataclass(frozen=True)
class Same:
    """An uploaded plan that is a plan the graph holds."""

    doc_id: str  # the uploaded plan's id
    stored_id: str
    title: str  # the stored plan's title, "" when it has none
    reason: str  # 同一文本 / 同一文号 …

    @property
    def own(self) -> bool:
        """The stored plan has the upload's own id (its file name): loading replaces that
        version or leaves it unchanged, as a load from the command line does, so this
        match is told but does not stop a load."""
        return self.doc_id == self.stored_id


@dataclass
class Outcome:
    result: LoadResult | None  # None: nothing was loaded because of `same`
    same: list[Same] = field(default_factory=list)

    def report(self) -> list[str]:
        lines = str(self.result).splitlines() if self.result else []
        return lines + [f"{s.doc_id}: 与已载入的方案《{s.title or s.stored_id}》相同"
                        f"({s.reason}),已替换 ({s.stored_id})" for s in self.same
                        if self.result is not None and not s.own]

    @property
    def blocking(self) -> list[Same]:
        return [s for s in self.same if not s.own]


def same_as_stored(store: Store, documents: Sequence[Document]) -> list[Same]:
    """Each plan of `documents` the graph holds (under its own id or another), or that an
    earlier one of `documents` is, with why."""
    found = []
    batch = Known()
    titles = {doc.id: doc.title or "" for doc in documents}
    for doc in documents:
        identity = Identity.of(doc)
        for stored_id, reason in store.find_same(doc):
            found.append(Same(doc.id, stored_id, _plan_title(store, stored_id), reason))
        for other, reason in batch.find(identity, other_than=doc.id):
            found.append(Same(doc.id, other, titles[other], reason))
        batch.add(identity)
    return found


def find_same(documents: Sequence[Document]) -> list[Same]:
    """`same_as_stored` on the app's store, for the review page (no write)."""
    return same_as_stored(db.get_store(), documents)


def load(documents: Sequence[Document], *, replace_same: bool) -> Outcome:
    """Load `documents` unless one is the same as a plan stored under another id and
    `replace_same` is False; then nothing is loaded and the matches say why."""

    def change(store: Store) -> Outcome:
        outcome = Outcome(None, same_as_stored(store, documents))
        if outcome.blocking and not replace_same:
            return outcome
        outcome.result = store.load(documents, replace_same=replace_same)
        return outcome

    return db.write(change)


def _plan_title(store: Store, doc_id: str) -> str:
    """The stored plan's title, asked of `store` itself: inside a write, the app's store
    is held by that write."""
    columns, rows = get_query(db.get_catalog(), "plan_info").run(store, {"doc": doc_id})
    return str(dict(zip(columns, rows[0], strict=True))["title"] or "") if rows else ""
