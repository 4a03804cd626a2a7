"""The one model of a plan: documents, tasks, unit mentions and the agencies they name.

Field names follow ../shared/gold/SCHEMA.md so that `Document.to_schema()` is the
`parse --json` contract. Loaders build these objects; every store writes them through
`graph.rows`. Nothing here touches a database.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field

# Closed vocabularies: stores and queries use these strings and nothing else.
KINDS = ("department", "party", "collective", "zone", "enterprise", "institution", "other")
ROLES = ("lead", "unit", "implied")  # as printed: 牵头 / 责任·配合 / standing rule
SOURCES = ("inline", "attachment", "none")
LEAD_BASES = ("explicit", "first_listed")
DEADLINE_KINDS = ("date", "recurring", "ongoing")
# How a target's value is compared: a level (=, ≥, >, ≤, <) or a change from the base
# (`新增`, `年均增长20%以上`, `下降10%以上`: the bound of a change is not kept).
COMPARISONS = ("=", "≥", ">", "≤", "<", "increase_by", "decrease_by")


def text_fingerprint(text: str) -> str:
    """sha256 of `comparable_text`: one plan saved as TXT, DOCX or HTML, or in another
    encoding, has one fingerprint; loads tell the same plan by it (graph.identity) and
    corrections are keyed by it."""
    return hashlib.sha256(comparable_text(text).encode("utf-8")).hexdigest()


def comparable_text(text: str) -> str:
    """Text as it reads, not as it was stored: NFKC, without whitespace or format characters.

    Readers of different file types break lines and space paragraphs differently (a DOCX
    paragraph, an HTML block, a PDF line), encodings differ in full-width forms (NFKC makes
    them one) and web pages carry zero-width spaces and BOMs (category Cf). Punctuation and
    table layout are kept: two printings that differ in those are not known to be one plan.
    """
    return "".join(c for c in unicodedata.normalize("NFKC", text)
                   if not c.isspace() and unicodedata.category(c) != "Cf")


@dataclass(frozen=True)
class AgencyRef:
    """The agency a mention resolves to, within one city (jurisdiction)."""

    id: str
    name: str  # display name
    city: str
    kind: str
    type: str  # cross-city type, e.g. 工业和信息化主管部门; "" when unknown
    known: bool  # found in the curated lexicon


@dataclass
class Mention:
    """One unit named for one task, with where it was printed."""

    text: str  # the unit after shared prefix/suffix distribution
    role: str  # one of ROLES
    # "inline" or "attachment" (where the list was printed); "none": added by a correction
    source: str
    start: int  # character span of the whole unit list in the document text
    end: int
    sentence: str  # the sentence (or table row) the list came from
    printed: str = ""  # the piece exactly as printed, before distribution
    lead_basis: str = ""  # "explicit" for printed leads, "first_listed" when inferred
    agency: AgencyRef | None = None
    correction: str = ""  # id of the correction record that added or changed it


@dataclass(frozen=True)
class Deadline:
    """When a task falls due, as printed and normalised.

    `date` (kind "date") is the ISO last day of the month, quarter, half-year or year
    printed; None for `年内`/`今年底` when the plan's year is unknown. `recurrence` (kind
    "recurring") is 每季度, 每半年, 每年 or 每月. Ongoing work (长期坚持) has neither.
    """

    phrase: str  # as printed
    kind: str  # one of DEADLINE_KINDS
    date: str | None = None
    recurrence: str | None = None
    start: int = 0  # character span of the phrase in the document text
    end: int = 0


@dataclass(frozen=True)
class Target:
    """A quantitative target: `到2025年，全市5G基站达到1.2万个` is 5G基站 = 1.2 万个 in 2025."""

    metric: str
    value: float
    unit: str  # as printed with its multiplier: 万个, %, 亿元, 个/万人; "" for a bare ratio
    comparison: str  # one of COMPARISONS
    year: int | None  # the year it is measured in, where printed
    phrase: str  # as printed
    start: int = 0  # character span of the phrase in the document text
    end: int = 0
    # The sectors its own words name, among those its plan's tasks are in (set with the
    # tasks' sectors by loaders.pipeline): a sector page compares these across cities.
    sectors: tuple[str, ...] = ()


@dataclass
class Task:
    """A numbered work item of a plan's task or 保障措施 sections."""

    no: str
    section: str
    title: str
    text: str
    position: int  # 0-based order in the document
    start: int = 0  # character span of the item in the document text
    end: int = 0
    mentions: list[Mention] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    # The first dated deadline's ISO date, what a "due by" filter compares: set by the
    # parser from `deadlines` (every deadline printed for the item, in order).
    deadline: str | None = None
    deadlines: list[Deadline] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    # Spans of `text` that print assignments (the sector tagger leaves them out), and
    # whether a 牵头 was printed at the item (it overrides a printed first-listed rule).
    list_spans: list[tuple[int, int]] = field(default_factory=list)
    explicit_lead: bool = False

    def _named(self, role: str) -> list[str]:
        return [m.text for m in self.mentions if m.role == role]

    @property
    def leads(self) -> list[str]:
        return self._named("lead")

    @property
    def units(self) -> list[str]:
        return self._named("unit")

    @property
    def implied(self) -> list[str]:
        return self._named("implied")

    @property
    def source(self) -> str:
        printed = [m for m in self.mentions if m.role != "implied" and m.source != "none"]
        if not printed:
            return "none"
        return "attachment" if printed[0].source == "attachment" else "inline"

    @property
    def inferred_lead(self) -> Mention | None:
        """The first-listed unit, the lead by convention when none is printed."""
        if self.leads:
            return None
        units = [m for m in self.mentions if m.role == "unit"]
        return units[0] if units else None

    def lead_mentions(self) -> list[tuple[Mention, str]]:
        """Leads with their basis: explicit when printed, else first_listed."""
        explicit = [m for m in self.mentions if m.role == "lead"]
        if explicit:
            return [(m, "explicit") for m in explicit]
        inferred = self.inferred_lead
        return [(inferred, "first_listed")] if inferred else []


@dataclass
class Document:
    """One plan as read from one file."""

    doc: str  # file name, the document's identity across reloads
    text: str
    city: str | None = None
    province: str | None = None
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    issued: str | None = None
    level: str = "city"  # jurisdiction level: national, province, city, district
    encoding: str = "utf-8"
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)  # printed in the goals section
    warnings: list[str] = field(default_factory=list)
    # The jurisdiction given at load time (--jurisdiction, plans.yaml), so the plan can be
    # read again the same way; "" when it was read from the text.
    place: str = ""

    @property
    def sha256(self) -> str:
        """The exact text: a plan whose file changed at all is loaded again."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def fingerprint(self) -> str:
        """The plan, whatever file it came from: the same plan read as TXT, HTML or DOCX
        gives the same fingerprint (see `comparable_text`)."""
        return text_fingerprint(self.text)

    @property
    def id(self) -> str:
        return self.doc.rsplit(".", 1)[0]

    def task_id(self, task: Task) -> str:
        return f"{self.id}-{task.position + 1:03d}"

    def to_schema(self) -> dict:
        """The SCHEMA.md record, plus extra fields the schema allows."""
        return {
            "doc": self.doc,
            "city": self.city,
            "province": self.province,
            "title": self.title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "issued": self.issued,
            "encoding": self.encoding,
            "tasks": [self._task_schema(t) for t in self.tasks],
            "targets": [_target_schema(t) for t in self.targets],
            "warnings": self.warnings,
        }

    def _task_schema(self, task: Task) -> dict:
        inferred = task.inferred_lead
        return {
            "id": self.task_id(task),
            "no": task.no,
            "section": task.section or None,
            "title": task.title,
            "leads": task.leads,
            "units": task.units,
            "implied": task.implied,
            "source": task.source,
            "inferred_lead": inferred.text if inferred else None,
            "sectors": task.sectors,
            "deadline": task.deadline,
            "deadlines": [_deadline_schema(d) for d in task.deadlines],
            "targets": [_target_schema(t) for t in task.targets],
            "mentions": [_mention_schema(m) for m in task.mentions],
        }


def plan_of_task(task_id: str) -> str:
    """The plan a task id belongs to (Document.task_id):
    `003_ce560822e58bcc91-001` -> `003_ce560822e58bcc91`."""
    return task_id.rpartition("-")[0]


def _deadline_schema(d: Deadline) -> dict:
    return {"phrase": d.phrase, "kind": d.kind, "date": d.date, "recurrence": d.recurrence,
            "span": [d.start, d.end]}


def _target_schema(t: Target) -> dict:
    return {"metric": t.metric, "value": t.value, "unit": t.unit, "comparison": t.comparison,
            "year": t.year, "phrase": t.phrase, "span": [t.start, t.end]}


def comparable_name(text: str | None) -> str:
    """An issuer or 文号 as compared: NFKC, no whitespace; "" when absent."""
    return comparable_text(text or "")


def _mention_schema(m: Mention) -> dict:
    out: dict[str, object] = {
        "text": m.text,
        "printed": m.printed or m.text,
        "role": m.role,
        "source": m.source,
        "span": [m.start, m.end],
        "sentence": m.sentence,
    }
    if m.correction:
        out["correction"] = m.correction
    if m.agency:
        out["agency"] = {"id": m.agency.id, "name": m.agency.name, "kind": m.agency.kind,
                         "type": m.agency.type, "known": m.agency.known}
    return out
