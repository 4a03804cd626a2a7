"""Write an office's own aliases into the local lexicon file (loaders/agencies.py reads it).

A correction that points a printed name at an agency is kept twice: as a record in the
corrections book (who, when, why) and as an alias in agencies.local.yaml, so that every
later reading of a plan of that jurisdiction (an upload's review page, `parse`) resolves the
name the same way. The shipped lexicon (agencies.yaml) and the code are never written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from loaders.agencies import AliasTarget, LexiconError, loose, printed_form
from loaders.atomic import locked, write_atomically
from loaders.datafiles import read_yaml

HEADER = """\
# Local additions to the agency lexicon (loaders/data/agencies.yaml), kept by this office.
# Read by loaders/agencies.py beside the shipped file; not shipped, not in version control.
#
# aliases: what a printed name stands for in one jurisdiction, most often written here by
#   a correction (`correction` names its record in the corrections book):
#     - city: 常州市            # the plan's jurisdiction
#       printed: 智改数转办      # the unit as printed (compared without brackets, marks, spaces)
#       agency: {id: ag-…, name: 市工业和信息化局, kind: department, type: …}   # an existing one
#       # or  new: {name: 市数据局, kind: department, type: 数据管理部门}      # a new agency
# lexicon: groups in the shape of agencies.yaml's `lexicon` (by kind), for bodies of any city.
"""


def add_alias(path: Path, city: str, printed: str, target: AliasTarget,
              correction: str = "") -> None:
    """Say in the local file that `printed` stands for `target` in `city` (replacing what it
    said before for that name there)."""
    entry = {"city": printed_form(city), "printed": printed, **target.to_data()}
    if correction:
        entry["correction"] = correction
    key = (printed_form(city), loose(printed))
    with locked(path):
        data = _read(path)
        data["aliases"] = [a for a in data["aliases"] if _key(a) != key] + [entry]
        _write(path, data)


def remove_aliases(path: Path, correction: str) -> int:
    """Take out the aliases a correction wrote; how many there were."""
    with locked(path):
        data = _read(path)
        kept = [a for a in data["aliases"] if a.get("correction") != correction]
        removed = len(data["aliases"]) - len(kept)
        if removed:
            data["aliases"] = kept
            _write(path, data)
    return removed


def _key(entry: Any) -> tuple[str, str]:
    if not isinstance(entry, dict):
        return ("", "")
    return printed_form(str(entry.get("city", ""))), loose(str(entry.get("printed", "")))


def _read(path: Path) -> dict[str, Any]:
    """The file's data, or an empty one; a malformed file is refused, never overwritten."""
    data = read_yaml(path, LexiconError) if path.exists() else None
    data = {} if data is None else data
    if isinstance(data, dict) and data.get("aliases") is None:
        data["aliases"] = []
    if not isinstance(data, dict) or not isinstance(data["aliases"], list):
        raise LexiconError(f"{path}: expected a mapping whose `aliases` is a list; fix or "
                           "move the file, nothing was written to it")
    return {"version": 1, **data}


def _write(path: Path, data: dict[str, Any]) -> None:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    write_atomically(path, HEADER + "\n" + body)
