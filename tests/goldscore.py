"""Score parser output against the gold readings with the rules of score_gold.py.

Tasks match by normalised title (first 40 characters, or a shared 12-character start);
pairs are (task, unit) over leads + units + implied; leads are explicit leads only.
Units compare after NFKC, without spaces, brackets, the document's city name or `市`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

TITLE_PUNCT = re.compile(r"[\s\u3000，,、。．.：:；;“”\"'‘’《》〈〉()（）\[\]【】]")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], pred: set[str]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else float(not self.fn)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    task: Counts = field(default_factory=Counts)
    pair: Counts = field(default_factory=Counts)
    lead: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"task F1={self.task.f1:.3f}  pair F1={self.pair.f1:.3f}  "
                f"lead F1={self.lead.f1:.3f}")


def title_key(title: str) -> str:
    return TITLE_PUNCT.sub("", unicodedata.normalize("NFKC", title or ""))[:40]


def unit_key(unit: str, city: str) -> str:
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", unit or ""))
    names = [city, city[:-1] if city.endswith(("市", "省")) else ""]
    for name in names:
        if name and s.startswith(name) and len(s) > len(name) + 1:
            s = s[len(name):]
            break
    city_prefix = s.startswith("市") and len(s) > 2 and not s.startswith(("市直", "市场"))
    if s.startswith("市市") or city_prefix:
        s = s[1:]
    return s.replace("(", "").replace(")", "")


def _all_units(task: dict, city: str) -> set[str]:
    return {unit_key(u, city) for k in ("leads", "units", "implied") for u in task.get(k, [])}


def _leads(task: dict, city: str) -> set[str]:
    return {unit_key(u, city) for u in task.get("leads", [])}


def match_tasks(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """Pair gold and predicted tasks by title, each used once."""
    pairs, used = [], set()
    for g in gold:
        gk = title_key(g["title"])
        cand = [i for i, p in enumerate(pred) if i not in used and title_key(p["title"]) == gk]
        if not cand:
            cand = [i for i, p in enumerate(pred) if i not in used and _near(gk, p)]
        if cand:
            used.add(cand[0])
            pairs.append((g, pred[cand[0]]))
    return pairs


def _near(gk: str, p: dict) -> bool:
    pk = title_key(p["title"])
    return bool(pk and gk) and (pk.startswith(gk[:12]) or gk.startswith(pk[:12]))


def score_document(gold: dict, pred: dict, score: Score) -> None:
    city = gold.get("city") or gold.get("province") or ""
    pairs = match_tasks(gold["tasks"], pred["tasks"])
    matched_g = {id(g) for g, _ in pairs}
    matched_p = {id(p) for _, p in pairs}
    score.task.tp += len(pairs)
    score.task.fp += len(pred["tasks"]) - len(pairs)
    score.task.fn += len(gold["tasks"]) - len(pairs)
    for g in gold["tasks"]:
        if id(g) not in matched_g:
            score.pair.add(_all_units(g, city), set())
            score.lead.add(_leads(g, city), set())
            score.errors.append(f"{gold['doc']}: missing task {g['no']} {g['title']}")
    for p in pred["tasks"]:
        if id(p) not in matched_p:
            score.pair.add(set(), _all_units(p, city))
            score.lead.add(set(), _leads(p, city))
            score.errors.append(f"{gold['doc']}: extra task {p['no']} {p['title']}")
    for g, p in pairs:
        gu, pu = _all_units(g, city), _all_units(p, city)
        gl, pl = _leads(g, city), _leads(p, city)
        score.pair.add(gu, pu)
        score.lead.add(gl, pl)
        if gu != pu or gl != pl:
            score.errors.append(f"{gold['doc']}: task {g['no']} {g['title'][:20]}: "
                                f"missing {sorted(gu - pu)} extra {sorted(pu - gu)} "
                                f"leads gold {sorted(gl)} pred {sorted(pl)}")
