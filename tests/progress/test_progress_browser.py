"""督办 in a real browser (Debian's chromium driven by Playwright; no downloaded browser).

A clerk signs in, downloads an agency's XLSX task list from its page, the agency's reply is
filled in with openpyxl (two statuses), the clerk imports it through the import page and
sees the 督办 page change: the agency's counts, the overdue list, the task's history. No
script runs that the server did not send, and nothing is fetched from elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bench.browser import serve
from graph.model import Document
from graph.store import Store
from tests._browser import Browsing, browsing, needs_chromium
from tests._progress_fixtures import EDITOR, PASSWORD, dated, run, store_of
from webui import create_app
from webui.accounts import Accounts

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory,
         seed_documents: list[Document]) -> Iterator[tuple[str, Store]]:
    """The viewer over the seed plans (常州 with deadlines), an editor, an empty progress file."""
    folder = tmp_path_factory.mktemp("duban-browser")
    store = store_of(dated(seed_documents), folder)
    Accounts(folder / "webui.sqlite3").add_user(EDITOR, PASSWORD)
    app = create_app(store=store, test_config={
        "ACCOUNTS_PATH": folder / "webui.sqlite3", "STORE_EXCLUSIVE": True,
        "PROGRESS_PATH": folder / "progress.sqlite3"})
    with serve(app) as url:
        yield url, store
    store.close()


@pytest.fixture()
def clerk(chromium: Any, site: tuple[str, Store]) -> Iterator[Browsing]:
    with browsing(chromium, site[0]) as session:
        yield session


def counts_of(session: Browsing, agency_id: str) -> dict[str, str]:
    """The agency's line of the 督办 page's 各单位进展 table, by column heading."""
    session.open("/duban/")
    table = session.page.locator("#table-agencies")
    headings = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    row = table.locator("tbody tr", has=session.page.locator(
        f"a[href='/duban/agencies/{agency_id}']"))
    return dict(zip(headings, (c.strip() for c in row.locator("td").all_inner_texts()),
                    strict=True))


def test_export_fill_in_import_and_see_the_duban_page_change(
        clerk: Browsing, site: tuple[str, Store], tmp_path: Path) -> None:
    page = clerk.page
    agency = run(site[1], "top_agencies", city="常州", limit=1)[0]
    clerk.open(f"/login?next=/agencies/{agency['id']}")
    page.get_by_label("用户名").fill(EDITOR)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"**/agencies/{agency['id']}")

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    saved = tmp_path / "回复.xlsx"
    download.value.save_as(saved)
    book = openpyxl.load_workbook(saved)
    sheet = book.worksheets[0]
    heads = [c.value for c in sheet[2]]
    status, progress, reported = (heads.index(h) + 1 for h in ("完成状态", "进展情况", "报送日期"))
    sheet.cell(3, status, "已完成")  # task 001: long past its deadline
    sheet.cell(3, progress, "已完成全市5G基站规划")
    sheet.cell(3, reported, date(2024, 5, 6))
    sheet.cell(4, status, "滞后")  # task 002: not yet due
    sheet.cell(4, progress, "资金尚未到位")
    key = sheet.cell(3, heads.index("任务编码") + 1).value
    book.save(saved)

    before = counts_of(clerk, agency["id"])
    assert (before["已完成"], before["滞后"], before["未报送"], before["逾期未完成"]) == (
        "0", "0", str(agency["tasks"]), "7")

    clerk.open("/duban/import")
    page.set_input_files("input[name=files]", str(saved))
    page.get_by_role("button", name="导入").click()
    page.wait_for_selector(".import-result")
    result = page.locator(".import-result").inner_text()
    assert f"回复.xlsx:{agency['name']} 导入 2 条进展" in result

    after = counts_of(clerk, agency["id"])
    assert (after["已完成"], after["滞后"], after["未报送"], after["逾期未完成"]) == (
        "1", "1", str(agency["tasks"] - 2), "6")
    page.locator(f"#table-agencies a[href='/duban/agencies/{agency['id']}']").click()
    page.wait_for_url(f"**/duban/agencies/{agency['id']}")
    reported_lines = page.locator("#table-reported").inner_text()
    assert "已完成全市5G基站规划" in reported_lines and "资金尚未到位" in reported_lines
    page.locator("#table-reported a", has_text=str(sheet.cell(3, 4).value)).first.click()
    page.wait_for_url(f"**/duban/tasks/{key}")
    history = page.locator("#table-history").inner_text()
    assert EDITOR in history and "已完成" in history and "2024-05-06" in history
    assert clerk.fired() == [] and clerk.foreign_requests() == []
