"""The task key a returned 任务清单 row is matched by: what a reload of the plan gives again.

Graph task ids count positions (`003_ce560822e58bcc91-001`) and change when a plan is
read differently; a report must stay with its task as long as the task reads the same. As
in the corrections' keys (loaders.correction_records), a task is its plan, its printed
number and its title, compared in NFKC without whitespace:

    3f2a9b1c0d4e-(三)-5be0c1a2
    └ plan ─────┘ └no┘ └ title ┘

The plan part is the plan's issuer and 文号 when both are printed (graph.identity's "same
plan": a revision that keeps them keeps the keys of the tasks it leaves alone), else its
fingerprint (`Document.fingerprint`: the text as it reads, the same whether the plan was
loaded as TXT, DOCX or HTML, and across reloads and rebuilds). Twelve and eight hex
digits: collisions among the few thousand plans and tasks of an office are not a
practical concern, and a key that does match two tasks is refused on import rather than
guessed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from webui.supervision.vocabulary import comparable

PLAN_DIGITS, TITLE_DIGITS = 12, 8
# `3f2a9b1c0d4e-(三)-5be0c1a2`: plan part, printed number (word characters and brackets
# only), title hash. The number may be empty (an item printed without one).
KEY = re.compile(r"(?P<plan>[0-9a-f]{12})-(?P<no>[\w()]*)-(?P<title>[0-9a-f]{8})")
NOT_IN_NUMBER = re.compile(r"[^\w()]")  # what a printed number loses in the key: `1.` → `1`


def _digest(text: str, digits: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:digits]


@lru_cache(maxsize=1 << 14)
def plan_part(issuer: str | None, doc_number: str | None, fingerprint: str | None) -> str:
    """The plan's part of its tasks' keys: by issuer and 文号 when both are printed.
    Kept for the last 16,384 plans: the ledger is read a row per task."""
    issuer, number = comparable(issuer or ""), comparable(doc_number or "")
    if issuer and number:
        return _digest(f"number|{issuer}|{number}", PLAN_DIGITS)
    return _digest(f"text|{fingerprint or ''}", PLAN_DIGITS)


def number_part(no: str | None) -> str:
    return NOT_IN_NUMBER.sub("", comparable(no or ""))


def task_key(plan: str, no: str | None, title: str | None) -> str:
    """The key of task `no` titled `title` in the plan whose `plan_part` is `plan`."""
    return f"{plan}-{number_part(no)}-{_digest(comparable(title or ''), TITLE_DIGITS)}"


@dataclass(frozen=True)
class ParsedKey:
    plan: str
    no: str
    title: str


@lru_cache(maxsize=1 << 16)
def parse_key(text: str) -> ParsedKey | None:
    """The parts of a key as typed in a sheet (spaces and full-width forms allowed).
    Kept for the last 65,536 keys: the overview looks up every newest report's key (3,000
    at scale 1000) on each request, and the NFKC pass is most of a lookup's time."""
    found = KEY.fullmatch(comparable(text))
    return ParsedKey(found["plan"], found["no"], found["title"]) if found else None
