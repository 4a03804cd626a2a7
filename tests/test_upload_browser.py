"""An editor uploads a plan in a real browser (Debian's chromium through Playwright): sign in,
upload a DOCX, watch it being read, review it, load it, see the home page change without a
restart; the same plan again as TXT is recognised; an anonymous upload, and a signed-in
form post without its CSRF token, are refused.

The viewer runs as `python -m webui` runs it: on a graph it opened itself (four seed
plans), with an account file beside it, served by werkzeug in a thread on 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from bench.browser import serve
from graph.model import Document
from graph.settings import Settings
from graph.store import open_store
from tests._browser import needs_chromium
from webui import create_app, db, upload
from webui.accounts import ACCOUNTS_FILE, Accounts

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
CHANGZHOU = sorted(SAMPLES.glob("*.txt"))[0]  # loaded; its revision is the new plan
OLD_NUMBER, NEW_NUMBER = "常政办发〔2022〕76号", "常政办发〔2024〕9号"
TITLE = "关于进一步深化“双千兆”协同发展扩大信息消费的行动计划"
PASSWORD = "correct horse battery staple"

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory,
         seed_documents: list[Document]) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("upload-browser")
    path = folder / "graph.lbdb"
    store = open_store(Settings(path=path))
    store.load(seed_documents[:4])
    store.close()
    Accounts(folder / ACCOUNTS_FILE).add_user("editor", PASSWORD)
    app = create_app(settings=Settings(path=path))
    with serve(app) as url:
        yield url
    upload.close(app)
    with app.app_context():
        db.get_store().close()


def revised_text() -> str:
    """常州's plan with another 文号 and title: a new plan, not the loaded one."""
    text = CHANGZHOU.read_text(encoding="utf-8")
    assert OLD_NUMBER in text and TITLE in text
    return text.replace(OLD_NUMBER, NEW_NUMBER).replace(TITLE, TITLE + "(2024年修订)")


def as_docx(text: str, path: Path) -> Path:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def sign_in(page: Any, base: str) -> None:
    page.goto(base + "/plans/upload")
    assert "/login?next=" in page.url  # editors only: the form asks who you are
    page.fill("input[name=name]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_url("**/plans/upload")


def upload_file(page: Any, path: Path) -> None:
    """Send one file from the upload form and open its review once upload.js says it is read."""
    page.set_input_files("input[type=file][name=file]", str(path))
    page.get_by_role("button", name="上传并读取").click()
    page.locator("a.review").click()  # appears when upload.js reloads the finished job
    page.wait_for_url("**/plans/upload/*/0")


def ranking(page: Any, base: str) -> tuple[str, str]:
    page.goto(base + "/")
    return (page.locator(".counts").inner_text(),
            page.locator("#table-ranking tbody").inner_text())


def test_editor_uploads_reviews_and_loads_a_docx_then_the_same_plan_as_txt(
        page: Any, site: str, tmp_path: Path) -> None:
    before = ranking(page, site)
    sign_in(page, site)
    text = revised_text()
    upload_file(page, as_docx(text, tmp_path / "常州修订.docx"))
    assert "(2024年修订)" in page.locator("h1").inner_text()
    assert NEW_NUMBER in page.locator("dl.fields").inner_text()
    assert page.locator("article.task-reading").count() == 23
    assert page.locator(".source-text mark.unit").count() > 20
    assert page.locator("#same").count() == 0
    page.get_by_role("button", name="载入", exact=True).click()
    assert "1 loaded" in page.locator("#load-report pre").inner_text()
    after = ranking(page, site)
    assert "5 份方案" in after[0].replace("\n", " ") and after != before

    page.goto(site + "/plans/upload")
    (tmp_path / "常州修订.txt").write_text(text, encoding="utf-8")
    upload_file(page, tmp_path / "常州修订.txt")
    notice = page.locator("#same").inner_text()
    assert "与已载入的方案《" in notice and "同一文本" in notice
    assert page.get_by_role("button", name="替换已载入的方案").count() == 1
    assert page.get_by_role("button", name="载入", exact=True).count() == 0
    assert page.evaluate("window.__fired") == []


def test_an_anonymous_upload_is_refused(page: Any, site: str) -> None:
    before = ranking(page, site)
    page.goto(site + "/plans/upload")
    assert "/login" in page.url
    answer = page.request.post(site + "/plans/upload", multipart={"file": {
        "name": "深圳.txt", "mimeType": "text/plain",
        "buffer": sorted(SAMPLES.glob("*.txt"))[4].read_bytes()}})
    assert answer.status == 403
    assert ranking(page, site) == before


def test_a_signed_in_form_post_without_its_csrf_token_is_refused(page: Any, site: str) -> None:
    sign_in(page, site)
    before = ranking(page, site)
    answer = page.request.post(site + "/plans/upload", multipart={"file": {
        "name": "深圳.txt", "mimeType": "text/plain",
        "buffer": sorted(SAMPLES.glob("*.txt"))[4].read_bytes()}})
    assert answer.status == 400 and "CSRF" in answer.text()
    assert ranking(page, site) == before
