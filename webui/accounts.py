"""Editors, their API tokens and the audit log: one SQLite file beside the graph.

The viewer reads the graph without an account; every write needs an editor. Accounts
live in a small SQLite file (stdlib `sqlite3`), not in the graph, so a rebuild of the
graph keeps them and a reader of the graph never sees a password hash.

- Passwords: `werkzeug.security` (scrypt, salted), the hashing Flask itself ships with.
- API tokens: `secrets.token_urlsafe(32)` (256 random bits), shown once and stored only
  as their SHA-256. A slow hash protects guessable passwords; a token is not guessable,
  so a fast hash loses nothing and keeps every API request cheap.
- Each call opens its own short connection: the CLI and the viewer's threads (and
  another viewer process) may use the file at once; SQLite serialises the writes.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

ACCOUNTS_FILE = "webui.sqlite3"  # beside the graph: var/webui.sqlite3 by default
MIN_PASSWORD = 8
MAX_NAME = 64
BUSY_TIMEOUT_S = 5.0  # another process writing: wait this long before failing
# Checked against when the name is unknown, so a wrong name costs as long as a wrong password.
_NO_SUCH_USER = generate_password_hash(secrets.token_urlsafe(16))

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    session_key TEXT NOT NULL,  -- in the session cookie; removing the user voids it
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    token_sha256 TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    via TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_who ON audit (who);
CREATE INDEX IF NOT EXISTS audit_action ON audit (action);
"""


class AccountError(Exception):
    """An account command cannot be done as asked (name taken, unknown, too short…)."""


@dataclass(frozen=True)
class User:
    name: str
    created: str
    tokens: int


@dataclass(frozen=True)
class Token:
    id: int
    owner: str
    created: str


@dataclass(frozen=True)
class Entry:
    """One line of the audit log."""

    id: int
    at: str
    who: str
    via: str
    action: str
    target: str
    detail: str


def now() -> str:
    """UTC, ISO 8601 to the second: sorts as text, reads the same in every office."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    """The name as stored (NFKC, trimmed), or AccountError saying what a name may be."""
    clean = unicodedata.normalize("NFKC", name).strip()
    if not clean or len(clean) > MAX_NAME or any(c.isspace() or not c.isprintable()
                                                 for c in clean):
        raise AccountError(f"user name {name!r} is not usable: 1 to {MAX_NAME} printable "
                           "characters without spaces, e.g. zhang.wei or 张伟")
    return clean


class Accounts:
    """The account file at `path` (created, with mode 0600, on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False  # the file and its tables exist

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """One connection, one transaction: committed on success, rolled back on error."""
        try:
            self._create()
            with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)) as conn:
                conn.execute("PRAGMA foreign_keys = ON")
                with conn:
                    yield conn
        except (sqlite3.DatabaseError, OSError) as exc:
            raise AccountError(f"cannot use the account file {self.path}: {exc}") from exc

    def _create(self) -> None:
        """The file (mode 0600: it holds the password hashes) and its tables, once."""
        if self._ready:
            return
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)) as conn:
            conn.executescript(SCHEMA)
        self._ready = True

    # --- users -------------------------------------------------------------------------

    def add_user(self, name: str, password: str) -> str:
        name = check_name(name)
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
        with self._db() as db:
            if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise AccountError(f"user {name!r} exists already; remove it first "
                                   "(python -m webui users remove NAME) to set a new password")
            db.execute("INSERT INTO users VALUES (?, ?, ?, ?)",
                       (name, generate_password_hash(password), secrets.token_urlsafe(16),
                        now()))
        return name

    def remove_user(self, name: str) -> int:
        """Remove `name` and its tokens; the number of tokens revoked with it."""
        name = check_name(name)
        with self._db() as db:
            revoked = db.execute("DELETE FROM tokens WHERE owner = ?", (name,)).rowcount
            if not db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount:
                raise AccountError(f"no user {name!r}; see python -m webui users list")
        return revoked

    def users(self) -> list[User]:
        with self._db() as db:
            rows = db.execute("SELECT u.name, u.created, count(t.id) FROM users u "
                              "LEFT JOIN tokens t ON t.owner = u.name "
                              "GROUP BY u.name ORDER BY u.name").fetchall()
        return [User(*row) for row in rows]

    def sign_in(self, name: str, password: str) -> tuple[str, str] | None:
        """(name as stored, session key) when `password` is the user's, else None.

        An unknown name and a wrong password fail alike, in about the same time.
        """
        try:
            name = check_name(name)
        except AccountError:
            name = ""
        with self._db() as db:
            row = db.execute("SELECT password_hash, session_key FROM users WHERE name = ?",
                             (name,)).fetchone()
        stored, key = row if row else (_NO_SUCH_USER, None)
        return (name, key) if check_password_hash(stored, password) and key else None

    def session_user(self, name: str, key: str) -> str | None:
        """`name` while that user still exists with the key the session was given."""
        with self._db() as db:
            row = db.execute("SELECT session_key FROM users WHERE name = ?",
                             (name,)).fetchone()
        return name if row and secrets.compare_digest(row[0], key) else None

    # --- tokens ------------------------------------------------------------------------

    def add_token(self, owner: str) -> tuple[int, str]:
        """A new token for `owner`: its id and the token itself (never stored)."""
        owner = check_name(owner)
        token = secrets.token_urlsafe(32)
        with self._db() as db:
            if not db.execute("SELECT 1 FROM users WHERE name = ?", (owner,)).fetchone():
                raise AccountError(f"no user {owner!r}; add it first: "
                                   f"python -m webui users add {owner}")
            cursor = db.execute("INSERT INTO tokens (owner, token_sha256, created) "
                                "VALUES (?, ?, ?)", (owner, token_digest(token), now()))
        return int(cursor.lastrowid or 0), token

    def tokens(self) -> list[Token]:
        with self._db() as db:
            rows = db.execute("SELECT id, owner, created FROM tokens ORDER BY id").fetchall()
        return [Token(*row) for row in rows]

    def revoke_token(self, token_id: int) -> str:
        """Delete token `token_id`; its owner's name."""
        with self._db() as db:
            row = db.execute("SELECT owner FROM tokens WHERE id = ?", (token_id,)).fetchone()
            if not row:
                raise AccountError(f"no token with id {token_id}; "
                                   "see python -m webui tokens list")
            db.execute("DELETE FROM tokens WHERE id = ?", (token_id,))
        return str(row[0])

    def token_owner(self, token: str) -> tuple[str, int] | None:
        """The owner and id of `token`, or None when it was never issued or is revoked."""
        with self._db() as db:
            row = db.execute("SELECT owner, id FROM tokens WHERE token_sha256 = ?",
                             (token_digest(token),)).fetchone()
        return (str(row[0]), int(row[1])) if row else None

    # --- audit log ---------------------------------------------------------------------

    def audit(self, who: str, via: str, action: str, target: str, detail: str = "") -> None:
        with self._db() as db:
            db.execute("INSERT INTO audit (at, who, via, action, target, detail) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (now(), who, via, action, target, detail))

    def entries(self, who: str = "", action: str = "", limit: int = 100,
                offset: int = 0) -> list[Entry]:
        """Audit lines newest first, only `who`'s and only `action` when given."""
        with self._db() as db:
            rows = db.execute(
                "SELECT id, at, who, via, action, target, detail FROM audit "
                "WHERE (? = '' OR who = ?) AND (? = '' OR action = ?) "
                "ORDER BY id DESC LIMIT ? OFFSET ?",
                (who, who, action, action, limit, offset)).fetchall()
        return [Entry(*row) for row in rows]

    def audit_choices(self) -> tuple[list[str], list[str]]:
        """The names and actions the log holds, for the page's filters."""
        with self._db() as db:
            who = [r[0] for r in db.execute("SELECT DISTINCT who FROM audit ORDER BY who")]
            actions = [r[0] for r in db.execute(
                "SELECT DISTINCT action FROM audit ORDER BY action")]
        return who, actions


def secret_key(path: Path) -> str:
    """The key that signs session cookies and CSRF tokens, made once and kept at `path`.

    Kept in a file of its own with mode 0600, not in code or in the account file, so a copy
    of the accounts (e.g. for a backup) does not let anyone forge a session.
    """
    try:
        if not path.exists():
            _write_new_key(path)
    except OSError as exc:
        raise AccountError(f"cannot create the secret key file {path}: {exc}") from exc
    if os.name == "posix" and path.stat().st_mode & 0o077:
        raise AccountError(f"the secret key file {path} may be read by other users; "
                           f"run: chmod 600 {path}")
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise AccountError(f"the secret key file {path} is empty or too short; delete it "
                           "and start again (signed-in editors will have to sign in again)")
    return key


def _write_new_key(path: Path) -> None:
    """Write the key under a temporary name, then link it in: two processes starting at
    once end up with the one key that was linked first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    handle = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(secrets.token_urlsafe(48) + "\n")
    try:
        os.link(temp, path)
    except FileExistsError:
        pass
    finally:
        temp.unlink()
