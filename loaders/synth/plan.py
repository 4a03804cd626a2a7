"""Draw one synthetic plan: its outline, its tasks and who is assigned to each.

A plan is drawn as data first and printed afterwards (`loaders.synth.render`), so the
generator knows exactly what it wrote: how many tasks, which units each task lists, which
a standing rule gives it. That is the manifest the parser is checked against.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from loaders.synth.vocabulary import City, Unit, Vocabulary

LEAD_GROUPS = ("department", "regulator", "party")


@dataclass
class PlannedTask:
    """A work item and the units printed for it (or given to it by a standing rule)."""

    title: str
    text: str  # the sentences after the title
    leads: list[Unit] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    implied: list[Unit] = field(default_factory=list)  # from a rule printed at an earlier item
    rule: list[Unit] = field(default_factory=list)  # a standing rule printed at this item

    def counts(self) -> list[int]:
        """Mentions the parser must find: [leads, units, implied]."""
        return [len(self.leads), len(self.units), len(self.implied)]

    def edges(self) -> tuple[int, int]:
        """(LEADS, RESPONSIBLE_FOR) edges: an unmarked list's first unit leads by convention."""
        leads = len(self.leads) or (1 if self.units else 0)
        return leads, len(self.units) + len(self.implied)


@dataclass
class Section:
    heading: str
    tasks: list[PlannedTask]


@dataclass
class PlannedPlan:
    """Everything a plan file says, before it is printed."""

    index: int
    city: City
    style: str  # a key of synth.yaml `styles`
    thematic: bool  # task parts as 二、… headings, else (一)… under 二、重点任务
    continuous: bool  # items numbered through the plan, else from 1 in each part
    title: str
    issuer: str
    doc_number: str
    date: tuple[int, int, int]
    tasks_heading: str
    sections: list[Section]
    safeguards: list[PlannedTask]
    encoding: str

    def tasks(self) -> list[PlannedTask]:
        return [t for s in self.sections for t in s.tasks] + self.safeguards

    def expected(self) -> dict[str, object]:
        """The manifest entry (without the file name): what the parser must read."""
        tasks = self.tasks()
        per_task = [t.counts() for t in tasks]
        edges = [t.edges() for t in tasks]
        return {"city": self.city.name, "title": self.title, "style": self.style,
                "encoding": self.encoding, "tasks": len(tasks),
                "leads": sum(c[0] for c in per_task), "units": sum(c[1] for c in per_task),
                "implied": sum(c[2] for c in per_task),
                "lead_edges": sum(e[0] for e in edges),
                "responsible_edges": sum(e[1] for e in edges), "per_task": per_task}


def _doc_number(city: City, year: int, index: int, rng: random.Random) -> str:
    """A 文号 no other plan of the corpus has: two plans of one issuer with one 文号 are the
    same plan to the loader. The draw that once chose the number is still made, so every
    later draw, and so every corpus, stays as it was."""
    rng.randint(1, 150)
    return f"{city.short[0]}政办发〔{year}〕{index + 1}号"


def draw_plan(vocab: Vocabulary, city: City, index: int, seed: str) -> PlannedPlan:
    """Plan number `index` of the corpus; the same seed always draws the same plan."""
    rng = random.Random(f"{seed}:plan:{index}")
    data = vocab.data
    topic = rng.choice(data["topics"])
    y1 = rng.choice(data["corpus"]["years"])
    style = _weighted(rng, data["styles"])
    date = (y1 - rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28))
    issuer = city.name + rng.choice(["人民政府办公室", "人民政府"])
    titles = TitleMaker(vocab, topic["sectors"], rng)
    thematic = rng.random() < 0.4
    plan = PlannedPlan(
        index=index, city=city, style=style, thematic=thematic,
        continuous=thematic or rng.random() < 0.5,
        title=topic["title"].format(city=city.name, y1=y1, y2=y1 + 2),
        issuer=issuer, doc_number=_doc_number(city, date[0], index, rng),
        date=date, tasks_heading=rng.choice(data["outline"]["tasks_heading"]),
        sections=_sections(vocab, titles, thematic, rng), safeguards=_safeguards(vocab, rng),
        encoding="gb18030" if rng.random() < data["corpus"]["gb18030_share"] else "utf-8")
    assign_units(plan, vocab, rng)
    return plan


class TitleMaker:
    """Task titles and sentences about a plan's sectors; no title repeats in a plan.

    Each task is about `shape.task_sectors` of the plan's sectors, as a real item is.
    """

    def __init__(self, vocab: Vocabulary, sectors: list[str], rng: random.Random) -> None:
        self.vocab, self.rng = vocab, rng
        self.used: set[str] = set()
        self.sectors = sectors
        self.keywords: list[str] = []

    def keyword(self) -> str:
        return self.rng.choice(self.keywords)

    def task(self) -> PlannedTask:
        words, shape = self.vocab.data["titles"], self.vocab.data["shape"]
        focus = self.rng.sample(self.sectors, min(shape["task_sectors"], len(self.sectors)))
        self.keywords = [k for s in focus for k in self.vocab.keywords[s]]
        title = ""
        while not title or title in self.used:
            title = (self.rng.choice(words["verbs"]) + self.keyword()
                     + self.rng.choice(words["objects"]))
        self.used.add(title)
        count = self.rng.randint(*shape["sentences"])
        text = "".join(self.sentence() for _ in range(count))
        return PlannedTask(title, text)

    def sentence(self) -> str:
        rng = self.rng
        return rng.choice(self.vocab.data["sentences"]).format(
            kw=self.keyword(), kw2=self.keyword(), field=rng.choice(self.vocab.data["fields"]),
            year=rng.randint(2023, 2027), n=rng.randint(3, 200), pct=rng.randint(30, 99))


def _sections(vocab: Vocabulary, titles: TitleMaker, thematic: bool,
              rng: random.Random) -> list[Section]:
    outline, shape = vocab.data["outline"], vocab.data["shape"]
    names = outline["thematic_headings"] if thematic else outline["sections"]
    count = min(rng.randint(*shape["sections"]), len(names))
    return [Section(name, [titles.task() for _ in range(rng.randint(*shape["items_per_section"]))])
            for name in rng.sample(names, count)]


def _safeguards(vocab: Vocabulary, rng: random.Random) -> list[PlannedTask]:
    items = vocab.data["outline"]["safeguards"]
    count = min(rng.randint(*vocab.data["shape"]["safeguards"]), len(items))
    return [PlannedTask(i["title"], i["text"]) for i in rng.sample(items, count)]


def assign_units(plan: PlannedPlan, vocab: Vocabulary, rng: random.Random) -> None:
    """Units per task as the plan's style prints them; a standing-rule plan prints its rule
    at the first item and never lists those collectives again."""
    spec = vocab.data["assignments"]
    city, style = plan.city, plan.style
    standing = style == "standing"
    excluded = {u.key for u in city.rule} if standing else set()
    for n, task in enumerate(plan.tasks()):
        safeguard = task in plan.safeguards
        if safeguard and rng.random() >= spec["safeguard_units_share"][style]:
            task.implied = list(city.rule) if standing else []
            continue
        banned = excluded if n else set()
        if rng.random() < spec["explicit_lead_share"][style]:
            task.leads = _pick(rng, [u for u in city.units if u.group in LEAD_GROUPS],
                               2 if rng.random() < spec["second_lead_share"] else 1, banned)
        taken = banned | {u.key for u in task.leads}
        low = 0 if task.leads else 1
        task.units = _pick(rng, city.units, rng.randint(low, spec["units"][1]), taken)
        if standing:
            task.implied = list(city.rule) if n else []
            task.rule = [] if n else list(city.rule)


def _pick(rng: random.Random, pool: list[Unit] | tuple[Unit, ...], count: int,
          banned: set[str]) -> list[Unit]:
    """`count` units of distinct bodies, by weight, none of them banned."""
    free = [u for u in pool if u.key not in banned]
    out: list[Unit] = []
    while free and len(out) < count:
        unit = rng.choices(free, weights=[u.weight for u in free])[0]
        out.append(unit)
        free = [u for u in free if u.key != unit.key]
    return out


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    names = list(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]
