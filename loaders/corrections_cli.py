"""`python -m loaders corrections …`: list, add, remove, export and import correction records.

A thin layer over loaders.corrections (the web pages call the same library). The book is the
one beside the graph (GRAPH_PATH or --db: var/corrections.yaml beside var/graph.lbdb) unless
--corrections names another file. Changes show in the graph at the next `load` or rebuild.
"""

from __future__ import annotations

import argparse
import copy
import getpass
import json
import os
from collections.abc import Callable
from pathlib import Path

from graph.model import Document, Task
from loaders.agencies import AgencyLexicon, AliasTarget
from loaders.correct import apply_corrections, jurisdiction
from loaders.correction_records import ACTIONS, FORMATS, SET_ROLES, Correction, CorrectionError
from loaders.corrections import CorrectionBook, Key, book_path
from loaders.errors import one_line
from loaders.pipeline import read_plan

EXAMPLES = """\
Examples:
  python -m loaders corrections list --plan 002_56b0b1f0d4126dc9
  python -m loaders corrections add not_task --plan plans/x.txt --task 3 --why "是保障措施的引言"
  python -m loaders corrections add add_unit --plan plans/x.txt --task x-004 --name 市财政局 \\
      --role unit --why "附件表格漏读"
  python -m loaders corrections add alias --plan plans/x.txt --mention 智改数转办 \\
      --agency 市工信局 --why "智改数转办设在市工信局"
  python -m loaders corrections export corrections.json
  python -m loaders corrections import corrections.json
  python -m loaders corrections remove c-3f2a9b1c0d4e
"""

LexiconLocal = Callable[[], Path | None]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               lexicon_local: LexiconLocal) -> None:
    """The `corrections` command and its subcommands."""
    parser = sub.add_parser("corrections", help="list, add, remove, export, import corrections",
                            description=__doc__ + "\n" + EXAMPLES,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(lexicon_local=lexicon_local)
    commands = parser.add_subparsers(required=True)
    listing = _command(commands, "list", "list the records, oldest first", _list)
    listing.add_argument("--plan", help="plan id, file name or fingerprint")
    listing.add_argument("--action", choices=ACTIONS)
    listing.add_argument("--who")
    listing.add_argument("--format", choices=("text", *FORMATS), default="text")
    export = _command(commands, "export", "write every record to one YAML or JSON file", _export)
    export.add_argument("file", type=Path)
    export.add_argument("--format", choices=FORMATS,
                        help="default: json for a .json file, else yaml")
    imported = _command(commands, "import", "add the records of an exported file (all are "
                        "checked first; a bad one refuses the file)", _import)
    imported.add_argument("file", type=Path)
    remove = _command(commands, "remove", "take one record out of the book", _remove)
    remove.add_argument("id")
    _add_add(commands)


def _command(commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
             text: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=text, description=text)
    command.add_argument("--corrections", type=Path, metavar="FILE",
                         help="the book (default: corrections.yaml beside the graph)")
    command.add_argument("--db", help="embedded database path (env GRAPH_PATH): the book is "
                                      "the one beside it")
    command.set_defaults(func=func)
    return command


def _add_add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add = _command(commands, "add", "add one record, checked against the plan's reading", _add)
    add.add_argument("action", choices=ACTIONS)
    add.add_argument("--plan", type=Path, required=True, help="the plan's file")
    add.add_argument("--task", help="the task: its id (plan-004) or its printed number")
    add.add_argument("--mention", help="the unit as the reading names it")
    add.add_argument("--name", help="add_unit: the unit's name")
    add.add_argument("--role", choices=SET_ROLES, help="add_unit, set_role: lead or unit")
    add.add_argument("--agency", help="alias: a name the lexicon knows in the plan's city")
    add.add_argument("--new-agency", metavar="NAME", help="alias: a new agency of this name")
    add.add_argument("--kind", help="alias --new-agency: its kind (department, …)")
    add.add_argument("--type", help="alias --new-agency: its cross-city type")
    add.add_argument("--why", required=True, help="why the reading was wrong")
    add.add_argument("--who", help="who makes it (default: the login name)")


def open_book(args: argparse.Namespace, lexicon_local: Path | None) -> CorrectionBook:
    """The book named by --corrections (which must exist), else the one beside the graph."""
    from graph.settings import Settings

    if args.corrections is not None:
        if not args.corrections.is_file():
            raise CorrectionError(args.corrections, "no such corrections file")
        return CorrectionBook.load(args.corrections, local_lexicon=lexicon_local)
    settings = Settings.from_env(os.environ, backend=getattr(args, "backend", None),
                                 path=args.db)
    return CorrectionBook.load(book_path(settings.path), local_lexicon=lexicon_local)


def _book(args: argparse.Namespace) -> CorrectionBook:
    return open_book(args, args.lexicon_local())


def _list(args: argparse.Namespace) -> int:
    records = _book(args).records(plan=args.plan, action=args.action, who=args.who)
    if args.format == "json":
        print(json.dumps([r.to_data() for r in records], ensure_ascii=False, indent=1))
    elif args.format == "yaml":
        from loaders.correction_records import dump_records

        print(dump_records(records, "yaml"), end="")
    else:
        for r in records:
            print(one_line(f"{r.when}  {r.who}  {r.describe()}  {_payload(r)}  — {r.why}"))
        print(f"{len(records)} record{'' if len(records) == 1 else 's'}")
    return 0


def _payload(record: Correction) -> str:
    if record.action == "alias":
        target = record.target
        return f"-> {target.name}" + ("" if target.id else " (new)")
    return " ".join(f"{k}={v}" for k, v in record.payload.items())


def _export(args: argparse.Namespace) -> int:
    fmt = args.format or ("json" if args.file.suffix.lower() == ".json" else "yaml")
    count = _book(args).export(args.file, fmt)
    print(f"exported {count} records to {args.file}")
    return 0


def _import(args: argparse.Namespace) -> int:
    book = _book(args)
    added = book.import_(args.file)
    print(f"imported {len(added)} new records into {book.path} ({len(book)} in all)")
    return 0


def _remove(args: argparse.Namespace) -> int:
    book = _book(args)
    record = book.remove(args.id)
    print(one_line(f"removed {record.describe()} from {book.path}; load the plan again "
          "(a not_task or remove_unit taken out needs --rebuild) to see the graph change"))
    return 0


def _add(args: argparse.Namespace) -> int:
    local = args.lexicon_local()
    book = open_book(args, local)
    lexicon = AgencyLexicon.load(local=local)
    document = read_plan(args.plan, lexicon)
    task = _task(document, args.task) if args.task else None
    record = Correction.new(args.action, Key.of(document, task, args.mention or ""),
                            _payload_of(args, document, lexicon), who=_who(args), why=args.why)
    trial = apply_corrections(copy.deepcopy(document), [*book, record], lexicon)
    refused = dict(trial.unmatched).get(record.id)
    if refused:
        raise CorrectionError(args.plan, f"{args.action} does not match the reading: {refused}")
    book.add(record)
    print(one_line(f"added {record.describe()} to {book.path}; load the plan again to see it"))
    return 0


def _task(document: Document, given: str) -> Task:
    """The task a person named by its id or its printed number."""
    by_id = [t for t in document.tasks if document.task_id(t) == given]
    named = by_id or [t for t in document.tasks if t.no == given]
    if len(named) == 1:
        return named[0]
    if not named:
        raise CorrectionError("--task", f"{document.doc} has no task {given!r} (give its "
                                        "id, such as " f"{document.task_id(document.tasks[0])},"
                                        " or its printed number)")
    listed = "; ".join(f"{document.task_id(t)} {t.title[:20]}" for t in named)
    raise CorrectionError("--task", f"{document.doc} prints task {given} {len(named)} times "
                                    f"({listed}); give the task id")


def _payload_of(args: argparse.Namespace, document: Document,
                lexicon: AgencyLexicon) -> dict[str, object]:
    if args.action == "add_unit":
        return {"name": args.name, "role": args.role}
    if args.action == "set_role":
        return {"role": args.role}
    if args.action != "alias":
        return {}
    where = jurisdiction(document)
    if bool(args.agency) == bool(args.new_agency):
        raise CorrectionError("alias", "give either --agency NAME or --new-agency NAME")
    if args.new_agency:
        target = AliasTarget(name=args.new_agency, kind=args.kind or "", type=args.type or "")
    else:
        ref = lexicon.resolve(args.agency, where)
        if not ref.known:
            raise CorrectionError("--agency", f"the lexicon does not know {args.agency} in "
                                              f"{where}; use --new-agency for a new agency")
        target = AliasTarget(name=ref.name, kind=ref.kind, type=ref.type, id=ref.id)
    return {"city": where, **target.to_data()}


def _who(args: argparse.Namespace) -> str:
    if args.who:
        return str(args.who)
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "command line"
