"""Read files into Documents whose mentions name agencies and whose tasks name sectors.

This is the one path from a file to the records a store loads: read (by file type),
parse (text only), resolve (lexicon), tag (taxonomy). A file that fails is reported with
its reason and contributes nothing, so no document is ever half-loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import Document
from loaders.agencies import AgencyLexicon
from loaders.errors import LoaderError
from loaders.parse import parse_text
from loaders.readers import iter_documents, read_text
from loaders.sectors import SectorTaxonomy


@dataclass
class ReadReport:
    """What reading a set of paths gave: documents, failures, files skipped."""

    documents: list[Document] = field(default_factory=list)
    failures: list[LoaderError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def unresolved(self) -> list[tuple[str, str, str]]:
        """(document, city, mention) for mentions the lexicon does not know."""
        seen: set[tuple[str, str, str]] = set()
        for doc in self.documents:
            for task in doc.tasks:
                for m in task.mentions:
                    if m.agency and not m.agency.known:
                        seen.add((doc.doc, m.agency.city, m.text))
        return sorted(seen)


def read_plan(path: Path, lexicon: AgencyLexicon | None = None,
              taxonomy: SectorTaxonomy | None = None) -> Document:
    """Read, parse and enrich one file; raise LoaderError naming the file and reason."""
    result = read_text(path)
    try:
        document = parse_text(result.text, path.name, result.encoding)
    except LoaderError as err:
        raise type(err)(path, err.reason) from None
    enrich(document, lexicon or AgencyLexicon.load(), taxonomy or SectorTaxonomy.load())
    return document


def enrich(document: Document, lexicon: AgencyLexicon, taxonomy: SectorTaxonomy) -> None:
    """Resolve every mention to an agency of the plan's jurisdiction; tag sectors."""
    where = document.city or document.province or "国务院"
    for task in document.tasks:
        task.sectors = taxonomy.tag(task.title, task.text)
        for mention in task.mentions:
            mention.agency = lexicon.resolve(mention.text, where)


def read_plans(paths: Iterable[Path],
               progress: Callable[[int, int, Path], None] | None = None) -> ReadReport:
    """Read every supported file under `paths` (files or folders)."""
    report = ReadReport()
    files, skipped = iter_documents(list(paths))
    report.skipped += [(str(p), reason) for p, reason in skipped]
    lexicon, taxonomy = AgencyLexicon.load(), SectorTaxonomy.load()
    for i, path in enumerate(files):
        if progress:
            progress(i + 1, len(files), path)
        try:
            report.documents.append(read_plan(path, lexicon, taxonomy))
        except LoaderError as err:
            report.failures.append(err)
    return report
