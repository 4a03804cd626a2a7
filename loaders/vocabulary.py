"""The parser's vocabulary, read once from data/roles.yaml and data/sections.yaml.

Every part that needs a role word, a label or a section name asks this module, so the
words live in one place and a new one is a line of data, not a code change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders.datafiles import read_yaml

DATA = Path(__file__).with_name("data")


class VocabularyError(ValueError):
    """A vocabulary file is missing or malformed; the message names the file."""


def alternation(words: list[str]) -> str:
    """Longest first, so `牵头负责` wins over `牵头`."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Roles:
    """Labels, verbs and the clause kinds that name no unit."""

    label: re.Pattern[str]  # a label and its colon (or 【label】); group `name`
    label_roles: dict[str, str]  # label → lead / unit / scope / deadline
    verb_end: re.Pattern[str]  # a clause that ends in a role verb; groups `names`, `verb`
    verb_roles: dict[str, str]  # verb → lead / unit
    tail: re.Pattern[str]  # `等有关部门` after the last unit
    trailing: re.Pattern[str]  # tail, adverb and verb after the last unit: `等按职责分工负责`
    head: re.Pattern[str]  # `由` before the first unit
    with_others: re.Pattern[str]  # `会同有关部门`
    first_listed: re.Pattern[str]  # the printed first-listed-is-lead rule
    standing: re.Pattern[str]  # `以下均需X负责，不再列出`; group `units`
    not_unit: re.Pattern[str]  # whole clauses that name no unit
    any_word: re.Pattern[str]  # any label or verb: text that looks like an assignment
    verb_then_list: re.Pattern[str]  # `A牵头、B配合`: a verb, then 、 and the next clause
    role_name: re.Pattern[str]  # a role label with or without its colon, or a table header
    #                              naming a role: 责任单位, 牵头部门, 指导部门, 配合单位（部门）

    def label_role(self, name: str) -> str:
        """A label's role; any other label with 牵头 in it leads."""
        return self.label_roles.get(name) or ("lead" if "牵头" in name else "unit")


def _stems(label_roles: dict[str, str]) -> list[str]:
    """What unit labels say before 单位/部门/主体: 责任, 主责, 协办 …"""
    stems = (re.sub(r"(?:单位|部门|主体)$", "", w) for w, role in label_roles.items()
             if role in ("lead", "unit"))
    return [s for s in stems if s]


@dataclass(frozen=True)
class Sections:
    """Which headings close a part to tasks, and the lines that end items."""

    not_tasks: re.Pattern[str]
    tasks: re.Pattern[str]
    box: re.Pattern[str]
    attachment: re.Pattern[str]
    closing: re.Pattern[str]

    def holds_no_tasks(self, title: str) -> bool:
        """A part whose title is only such words (`总体要求`, `指导思想和发展目标`)."""
        title = title.strip(" \u3000。.:：;；,，")
        return bool(self.not_tasks.fullmatch(title)) and not self.tasks.search(title)


@cache
def roles() -> Roles:
    data = read_yaml(DATA / "roles.yaml", VocabularyError)
    try:
        return _roles(data)
    except (KeyError, TypeError, re.error) as err:
        raise VocabularyError(f"{DATA / 'roles.yaml'}: {err}") from None


def _roles(data: dict) -> Roles:
    label_roles = {w: role for role, words in data["labels"].items() for w in words}
    verb_roles = {w: role for role, words in data["verbs"].items() for w in words}
    labels = alternation(list(label_roles))
    generic_lead = r"[^\s:：，,；;、（）()]{0,6}牵头[^\s:：，,；;、（）()]{0,4}(?:单位|部门)"
    adverbs = alternation(data["adverbs"])
    tails = alternation(data["tails"])
    verbs = alternation(list(verb_roles))
    return Roles(
        label=re.compile(
            rf"[【\[]?(?P<name>{labels}|{generic_lead})(?:[】\]]\s*[:：]?|\s*[:：])"),
        label_roles=label_roles,
        verb_end=re.compile(
            rf"^(?P<names>.*?)(?:{tails})?(?:{adverbs})?(?P<verb>{verbs})$", re.S),
        verb_roles=verb_roles,
        tail=re.compile(rf"(?:{tails})$"),
        trailing=re.compile(rf"(?:{tails})?(?:{adverbs})?(?:{verbs})$|(?:{tails})$"),
        head=re.compile(rf"^(?:{alternation(data['heads'])})"),
        with_others=re.compile(data["with_others"]),
        first_listed=re.compile("|".join(f"(?:{p})" for p in data["first_listed_rule"])),
        standing=re.compile(data["standing_rule"]),
        not_unit=re.compile("|".join(f"(?:{p})" for p in data["not_units"])),
        any_word=re.compile(rf"{labels}|{verbs}"),
        verb_then_list=re.compile(rf"(?:{verbs})(?=、)"),
        role_name=re.compile(
            rf"(?:{alternation(_stems(label_roles))}|{verbs})\S{{0,4}}(?:单位|部门|主体)"),
    )


def _joined(words: list[str]) -> str:
    """Words, alone or joined by 和/与/及/、: `指导思想和基本原则`."""
    word = f"(?:{'|'.join(words)})"
    return rf"{word}(?:[和与及、]{word})*"


@cache
def sections() -> Sections:
    data = read_yaml(DATA / "sections.yaml", VocabularyError)
    try:
        return Sections(
            not_tasks=re.compile(_joined(data["not_tasks"])),
            tasks=re.compile("|".join(data["tasks"])),
            box=re.compile(data["box"]),
            attachment=re.compile(data["attachment"]),
            closing=re.compile(data["closing"]),
        )
    except (KeyError, TypeError, re.error) as err:
        raise VocabularyError(f"{DATA / 'sections.yaml'}: {err}") from None
