"""Screen console Cypher for clauses that write, before the engine's read-only transaction.

The screen works on tokens, not substrings, so `RETURN 'CREATE'`, `// DELETE me` and a
property named `set` pass while `CREATE (n)` is refused with the clause named. It is the
friendly first line; the backends also run console queries in a read-only transaction so
the engine refuses anything the screen misses. The same tokenizer finds `$parameters`
for the query catalog and splits schema files into statements.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from graph.errors import QueryError, ReadOnlyViolation

# One alternative per token kind, tried in order. Examples of what each one matches:
#   space         "  \n"
#   comment       "// note" and "/* note */"
#   open_comment  "/*" with no closing "*/" (an error)
#   string        '市工信局' and "say \"hi\"" (backslash escapes)
#   quoted        "`end`" (a backtick-quoted name)
#   param         "$city" and "$`city`"
#   number        "20" and "0.5"
#   word          "MATCH", "a", "常州"
#   symbol        any other single character: "(", ".", ":", ";"
TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>//[^\n]*|/\*.*?\*/)
    | (?P<open_comment>/\*)
    | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
    | (?P<quoted>`(?:[^`]|``)*`)
    | (?P<param>\$(?:\w+|`[^`]*`))
    | (?P<number>\d+(?:\.\d+)?)
    | (?P<word>\w+)
    | (?P<symbol>.)
    """,
    re.VERBOSE | re.DOTALL,
)

# Clauses that change data, schema, files, extensions or the session's transaction state.
WRITE_CLAUSES = frozenset({
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH",
    "DROP", "ALTER", "RENAME", "COMMENT", "COPY", "LOAD", "IMPORT", "EXPORT",
    "INSTALL", "UNINSTALL", "ATTACH", "USE",
    "BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT",
    "GRANT", "REVOKE", "DENY", "TERMINATE",
})

# Procedures a console may CALL: schema and version look-ups of LadybugDB and Neo4j.
READ_ONLY_PROCEDURES = frozenset({
    "show_tables", "table_info", "show_connection", "db_version", "show_functions",
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "dbms.components",
})


class Token(NamedTuple):
    kind: str
    text: str
    start: int


def tokenize(text: str) -> list[Token]:
    """Split Cypher into tokens, dropping whitespace and comments."""
    tokens = []
    for match in TOKEN.finditer(text):
        kind = match.lastgroup or "symbol"
        if kind == "open_comment":
            raise QueryError(f"unclosed /* comment at {_where(text, match.start())}")
        if kind == "symbol" and match.group() in "'\"`":
            raise QueryError(f"unclosed {match.group()} quote at {_where(text, match.start())}")
        if kind not in ("space", "comment"):
            tokens.append(Token(kind, match.group(), match.start()))
    return tokens


def placeholders(text: str) -> set[str]:
    """Names of the `$parameters` used in a statement (not those inside strings)."""
    return {t.text[1:].strip("`") for t in tokenize(text) if t.kind == "param"}


def split_statements(text: str) -> list[str]:
    """Split a file of `;`-separated statements, ignoring `;` in strings and comments."""
    cuts = [t.start for t in tokenize(text) if t.text == ";" and t.kind == "symbol"]
    pieces, begin = [], 0
    for cut in [*cuts, len(text)]:
        pieces.append(text[begin:cut])
        begin = cut + 1
    return [p.strip() for p in pieces if tokenize(p)]


@lru_cache(maxsize=512)  # named queries repeat: screen each text once
def check_read_only(text: str) -> None:
    """Raise ReadOnlyViolation naming the first clause that would write."""
    tokens = tokenize(text)
    if not tokens:
        raise QueryError("the query is empty")
    _refuse_several_statements(text, tokens)
    for i, token in enumerate(tokens):
        if token.kind != "word" or _is_name(tokens, i):
            continue
        word = token.text.upper()
        if word == "CALL":
            _check_call(text, tokens, i)
        elif word in WRITE_CLAUSES:
            raise ReadOnlyViolation(
                f"{word} (at {_where(text, token.start)}) writes to the graph or changes the "
                "session; the console only reads. Load plans with `python -m loaders load`.")


def _is_name(tokens: list[Token], i: int) -> bool:
    """True for a property (`t.set`), label (`:Create`) or map key (`{delete: 1}`)."""
    before = tokens[i - 1].text if i else ""
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    return before in (".", ":") or (after == ":" and before in ("{", ","))


def _refuse_several_statements(text: str, tokens: list[Token]) -> None:
    for token in tokens[:-1]:
        if token.kind == "symbol" and token.text == ";":
            raise ReadOnlyViolation(
                f"several statements (`;` at {_where(text, token.start)}); "
                "the console runs one statement at a time")


def _check_call(text: str, tokens: list[Token], i: int) -> None:
    following = tokens[i + 1:]
    if following and following[0].text in ("{", "("):
        return  # a subquery: its own clauses are screened like the rest
    name = _dotted_name(following)
    if name.lower() not in READ_ONLY_PROCEDURES:
        allowed = ", ".join(sorted(READ_ONLY_PROCEDURES))
        raise ReadOnlyViolation(
            f"CALL {name or '?'} (at {_where(text, tokens[i].start)}) is not a read-only "
            f"procedure the console allows; allowed: {allowed}")


def _dotted_name(tokens: list[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.kind in ("word", "quoted") and len(parts) % 2 == 0:
            parts.append(token.text.strip("`"))
        elif token.text == "." and len(parts) % 2 == 1:
            parts.append(".")
        else:
            break
    return "".join(parts)


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"
