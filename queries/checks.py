"""The accountability check list (问题清单), from data/checks.yaml.

A check is a record: its Chinese title and explanation, and the named query that lists its
findings (one row per task). The viewer's check pages and the 问题清单 exports read the
checks here, so a new check is a query file and an entry in the data file. The vague-unit
words come from the agency lexicon (loaders/data/agencies.yaml), the list the parser
already resolves 有关部门 and 相关单位 by, rather than from a second copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from loaders.agencies import AgencyLexicon
from loaders.datafiles import read_yaml
from queries.catalog import NamedQuery
from queries.errors import CatalogError

DATA = Path(__file__).with_name("data") / "checks.yaml"
# What every check query takes and returns, so pages and exports can show any of them.
SCOPE_PARAMS = ("doc", "agency")
FINDING_COLUMNS = ("doc_id", "plan", "doc_number", "task_id", "no", "section", "title", "text",
                   "assigned", "sentences", "found", "agency_ids")
WORDS_PARAM = "words"  # a check query with this parameter is given the vague-unit words
# The overviews' counts, every check at once: per plan (a column per check) and per agency
# (a column per check that concerns agencies). Each count equals the length of the check's
# own list for that plan or agency (tests/test_checks.py holds them to it).
PLAN_COUNTS, AGENCY_COUNTS = "check_counts", "check_agency_counts"
# Every check's findings for one plan or agency in one pass: the finding columns but
# `found`, then per check a column named as the check (whether it finds the task) and
# `found_<check>`; split per check, the rows of each check's own query.
ALL_FINDINGS = "check_findings"


@dataclass(frozen=True)
class Check:
    """One line of the check list: what is checked, and the query that finds it."""

    id: str
    title: str
    explanation: str
    query: str
    found: str  # heading of the `found` column for this check; "" when it names no unit
    per_agency: bool


@dataclass(frozen=True)
class CheckList:
    """The checks in their order, and the words that make a unit vague."""

    checks: tuple[Check, ...]
    vague_words: tuple[str, ...]

    def get(self, check_id: str) -> Check | None:
        return next((c for c in self.checks if c.id == check_id), None)

    def params(self, check: Check, query: NamedQuery, *, doc: str | None = None,
               agency: str | None = None) -> dict[str, Any]:
        """The parameters to run `check`'s query for one plan, one agency, or everything."""
        params: dict[str, Any] = {"doc": doc, "agency": agency}
        if any(p.name == WORDS_PARAM for p in query.params):
            params[WORDS_PARAM] = list(self.vague_words)
        return params

    def counts_params(self, docs: list[str]) -> dict[str, Any]:
        """The parameters of the count queries (PLAN_COUNTS, AGENCY_COUNTS) for `docs`."""
        return {"docs": docs, WORDS_PARAM: list(self.vague_words)}

    def split(self, columns: list[str], rows: list[list[Any]]
              ) -> dict[str, list[list[Any]]]:
        """The rows of ALL_FINDINGS per check id, as that check's own query gives them
        (FINDING_COLUMNS, in the same order)."""
        at = {c: i for i, c in enumerate(columns)}
        shared = [at[c] for c in FINDING_COLUMNS if c != "found"]
        split: dict[str, list[list[Any]]] = {}
        for check in self.checks:
            flag, found = at[check.id], at[f"found_{check.id}"]
            split[check.id] = [_finding(row, shared, found) for row in rows if row[flag]]
        return split

    def verify(self, catalog: Mapping[str, NamedQuery]) -> None:
        """CatalogError unless every check's query exists, takes doc and agency, and
        returns the finding columns, and the count queries have a column per check."""
        self._verify_counts(catalog)
        every = catalog.get(ALL_FINDINGS)
        wanted = [c for c in FINDING_COLUMNS if c != "found"] + [
            name for c in self.checks for name in (c.id, f"found_{c.id}")]
        missing = [c for c in wanted if every is None or c not in every.columns]
        if missing:
            raise CatalogError(f"{DATA}: the query {ALL_FINDINGS} lacks the columns "
                               f"{', '.join(missing)}")
        for check in self.checks:
            query = catalog.get(check.query)
            if query is None:
                raise CatalogError(f"{DATA}: check {check.id} names no query {check.query!r}")
            names = {p.name for p in query.params}
            if not set(SCOPE_PARAMS) <= names or tuple(query.columns) != FINDING_COLUMNS:
                raise CatalogError(
                    f"{DATA}: check {check.id}: query {check.query} must take "
                    f"{', '.join(SCOPE_PARAMS)} and return {', '.join(FINDING_COLUMNS)}")

    def _verify_counts(self, catalog: Mapping[str, NamedQuery]) -> None:
        for name, wanted in ((PLAN_COUNTS, [c.id for c in self.checks]),
                             (AGENCY_COUNTS, [c.id for c in self.checks if c.per_agency])):
            query = catalog.get(name)
            missing = [c for c in wanted if query is None or c not in query.columns]
            if missing:
                raise CatalogError(f"{DATA}: the count query {name} lacks a column for "
                                   f"{', '.join(missing)}")


@cache
def load_checks(path: Path = DATA) -> CheckList:
    """The check list, checked: ids unique, every field present, the lexicon group known."""
    data = read_yaml(path, CatalogError)
    try:
        checks = tuple(_check(entry) for entry in data["checks"])
        vague = data["vague_units"]
        words = lexicon_words(str(vague["lexicon_group"])) + [
            str(w) for w in vague.get("extra_words") or []]
    except (KeyError, TypeError, ValueError) as err:
        raise CatalogError(f"{path}: {err}") from None
    ids = [c.id for c in checks]
    if len(set(ids)) != len(ids):
        raise CatalogError(f"{path}: check ids must be unique, got {', '.join(ids)}")
    return CheckList(checks, tuple(shortest_words(words)))


def lexicon_words(group: str) -> list[str]:
    """Every printed form the agency lexicon reads as `group` (as the lexicon compares
    them: NFKC, brackets and list marks dropped); ValueError for a group it lacks."""
    lexicon = AgencyLexicon.load()
    words = [key for key, (found, _) in lexicon.exact.items() if found.name == group]
    if not words:
        raise ValueError(f"the agency lexicon has no group named {group!r}")
    return words


def shortest_words(words: list[str]) -> list[str]:
    """The words without those containing another (各有关部门 holds 有关部门), shortest
    first: a name contains a longer word only if it contains a shorter one."""
    unique = sorted(set(w for w in words if w), key=lambda w: (len(w), w))
    return [w for w in unique if not any(o != w and o in w for o in unique)]


def _finding(row: list[Any], shared: list[int], found: int) -> list[Any]:
    """A row of ALL_FINDINGS as a check's own row: `found` where FINDING_COLUMNS has it."""
    values = [row[i] for i in shared]
    spot = FINDING_COLUMNS.index("found")
    return [*values[:spot], row[found], *values[spot:]]


def _check(entry: Any) -> Check:
    if not isinstance(entry, dict):
        raise ValueError(f"each check must be a mapping, got {entry!r}")
    missing = [k for k in ("id", "title", "explanation", "query") if not entry.get(k)]
    if missing:
        raise ValueError(f"check {entry.get('id', entry)!r} lacks {', '.join(missing)}")
    return Check(id=str(entry["id"]), title=str(entry["title"]),
                 explanation=str(entry["explanation"]), query=str(entry["query"]),
                 found=str(entry.get("found") or ""),
                 per_agency=bool(entry.get("per_agency", True)))
