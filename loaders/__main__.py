"""Command line: parse one plan, or load plans into the graph.

    python -m loaders parse data/samples/002_56b0b1f0d4126dc9.txt --json
    python -m loaders load data/samples
    python -m loaders load --rebuild var/plans    # replace the whole graph, bulk COPY
    python -m loaders load --replace-same plan.docx   # put it in place of the same plan
    python -m loaders remove 000_29c4f374f04b8484 plan.docx
    python -m loaders corrections list            # corrections applied on every load
    python -m loaders score tests/realdocs/gold tests/realdocs/docs --verbose
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import GraphError
from loaders import corrections_cli
from loaders.agencies import AgencyLexicon
from loaders.correct import correction_lines
from loaders.correction_records import Correction
from loaders.errors import LoaderError, one_line
from loaders.jurisdiction import Jurisdiction
from loaders.manifest import named
from loaders.pipeline import ReadReport, read_plan, read_plans, stream_rows
from loaders.readers.limits import Limits
from loaders.score import EXTENSIONS, MEASURES, report_lines, score_sets

if TYPE_CHECKING:
    from graph.bulk import BulkStore
    from graph.store import LoadResult, Store

# The local agency lexicon, when not agencies.local.yaml beside the shipped one.
LEXICON_LOCAL_VARIABLE = "AGENCY_LEXICON_LOCAL"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except (LoaderError, GraphError) as err:
        print(one_line(f"Error: {err}"), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(required=True)
    parse = sub.add_parser("parse", help="parse one file and print what it assigns",
                           description="Example: python -m loaders parse plan.txt --json")
    parse.add_argument("file", type=Path)
    parse.add_argument("--json", action="store_true", help="print the SCHEMA.md record")
    parse.add_argument("--jurisdiction", metavar="NAME",
                       help="issuing jurisdiction where the text does not say (e.g. 江苏省)")
    parse.add_argument("--corrections", type=Path, metavar="FILE",
                       help="apply the corrections of this book (default: none, the reading "
                            "as the loader makes it)")
    parse.set_defaults(func=_parse)
    load = sub.add_parser("load", help="load files or folders into the graph",
                          description="Example: python -m loaders load data/samples")
    load.add_argument("paths", type=Path, nargs="+")
    load.add_argument("--backend", choices=("embedded", "neo4j"), help="env GRAPH_BACKEND")
    load.add_argument("--db", help="embedded database path (env GRAPH_PATH)")
    load.add_argument("--jurisdiction", metavar="NAME",
                      help="issuing jurisdiction of every file where the text does not say "
                           "(常州, 江苏省, 常州市武进区, 国务院); a plans.yaml beside the files "
                           "names one per file")
    load.add_argument("--rebuild", action="store_true",
                      help="replace the whole graph with these plans (bulk COPY; embedded); "
                           "a load into an empty graph takes the bulk path anyway")
    load.add_argument("--corrections", type=Path, metavar="FILE",
                      help="the corrections book to apply (default: corrections.yaml beside "
                           "the graph, when there is one)")
    load.add_argument("--replace-same", action="store_true",
                      help="a plan that is the same as a stored one (same text in any file "
                           "type, or same issuer and 文号) replaces it; without this it is "
                           "reported and not loaded")
    load.set_defaults(func=_load)
    remove = sub.add_parser("remove", help="remove plans from the graph",
                            description="Example: python -m loaders remove "
                                        "000_29c4f374f04b8484 plan.docx  (a plan's id or its "
                                        "file name as loaded; agencies, sectors and cities "
                                        "only those plans named go with them)")
    remove.add_argument("plans", nargs="+", metavar="PLAN")
    remove.add_argument("--backend", choices=("embedded", "neo4j"), help="env GRAPH_BACKEND")
    remove.add_argument("--db", help="embedded database path (env GRAPH_PATH)")
    remove.set_defaults(func=_remove)
    _add_score(sub)
    corrections_cli.add_parser(sub, _lexicon_local)
    return parser


def _add_score(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    score = sub.add_parser(
        "score", help="parse the documents of gold readings and score them against the gold",
        description="Example: python -m loaders score tests/realdocs/gold tests/realdocs/docs "
                    "--ext all --verbose")
    score.add_argument("gold", type=Path, help="folder of gold JSON files (SCHEMA.md)")
    score.add_argument("docs", type=Path, help="folder of the documents the gold `doc` names")
    score.add_argument("--ext", choices=tuple(EXTENSIONS), default="txt",
                       help="read the .txt (default), the .html of the same name where there "
                            "is one, or both, scored as separate sets")
    score.add_argument("--verbose", action="store_true", help="list every difference by task")
    for measure in MEASURES:
        score.add_argument(f"--min-{measure}", type=float, default=0.0, metavar="F1",
                           help=f"exit 1 when a set's overall {measure} F1 is below this")
    score.set_defaults(func=_score)


def _parse(args: argparse.Namespace) -> int:
    local = _lexicon_local()
    lexicon = AgencyLexicon.load(local=local)
    document = read_plan(args.file, lexicon, place=_place(args), limits=_limits())
    if args.corrections is not None:
        book = corrections_cli.open_book(args, local)
        applied = book.apply(document, lexicon)
        for line in correction_lines(book.records(), [applied]):
            print(one_line(line), file=sys.stderr)
    if args.json:
        print(json.dumps(document.to_schema(), ensure_ascii=False, indent=1))
        return 0
    print(f"{document.title}  ({document.city or document.province}, {document.issued})")
    for task in document.tasks:
        leads = "、".join(task.leads) or (f"[{task.inferred_lead.text}]"
                                          if task.inferred_lead else "-")
        print(f"{task.no:>4} {task.title[:30]:<30} 牵头 {leads}  责任 {'、'.join(task.units)}")
    return 0


def _load(args: argparse.Namespace) -> int:
    from graph.bulk import BulkStore
    from graph.settings import Settings
    from graph.store import open_store

    settings = Settings.from_env(os.environ, backend=args.backend, path=args.db)
    local = _lexicon_local()
    records = corrections_cli.open_book(args, local).records()
    with open_store(settings) as store:
        if isinstance(store, BulkStore) and (args.rebuild or store.is_empty()):
            return _load_bulk(args, store, records, local)
        if args.rebuild:
            raise LoaderError(settings.backend, "--rebuild needs the embedded backend "
                                                "(--backend embedded)")
        report = read_plans(args.paths, progress=_progress, place=_place(args),
                            limits=_limits(), corrections=records, lexicon_local=local)
        print(file=sys.stderr)
        results = _load_read(store, report, replace_same=args.replace_same)
    print_report(report, results, records)
    return 0 if report.documents else 1


def _remove(args: argparse.Namespace) -> int:
    from graph.settings import Settings
    from graph.store import open_store

    settings = Settings.from_env(os.environ, backend=args.backend, path=args.db)
    with open_store(settings) as store:
        result = store.remove(args.plans)
    print(one_line(str(result)))
    return 0


def _load_read(store: Store, report: ReadReport, *,
               replace_same: bool = False) -> list[LoadResult | str]:
    """Load the plans read; a plan some correction is meant for, or whose stored edges say
    a correction made them, is written again even when its text is unchanged (first, in
    a transaction of its own), so the graph shows the book as it is now."""
    ids = sorted({d.id for d in report.documents})
    corrected = {a.doc for a in report.corrections}
    if ids:
        corrected |= {r["id"] for r in store.run("corrected_documents", {"ids": ids})}
    again = [d for d in report.documents if d.id in corrected]
    rest = [d for d in report.documents if d.id not in corrected]
    results: list[LoadResult | str] = []
    if again:
        done = store.load(again, force=True, replace_same=replace_same)
        results += [f"written again to apply corrections: {done}", *same_lines(done)]
    if rest or not again:
        results.append(store.load(rest, replace_same=replace_same))
    return results


def _score(args: argparse.Namespace) -> int:
    """A report, so exit 0 whatever the figures, unless a --min-* floor is not reached."""
    ok = True
    for scored in score_sets(args.gold, args.docs, args.ext):
        lines = report_lines(scored, verbose=args.verbose)
        below = [m for m in MEASURES if scored.figure(m) < getattr(args, f"min_{m}")]
        lines[-1] += "  BELOW MINIMUM" if below else ""
        print("\n".join(lines))
        ok = ok and not below
    return 0 if ok else 1


def _place(args: argparse.Namespace) -> Jurisdiction | None:
    """The jurisdiction named by --jurisdiction, if any."""
    if not args.jurisdiction:
        return None
    try:
        return named(args.jurisdiction)
    except ValueError as err:
        raise LoaderError("--jurisdiction", str(err)) from None


def _limits() -> Limits:
    """The readers' limits, from the LOADER_MAX_* environment variables."""
    try:
        return Limits.from_env(os.environ)
    except ValueError as err:
        raise LoaderError("environment", str(err)) from None


def _lexicon_local() -> Path | None:
    """The local agency lexicon named by AGENCY_LEXICON_LOCAL, if any."""
    value = os.environ.get(LEXICON_LOCAL_VARIABLE)
    return Path(value) if value else None


def _load_bulk(args: argparse.Namespace, store: BulkStore, records: list[Correction],
               local: Path | None) -> int:
    """A first load or a rebuild: plans parsed in a process pool, tables written by COPY."""
    report = ReadReport()
    rows = stream_rows(args.paths, report, progress=_progress, place=_place(args),
                       limits=_limits(), corrections=records, lexicon_local=local)
    try:
        result = store.load_bulk(rows, rebuild=args.rebuild)
    except GraphError:
        print(file=sys.stderr)
        print("\n".join(skipped_lines(report)))  # why nothing was read, before the error
        raise
    print(file=sys.stderr)
    print_report(report, [result], records)
    return 0 if report.summaries else 1


def _progress(done: int, total: int, path: Path) -> None:
    bar = "#" * (20 * done // total)
    name = one_line(path.name)[:40]
    print(f"\r[{bar:<20}] {done}/{total} {name:<40}", end="", file=sys.stderr)


def print_report(report: ReadReport, results: object,
                 records: list[Correction] | None = None) -> None:
    """The load report a clerk reads to check a new plan quickly: one line per plan,
    warning, failure and skipped file, whatever characters their names hold; then what
    the corrections book did."""
    for line in load_report_lines(report, results, records):
        print(line)


def load_report_lines(report: ReadReport, results: object,
                      records: list[Correction] | None = None) -> list[str]:
    """`results`: a store's load result, or a list of them (corrected plans first)."""
    parts = results if isinstance(results, list) else [results]
    lines = [line for part in parts for line in str(part).split("\n")]
    lines += [line for part in parts for line in same_lines(part)]
    for plan in report.plans():
        lines.append(f"  {plan.doc}: {plan.title} [{plan.place}] tasks {plan.tasks}, "
                     f"without units {plan.without_units}, encoding {plan.encoding}")
        lines += [f"    warning: {warning}" for warning in plan.warnings]
    unresolved = report.unresolved()
    if unresolved:
        lines.append(f"unresolved mentions (not in the agency lexicon): {len(unresolved)}")
        lines += [f"  {city} {mention}  ({doc})" for doc, city, mention in unresolved]
    lines += correction_lines(records or [], report.corrections)
    return [one_line(line) for line in lines] + skipped_lines(report)


def same_lines(result: object) -> list[str]:
    """A line per plan not added because it is one already loaded, and per stored plan
    replaced by the same plan (--replace-same); none for anything but a LoadResult."""
    same = getattr(result, "same", [])
    files = getattr(result, "same_files", [])
    lines = [f"same as {stored} ({reason}): {file}"
             for (_new, stored, reason), file in zip(same, files, strict=True)]
    lines += [f"replaced {stored} ({reason}) by {new}"
              for new, stored, reason in getattr(result, "superseded", [])]
    return [one_line(line) for line in lines]


def skipped_lines(report: ReadReport) -> list[str]:
    """The files that gave nothing, and why."""
    lines = [f"failed: {failure}" for failure in report.failures]
    lines += [f"skipped: {path}: {reason}" for path, reason in report.skipped]
    return [one_line(line) for line in lines]


if __name__ == "__main__":
    sys.exit(main())
