"""Who may write: editors and tokens from the real CLI, sign-in, CSRF, the audit log.

Everything runs for real: `python -m webui users|tokens` through `main(argv)` on a SQLite
file in tmp_path, the viewer through Flask's test client over the seed graph. A small
write blueprint (one JSON route, one form route, both `editor_required`) stands for the
write views other parts add; it changes a list, so "nothing changed" can be checked.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Blueprint, Flask, jsonify, request
from flask.testing import FlaskClient

from graph.store import Store
from webui import create_app
from webui.__main__ import main
from webui.accounts import Accounts
from webui.auth import audit, current_editor, editor_required

PASSWORD = "correct horse battery"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


# --- the CLI ----------------------------------------------------------------------------


def cli(tmp_path: Path, *argv: str, stdin: str = "",
        monkeypatch: pytest.MonkeyPatch) -> int:
    """`python -m webui ARGV` with GRAPH_PATH in tmp_path (accounts beside it)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(list(argv), environ={"GRAPH_PATH": str(tmp_path / "graph.lbdb")})


def add_user(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code = cli(tmp_path, "users", "add", name, "--password-stdin", stdin=PASSWORD + "\n",
               monkeypatch=monkeypatch)
    assert code == 0


def test_users_are_added_listed_and_removed_from_the_command_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    add_user(tmp_path, "张伟", monkeypatch)
    assert "Added editor '张伟'" in capsys.readouterr().out
    assert (tmp_path / "webui.sqlite3").stat().st_mode & 0o777 == 0o600

    assert cli(tmp_path, "users", "add", "张伟", "--password-stdin", stdin="other password",
               monkeypatch=monkeypatch) == 1
    assert capsys.readouterr().err.startswith("Error: user '张伟' exists already")

    assert cli(tmp_path, "users", "list", monkeypatch=monkeypatch) == 0
    assert capsys.readouterr().out.startswith("张伟\tsince ")
    assert cli(tmp_path, "users", "remove", "张伟", monkeypatch=monkeypatch) == 0
    assert cli(tmp_path, "users", "remove", "张伟", monkeypatch=monkeypatch) == 1
    assert "Error: no user '张伟'" in capsys.readouterr().err
    assert cli(tmp_path, "users", "list", monkeypatch=monkeypatch) == 0
    assert capsys.readouterr().out == ""
    log = Accounts(tmp_path / "webui.sqlite3").entries()
    assert [(e.who, e.action, e.target) for e in log] == [
        ("cli", "user.remove", "张伟"), ("cli", "user.add", "张伟")]


@pytest.mark.parametrize(("name", "password", "message"), [
    ("li.na", "short", "at least 8 characters"),
    ("li na", PASSWORD, "without spaces"),
    ("", PASSWORD, "not usable"),
])
def test_a_short_password_or_a_bad_name_adds_nobody(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        name: str, password: str, message: str) -> None:
    assert cli(tmp_path, "users", "add", name, "--password-stdin", stdin=password,
               monkeypatch=monkeypatch) == 1
    assert message in capsys.readouterr().err
    assert Accounts(tmp_path / "webui.sqlite3").users() == []


def test_a_token_is_printed_once_and_stored_only_as_its_hash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    add_user(tmp_path, "zhang.wei", monkeypatch)
    capsys.readouterr()
    assert cli(tmp_path, "tokens", "add", "zhang.wei", monkeypatch=monkeypatch) == 0
    out, err = capsys.readouterr()
    token = out.strip()
    assert len(token) >= 43 and "\n" not in token and "shown this once" in err
    stored = (tmp_path / "webui.sqlite3").read_bytes()
    assert token.encode() not in stored
    assert hashlib.sha256(token.encode()).hexdigest().encode() in stored

    assert cli(tmp_path, "tokens", "list", monkeypatch=monkeypatch) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("1\tzhang.wei\tsince ") and token not in listed
    assert cli(tmp_path, "tokens", "add", "nobody", monkeypatch=monkeypatch) == 1
    assert capsys.readouterr().err.startswith("Error: no user 'nobody'")
    assert cli(tmp_path, "tokens", "revoke", "1", monkeypatch=monkeypatch) == 0
    assert cli(tmp_path, "tokens", "revoke", "1", monkeypatch=monkeypatch) == 1
    assert "Error: no token with id 1" in capsys.readouterr().err
    assert Accounts(tmp_path / "webui.sqlite3").token_owner(token) is None


# --- the viewer ---------------------------------------------------------------------------

written: list[str] = []  # what the stand-in write views changed
probe = Blueprint("probe", __name__)


@probe.post("/api/probe")
@editor_required
def api_write() -> Any:
    written.append(request.get_json(silent=True) or request.form.get("value", ""))
    audit("probe.write", "api", "via the API")
    return jsonify(editor=current_editor()), 201


@probe.post("/probe")
@editor_required
def form_write() -> Any:
    written.append(request.form["value"])
    audit("probe.write", "form", request.form["value"])
    return "ok"


@pytest.fixture(scope="module")
def two_editors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An account file with 张伟 and li.na, hashed once (scrypt is slow on purpose)."""
    found = Accounts(tmp_path_factory.mktemp("accounts") / "webui.sqlite3")
    found.add_user("张伟", PASSWORD)
    found.add_user("li.na", PASSWORD)
    return found.path


@pytest.fixture()
def accounts(tmp_path: Path, two_editors: Path) -> Accounts:
    """A copy of the two editors' file for this test alone."""
    return Accounts(Path(shutil.copy(two_editors, tmp_path / "webui.sqlite3")))


@pytest.fixture()
def app(seed_store: Store, accounts: Accounts) -> Iterator[Flask]:
    app = create_app(store=seed_store, test_config={
        "TESTING": True, "ACCOUNTS_PATH": accounts.path, "SIGN_IN_FAILURES": 3})
    app.register_blueprint(probe)
    written.clear()
    yield app


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    found = CSRF_INPUT.search(client.get(path).get_data(as_text=True))
    assert found, f"no CSRF token in the form of {path}"
    return found[1]


def sign_in(client: FlaskClient, name: str = "张伟", password: str = PASSWORD,
            **extra: str) -> Any:
    return client.post("/login", data={"name": name, "password": password,
                                       "csrf_token": csrf_token(client), **extra})


def test_an_editor_signs_in_and_out_with_the_session_cookie(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert ">登录</a>" in page and "退出登录" not in page and "已登录为" not in page
    response = sign_in(client, next="/plans/")
    assert response.status_code == 302 and response.headers["Location"] == "/plans/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    page = client.get("/plans/").get_data(as_text=True)
    assert "已登录为 张伟" in page and "退出登录" in page
    token = CSRF_INPUT.search(page)
    assert token
    assert client.post("/logout").status_code == 400  # without its CSRF token
    assert "已登录为 张伟" in client.get("/").get_data(as_text=True)
    assert client.post("/logout", data={"csrf_token": token[1]}).status_code == 302
    assert "已登录为" not in client.get("/").get_data(as_text=True)
    assert client.get("/audit").status_code == 302


def test_the_secure_flag_is_set_when_configured(seed_store: Store,
                                                accounts: Accounts) -> None:
    app = create_app(store=seed_store, test_config={
        "TESTING": True, "ACCOUNTS_PATH": accounts.path, "SESSION_COOKIE_SECURE": True})
    client = app.test_client()
    response = sign_in(client)
    assert response.status_code == 302 and "; Secure" in response.headers["Set-Cookie"]


def test_a_wrong_password_and_an_unknown_name_fail_alike(client: FlaskClient) -> None:
    wrong = sign_in(client, password="not the password")
    unknown = sign_in(client, name="王五")
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert "用户名或密码不正确" in response.get_data(as_text=True)
    message = [re.search(r'role="alert">([^<]*)<', r.get_data(as_text=True))
               for r in (wrong, unknown)]
    assert message[0] and message[1] and message[0][1] == message[1][1]
    assert "已登录为" not in client.get("/").get_data(as_text=True)


def test_repeated_failures_pause_that_name_at_that_address(client: FlaskClient) -> None:
    for _ in range(3):  # SIGN_IN_FAILURES
        assert sign_in(client, password="not the password").status_code == 401
    paused = sign_in(client)  # now even the right password waits
    assert paused.status_code == 429 and "秒后再试" in paused.get_data(as_text=True)
    assert sign_in(client, name="li.na").status_code == 302  # another name is not held up


def test_sign_in_goes_back_only_to_a_page_of_this_site(client: FlaskClient) -> None:
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        assert sign_in(client, next=target).headers["Location"] == "/"


def test_a_page_for_editors_sends_anonymous_readers_to_sign_in(client: FlaskClient) -> None:
    response = client.get("/audit?who=张伟")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?")
    form = client.get(response.headers["Location"]).get_data(as_text=True)
    target = re.search(r'name="next" value="([^"]+)"', form)
    assert target and target[1] == "/audit?who=张伟"
    back = sign_in(client, next=target[1]).headers["Location"]
    assert back == "/audit?who=%E5%BC%A0%E4%BC%9F"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get("/audit?format=json").status_code == 401
    answer = client.get("/audit", headers={"Accept": "application/json"})
    assert answer.status_code == 401 and answer.get_json()["status"] == 401
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_anonymous_write_is_refused_and_changes_nothing(client: FlaskClient) -> None:
    api = client.post("/api/probe", json={"value": 1})
    assert api.status_code == 401 and api.get_json()["error"].startswith("需要编辑权限")
    form = client.post("/probe", data={"value": "x"})
    assert form.status_code == 403 and "请先登录" in form.get_data(as_text=True)
    assert written == []


def test_a_post_where_nothing_takes_one_is_still_404_or_405(client: FlaskClient) -> None:
    assert client.post("/").status_code == 405
    assert client.post("/no/such/page").status_code == 404


def test_a_session_write_needs_its_csrf_token(client: FlaskClient,
                                              accounts: Accounts) -> None:
    sign_in(client)
    refused = client.post("/probe", data={"value": "forged"})
    assert refused.status_code == 400 and "CSRF" in refused.get_data(as_text=True)
    assert client.post("/api/probe", json={"value": 2}).status_code == 400
    assert written == []
    done = client.post("/probe", data={"value": "real", "csrf_token": csrf_token(client, "/")})
    assert done.status_code == 200 and written == ["real"]
    entry = accounts.entries(action="probe.write")[0]
    assert (entry.who, entry.via, entry.target, entry.detail) == ("张伟", "session", "form",
                                                                  "real")


def test_a_token_writes_without_cookie_or_csrf_and_only_while_valid(
        client: FlaskClient, accounts: Accounts) -> None:
    token_id, token = accounts.add_token("li.na")
    bearer = {"Authorization": f"Bearer {token}"}
    response = client.post("/api/probe", json={"n": 1}, headers=bearer)
    assert response.status_code == 201 and response.get_json() == {"editor": "li.na"}
    entry = accounts.entries()[0]
    assert (entry.who, entry.via, entry.action) == ("li.na", f"token {token_id}",
                                                    "probe.write")
    assert client.get("/audit?format=json", headers=bearer).status_code == 200

    for wrong in (f"Bearer {token}x", "Bearer ", f"bearer {token[:-1]}"):
        refused = client.post("/api/probe", json={"n": 2}, headers={"Authorization": wrong})
        assert refused.status_code == 401 and "令牌无效" in refused.get_json()["error"]
    accounts.revoke_token(token_id)
    assert client.post("/api/probe", json={"n": 3}, headers=bearer).status_code == 401
    assert written == [{"n": 1}]


def test_a_wrong_token_is_not_rescued_by_a_signed_in_session(client: FlaskClient) -> None:
    """A request that carries a token is judged by the token alone."""
    sign_in(client)
    token = csrf_token(client, "/")
    response = client.post("/probe", data={"value": "x", "csrf_token": token},
                           headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401 and written == []


def test_removing_an_editor_ends_their_session_and_tokens(
        client: FlaskClient, accounts: Accounts) -> None:
    _, token = accounts.add_token("张伟")
    sign_in(client)
    assert client.get("/audit").status_code == 200
    accounts.remove_user("张伟")
    assert client.get("/audit").status_code == 302
    assert client.get("/audit", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    accounts.add_user("张伟", PASSWORD)  # the same name again: the old cookie stays void
    assert client.get("/audit").status_code == 302


def test_the_audit_page_lists_newest_first_with_filters(client: FlaskClient,
                                                        accounts: Accounts) -> None:
    accounts.audit("li.na", "token 9", "plan.remove", "深圳方案", "<b>x</b>")
    accounts.audit("张伟", "session", "plan.upload", "常州方案")
    sign_in(client)
    page = client.get("/audit").get_data(as_text=True)
    for heading in ("操作记录", "时间 (UTC)", "编辑者", "操作", "对象", "说明"):
        assert heading in page
    rows = re.findall(r"<tr><td>[^<]+</td><td>([^<]+)</td><td>[^<]*</td><td>([^<]+)</td>",
                      page)
    assert rows == [("张伟", "sign-in"), ("张伟", "plan.upload"), ("li.na", "plan.remove")]
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
    only = client.get("/audit?who=li.na&format=json").get_json()["entries"]
    assert [(e["who"], e["action"], e["target"]) for e in only] == [
        ("li.na", "plan.remove", "深圳方案")]
    assert client.get("/audit?action=plan.upload&format=json").get_json()["entries"][0][
        "target"] == "常州方案"


def test_every_form_that_posts_carries_a_csrf_token(client: FlaskClient,
                                                    ids: dict[str, str]) -> None:
    """The viewer's own pages, signed in (the header then has the sign-out form)."""
    sign_in(client)
    for path in ("/", "/login", "/audit", f"/agencies/{ids['agency']}", f"/tasks/{ids['task']}",
                 f"/plans/{ids['plan']}", "/query/cypher", "/network"):
        html = client.get(path).get_data(as_text=True)
        forms = re.findall(r"<form\b[^>]*>.*?</form>", html, re.DOTALL)
        posting = [f for f in forms if re.search(r'method="post"', f, re.IGNORECASE)]
        assert all(CSRF_INPUT.search(f) for f in posting), path
        assert path != "/" or posting  # the sign-out form


def test_the_secret_key_is_made_once_kept_private_and_reused(
        seed_store: Store, accounts: Accounts, client: FlaskClient) -> None:
    sign_in(client)
    key_file = accounts.path.with_suffix(".secret")
    assert key_file.stat().st_mode & 0o777 == 0o600
    again = create_app(store=seed_store, test_config={"ACCOUNTS_PATH": accounts.path})
    assert again.secret_key == key_file.read_text().strip()
    cookie = client.get_cookie("session")
    assert cookie
    other = again.test_client()
    other.set_cookie("session", cookie.value)
    assert other.get("/audit").status_code == 200  # a restart keeps editors signed in


def test_a_viewer_without_an_account_file_lets_nobody_write(seed_store: Store,
                                                            tmp_path: Path) -> None:
    app = create_app(store=seed_store, test_config={"TESTING": True})
    client = app.test_client()
    response = sign_in(client)
    assert response.status_code == 503 and "账号文件不可用" in response.get_data(as_text=True)
    assert client.get("/audit").status_code == 302
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_account_file_is_a_clear_error(tmp_path: Path, seed_store: Store,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "webui.sqlite3"
    damaged.write_bytes(b"not sqlite at all" * 100)
    assert cli(tmp_path, "users", "list", monkeypatch=monkeypatch) == 1
    assert "Error: cannot use the account file" in capsys.readouterr().err
    app = create_app(store=seed_store, test_config={"TESTING": True, "ACCOUNTS_PATH": damaged})
    client = app.test_client()
    assert sign_in(client).status_code == 503
    assert client.get("/").status_code == 200  # readers are not held up
    assert damaged.read_bytes() == b"not sqlite at all" * 100
