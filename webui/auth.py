"""Who may write: signed-in editors and API tokens, CSRF on every form, the audit log.

Reading stays open to anyone who reaches the address. A write view is wrapped in
`editor_required`; it then runs only for

- a browser session signed in at /login (cookie HttpOnly, SameSite=Lax), whose forms
  carry Flask-WTF's CSRF token, or
- a request with `Authorization: Bearer <token>` (python -m webui tokens add NAME). Such
  a request is judged by its token alone; its cookies are ignored, so a cross-site form
  (which cannot set that header) gains nothing from it, and it needs no CSRF token.

A write view calls `audit(action, target, detail)` once it has changed something.
"""

from __future__ import annotations

import functools
import logging
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from flask import (
    Blueprint,
    Flask,
    current_app,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.wrappers import Response

from graph.settings import Settings
from webui.accounts import ACCOUNTS_FILE, AccountError, Accounts, Entry, secret_key
from webui.errors import wants_json
from webui.tables import json_response

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)
csrf = CSRFProtect()

P = ParamSpec("P")
R = TypeVar("R")
ACCOUNTS_KEY = "accounts"
THROTTLE_KEY = "sign_in_throttle"
REALM = 'Bearer realm="responsibility-graph"'
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
AUDIT_PAGE = 100  # audit lines per page
# Views wrapped in editor_required: an anonymous request to one is refused as
# unauthorised (401/403) before its CSRF token is looked at.
EDITOR_VIEWS: set[Callable[..., Any]] = set()

# create_app applies these before its test_config (Flask has defaults of its own for the
# session cookie, so they cannot be filled in later with setdefault).
DEFAULTS: dict[str, Any] = {
    "ACCOUNTS_PATH": None,  # None: webui.sqlite3 beside the graph the app opened
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,  # True behind HTTPS (python -m webui --secure-cookies)
    "PERMANENT_SESSION_LIFETIME": 12 * 3600,  # a working day, then sign in again
    "WTF_CSRF_TIME_LIMIT": None,  # a form's token lives as long as its session
    "WTF_CSRF_CHECK_DEFAULT": False,  # checked by _check_csrf, which knows about tokens
    "SIGN_IN_FAILURES": 5,  # failed sign-ins per name and address ...
    "SIGN_IN_WINDOW_S": 300,  # ... within this many seconds, then a pause
}


class Throttle:
    """Failed sign-ins per (name, address) in a sliding window, in this process."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit, self.window_s = limit, window_s
        self._failures: dict[tuple[str, str], list[float]] = {}
        self._lock = threading.Lock()

    def wait_s(self, key: tuple[str, str]) -> int:
        """Seconds until `key` may try again (0: now)."""
        with self._lock:
            recent = self._recent(key)
            return 0 if len(recent) < self.limit else int(recent[0] + self.window_s
                                                           - time.monotonic()) + 1

    def failed(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._failures[key] = [*self._recent(key), time.monotonic()]

    def passed(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: tuple[str, str]) -> list[float]:
        since = time.monotonic() - self.window_s
        return [t for t in self._failures.get(key, []) if t > since]


def init_app(app: Flask, settings: Settings | None) -> None:
    """Accounts beside the graph of `settings` (or at ACCOUNTS_PATH), sessions, CSRF."""
    path = app.config["ACCOUNTS_PATH"] or (settings.path.parent / ACCOUNTS_FILE
                                           if settings else None)
    # No account file (an app built on a store handed in, without ACCOUNTS_PATH): reading
    # only, nobody can sign in; the key then lives only as long as the process.
    app.extensions[ACCOUNTS_KEY] = Accounts(Path(path)) if path else None
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = (secret_key(Path(path).with_suffix(".secret")) if path
                                    else secrets.token_urlsafe(48))
    app.extensions[THROTTLE_KEY] = Throttle(app.config["SIGN_IN_FAILURES"],
                                            app.config["SIGN_IN_WINDOW_S"])
    csrf.init_app(app)
    app.before_request(_check_csrf)
    app.register_error_handler(CSRFError, _csrf_refused)
    app.register_error_handler(AccountError, _accounts_unusable)
    app.context_processor(_template_editor)
    app.register_blueprint(bp)


def default_accounts_path(settings: Settings) -> Path:
    return settings.path.parent / ACCOUNTS_FILE


def accounts() -> Accounts:
    found: Accounts | None = current_app.extensions[ACCOUNTS_KEY]
    if found is None:
        raise AccountError("this viewer has no account file (set ACCOUNTS_PATH)")
    return found


# --- who is asking --------------------------------------------------------------------


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer …` header ('' when empty), else None."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def current_editor() -> str | None:
    """The signed-in editor's name, or the owner of the request's API token, else None."""
    if "auth_editor" not in g:
        g.auth_editor, g.auth_via = _identify()
    editor: str | None = g.auth_editor
    return editor


def _identify() -> tuple[str | None, str]:
    """(name, how: 'session' or 'token N'); a Bearer header is judged alone."""
    found: Accounts | None = current_app.extensions[ACCOUNTS_KEY]
    token = bearer_token()
    if found is None:
        return None, ""
    if token is not None:
        owner = found.token_owner(token) if token else None
        return (owner[0], f"token {owner[1]}") if owner else (None, "")
    name, key = session.get("editor"), session.get("editor_key")
    if isinstance(name, str) and isinstance(key, str) and found.session_user(name, key):
        return name, "session"
    return None, ""


def editor_required(view: Callable[P, R]) -> Callable[P, R | Response]:
    """Run `view` for an editor (session or API token); refuse anyone else.

    Refusals: 401 for /api/ paths, requests that want JSON, and a wrong token; a sign-in
    redirect for pages asked with GET; 403 for other requests (form posts). Put it below
    the route decorator, so the route registers the guarded view.
    """

    @functools.wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R | Response:
        if current_editor() is not None:
            return view(*args, **kwargs)
        return _refuse()

    EDITOR_VIEWS.add(guarded)
    return guarded


def _refuse() -> Response:
    if bearer_token() is not None:
        return _answer(401, "API 令牌无效或已撤销 (invalid or revoked API token)")
    if _wants_json():
        return _answer(401, "需要编辑权限:请登录,或在请求头带上 Authorization: Bearer <令牌> "
                            "(sign in, or send an API token)")
    if request.method in ("GET", "HEAD"):
        return redirect(url_for("auth.login", next=_here()))
    return _answer(403, "需要编辑权限:请先登录 (editors only; sign in first)")


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return wants_json() or request.is_json or best == "application/json"


def _answer(status: int, message: str) -> Response:
    """An error as JSON or as the error page, with the challenge a 401 must carry."""
    if _wants_json():
        response = make_response(jsonify(error=message, status=status), status)
    else:
        response = make_response(render_template("error.html", status=status,
                                                 message=message), status)
    if status == 401:
        response.headers["WWW-Authenticate"] = REALM
    return response


def _here() -> str:
    return request.full_path.rstrip("?")


def _check_csrf() -> None:
    """Flask-WTF's CSRF check on every unsafe request that rides on the session cookie.

    Skipped for Bearer requests (no cookie counts) and for anonymous requests to an editor
    view, which `editor_required` refuses with 401/403 and which a session could not help.
    """
    if (request.method not in UNSAFE_METHODS or bearer_token() is not None
            or request.endpoint is None):  # no such route: routing answers 404/405
        return
    view = current_app.view_functions.get(request.endpoint)
    if view in EDITOR_VIEWS and current_editor() is None:
        return
    csrf.protect()


def _csrf_refused(exc: CSRFError) -> Response:
    return _answer(400, "表单缺少安全令牌或已过期,请刷新页面后重试 "
                        f"(CSRF check failed: {exc.description})")


def _accounts_unusable(exc: AccountError) -> Response:
    log.error("account file: %s", exc)
    return _answer(503, f"账号文件不可用,暂时无法登录或写入 (accounts unavailable: {exc})")


def _template_editor() -> dict[str, Any]:
    """`editor` in every template: the name of whoever may write, or None."""
    try:
        return {"editor": current_editor()}
    except AccountError:
        log.exception("cannot read the account file")
        return {"editor": None}


# --- the audit log --------------------------------------------------------------------


def audit(action: str, target: str, detail: str = "") -> None:
    """Append (UTC time, current editor, action, target, detail) to the audit log."""
    who = current_editor()
    accounts().audit(who or "", g.get("auth_via", ""), action, target, detail)


# --- pages ----------------------------------------------------------------------------


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    target = _safe_next(request.values.get("next", ""))
    if request.method == "GET":
        return render_template("auth/login.html", next=target, name="", error="")
    name = request.form.get("name", "").strip()
    key = (name.casefold(), request.remote_addr or "")
    throttle: Throttle = current_app.extensions[THROTTLE_KEY]
    if wait := throttle.wait_s(key):
        return _login_refused(429, name, target,
                              f"登录失败次数过多,请 {wait} 秒后再试 (too many attempts)")
    signed = accounts().sign_in(name, request.form.get("password", ""))
    if signed is None:
        throttle.failed(key)
        return _login_refused(401, name, target,
                              "用户名或密码不正确 (wrong user name or password)")
    throttle.passed(key)
    _start_session(*signed)
    audit("sign-in", signed[0])
    return redirect(target)


def _login_refused(status: int, name: str, target: str, message: str) -> Any:
    response = make_response(render_template("auth/login.html", next=target, name=name,
                                             error=message), status)
    if status == 401:
        response.headers["WWW-Authenticate"] = REALM
    return response


def _start_session(name: str, key: str) -> None:
    """A fresh session (nothing kept from before sign-in) naming the editor."""
    session.clear()
    session.permanent = True
    session["editor"], session["editor_key"] = name, key
    g.auth_editor, g.auth_via = name, "session"


def _safe_next(target: str) -> str:
    """Where to go after sign-in: a path on this site only, never another host."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("home.index")


@bp.post("/logout")
def logout() -> Any:
    if (name := current_editor()) is not None and bearer_token() is None:
        audit("sign-out", name)
    session.clear()
    return redirect(url_for("home.index"))


@bp.get("/audit")
@editor_required
def audit_log() -> Any:
    who, action = request.args.get("who", ""), request.args.get("action", "")
    page = _page_number()
    entries = accounts().entries(who, action, limit=AUDIT_PAGE + 1,
                                 offset=(page - 1) * AUDIT_PAGE)
    more, entries = len(entries) > AUDIT_PAGE, entries[:AUDIT_PAGE]
    if request.args.get("format") == "json":
        return json_response({"entries": [_entry_json(e) for e in entries], "page": page,
                              "more": more})
    names, actions = accounts().audit_choices()
    return render_template("auth/audit.html", entries=entries, who=who, action=action,
                           names=names, actions=actions, page_no=page, more=more)


def _page_number() -> int:
    text = request.args.get("page", "1")
    return int(text) if text.isdigit() and 0 < int(text) < 1_000_000 else 1


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {"at": entry.at, "who": entry.who, "via": entry.via, "action": entry.action,
            "target": entry.target, "detail": entry.detail}
