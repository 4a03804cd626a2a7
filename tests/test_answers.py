"""Named queries on the seed graph against answers derived from the gold readings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from graph.model import Document
from graph.store import Store
from loaders.agencies import AgencyLexicon
from queries.catalog import get_query, load_catalog

GOLD = Path(__file__).resolve().parent / "gold"
CITIES = ["常州", "连云港", "开封", "漳州", "深圳"]


def gold_counts(city: str, documents: list[Document], sector: str) -> Counter[str]:
    """Tasks per department (by agency id) in `sector`, from the gold units; sector from
    the task text."""
    lexicon = AgencyLexicon.load()
    counts: Counter[str] = Counter()
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not gold["city"].startswith(city):
            continue
        doc = next(d for d in documents if d.doc == gold["doc"])
        for g, task in zip(gold["tasks"], doc.tasks, strict=True):
            if sector not in task.sectors:
                continue
            refs = {lexicon.resolve(u, gold["city"]) for k in ("leads", "units", "implied")
                    for u in g[k]}
            counts.update(r.id for r in refs if r.kind == "department")
    return counts


def run(store: Store, name: str, **params: object) -> list[dict]:
    columns, rows = get_query(load_catalog(), name).run(store, params)
    return [dict(zip(columns, row, strict=True)) for row in rows]


@pytest.mark.parametrize("city", CITIES)
def test_top_5g_department_per_city(city: str, seed_store: Store,
                                    seed_documents: list[Document]) -> None:
    expected = gold_counts(city, seed_documents, "5G")
    rows = run(seed_store, "top_agencies", sector="5G", city=city, kind="department", limit=50)
    got = {r["id"]: r["tasks"] for r in rows}
    print(f"\n{city}: top 5G department {rows[0]['name']} with {rows[0]['tasks']} tasks")
    assert got == dict(expected)
    best = max(expected.values())
    assert rows[0]["tasks"] == best and expected[rows[0]["id"]] == best


def test_worked_example_kaifeng(seed_store: Store) -> None:
    rows = run(seed_store, "top_agencies", sector="5G", city="开封", kind="department")
    assert rows[0]["name"] == "市工业和信息化局"


def test_lead_role_counts_only_leads(seed_store: Store) -> None:
    any_role = run(seed_store, "top_agencies", city="漳州", limit=100)
    leads = run(seed_store, "top_agencies", city="漳州", role="lead", limit=100)
    by_name = {r["name"]: r["tasks"] for r in any_role}
    assert leads and all(r["tasks"] <= by_name[r["name"]] for r in leads)
    assert all(r["tasks"] == r["explicit_leads"] + r["first_listed_leads"] for r in leads)
