"""Plans uploaded, reviewed, loaded and removed through the viewer, as an editor or with a token.

Every test runs a viewer that opened its own graph (four seed plans; the fifth, 深圳, is
the new plan to upload), as `python -m webui` does, with an editor account and an API
token beside it. Files are real plans (data/samples, a DOCX made from one) and crafted
bad ones; reading runs in the upload worker process, as in the real viewer.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from graph.model import Document
from graph.settings import Settings
from graph.store import open_store
from loaders.correction_records import Correction, Key
from loaders.corrections import BOOK_NAME, CorrectionBook
from loaders.pipeline import read_plan
from loaders.readers import Limits
from webui import create_app, db, upload
from webui.accounts import ACCOUNTS_FILE, Accounts
from webui.uploads.review import source_blocks, source_marks

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
HOSTILE_PLAN = Path(__file__).with_name("fixtures") / "hostile_plan.txt"
LOADED = sorted(SAMPLES.glob("*.txt"))[:4]  # in the graph before each test
NEW_PLAN = sorted(SAMPLES.glob("*.txt"))[4]  # 深圳: not in the graph
PASSWORD = "correct horse battery staple"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
LIVE_MARKUP = re.compile(r"<script>alert|<img src=x|<svg onload|<b onmouseover")
READ_TIMEOUT_S = 60


def make_app(tmp_path: Path, seed_documents: list[Document],
             config: dict[str, Any] | None = None) -> Flask:
    """A viewer on its own graph of the four seed plans, with an editor and a token."""
    path = tmp_path / "graph.lbdb"
    store = open_store(Settings(path=path))
    store.load(seed_documents[:4])
    store.close()
    accounts = Accounts(tmp_path / ACCOUNTS_FILE)
    accounts.add_user("editor", PASSWORD)
    _, token = accounts.add_token("editor")
    app = create_app(settings=Settings(path=path),
                     test_config={"TESTING": True, **(config or {})})
    app.config["TEST_TOKEN"] = token
    return app


def close_app(app: Flask) -> None:
    upload.close(app)
    with app.app_context():
        db.get_store().close()


@pytest.fixture()
def viewer(tmp_path: Path, seed_documents: list[Document]) -> Iterator[Flask]:
    app = make_app(tmp_path, seed_documents)
    yield app
    close_app(app)


def bearer(app: Flask) -> dict[str, str]:
    return {"Authorization": f"Bearer {app.config['TEST_TOKEN']}"}


def csrf_of(response: TestResponse) -> str:
    found = CSRF_RE.search(response.get_data(as_text=True))
    assert found, "the page has no CSRF token"
    return found.group(1)


def signed_in(app: Flask) -> FlaskClient:
    client = app.test_client()
    token = csrf_of(client.get("/login"))
    answer = client.post("/login", data={"name": "editor", "password": PASSWORD,
                                         "csrf_token": token})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return client


def files(*items: tuple[bytes, str]) -> dict[str, Any]:
    return {"file": [(io.BytesIO(data), name) for data, name in items]}


def plan_ids(app: Flask) -> set[str]:
    result = app.test_client().get("/api/queries/plans").get_json()["result"]
    return {row["doc_id"] for row in result["rows"]}


def overview(app: Flask) -> dict[str, int]:
    result = app.test_client().get("/api/queries/overview").get_json()["result"]
    return dict(result["rows"][0])


def docx_of(text: str, path: Path) -> bytes:
    """The plan's text as a Word file, one paragraph per line."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path.read_bytes()


def post_api(app: Flask, *items: tuple[bytes, str], **form: str) -> TestResponse:
    return app.test_client().post("/api/plans", data={**files(*items), **form},
                                  headers=bearer(app), content_type="multipart/form-data")


# --- POST /api/plans --------------------------------------------------------------------


def test_api_upload_without_a_token_is_refused_and_loads_nothing(viewer: Flask) -> None:
    before = plan_ids(viewer)
    client = viewer.test_client()
    anonymous = client.post("/api/plans", data=files((NEW_PLAN.read_bytes(), "深圳.txt")),
                            content_type="multipart/form-data")
    assert anonymous.status_code == 401
    assert "Bearer" in anonymous.headers["WWW-Authenticate"]
    wrong = client.post("/api/plans", data=files((NEW_PLAN.read_bytes(), "深圳.txt")),
                        headers={"Authorization": "Bearer not-a-token"},
                        content_type="multipart/form-data")
    assert wrong.status_code == 401
    assert plan_ids(viewer) == before


def test_api_upload_loads_the_plan_and_answers_with_its_report(viewer: Flask) -> None:
    counts = overview(viewer)
    answer = post_api(viewer, (NEW_PLAN.read_bytes(), "深圳新基建.txt"))
    assert answer.status_code == 201, answer.get_json()
    body = answer.get_json()
    [plan] = body["plans"]
    assert plan["id"] == "深圳新基建" and plan["tasks"] == 34 and plan["city"] == "深圳市"
    assert unquote(answer.headers["Location"]).endswith("/api/plans/深圳新基建")
    assert any("1 loaded" in line for line in body["report"]), body["report"]
    assert "深圳新基建" in plan_ids(viewer)  # every page sees it without a restart
    assert overview(viewer)["tasks"] == counts["tasks"] + 34
    page = viewer.test_client().get(plan["url"])
    assert page.status_code == 200 and "深圳" in page.get_data(as_text=True)


def test_the_same_plan_as_txt_is_refused_naming_the_loaded_one(viewer: Flask) -> None:
    loaded = LOADED[0]
    answer = post_api(viewer, (loaded.read_bytes(), "常州-副本.txt"))
    assert answer.status_code == 409
    body = answer.get_json()
    assert body["same"][0]["same_as"] == loaded.stem and loaded.stem in body["error"]
    assert "常州-副本" not in plan_ids(viewer)


def test_the_same_plan_as_docx_is_the_same_plan(viewer: Flask, tmp_path: Path) -> None:
    loaded = LOADED[0]
    data = docx_of(loaded.read_text(encoding="utf-8"), tmp_path / "copy.docx")
    answer = post_api(viewer, (data, "常州方案.docx"))
    assert answer.status_code == 409, answer.get_json()
    assert answer.get_json()["same"][0]["same_as"] == loaded.stem


def test_replace_1_replaces_the_loaded_plan(viewer: Flask) -> None:
    loaded = LOADED[0]
    counts = overview(viewer)
    answer = post_api(viewer, (loaded.read_bytes(), "常州-新版.txt"), replace="1")
    assert answer.status_code == 201, answer.get_json()
    ids = plan_ids(viewer)
    assert "常州-新版" in ids and loaded.stem not in ids
    assert overview(viewer)["tasks"] == counts["tasks"]  # replaced, not counted twice


def test_uploads_are_read_with_the_graphs_corrections(viewer: Flask, tmp_path: Path) -> None:
    """A correction kept in the book beside the graph holds for a plan uploaded later."""
    plan = read_plan(NEW_PLAN)
    first = plan.tasks[0]
    CorrectionBook.load(tmp_path / BOOK_NAME).add(Correction.new(
        "not_task", Key.of(plan, first), who="editor", why="不是任务"))
    answer = post_api(viewer, (NEW_PLAN.read_bytes(), NEW_PLAN.name))
    assert answer.status_code == 201, answer.get_json()
    body = answer.get_json()
    assert body["plans"][0]["tasks"] == len(plan.tasks) - 1
    assert any("corrections: 1 applied" in line for line in body["report"]), body["report"]


def test_a_new_version_under_the_same_file_name_replaces_the_stored_one(
        viewer: Flask) -> None:
    loaded = LOADED[0]
    text = loaded.read_text(encoding="utf-8") + "\n(2024年修订)\n"
    answer = post_api(viewer, (text.encode("utf-8"), loaded.name))
    assert answer.status_code == 201, answer.get_json()
    assert any("1 replaced" in line for line in answer.get_json()["report"])
    assert plan_ids(viewer) == {p.stem for p in LOADED}


def test_two_copies_of_one_plan_in_one_request_load_nothing(viewer: Flask) -> None:
    data = NEW_PLAN.read_bytes()
    answer = post_api(viewer, (data, "深圳甲.txt"), (data, "深圳乙.txt"))
    assert answer.status_code == 409
    [same] = answer.get_json()["same"]
    assert (same["id"], same["same_as"], same["reason"]) == ("深圳乙", "深圳甲", "同一文本")
    assert plan_ids(viewer) == {p.stem for p in LOADED}


def test_a_bad_file_is_refused_by_name_and_nothing_is_loaded(viewer: Flask) -> None:
    before = plan_ids(viewer)
    answer = post_api(viewer, (NEW_PLAN.read_bytes(), "深圳.txt"),
                      (b"%PDF-1.4\n this is not a PDF at all", "坏文件.pdf"))
    assert answer.status_code == 422
    body = answer.get_json()
    assert body["error"].startswith("坏文件.pdf: ")
    assert [f["file"] for f in body["failures"]] == ["坏文件.pdf"]
    assert plan_ids(viewer) == before


def test_an_unsupported_type_is_refused_with_what_to_do(viewer: Flask) -> None:
    answer = post_api(viewer, (b"\xd0\xcf\x11\xe0 old word", "方案.doc"))
    assert answer.status_code == 422
    assert "方案.doc" in answer.get_json()["error"] and ".docx" in answer.get_json()["error"]


def test_no_file_is_a_400(viewer: Flask) -> None:
    answer = viewer.test_client().post("/api/plans", data={}, headers=bearer(viewer),
                                       content_type="multipart/form-data")
    assert answer.status_code == 400 and "file" in answer.get_json()["error"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
        tmp_path: Path, seed_documents: list[Document]) -> None:
    data = NEW_PLAN.read_bytes()
    app = make_app(tmp_path, seed_documents, {
        "UPLOAD_LIMITS": Limits(max_file_mb=len(data) / 2 / (1 << 20)),
        "MAX_CONTENT_LENGTH": 3 * len(data)})
    try:
        answer = post_api(app, (data, "深圳.txt"))
        assert answer.status_code == 422 and "LOADER_MAX_FILE_MB" in answer.get_json()["error"]
        assert answer.get_json()["error"].startswith("深圳.txt: ")
        whole = post_api(app, (data * 4, "深圳.txt"))  # over the whole request's limit
        assert whole.status_code == 413 and "上限" in whole.get_json()["error"]
        assert not any((tmp_path / "uploads" / "jobs").glob("*/*"))  # nothing kept
        assert plan_ids(app) == {p.stem for p in LOADED}
    finally:
        close_app(app)


def test_uploaded_names_are_made_safe_and_kept(viewer: Flask, tmp_path: Path) -> None:
    answer = post_api(viewer, (NEW_PLAN.read_bytes(), "../../etc/深圳:方案?.TXT"))
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["plans"][0]["file"] == "深圳_方案_.TXT"
    assert (tmp_path / "uploads" / "plans" / "深圳_方案_.TXT").read_bytes() == \
        NEW_PLAN.read_bytes()


# --- DELETE /api/plans/<id> -------------------------------------------------------------


def test_api_remove_needs_a_token_and_removes_the_plan(viewer: Flask) -> None:
    target = LOADED[1].stem
    client = viewer.test_client()
    assert client.delete(f"/api/plans/{target}").status_code == 401
    assert target in plan_ids(viewer)
    answer = client.delete(f"/api/plans/{target}", headers=bearer(viewer))
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["removed"] == target
    assert target not in plan_ids(viewer)
    assert client.get(f"/plans/{target}").status_code == 404
    missing = client.delete(f"/api/plans/{target}", headers=bearer(viewer))
    assert missing.status_code == 404 and target in missing.get_json()["error"]


# --- the pages ------------------------------------------------------------------------


def wait_until_read(client: FlaskClient, job_url: str) -> dict[str, Any]:
    deadline = time.monotonic() + READ_TIMEOUT_S
    while time.monotonic() < deadline:
        status = client.get(job_url + "/status").get_json()
        if status["state"] == "done":
            return status
        time.sleep(0.2)
    raise AssertionError(f"upload not read within {READ_TIMEOUT_S} s: {status}")


def upload_page(client: FlaskClient, *items: tuple[bytes, str]) -> str:
    """Send files through the upload form; the job's address."""
    token = csrf_of(client.get("/plans/upload"))
    sent = client.post("/plans/upload", data={**files(*items), "csrf_token": token},
                       content_type="multipart/form-data")
    assert sent.status_code == 303, sent.get_data(as_text=True)
    return sent.headers["Location"]


def test_upload_review_and_load_through_the_pages(viewer: Flask) -> None:
    client = signed_in(viewer)
    home = client.get("/").get_data(as_text=True)
    assert 'href="/plans/upload"' in home  # the editor's nav link
    job_url = upload_page(client, (NEW_PLAN.read_bytes(), "深圳方案.txt"))
    assert "upload.js" in client.get(job_url).get_data(as_text=True)
    status = wait_until_read(client, job_url)
    assert status["files"][0]["state"] == "ready" and status["files"][0]["tasks"] == 34
    review_url = status["files"][0]["review"]
    page = client.get(review_url).get_data(as_text=True)
    assert "深圳市" in page and 'value="load"' in page and 'value="replace"' not in page
    assert page.count('class="task-reading') == 34
    assert '<mark class="unit">' in page and '<mark class="list">' in page
    assert "图谱中尚无" in page  # no 深圳 agency is in the graph yet
    loaded = client.post(review_url, data={"action": "load", "csrf_token": csrf_of(
        client.get(review_url))})
    assert loaded.status_code == 303
    result = client.get(review_url).get_data(as_text=True)
    assert "已载入" in result and "1 loaded" in result
    assert "深圳方案" in plan_ids(viewer)
    assert client.get("/plans/深圳方案").status_code == 200


def test_the_review_page_says_when_the_plan_is_loaded_and_offers_to_replace(
        viewer: Flask) -> None:
    client = signed_in(viewer)
    loaded = LOADED[0]
    job_url = upload_page(client, (loaded.read_bytes(), "常州再传.txt"))
    review_url = wait_until_read(client, job_url)["files"][0]["review"]
    page = client.get(review_url).get_data(as_text=True)
    assert "与已载入的方案《" in page and "同一文本" in page
    assert 'value="replace"' in page and 'value="load"' not in page
    client.post(review_url, data={"action": "replace", "csrf_token": csrf_of(
        client.get(review_url))})
    ids = plan_ids(viewer)
    assert "常州再传" in ids and loaded.stem not in ids


def test_discard_loads_nothing_and_deletes_the_file(viewer: Flask, tmp_path: Path) -> None:
    client = signed_in(viewer)
    job_url = upload_page(client, (NEW_PLAN.read_bytes(), "深圳.txt"))
    review_url = wait_until_read(client, job_url)["files"][0]["review"]
    client.post(review_url, data={"action": "discard",
                                  "csrf_token": csrf_of(client.get(review_url))})
    assert "已放弃" in client.get(review_url).get_data(as_text=True)
    assert "深圳" not in plan_ids(viewer)
    assert not list((tmp_path / "uploads").rglob("深圳.txt"))


def test_a_file_that_fails_shows_its_reason_and_the_others_go_on(viewer: Flask) -> None:
    client = signed_in(viewer)
    job_url = upload_page(client, (b"no tasks here at all", "空白.txt"),
                          (NEW_PLAN.read_bytes(), "深圳.txt"), (b"x", "旧格式.doc"))
    status = wait_until_read(client, job_url)
    assert [f["state"] for f in status["files"]] == ["failed", "ready", "failed"]
    assert ".docx" in status["files"][2]["error"]
    page = client.get(job_url).get_data(as_text=True)
    assert "空白.txt" in page and "核对并载入" in page


def test_the_review_marks_only_agencies_the_graph_lacks(viewer: Flask, tmp_path: Path) -> None:
    """常州 revised: its agencies are in the graph (the loaded 常州 plan names them), so
    only those the lexicon does not know are new."""
    text = LOADED[0].read_text(encoding="utf-8").replace("〔2022〕76号", "〔2024〕9号")
    path = tmp_path / "常州修订.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_plan(path)
    unknown = {m.agency.id for t in doc.tasks for m in t.mentions
               if m.agency and not m.agency.known}
    client = signed_in(viewer)
    review_url = wait_until_read(client, upload_page(client, (path.read_bytes(), path.name))
                                 )["files"][0]["review"]
    page = client.get(review_url).get_data(as_text=True)
    assert "图谱中尚无" not in page
    if unknown:
        assert f"新单位 <small>({len(unknown)})</small>" in page
    else:
        assert 'id="new-agencies"' not in page
    assert "与已载入的方案" not in page and 'value="load"' in page  # another 文号: new


def test_source_marks_every_printed_unit_of_real_plans(seed_documents: list[Document]) -> None:
    """Every unit the loader found is marked in the plan's text, by role, where it was
    printed; the runs put together are the text itself; one block per task, in order."""
    for doc in seed_documents:
        marks = source_marks(doc)
        bases = {"lead": {"lead", "lead-inferred"}, "unit": {"unit", "lead-inferred"},
                 "implied": {"implied"}}
        for task in doc.tasks:
            for m in task.mentions:
                printed = m.printed or m.text
                at = doc.text.find(printed, m.start, m.end)
                assert at >= 0, (doc.id, task.no, printed)
                assert set(marks[at:at + len(printed)]) <= bases[m.role] | {"lead"}, printed
        blocks = source_blocks(doc)
        assert "".join(s.text for b in blocks for s in b.segments) == doc.text
        assert [b.anchor for b in blocks if b.anchor] == [f"t{t.position + 1}"
                                                          for t in doc.tasks]


def test_hostile_text_is_shown_as_text_on_the_review_page(viewer: Flask) -> None:
    client = signed_in(viewer)
    job_url = upload_page(client, (HOSTILE_PLAN.read_bytes(), "hostile.txt"))
    review_url = wait_until_read(client, job_url)["files"][0]["review"]
    page = client.get(review_url).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not LIVE_MARKUP.search(page)


def test_anonymous_uploads_are_refused(viewer: Flask) -> None:
    client = viewer.test_client()
    form = client.get("/plans/upload")
    assert form.status_code == 302 and "/login" in form.headers["Location"]
    sent = client.post("/plans/upload", data=files((NEW_PLAN.read_bytes(), "深圳.txt")),
                       content_type="multipart/form-data")
    assert sent.status_code == 403
    assert 'href="/plans/upload"' not in client.get("/").get_data(as_text=True)
    assert "深圳" not in plan_ids(viewer)


def test_a_form_post_without_its_csrf_token_is_refused(viewer: Flask) -> None:
    client = signed_in(viewer)
    sent = client.post("/plans/upload", data=files((NEW_PLAN.read_bytes(), "深圳.txt")),
                       content_type="multipart/form-data")
    assert sent.status_code == 400


def test_remove_from_the_plan_page_asks_first_and_needs_the_csrf_token(viewer: Flask) -> None:
    target = LOADED[2].stem
    client = signed_in(viewer)
    plan = client.get(f"/plans/{target}").get_data(as_text=True)
    assert f'href="/plans/{target}/remove"' in plan
    assert f"/plans/{target}/remove" not in viewer.test_client().get(
        f"/plans/{target}").get_data(as_text=True)  # not for readers
    confirm = client.get(f"/plans/{target}/remove")
    assert confirm.status_code == 200 and "确认删除" in confirm.get_data(as_text=True)
    assert client.post(f"/plans/{target}/remove").status_code == 400  # no CSRF token
    assert target in plan_ids(viewer)
    agencies = overview(viewer)["agencies"]
    done = client.post(f"/plans/{target}/remove", data={"csrf_token": csrf_of(confirm)})
    assert done.status_code == 200 and "已删除方案" in done.get_data(as_text=True)
    assert target not in plan_ids(viewer)
    assert overview(viewer)["agencies"] < agencies  # agencies only it named went with it
    assert client.get(f"/plans/{target}").status_code == 404


def test_anonymous_remove_is_refused(viewer: Flask) -> None:
    target = LOADED[2].stem
    client = viewer.test_client()
    assert client.post(f"/plans/{target}/remove").status_code == 403
    assert target in plan_ids(viewer)


def test_uploads_and_removals_are_audited(viewer: Flask, tmp_path: Path) -> None:
    post_api(viewer, (NEW_PLAN.read_bytes(), "深圳.txt"))
    viewer.test_client().delete(f"/api/plans/{LOADED[3].stem}", headers=bearer(viewer))
    entries = Accounts(tmp_path / ACCOUNTS_FILE).entries()
    actions = {(e.action, e.target) for e in entries}
    assert ("load", "深圳") in actions and ("remove", LOADED[3].stem) in actions
