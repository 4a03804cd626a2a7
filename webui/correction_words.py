"""The correction pages' words: action names, and the loaders' reasons in Chinese.

The loaders say in English why a record matches nothing (`loaders.correct`), for the
command line; the pages show the same reason in Chinese, from the patterns in
correction_words.yaml. A reason no pattern knows is shown as the loaders wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders.datafiles import read_yaml

DATA = Path(__file__).with_name("correction_words.yaml")
# "task 3 加快建设…" as the loaders name a task in a reason
TASK = re.compile(r"task (?P<no>\S+) (?P<title>.+)", re.DOTALL)


class WordsError(Exception):
    """correction_words.yaml is missing a part or malformed."""


@dataclass(frozen=True)
class Words:
    actions: dict[str, str]
    roles: dict[str, str]
    task: str
    plan: str
    reasons: tuple[tuple[re.Pattern[str], str], ...]

    def action(self, action: str) -> str:
        return self.actions.get(action, action)

    def reason(self, text: str) -> str:
        """A loaders' reason in Chinese, or as it is when no pattern knows it."""
        for pattern, words in self.reasons:
            found = pattern.fullmatch(text)
            if found:
                parts = {k: v for k, v in found.groupdict().items()}
                if "task" in parts:
                    parts["task"] = self._task(parts["task"])
                if "role" in parts:
                    parts["role"] = self.roles.get(parts["role"], parts["role"])
                return words.format(**parts)
        return text

    def _task(self, text: str) -> str:
        found = TASK.fullmatch(text)
        return self.task.format(**found.groupdict()) if found else self.plan


@cache
def words(path: Path = DATA) -> Words:
    data = read_yaml(path, WordsError)
    try:
        reasons = tuple((re.compile(r["pattern"], re.DOTALL), str(r["words"]))
                        for r in data["reasons"])
        return Words(actions=dict(data["actions"]), roles=dict(data["roles"]),
                     task=str(data["task"]), plan=str(data["plan"]), reasons=reasons)
    except (KeyError, TypeError, re.error) as err:
        raise WordsError(f"{path}: needs actions, roles, task, plan and reasons "
                         f"({type(err).__name__}: {err})") from None
