"""Documents for the graph and query tests, built from the gold readings of the seed plans.

Until the real loaders land, the tests need Documents whose mentions carry agencies and
whose tasks carry sectors. This module is the one place that fakes those two steps (a
resolver and a sector tagger good enough for five plans); swapping it for
`loaders.pipeline` changes nothing else in the tests.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from graph.model import AgencyRef, Document, Mention, Task
from graph.settings import Settings
from graph.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold"
SAMPLES = ROOT / "data" / "samples"

# Fake resolver: a few department types by name fragment, enough to group across cities.
TYPES = {"工信": "工业和信息化主管部门", "工业和信息化": "工业和信息化主管部门",
         "发改": "发展改革部门", "财政": "财政部门", "通管": "通信管理部门",
         "通信管理": "通信管理部门", "教育": "教育部门", "住建": "住房城乡建设部门",
         "住房": "住房城乡建设部门", "交通": "交通运输部门"}
# Fake display names: like the real lexicon, the node's name is the full name of the body,
# so queries must also find it by the unit as printed (市工信局).
FULL_NAMES = {"工信局": "工业和信息化局", "发改委": "发展和改革委员会", "通管办": "通信管理办公室"}
# Fake tagger: sector -> title fragments.
SECTORS = {"5G": ("5G",), "千兆光网": ("千兆", "光网", "光纤"),
           "工业互联网": ("工业互联网",), "数据中心": ("数据中心", "算力"),
           "物联网": ("物联网",)}


def gold_documents() -> list[Document]:
    """The five seed plans as the loaders will hand them over."""
    return [_document(json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(GOLD.glob("*.json"))]


def revised(doc: Document) -> Document:
    """A new version of a plan: text amended, last task dropped, first task retitled."""
    tasks = [replace(t, mentions=list(t.mentions)) for t in doc.tasks[:-1]]
    tasks[0] = replace(tasks[0], title=tasks[0].title + "(修订)")
    return replace(doc, text=doc.text + "\n(2024年修订)", tasks=tasks)


def store_at(path: Path) -> Store:
    """A fresh embedded store in a test's temporary directory."""
    return open_store(Settings(path=path / "graph.lbdb"))


def _document(gold: dict) -> Document:
    text = (SAMPLES / gold["doc"]).read_text(encoding="utf-8")
    doc = Document(doc=gold["doc"], text=text, city=gold["city"], province=gold["province"],
                   title=gold["title"], issuer=gold["issuer"], doc_number=gold["doc_number"],
                   issued=gold["issued"])
    doc.tasks = [_task(text, gold["city"], i, t) for i, t in enumerate(gold["tasks"])]
    return doc


def _task(text: str, city: str, position: int, gold: dict) -> Task:
    start = max(text.find(gold["title"]), 0)
    end = text.find("。", start) + 1 or start + len(gold["title"])
    task = Task(no=gold["no"], section=gold["section"], title=gold["title"],
                text=text[start:end], position=position, start=start, end=end,
                sectors=[s for s, words in SECTORS.items()
                         if any(w in gold["title"] for w in words)])
    for role, key in (("lead", "leads"), ("unit", "units"), ("implied", "implied")):
        source = "inline" if role == "implied" else gold["source"]
        task.mentions += [_mention(text, city, name, role, source, start, end)
                          for name in gold[key]]
    return task


def _mention(text: str, city: str, name: str, role: str, source: str,
             start: int, end: int) -> Mention:
    found = text.find(name, start)
    at = found if found >= 0 else start
    return Mention(text=name, role=role, source=source, start=at, end=at + len(name),
                   sentence=text[start:end][:200], printed=name,
                   lead_basis="explicit" if role == "lead" else "", agency=_agency(city, name))


def _agency(city: str, name: str) -> AgencyRef:
    kind_type = next((t for fragment, t in TYPES.items() if fragment in name), "")
    full = next((name.replace(short, long) for short, long in FULL_NAMES.items()
                 if name.endswith(short)), name)
    return AgencyRef(id=f"{city}/{full}", name=full, city=city, kind=_kind(name),
                     type=kind_type, known=bool(kind_type))


def _kind(name: str) -> str:
    if name.startswith("各"):
        return "collective"
    if name.endswith("管委会"):
        return "zone"
    if "公司" in name or "企业" in name:
        return "enterprise"
    return "party" if "市委" in name else "department"
