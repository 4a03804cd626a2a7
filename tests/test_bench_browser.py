"""The benchmark's browser leg: the seed network timed in Debian's chromium, and its rows.

Real store, real server, real browser; the Chromium tests skip where /usr/bin/chromium is
missing, as tests/test_e2e.py does, and the leg itself must then say "skipped".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import bench.browser
import webui
from bench.browser import CHROMIUM, drawing_timings, time_drawing
from bench.goals import drawing_info
from bench.report import browser_rows
from graph.store import Store
from webui import create_app

SEED_NODES = 301  # agencies and tasks with an assignment in the seed plans

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not at /usr/bin/chromium (apt-get install -y chromium); "
           "these tests never download a browser")


@pytest.fixture(scope="module")
def leg(seed_store: Store) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium")
    return drawing_timings(seed_store, runs=2)


@needs_chromium
def test_seed_network_is_timed_until_clickable_at_both_limits(leg: dict[str, Any]) -> None:
    assert set(leg) == {"300", "1000"}
    assert leg["300"]["nodes"] == 300
    assert leg["1000"]["nodes"] == SEED_NODES  # fewer than asked: what was drawn is reported
    for drawn in leg.values():
        assert drawn["runs"] == 2
        assert 0 < drawn["p50"] <= drawn["max"] < 30


@needs_chromium
def test_limit_above_the_cap_is_refused_not_requested(seed_store: Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(webui.DEFAULTS, "NETWORK_NODE_LIMIT", 500)
    out = drawing_timings(seed_store, runs=1)
    assert out["1000"] == {"refused": "the viewer caps at 500 nodes"}
    assert out["300"]["nodes"] == 300


@needs_chromium
def test_a_view_the_server_refuses_is_an_error_not_a_hang(seed_store: Store) -> None:
    out = time_drawing(create_app(store=seed_store), ["/network?limit=5000"], 1)
    assert out["/network?limit=5000"]["error"].startswith("HTTP 400")


def test_leg_is_skipped_without_chromium(seed_store: Store, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench.browser, "CHROMIUM", tmp_path / "chromium")
    out = drawing_timings(seed_store, runs=1)
    assert out == {"skipped": f"no {tmp_path / 'chromium'} (apt-get install -y chromium)"}


@needs_chromium
def test_report_has_one_row_per_limit_one_cell_per_scale(leg: dict[str, Any]) -> None:
    results = {1: {"queries": {"browser": leg}},
               100: {"queries": {"browser": {"skipped": "no chromium here"}}}}
    rows = browser_rows([1, 100], results)
    assert "p50 / max s over 2 runs" in rows[0]
    by_limit = {row.split()[0]: row for row in rows[1:3]}
    assert by_limit["/network?limit=300"].split()[-2:] == ["(300)", "skipped"]
    assert by_limit["/network?limit=1000"].split()[-2:] == [f"({SEED_NODES})", "skipped"]
    assert rows[3:] == ["    scale 100 skipped: no chromium here"]
    info = drawing_info(results)
    assert info.startswith("info ") and f"{SEED_NODES} nodes" in info
    assert "scale 100 skipped (no chromium here)" in info


def test_report_says_skipped_when_no_scale_drew() -> None:
    results = {1: {"queries": {"browser": {"skipped": "playwright is not installed"}}}}
    assert browser_rows([1], results)[1:] == ["    skipped: playwright is not installed"]
