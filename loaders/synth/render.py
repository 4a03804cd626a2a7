"""Print a drawn plan the way city governments publish them, in one of four styles.

- inline: `1. 标题。正文。(责任单位:市工信局、市发改委,市通管办)`, sometimes with 牵头单位;
- standing: `(市工信局、发改委、财政局,…等负责)`, names after the first sharing its 市, and at
  the first item `以下均需各县区人民政府、功能板块管委会负责,不再列出`;
- role_lines: the item, then `牵头单位:市通管办;责任单位:…` on a line of its own;
- attachment: items without units and an attachment (责任分工) numbered 一、/(一) naming them.
The page around the plan carries navigation junk, metadata fields and the covering notice.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from loaders.synth.plan import PlannedPlan, PlannedTask
from loaders.synth.vocabulary import Unit, Vocabulary

NUMERALS = "一二三四五六七八九十"
# The order groups of units are printed in; each group is one comma-separated part.
LIST_GROUPS = (("party",), ("department",), ("regulator",), ("zone",), ("collective",),
               ("enterprise",))
ZONE_SUFFIX = "管委会"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (headings never go past 99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS[tens - 1] + "十")
    return head + (NUMERALS[ones - 1] if ones else "")


class Printer:
    """The plan's text, line by line, with the plan's own typographic habits."""

    def __init__(self, plan: PlannedPlan, vocab: Vocabulary, rng: random.Random) -> None:
        self.plan, self.vocab, self.rng = plan, vocab, rng
        self.lines: list[str] = []
        self.indent = rng.choice(["", "  ", "\u3000\u3000"])
        self.item_mark = rng.choice([". ", ".", "、", "．"])
        self.brackets = rng.choice(["()", "（）"])
        self.colon = rng.choice([":", "："])
        self.h1_count = 0

    def line(self, text: str, indent: bool = True) -> None:
        self.lines.append((self.indent if indent else "") + text)

    def h1(self, title: str) -> None:
        self.h1_count += 1
        self.line(f"{chinese(self.h1_count)}、{title}")

    def h2(self, n: int, title: str) -> str:
        return f"{self.brackets[0]}{chinese(n)}{self.brackets[1]}{title}"

    def item(self, n: int, task: PlannedTask, tail: str = "") -> None:
        self.line(f"{n}{self.item_mark}{task.title}。{task.text}{tail}")
        if self.rng.random() < 0.03:
            self.line(self.rng.choice(self.vocab.data["page"]["junk_inside"]), indent=False)

    def bracket(self, inner: str) -> str:
        return f"{self.brackets[0]}{inner}{self.brackets[1]}"

    def labelled(self, task: PlannedTask, shared: bool) -> str:
        """`牵头单位:X;责任单位:Y` with the labels this plan uses."""
        parts = []
        if task.leads:
            parts.append(f"{self.rng.choice(['牵头单位', '牵头部门'])}{self.colon}"
                         f"{unit_list(task.leads, shared)}")
        if task.units:
            parts.append(f"{self.rng.choice(['责任单位', '责任单位', '配合单位'])}{self.colon}"
                         f"{unit_list(task.units, shared)}")
        if self.rng.random() < 0.1:
            parts.append(f"完成时限{self.colon}{self.rng.randint(2023, 2027)}年底")
        return ";".join(parts)


def render(plan: PlannedPlan, vocab: Vocabulary) -> str:
    """The whole page: junk, metadata, notice, plan, attachment, junk."""
    rng = random.Random(f"render:{plan.index}:{plan.title}")
    out = Printer(plan, vocab, rng)
    page = vocab.data["page"]
    for junk in _some(rng, page["junk_top"]):
        out.line(junk, indent=False)
    fill = _notice_fields(plan)
    if rng.random() < 0.5:
        for field in page["fields"]:
            out.line(field.format(**fill), indent=False)
    for line in page["notice"]:
        out.line(line.format(**fill))
    _goals(out, vocab)
    _body(out)
    if plan.style == "attachment":
        _attachment(out, vocab)
    for junk in _some(rng, page["junk_bottom"]):
        out.line(junk, indent=False)
    return "\n".join(out.lines) + "\n"


def _notice_fields(plan: PlannedPlan) -> dict[str, str]:
    y, m, d = plan.date
    return {"issuer": plan.issuer, "title": plan.title, "doc_number": plan.doc_number,
            "date": f"{y}年{m}月{d}日", "date_dash": f"{y}-{m:02d}-{d:02d}"}


def _goals(out: Printer, vocab: Vocabulary) -> None:
    outline = vocab.data["outline"]
    words = _Words(vocab, out.rng)
    out.h1(outline["goals_heading"])
    for n, goal in enumerate(outline["goals"], 1):
        out.line(out.h2(n, goal["heading"]))
        out.line(words.fill(goal["text"]))


def _body(out: Printer) -> None:
    plan = out.plan
    n = 0
    if not plan.thematic:
        out.h1(plan.tasks_heading)
    for s, section in enumerate(plan.sections, 1):
        if plan.thematic:
            out.h1(section.heading)
        else:
            out.line(out.h2(s, section.heading))
        if not plan.continuous:
            n = 0
        for task in section.tasks:
            n += 1
            _task(out, n, task)
    out.h1(out.vocab.data["outline"]["safeguards_heading"])
    for s, task in enumerate(plan.safeguards, 1):
        if plan.style == "standing":
            n += 1
            _task(out, n, task)
        else:
            _safeguard(out, s, task)


def _task(out: Printer, n: int, task: PlannedTask) -> None:
    style = out.plan.style
    if style == "inline" and (task.leads or task.units):
        out.item(n, task, out.bracket(out.labelled(task, shared=False)))
    elif style == "standing" and task.units:
        rule = ""
        if task.rule:
            rule = f",以下均需{'、'.join(u.text for u in task.rule)}负责,不再列出"
        etc = out.rng.choice(["等负责", "负责", "等负责"])
        out.item(n, task, out.bracket(unit_list(task.units, shared=True) + etc + rule))
    elif style == "role_lines" and (task.leads or task.units):
        out.item(n, task)
        out.line(out.labelled(task, shared=False))
    else:
        out.item(n, task)


def _safeguard(out: Printer, n: int, task: PlannedTask) -> None:
    out.line(f"{out.h2(n, task.title)}。{task.text}")
    if task.leads or task.units:
        out.line(out.labelled(task, shared=False))


def _attachment(out: Printer, vocab: Vocabulary) -> None:
    """责任分工: the plan's parts as 一、, its items as (一), each with its units below."""
    plan = out.plan
    title = vocab.data["outline"]["attachment_title"].format(title=plan.title)
    out.line(f"附件{out.colon}{title}", indent=False)
    out.line("附 件", indent=False)
    out.line(title, indent=False)
    for s, section in enumerate(plan.sections, 1):
        out.line(f"{chinese(s)}、{section.heading}")
        for n, task in enumerate(section.tasks, 1):
            out.line(out.h2(n, task.title))
            out.line(out.labelled(task, shared=True))


def unit_list(units: Iterable[Unit], shared: bool) -> str:
    """Comma-separated groups of 、-separated names; `shared`: a group's 市 and 管委会
    are printed once (市工信局、发改委 / 市开发区、高新区管委会), as many plans do."""
    units = list(units)
    parts = []
    for kinds in LIST_GROUPS:
        group = [u for u in units if u.group in kinds]
        if group:
            parts.append("、".join(_group_names(group, shared)))
    return ",".join(parts)


def _group_names(group: list[Unit], shared: bool) -> list[str]:
    if not shared:
        return [u.text for u in group]
    if group[0].group == "department":
        return [group[0].text] + [u.bare for u in group[1:]]
    if group[0].group == "zone" and all(u.text.endswith(ZONE_SUFFIX) for u in group):
        return [u.text.removesuffix(ZONE_SUFFIX) for u in group[:-1]] + [group[-1].text]
    return [u.text for u in group]


def _some(rng: random.Random, lines: list[str]) -> list[str]:
    return [line for line in lines if rng.random() < 0.5]


class _Words:
    """Fill a goal's template with keywords of any sector."""

    def __init__(self, vocab: Vocabulary, rng: random.Random) -> None:
        self.rng = rng
        self.keywords = [k for ks in vocab.keywords.values() for k in ks]

    def fill(self, template: str) -> str:
        rng = self.rng
        return template.format(kw=rng.choice(self.keywords), kw2=rng.choice(self.keywords),
                               year=rng.randint(2023, 2027), n=rng.randint(3, 200),
                               pct=rng.randint(30, 99))
