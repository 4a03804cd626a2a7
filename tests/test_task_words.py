"""Each task's deadlines and targets in words, kept across the viewer's writes
(webui.task_words): after each kind of write the task list shows what task_deadlines and
task_targets give now, and only the tasks of the plans a write touched are asked again.

Real sample plans in a real embedded graph the app holds for writing: four loaded, then
the fifth loaded, one replaced by a revision (its last task dropped), one removed, and a
write that may change anything (a statement run as is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.model import Document, plan_of_task
from graph.store import Store
from queries.catalog import load_catalog
from tests._graph_fixtures import revised
from tests.test_corrections_web import Site, new_site
from webui import db
from webui.due import DEADLINES_KEY, TARGETS_KEY
from webui.task_words import TaskWords
from webui.timeline import deadline_text, per_task, target_text

CATALOG = load_catalog()
KAIFENG = "002_56b0b1f0d4126dc9"  # prints dated deadlines
ZHANGZHOU = "003_ce560822e58bcc91"  # states targets


@pytest.fixture()
def site(tmp_path: Path, seed_documents: list[Document]) -> Iterator[Site]:
    made = new_site(tmp_path / "site", [d for d in seed_documents if d.id != KAIFENG])
    yield made
    made.store.close()


def fresh(store: Store, name: str, ids: list[str],
          text: Callable[[dict[str, Any]], str]) -> dict[str, list[str]]:
    columns, rows = CATALOG[name].run(store, {"tasks": ids})
    return per_task((dict(zip(columns, r, strict=True)) for r in rows), text)


def listed(site: Site) -> list[dict[str, Any]]:
    """The task list's rows, checked against the queries asked now."""
    page = site.app.test_client().get("/tasks/?format=json&table=tasks").get_json()
    rows: list[dict[str, Any]] = page["rows"]
    ids = [r["task_id"] for r in rows]
    deadlines = fresh(site.store, "task_deadlines", ids, deadline_text)
    targets = fresh(site.store, "task_targets", ids, target_text)
    assert {r["task_id"]: r["deadlines"] for r in rows if r["deadlines"]} == deadlines
    assert {r["task_id"]: r["targets"] for r in rows if r["targets"]} == targets
    return rows


def asked(site: Site) -> tuple[int, int]:
    words: list[TaskWords] = [site.app.extensions[k] for k in (DEADLINES_KEY, TARGETS_KEY)]
    return words[0].asked, words[1].asked


def write(site: Site, change: Callable[[Store], Any]) -> None:
    with site.app.app_context():
        db.write(change)


def test_words_are_asked_again_for_the_written_plans_only(
        site: Site, seed_documents: list[Document]) -> None:
    first = listed(site)
    assert asked(site) == (len(first), len(first))
    assert any(r["targets"] for r in first if plan_of_task(r["task_id"]) == ZHANGZHOU)
    listed(site)
    assert asked(site) == (len(first), len(first))  # nothing written: nothing asked

    kaifeng = next(d for d in seed_documents if d.id == KAIFENG)
    write(site, lambda store: store.load([kaifeng]))
    rows = listed(site)
    new = [r for r in rows if plan_of_task(r["task_id"]) == KAIFENG]
    assert new and any(r["deadlines"] for r in new)
    assert asked(site) == (len(rows), len(rows))  # the new plan's tasks alone

    zhangzhou = next(d for d in seed_documents if d.id == ZHANGZHOU)
    write(site, lambda store: store.load([revised(zhangzhou)], replace_same=True))
    before = asked(site)
    rows = listed(site)
    again = [r for r in rows if plan_of_task(r["task_id"]) == ZHANGZHOU]
    assert len(again) == len(zhangzhou.tasks) - 1
    assert asked(site) == (before[0] + len(again), before[1] + len(again))

    write(site, lambda store: store.remove([KAIFENG]))
    before = asked(site)
    rows = listed(site)
    assert not any(plan_of_task(r["task_id"]) == KAIFENG for r in rows)
    assert asked(site) == before

    write(site, lambda store: store.run("MATCH (t:Task) RETURN count(t) AS tasks"))
    rows = listed(site)  # a write that may have changed anything: every task asked again
    assert asked(site) == (before[0] + len(rows), before[1] + len(rows))


def test_plan_of_a_task_id() -> None:
    assert plan_of_task(f"{ZHANGZHOU}-001") == ZHANGZHOU
    assert plan_of_task("00000_c6de97a93754c810-012") == "00000_c6de97a93754c810"
