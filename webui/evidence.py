"""Evidence behind a number: the clauses that make up a count shown in a ranking.

A ranking says 市工信局 leads 12 5G tasks; this page lists those 12 tasks with the plan, its
文号, the item number and the sentence naming the agency, so a reader can check the number
against the plans (named query `evidence`, one row per task). The rankings link each count
here with the filters it was counted under (`count_links`, `sector_links`, …).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from flask import Blueprint, send_file

from graph.model import KINDS
from webui.checklist_export import DOCX_TYPE, clause_rows, evidence_docx
from webui.db import fetch, fetch_one
from webui.errors import BadParameter, NotFound
from webui.filters import ROLES, load_choices
from webui.labels import BASIS_LABELS, KIND_LABELS, ROLE_LABELS
from webui.params import choice_arg, text_arg
from webui.tables import Link, Page, respond, safe_filename

bp = Blueprint("evidence", __name__, url_prefix="/evidence")

BASES = ("explicit", "first_listed")  # a lead count's basis; none: every assignment
TASK = Link("tasks.task", "task_id", "task_id")
PLAN = Link("plans.plan", "doc_id", "doc_id")
# A ranking's count column -> the basis its evidence keeps (tasks: all of them).
COUNT_BASES = {"tasks": None, "explicit_leads": "explicit", "first_listed_leads": "first_listed"}


@dataclass(frozen=True)
class Subject:
    """What was counted: one agency or one agency type, under the ranking's filters."""

    agency: str | None = None
    type: str | None = None
    kind: str | None = None
    partner: str | None = None
    sector: str | None = None
    role: str = "any"
    basis: str | None = None

    def params(self) -> dict[str, Any]:
        return {"agency": self.agency, "type": self.type, "kind": self.kind,
                "partner": self.partner, "sector": self.sector, "role": self.role,
                "basis": self.basis or "any"}


@bp.get("/")
def index() -> Any:
    return respond(evidence_page(read_subject()), "evidence/index.html")


@bp.get("/evidence.docx")
def docx() -> Any:
    page = evidence_page(read_subject())
    rows = clause_rows(page.tables["clauses"].records())
    data = evidence_docx(page.title, page.info["described"], rows, date.today())
    name = safe_filename(f"原文依据-{page.title}") + ".docx"
    return send_file(io.BytesIO(data), mimetype=DOCX_TYPE, as_attachment=True,
                     download_name=name)


def read_subject() -> Subject:
    """The counted subject from the address; 400 for values no ranking would give."""
    subject = Subject(
        agency=text_arg("agency"), type=text_arg("type"), kind=choice_arg("kind", KINDS),
        partner=text_arg("partner"), sector=choice_arg("sector", load_choices().sectors),
        role=choice_arg("role", ROLES, "any") or "any", basis=choice_arg("basis", BASES))
    if not (subject.agency or subject.type):
        raise BadParameter("请指定单位(agency)或单位类型(type):原文依据说明的是某个单位"
                           "或某类单位的任务数 (give agency or type)")
    return subject


def evidence_page(subject: Subject) -> Page:
    """The tasks behind the count, one row each, with the words that name the agency."""
    names = {key: _agency_name(getattr(subject, key)) for key in ("agency", "partner")
             if getattr(subject, key)}
    described = describe(subject, names)
    clauses = fetch("evidence", title="原文依据", **subject.params())
    table = replace(clauses, hidden=("doc_id", "task_id", "agency_ids"),
                    links={"title": TASK, "plan": PLAN})
    return Page(f"原文依据:{described[0]}",
                info={"filters": subject.params(), "described": described,
                      "count": len(table.rows)},
                tables={"clauses": table})


def describe(subject: Subject, names: dict[str, str]) -> list[str]:
    """The count in words: 市工业和信息化局(常州市) · 5G · 牵头 · 原文写明牵头."""
    parts = [names.get("agency") or f"单位类型“{subject.type}”"]
    if subject.type and subject.agency:
        parts.append(f"单位类型“{subject.type}”")
    if subject.kind:
        parts.append(KIND_LABELS.get(subject.kind, subject.kind))
    if subject.partner:
        parts.append(f"与{names['partner']}共同承担")
    parts.append(f"领域:{subject.sector}" if subject.sector else "全部领域")
    parts.append(ROLE_LABELS.get(subject.role, subject.role))
    if subject.basis:
        parts.append(f"依据:{BASIS_LABELS.get(subject.basis, subject.basis)}")
    return parts


def _agency_name(agency_id: str) -> str:
    info = fetch_one("agency_detail", agency=agency_id)
    if info is None:
        raise NotFound(f"没有编号为 {agency_id!r} 的单位 (no agency with this id)")
    return f"{info['name']}({info['city'] or '—'})"


# --- links from the rankings ------------------------------------------------------------


def count_links(arg: str, column: str, **fixed: Any) -> dict[str, Link | tuple[Link, ...]]:
    """Links from a ranking's count columns (tasks, explicit_leads, first_listed_leads)
    to their evidence: `arg` comes from each row's `column`, `fixed` from the page."""
    links: dict[str, Link | tuple[Link, ...]] = {}
    for count, basis in COUNT_BASES.items():
        params = tuple({**fixed, "basis": basis}.items())
        links[count] = Link("evidence.index", arg, column, params)
    return links


def partner_links(agency_id: str) -> dict[str, Link | tuple[Link, ...]]:
    """The partners table's counts: shared tasks, those this agency leads, those the
    partner leads (the partner's own evidence, with this agency as its partner)."""
    return {"shared": Link("evidence.index", "partner", "id", (("agency", agency_id),)),
            "led_by_agency": Link("evidence.index", "partner", "id",
                                  (("agency", agency_id), ("role", "lead"))),
            "led_by_partner": Link("evidence.index", "agency", "id",
                                   (("partner", agency_id), ("role", "lead")))}
