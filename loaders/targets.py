"""Read quantitative targets: `到2025年，全市5G基站达到1.2万个` is 5G基站 = 1.2 万个 in 2025.

A plan's targets are what its offices report on, so each is kept with its metric, value,
unit, comparison and year, and the phrase and span it was printed in. Every number with a
unit is a candidate; it is a target when the words around it give it one of four shapes
(data/targets.yaml): a level (`占比达50%以上`), a built object after the number
(`累计建成2.5万个5G基站`) or before it (`建设5G基站2000个`), or a number opening its clause
(`5家医院开展互联网诊疗服务`). Targets printed in a task item belong to the task; those of
the goals section (发展目标, 主要目标 …) belong to the plan.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from graph.model import Target
from loaders.datafiles import read_yaml
from loaders.deadlines import ascii_width
from loaders.outline import Node, walk
from loaders.passage import Passage
from loaders.vocabulary import VocabularyError, alternation, sections

DATA = Path(__file__).with_name("data") / "targets.yaml"
CLAUSE = "，,；;。！？!?\n、：:"
CLAUSE_START = re.compile(f"[{CLAUSE}]")
SENTENCE_END = "。！？!?\n"
SENTENCE_START = re.compile(f"[{SENTENCE_END}]")
# Right after a number: it describes what follows (`2000万元以上的企业`, `300平方米（含）的`).
CONDITION = re.compile(r"(?:[（(][^）)]{0,4}[）)])?的")
# Where an object printed after a number ends: its clause, or the next number it is joined
# to (`建设1000套专家公寓和10000套人才公寓`).
OBJECT_END = re.compile(rf"[{CLAUSE}]|[和及与]\s?\d")
# What may follow a number that closes its clause: a separator, a bracket or the end.
CLOSES = CLAUSE + "（("
NUMBER = r"[0-9][0-9]*(?:\.[0-9]+)?"  # one digit first: the engine can skip to digits
Offsets = Callable[[int, int], tuple[int, int]]
CHANGES = ("increase_by", "decrease_by")
DIGIT = re.compile(r"[0-9]")
VERB_REACH = 8  # the longest verb and gap: a verb is looked for in the last 8 characters
# A level verb after `每…` keeps its subject: `每万人拥有5G基站30个`.
PER_SUBJECT = "每"
# A year as printed, for the target's year: `到2025年`, `2024年底`.
YEAR_TOKEN = re.compile(r"((?:19|20)\d{2})\s?年")
# Before a number: it is the tail of a token (IPv6, 2022-2025, 4K/8K).
PART_OF = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-—–~～/"
# After a unitless number: it is part of a date, a code or a token (2025年, 3:7, 5G).
NOT_A_VALUE = re.compile(r"[0-9A-Za-z.年月日号:+\-—–~～/]")


@dataclass(frozen=True)
class Vocabulary:
    anchor: re.Pattern[str]  # a number, its unit and its bound; groups num, num2, unit, qual
    verb_end: re.Pattern[str]  # a verb (and gap) closing the text before a number
    build: re.Pattern[str]  # any build verb that may stand apart from its number
    shapes: dict[str, tuple[str, str]]  # verb → ("level" | "build", comparison)
    qualifiers: dict[str, str]
    lead: re.Pattern[str]  # fillers and years at the front of a metric
    base: re.Pattern[str]  # a base of comparison at the end of a metric: 较2020年
    unit_words: tuple[str, ...]
    policy: re.Pattern[str]
    money_policy: re.Pattern[str]
    money_units: tuple[str, ...]
    rate: re.Pattern[str]  # 每 and a build verb: `每认定1家`, `每建成一个`
    condition_heads: tuple[str, ...]
    goal: re.Pattern[str]
    base_before: str
    base_after: tuple[str, ...]
    goal_section: re.Pattern[str]


@cache
def vocabulary() -> Vocabulary:
    data = read_yaml(DATA, VocabularyError)
    try:
        return _vocabulary(data)
    except (KeyError, TypeError, AttributeError, ValueError, re.error) as err:
        raise VocabularyError(f"{DATA}: {err}") from None


def _vocabulary(data: dict) -> Vocabulary:
    shapes: dict[str, tuple[str, str]] = {}
    for shape in ("level", "build"):
        for comparison, verbs in data[f"{shape}_verbs"].items():
            for verb in verbs:
                if verb in shapes:
                    raise ValueError(f"verb {verb} is listed twice")
                shapes[verb] = (shape, comparison)
    mult, per = alternation(data["multipliers"]), alternation(data["per"])
    unit = rf"(?:(?:{mult})?(?:{alternation(data['units'])})|(?:{mult}))(?:{per})?"
    qualifiers = dict(data["qualifiers"])
    build = [v for v, (shape, _) in shapes.items()
             if shape == "build" and v not in data["noun_openers"]]
    latin = alternation([u for u in data["units"] if u[0].isascii() and u[0].isalpha()])
    return Vocabulary(
        anchor=re.compile(
            # a letter right after the number glues it into a token (5G, 4K) unless a unit
            # in Latin letters starts there (10Gbps): refused here, before any Python runs
            rf"(?P<num>{NUMBER})(?!(?!{latin})[A-Za-z])"
            rf"(?:\s?[-—–~～]\s?(?P<num2>{NUMBER}))?"
            rf"\s?(?P<unit>{unit})?(?P<qual>{alternation(list(qualifiers))})?"),
        verb_end=re.compile(rf"(?P<verb>{alternation(list(shapes))})(?:{alternation(data['gap'])})?$"),
        build=re.compile(alternation(build)),
        shapes=shapes,
        qualifiers=qualifiers,
        lead=re.compile(
            rf"^(?:{alternation(data['fillers'])}|(?:到|至)?(?:19|20)\d{{2}}\s?年(?:底|末)?|\d+年内|"
            rf"[\s{CLAUSE}])+"),
        base=re.compile(rf"(?:(?:{alternation(data['base_before'])})(?:上年|去年|上一年|"
                        rf"(?:19|20)\d{{2}}\s?年(?:底|末)?)(?:相比)?|同比)$"),
        unit_words=tuple(data["unit_words"]),
        policy=re.compile(alternation(data["policy_terms"])),
        money_policy=re.compile(alternation(data["policy_terms"] + data["money_terms"])),
        money_units=tuple(data["money_units"]),
        rate=re.compile(
            rf"每(?:{alternation([v for v, (k, _) in shapes.items() if k == 'build'])})"),
        condition_heads=tuple(data["condition_heads"]),
        goal=re.compile(alternation(data["goal_marks"])),
        base_before="".join(data["base_before"]),
        base_after=tuple(data["base_after"]),
        goal_section=re.compile(str(data["goal_section"])),
    )


@dataclass(frozen=True)
class _Text:
    """The text read, reversed (to find the separator before a position in one search),
    and the years it prints."""

    plain: str  # full-width digits and letters as ASCII, one for one
    rev: str
    years: list[tuple[int, int]]  # (offset, year)

    def clause_start(self, pos: int) -> int:
        return self._back(CLAUSE_START, pos)

    def sentence_start(self, pos: int) -> int:
        return self._back(SENTENCE_START, pos)

    def clause_end(self, pos: int) -> int:
        stop = CLAUSE_START.search(self.plain, pos)
        return stop.start() if stop else len(self.plain)

    def year(self, pos: int) -> int | None:
        at = bisect_left(self.years, (pos,)) - 1
        return self.years[at][1] if at >= 0 else None

    def _back(self, separators: re.Pattern[str], pos: int) -> int:
        """Just after the last separator before `pos` (0 if none)."""
        n = len(self.plain)
        found = separators.search(self.rev, n - pos)
        return n - found.start() if found else 0


class _Found(NamedTuple):
    """A target as read, before its year, phrase and document offsets are set."""

    metric: str
    unit: str
    comparison: str
    start: int
    end: int


def read_targets(text: str, offsets: Offsets | None = None) -> list[Target]:
    """Every target in `text`; `offsets` turns a span of `text` into a document span."""
    v = vocabulary()
    plain = ascii_width(text)
    anchors = [m for m in v.anchor.finditer(plain) if _stands_alone(plain, m, v)]
    if not anchors:
        return []
    t = _Text(plain, plain[::-1], _years(plain, v))
    out: list[Target] = []
    done = 0  # where the last target's phrase ended: the next one's metric starts after it
    for m in anchors:
        year = t.year(m.start())
        found = _target(t, m, max(done, t.clause_start(m.start())), year, v)
        if found is None or not _a_target(t, m, found, v):
            continue
        start, end = offsets(found.start, found.end) if offsets else (found.start, found.end)
        out.append(Target(found.metric, float(m.group("num")), found.unit, found.comparison,
                          year, text[found.start:found.end], start, end))
        done = found.end
    return out


def passage_targets(passage: Passage) -> list[Target]:
    """An item's targets with document offsets."""
    return read_targets(passage.text, lambda a, b: (passage.doc(a), passage.doc_end(b)))


def cell_targets(text: str, start: int) -> list[Target]:
    """A table cell's targets; `start` is the cell's document offset."""
    return read_targets(text, lambda a, b: (a + start, b + start))


def plan_targets(roots: list[Node]) -> list[Target]:
    """The targets of the plan's goals sections (发展目标, 主要目标 …), in document order."""
    v = vocabulary()
    seen: set[int] = set()
    out: list[Target] = []
    for node in walk(roots):
        if id(node) in seen or not v.goal_section.search(node.first) or not _goals(
                node.title, v):
            continue
        for part in walk([node]):
            seen.add(id(part))
            out += passage_targets(part.passage)
    return out


def _goals(title: str, v: Vocabulary) -> bool:
    """A goals heading, also run in: `发展目标：到2025年，…`."""
    head = re.split(r"[：:，,]", title, maxsplit=1)[0]
    return bool(v.goal_section.search(head)) and sections().holds_no_tasks(head)


def _years(text: str, v: Vocabulary) -> list[tuple[int, int]]:
    """(offset, year) of each year printed as a target's year, not as a base."""
    out = []
    for m in YEAR_TOKEN.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        if before.isdigit() or (before and before in v.base_before) or text.startswith(
                v.base_after, m.end()):
            continue
        out.append((m.start(), int(m.group(1))))
    return out


def _target(t: _Text, m: re.Match[str], w0: int, year: int | None,
            v: Vocabulary) -> _Found | None:
    """The target the number at `m` states, by the words before and after it."""
    text = t.plain
    unit = m.group("unit") or ""
    window = text[w0:m.start()]
    verb = v.verb_end.search(window, max(0, len(window) - VERB_REACH))
    if verb:
        shape, comparison = v.shapes[verb.group("verb")]
        if shape == "level":
            if comparison in CHANGES and not _a_goal(t, m, year, v):
                return None
            return _level(text, m, w0, w0 + verb.start(), comparison, v)
        return _built(text, m, w0, w0 + verb.start(), verb.group("verb"), comparison, v)
    if not unit:
        return None
    return _between(text, m, w0, v) or _leading(text, m, window, v)


def _between(text: str, m: re.Match[str], w0: int, v: Vocabulary) -> _Found | None:
    """`建设5G基站2000个`: a build verb, the object, the number closing its clause."""
    built = _last(v.build.finditer(text, w0, m.start()))
    if built is None or not _closes(text, m.end()):
        return None
    obj = text[built.end():m.start()].strip()
    start, subject = _metric(text, w0, built.start(), v)
    if subject.startswith(PER_SUBJECT):  # `每万人拥有5G基站30个`
        obj = subject + text[built.start():m.start()].strip()
    else:
        start = built.start()
    return _make(m, obj, v.shapes[built.group()][1], start, m.end(), v) if obj else None


def _leading(text: str, m: re.Match[str], window: str, v: Vocabulary) -> _Found | None:
    """`5家医院开展互联网诊疗服务`: the number opens its clause, the object follows."""
    after = _after(text, m.end())
    if v.lead.sub("", window) or not after or DIGIT.search(after):
        return None  # `500Mbps及以上宽带用户占比达到80%`: the number describes the metric
    metric = after[1:] if after.startswith("的") else after  # `50%以上的文化馆…`
    return _make(m, metric, "=", m.start(), m.end() + len(after), v)


def _level(text: str, m: re.Match[str], w0: int, verb_at: int, comparison: str,
           v: Vocabulary) -> _Found | None:
    """`全市5G基站达到1.2万个`: the metric before the verb; an object printed after the
    number completes it (`选拔资助不少于100名青年科技人员`)."""
    if not m.group("unit") and not _closes(text, m.end()):
        return None
    start, metric = _metric(text, w0, verb_at, v)
    after = _after(text, m.end()) if m.group("unit") else ""
    if not _object(after):
        after = ""  # `10.5Tbps(万亿比特每秒)`, `10平方米的标准`: a gloss or a condition
    if not metric and not after:
        return None
    return _make(m, metric + after, comparison, start if metric else verb_at,
                 m.end() + len(after), v)


def _built(text: str, m: re.Match[str], w0: int, verb_at: int, verb: str, comparison: str,
           v: Vocabulary) -> _Found | None:
    """`累计建成2.5万个5G基站`: the object after the number; `计划投资7亿元`: what is
    before the number."""
    if not m.group("unit"):
        return None
    after = _after(text, m.end())
    if after:
        return _make(m, after, comparison, verb_at, m.end() + len(after), v)
    start, subject = _metric(text, w0, verb_at, v)
    return _make(m, subject + verb, comparison, start, m.end(), v)


def _make(m: re.Match[str], metric: str, comparison: str, start: int, end: int,
          v: Vocabulary) -> _Found:
    qual = m.group("qual")
    bound = v.qualifiers[qual] if qual else None
    if m.group("num2") and comparison == "=":
        bound = "≥"  # `培育1-2家`: at least the lower figure
    if bound and comparison == "=":
        comparison = bound
    return _Found(metric.strip(), m.group("unit") or "", comparison, start, end)


def _metric(text: str, a: int, b: int, v: Vocabulary) -> tuple[int, str]:
    """text[a:b] without fillers and years at its front and a base at its end: (its
    offset, the metric)."""
    piece = text[a:b]
    lead = v.lead.match(piece)
    skip = lead.end() if lead else 0
    return a + skip, v.base.sub("", piece[skip:].rstrip(" 的"))


def _after(text: str, pos: int) -> str:
    """The object printed after a number, up to the end of its clause."""
    stop = OBJECT_END.search(text, pos)
    return text[pos: stop.start() if stop else len(text)].rstrip(" ")


def _object(after: str) -> bool:
    """Text after a number that names what is counted: words, not a bracket, a quote, a
    `的` clause or another number."""
    return bool(after) and "\u4e00" <= after[0] <= "\u9fff" and after[0] != "的" and (
        not DIGIT.search(after))


def _closes(text: str, pos: int) -> bool:
    return pos >= len(text) or text[pos] in CLOSES


def _stands_alone(text: str, m: re.Match[str], v: Vocabulary) -> bool:
    """Not part of a date, a code, a token or a word: 2025年, 3:7, 5G, IPv6, 121人才."""
    if m.start() and text[m.start() - 1] in PART_OF:
        return False
    unit = m.group("unit") or ""
    nxt = text[m.end():m.end() + 1]
    if not unit:
        return not NOT_A_VALUE.match(nxt)
    if text.startswith(v.unit_words, m.start("unit")):
        return False
    return not (unit[-1].isascii() and unit[-1].isalpha() and nxt.isascii() and nxt.isalnum())


def _a_target(t: _Text, m: re.Match[str], found: _Found, v: Vocabulary) -> bool:
    """Not a policy term (a subsidy, a cap, an award threshold), not a condition
    (`对…达到2000万元以上的企业`), and a metric of a word at least."""
    text, metric = t.plain, found.metric
    if len(metric) < 2 or metric.startswith(v.condition_heads):
        return False
    b = t.clause_end(found.end)
    if CONDITION.match(text, found.end) or text[found.start:b].rstrip().endswith("的"):
        return False  # `…达到2000万元以上的企业`, `面积超过300平方米（含）的，`: conditions
    if v.rate.search(text, max(0, found.start - 1), found.end):
        return False  # `每认定1家给予…`: a rate
    a = t.sentence_start(m.start())
    terms = v.money_policy if found.unit.endswith(v.money_units) else v.policy
    return not terms.search(text, a, b)


def _a_goal(t: _Text, m: re.Match[str], year: int | None, v: Vocabulary) -> bool:
    """A change (`增长`, `下降`) is a goal with a year, a bound or a goal word in its clause;
    `较上年增长12%` alone reports the past. A built one (`新增`) is always a goal."""
    clause = t.plain[t.clause_start(m.start()):m.end()]
    return year is not None or bool(m.group("qual")) or bool(v.goal.search(clause))


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = None
    for found in matches:  # noqa: B007 - the last one is wanted
        pass
    return found
