"""Read when work falls due: `2024年6月底前完成`, `年内`, `每季度`, `长期坚持`, `完成时限：2025年`.

A coordination office chases deadlines, so every one a plan prints is kept with its phrase,
its kind (a date, a recurrence, ongoing work) and its normalised form: a date is the last day
of the month, quarter, half-year or year printed. Running text and deadline labels or
columns (`完成时限：`, read through the label vocabulary of data/roles.yaml) are read alike,
except that a bare year or `长期` counts only in a label or column: in running text a year
alone is when a target is measured. The words, and the decisions about what is not a
deadline, are in data/deadlines.yaml.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from graph.model import Deadline
from loaders.datafiles import read_yaml
from loaders.passage import Passage
from loaders.vocabulary import VocabularyError, alternation, roles

DATA = Path(__file__).with_name("data") / "deadlines.yaml"
# Full-width digits, letters and marks read as ASCII, one character for one, so that the
# offsets of a match are the offsets of the printed text: ２０２５年 is 2025年.
WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
YEAR = r"(?:19|20)\d{2}"
QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Where a deadline label's clause ends: `完成时限：2021年底；责任单位：…` stops at `；`.
LABEL_CLAUSE_END = re.compile(r"[，,；;。）)\n]")


@dataclass(frozen=True)
class Vocabulary:
    pattern: re.Pattern[str]  # every form, one alternative per named group
    starts: re.Pattern[str]  # where a form can start: where to try `pattern`
    recurring: dict[str, str]
    ongoing: frozenset[str]
    not_after: tuple[str, ...]
    range_start: re.Pattern[str]  # a link and a number: what follows the start of a range
    not_before: str
    validity: re.Pattern[str]
    this_year_not_after: str
    title_before: re.Pattern[str]  # a title word and an opening bracket, at the end
    five_year_plans: dict[str, int]


@cache
def vocabulary() -> Vocabulary:
    data = read_yaml(DATA, VocabularyError)
    try:
        return _vocabulary(data)
    except (KeyError, TypeError, AttributeError, re.error) as err:
        raise VocabularyError(f"{DATA}: {err}") from None


def _vocabulary(data: dict) -> Vocabulary:
    ends, by = alternation(data["ends"]), alternation(data["by"])
    link = alternation(data["range_links"])
    mark = rf"(?:(?:{ends})(?:{by})?|(?:{by}))"
    words = list(data["recurring"]) + data["ongoing"] + data["ongoing_labelled"]
    plans = alternation(list(data["five_year_plans"]))
    # One alternative per form, tried left to right at each position: the most specific
    # (a range, a day) before the less (a month, a year).
    pattern = "|".join((
        # 2021—2023年, 2021年至2023年底
        rf"(?P<range>{YEAR})年?\s?(?:{link})\s?(?P<range_end>{YEAR})\s?年(?:{mark})?",
        # 2021年6月30日前
        rf"(?P<day_y>{YEAR})\s?年\s?(?P<day_m>\d{{1,2}})\s?月\s?(?P<day_d>\d{{1,2}})\s?日"
        rf"(?:{by})?",
        # 2022年第三季度末, 2022年一季度
        rf"(?P<quarter_y>{YEAR})\s?年\s?第?(?P<quarter>[一二三四1-4])\s?季度(?:{mark})?",
        # 2023年上半年
        rf"(?P<half_y>{YEAR})\s?年\s?(?P<half>[上下])半年(?:{mark})?",
        # 2024年6月底前, 2020年10月
        rf"(?P<month_y>{YEAR})\s?年\s?(?P<month>\d{{1,2}})\s?月份?(?:{mark})?",
        # 2025年底前, 2025年年底, 2025年 (the mark is checked in code: a bare year counts
        # only in a label)
        rf"(?P<year>{YEAR})\s?年(?P<year_mark>{mark})?",
        # “十四五”末 (the phrase starts at 十)
        rf"(?P<plan>{plans})[”\"]?(?:规划)?(?:{alternation(data['five_year_ends'])})",
        rf"(?P<this_year>{alternation(data['this_year'])})",
        rf"(?P<word>{alternation(words)})",
    ))
    title = alternation(data["title_words"])
    return Vocabulary(
        pattern=re.compile(pattern),
        starts=_starts([*words, *data["this_year"], *data["five_year_plans"]]),
        recurring=dict(data["recurring"]),
        ongoing=frozenset(data["ongoing"]),
        not_after=tuple(sorted(data["not_after"], key=len, reverse=True)),
        range_start=re.compile(rf"\s?(?:{link})\s?[0-9]"),
        not_before="".join(data["not_before"]),
        validity=re.compile(alternation(data["validity"])),
        this_year_not_after=str(data["this_year_not_after"]),
        title_before=re.compile(rf"(?:{title})\s?[(（]$"),
        five_year_plans={str(k): int(v) for k, v in data["five_year_plans"].items()},
    )


def _starts(words: list[str]) -> re.Pattern[str]:
    """Where a form can start: a year (19xx, 20xx) or the first two characters of a word,
    so that the full pattern is tried a few times per item, not at every 年 or 持. The
    pattern opens with one character class, which the engine scans for in C."""
    seconds: dict[str, set[str]] = {"1": {"9"}, "2": {"0"}}
    for w in words:
        seconds.setdefault(w[0], set()).add(w[1:2])
    firsts = "".join(sorted(seconds))
    then = [f"(?<={re.escape(c)})" + (f"(?=[{re.escape(''.join(sorted(s)))}])"
                                      if "" not in s else "")
            for c, s in sorted(seconds.items())]
    return re.compile(f"[{re.escape(firsts)}](?:{'|'.join(then)})")


def read_deadlines(text: str) -> list[Deadline]:
    """Every deadline in running text, deadline label clauses included; offsets in `text`."""
    found: list[Deadline] = []
    pos = 0
    for a, b in _label_clauses(text):
        found += _read(text, pos, a, labelled=False)
        found += _read(text, a, b, labelled=True)
        pos = b
    return found + _read(text, pos, len(text), labelled=False)


def read_labelled(text: str) -> list[Deadline]:
    """Every deadline in the text of a deadline column or label: `2025年`, `长期` count."""
    return _read(text, 0, len(text), labelled=True)


def passage_deadlines(passage: Passage) -> list[Deadline]:
    """An item's deadlines with document offsets."""
    return [replace(d, start=passage.doc(d.start), end=passage.doc_end(d.end))
            for d in read_deadlines(passage.text)]


def text_deadlines(text: str, start: int) -> list[Deadline]:
    """Deadlines in running text that starts at document offset `start` (a table cell)."""
    return _shifted(read_deadlines(text), start)


def cell_deadlines(text: str, start: int) -> list[Deadline]:
    """A deadline cell's deadlines; `start` is the cell's document offset."""
    return _shifted(read_labelled(text), start)


def _shifted(deadlines: list[Deadline], start: int) -> list[Deadline]:
    return [replace(d, start=d.start + start, end=d.end + start) for d in deadlines]


def in_plan_year(deadlines: list[Deadline], year: int | None) -> list[Deadline]:
    """`年内`, `今年底`: the end of the plan's own year, once the year is known."""
    if year is None:
        return deadlines
    return [replace(d, date=f"{year}-12-31") if d.kind == "date" and d.date is None else d
            for d in deadlines]


def first_date(deadlines: list[Deadline]) -> str | None:
    """The first dated deadline's ISO date: the task's `deadline`."""
    return next((d.date for d in deadlines if d.kind == "date" and d.date), None)


@cache
def deadline_label() -> re.Pattern[str]:
    """Any deadline label of data/roles.yaml (完成时限, 时间节点 …)."""
    labels = [w for w, role in roles().label_roles.items() if role == "deadline"]
    return re.compile(alternation(labels))


def _label_clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses that deadline labels introduce (`完成时限：2021年底`)."""
    r = roles()
    if ("：" not in text and ":" not in text) or not deadline_label().search(text):
        return []
    spans = []
    for m in r.label.finditer(text):
        if r.label_role(m.group("name")) != "deadline":
            continue
        stop = LABEL_CLAUSE_END.search(text, m.end())
        spans.append((m.end(), stop.start() if stop else len(text)))
    return spans


def _read(text: str, a: int, b: int, labelled: bool) -> list[Deadline]:
    v = vocabulary()
    plain = ascii_width(text[a:b])
    out = []
    for m in _matches(plain, v):
        found = _deadline(m, v, labelled)
        if found is None or not _stands_alone(plain, m, v) or _in_title(plain, m.start(), v) or (
                not labelled and _not_due(plain, m, v)):
            continue
        out.append(replace(found, phrase=text[a + m.start():a + m.end()],
                           start=a + m.start(), end=a + m.end()))
    return out


@lru_cache(maxsize=4)
def ascii_width(text: str) -> str:
    """Full-width digits, letters and marks as ASCII, one character for one (kept for the
    last few texts: the deadline and the target readers read the same item in turn)."""
    return text.translate(WIDTH) if FULL_WIDTH.search(text) else text


def _matches(text: str, v: Vocabulary) -> Iterator[re.Match[str]]:
    """What `v.pattern.finditer` gives, tried only where a form can start (ten times
    faster: the pattern's alternatives share no prefix the engine could skip on)."""
    pos = 0
    for start in v.starts.finditer(text):
        i = start.start()
        if i < pos:
            continue
        m = v.pattern.match(text, i)
        if m:
            yield m
            pos = m.end()


def _deadline(m: re.Match[str], v: Vocabulary, labelled: bool) -> Deadline | None:
    """The deadline a match prints (phrase and span set by the caller), or None when the
    form does not count here: a bare year or `长期` outside a label, an impossible date."""
    g = m.groupdict()
    if g["range"]:
        return _date(_year_end(int(g["range_end"])))
    if g["day_y"]:
        return _date(_day(int(g["day_y"]), int(g["day_m"]), int(g["day_d"])))
    if g["quarter_y"]:
        return _date(_month_end(int(g["quarter_y"]), 3 * QUARTERS[g["quarter"]]))
    if g["half_y"]:
        return _date(_month_end(int(g["half_y"]), 6 if g["half"] == "上" else 12))
    if g["month_y"]:
        return _date(_month_end(int(g["month_y"]), int(g["month"])))
    if g["year"]:
        return _date(_year_end(int(g["year"]))) if g["year_mark"] or labelled else None
    if g["plan"]:
        return _date(_year_end(v.five_year_plans[g["plan"]]))
    if g["this_year"]:
        return Deadline(phrase="", kind="date")
    return _word(g["word"], v, labelled)


def _word(word: str, v: Vocabulary, labelled: bool) -> Deadline | None:
    if word in v.recurring:
        return Deadline(phrase="", kind="recurring", recurrence=v.recurring[word])
    if word in v.ongoing or labelled:
        return Deadline(phrase="", kind="ongoing")
    return None


def _date(iso: str | None) -> Deadline | None:
    return Deadline(phrase="", kind="date", date=iso) if iso else None


def _year_end(year: int) -> str:
    return f"{year}-12-31"


def _month_end(year: int, month: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _day(year: int, month: int, day: int) -> str | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year}-{month:02d}-{day:02d}"


def _stands_alone(text: str, m: re.Match[str], v: Vocabulary) -> bool:
    """Not a base or a start (`较2020年底`, `2021年3月以来`), not inside a number or
    another phrase (`五年内`, `每年底前`)."""
    before = text[m.start() - 1] if m.start() else ""
    if before.isdigit() or (before and before in v.not_before):
        return False
    if m.group("this_year") and before and before in v.this_year_not_after:
        return False
    return not (text.startswith(v.not_after, m.end()) or v.range_start.match(text, m.end()))


def _not_due(text: str, m: re.Match[str], v: Vocabulary) -> bool:
    """A day alone on its line (the signature's date), a validity period, a rate
    (`每人每年`)."""
    if m.group("day_y") and m.group().endswith("日"):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        rest = text[m.end():] if line_end < 0 else text[m.end():line_end]
        if not text[line_start:m.start()].strip() and not rest.strip():
            return True
    clause_start = max(text.rfind(ch, 0, m.start()) for ch in "，,；;。\n") + 1
    if v.validity.search(text, clause_start, m.start()):
        return True
    return bool(m.group("word")) and ("每" in text[max(0, m.start() - 3):m.start()]
                                      or text.startswith("每", m.end()))


def _in_title(text: str, start: int, v: Vocabulary) -> bool:
    """Inside a cited title (`《…（2021—2023年）》`) or a plan's bracketed years
    (`三年行动计划(2020—2022年)`)."""
    if text.rfind("《", 0, start) > text.rfind("》", 0, start):
        return True
    return v.title_before.search(text, max(0, start - 6), start) is not None
