"""The console's grammar: a statement is let through only if it is made of read clauses.

It works on tokens and clauses, not substrings. The statement is cut into clauses: one
starts where the statement starts and wherever a word follows a finished expression
(`MATCH (a) RETURN a` has two), and the keyword there must be a read clause: MATCH,
OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP, LIMIT, UNION [ALL], CALL of a
listed read-only procedure (then YIELD), or LadybugDB's join HINT after a MATCH. Anything
else (CREATE, COPY … TO, LOAD FROM, UPDATE, CHECKPOINT, ANALYZE, a clause added to an
engine later) is refused with the clause named. Words inside brackets, after `.`, `:` or
AS, or where an expression expects a value are names, so `RETURN count(t) AS copy`,
`MATCH (use:Task)`, `n.set` and `{merge: 1}` pass; subqueries in braces (`EXISTS { … }`,
`COUNT { … }`, `CALL { … }`) are read clause by clause like the statement.

It is the first line: the console then runs in a separate process on a database opened
read-only (graph.console), and Neo4j runs it in a read-access transaction. The same
tokenizer finds `$parameters` for the query catalog and splits schema files into statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
#   number        "20", "0.5", "1e6", "0x1F"
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
    | (?P<number>0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<word>\w+)
    | (?P<symbol>.)
    """,
    re.VERBOSE | re.DOTALL,
)

# The clauses a console statement may be made of (OPTIONAL, ORDER and UNION take the
# word after them; CALL is checked against READ_ONLY_PROCEDURES).
READ_CLAUSES = ("MATCH", "OPTIONAL MATCH", "WHERE", "WITH", "UNWIND", "RETURN", "ORDER BY",
                "SKIP", "LIMIT", "UNION [ALL]", "CALL of a read-only procedure")
_OPERAND_CLAUSES = frozenset({"MATCH", "WHERE", "WITH", "UNWIND", "RETURN", "SKIP", "LIMIT"})

# Procedures a console may CALL: schema and version look-ups of LadybugDB and Neo4j.
READ_ONLY_PROCEDURES = frozenset({
    "show_tables", "table_info", "show_connection", "db_version", "show_functions",
    "current_setting", "show_indexes", "show_sequences",
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "dbms.components",
})

# Words that continue an expression after a value (`a AND b`, `x IS NULL`, `HINT (a JOIN e)
# JOIN t`): a value is expected after them. AS is handled apart (a name follows it).
_INFIX = frozenset({"AND", "OR", "XOR", "IN", "IS", "CONTAINS", "STARTS", "ENDS", "JOIN",
                    "MULTI_JOIN"})
# Words that end a value or a sort key: after them the expression may go on or a clause start.
_POSTFIX = frozenset({"ASC", "DESC", "ASCENDING", "DESCENDING", "NORMALIZED"})
# Words that stand before a value where a value is expected (`NOT x`, `DISTINCT a`).
_PREFIX = frozenset({"NOT", "DISTINCT"})
_CASE_WORDS = frozenset({"WHEN", "THEN", "ELSE"})
# A brace group after one of these words, holding clauses or a pattern, is a subquery.
_SUBQUERY_WORDS = frozenset({"EXISTS", "COUNT", "COLLECT", "CALL"})
# Refused clauses named with the word after them (DETACH DELETE, LOAD FROM, OPTIONAL CREATE).
_TWO_WORDS = frozenset({"OPTIONAL", "ORDER", "DETACH", "LOAD", "EXPORT", "IMPORT"})
_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = frozenset(_OPEN.values())

# What the reader expects next at the top level of a statement or subquery.
_CLAUSE, _VALUE, _ALIAS, _AFTER = "clause", "value", "alias", "after"


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


@lru_cache(maxsize=512)  # named queries repeat: read each text once
def check_read_only(text: str) -> None:
    """Raise ReadOnlyViolation naming the first clause that is not a read clause.

    QueryError for text that cannot be a statement at all (empty, unclosed quote or bracket).
    """
    tokens = tokenize(text)
    if not tokens:
        raise QueryError("the query is empty")
    _refuse_several_statements(text, tokens)
    if tokens[-1].text == ";" and tokens[-1].kind == "symbol":
        tokens = tokens[:-1]
    _Reader(text, tokens, _pairs(text, tokens)).statement(0, len(tokens), _CLAUSE)


@dataclass
class _Reader:
    """Reads a statement (or a subquery) clause by clause; brackets are skipped as wholes."""

    text: str
    tokens: list[Token]
    pairs: dict[int, int]  # index of each opening bracket -> index of its closing one

    def statement(self, begin: int, end: int, expect: str, clause: str = "") -> None:
        """Check tokens[begin:end]: `expect` is _CLAUSE at a statement's start, _VALUE for
        a pattern subquery (`EXISTS { (a)-->(b) }`), whose implicit clause is MATCH."""
        i, cases = begin, 0  # cases: CASE … END expressions open at this level
        while i < end:
            token, word = self.tokens[i], self._word(i)
            if expect == _CLAUSE:
                i, expect, clause = self._clause(i, end, clause)
                continue
            if token.kind == "symbol" and token.text in _OPEN:
                self._group(i)
                i, expect = self.pairs[i] + 1, _AFTER
                continue
            if expect == _ALIAS:  # the name after AS, whatever the word
                expect = _AFTER
            elif expect == _VALUE:
                expect = self._value(i, cases)
                cases += word == "CASE" and expect == _VALUE
            elif token.kind != "word":
                expect = _VALUE if token.kind == "symbol" else _AFTER  # an operator, or junk
            elif word == "AS":
                expect = _ALIAS
            elif word in _INFIX or (word in _CASE_WORDS and cases):
                expect = _VALUE
            elif word == "END" and cases:
                cases -= 1
            elif word not in _POSTFIX:
                expect = _CLAUSE  # a word after a finished expression starts a clause
                continue
            i += 1

    def _value(self, i: int, cases: int) -> str:
        """What comes after token i, read where a value was expected."""
        token, word = self.tokens[i], self._word(i)
        if token.kind == "symbol":
            return _AFTER if token.text == "*" else _VALUE  # RETURN *; unary minus, `n:`
        if not word or self._after_dot(i):
            return _AFTER  # a literal, a parameter, a quoted name; `n.set`, `n:Copy`
        if word in _PREFIX or word == "CASE" or (word in _CASE_WORDS and cases) or (
                word == "WITH" and self._word(i - 1) in ("STARTS", "ENDS")):
            return _VALUE
        return _AFTER  # a name, whatever it spells: `RETURN begin`, `(use:Task)`

    def _clause(self, i: int, end: int, current: str) -> tuple[int, str, str]:
        """Read the clause keyword at i; return where its body starts, what it expects and
        the clause's name. Refuse any keyword that is not a read clause."""
        token, word = self.tokens[i], self._word(i)
        following = self._word(i + 1) if i + 1 < end else ""
        if word == "OPTIONAL" and following in ("MATCH", "CALL"):
            return self._clause(i + 1, end, current) if following == "CALL" else (
                i + 2, _VALUE, "MATCH")
        if word == "ORDER" and following == "BY":
            return i + 2, _VALUE, current
        if word == "UNION":
            return i + (2 if following in ("ALL", "DISTINCT") else 1), _CLAUSE, "UNION"
        if word == "CALL":
            return self._call(i, end), _AFTER, "CALL"
        if word == "YIELD" and current == "CALL":
            return i + 1, _VALUE, "YIELD"
        if word == "HINT" and current == "MATCH":
            return i + 1, _VALUE, "MATCH"
        if word in _OPERAND_CLAUSES:
            # WHERE belongs to the clause before it (a MATCH keeps taking HINT).
            return i + 1, _VALUE, current if word == "WHERE" else word
        if token.kind != "word":
            raise QueryError(f"expected a clause such as MATCH or RETURN at "
                             f"{_where(self.text, token.start)}, found {token.text!r}")
        name = f"{word} {following}" if word in _TWO_WORDS and following else word
        raise ReadOnlyViolation(
            f"{name} (at {_where(self.text, token.start)}) is not a read clause; the console "
            f"runs statements made of {', '.join(READ_CLAUSES)} only. Load plans with "
            "`python -m loaders load`.")

    def _call(self, i: int, end: int) -> int:
        """CALL { subquery }, CALL (x) { subquery } or CALL of a listed procedure."""
        j = i + 1
        if j < end and self.tokens[j].text == "(" and self.pairs[j] + 1 < end and \
                self.tokens[self.pairs[j] + 1].text == "{":
            self._group(j)
            j = self.pairs[j] + 1
        if j < end and self.tokens[j].text == "{":
            close = self.pairs[j]
            self.statement(j + 1, close, _CLAUSE)
            return close + 1
        name, j = _dotted_name(self.tokens, j, end)
        if name.lower() not in READ_ONLY_PROCEDURES:
            allowed = ", ".join(sorted(READ_ONLY_PROCEDURES))
            raise ReadOnlyViolation(
                f"CALL {name or '?'} (at {_where(self.text, self.tokens[i].start)}) is not a "
                f"read-only procedure the console allows; allowed: {allowed}")
        if j < end and self.tokens[j].text == "(":
            self._group(j)
            j = self.pairs[j] + 1
        return j

    def _group(self, i: int) -> None:
        """A bracket group at i: a subquery is read as a statement, any other group is
        searched for the subqueries nested in it."""
        close = self.pairs[i]
        if self.tokens[i].text == "{" and self._word(i - 1) in _SUBQUERY_WORDS and \
                not self._after_dot(i - 1) and close > i + 1:
            first = self.tokens[i + 1]
            after_first = self.tokens[i + 2].text if i + 2 < close else "}"
            if first.text == "(":
                self.statement(i + 1, close, _VALUE, "MATCH")
                return
            if first.kind == "word" and after_first not in (":", ",", "}", "."):
                self.statement(i + 1, close, _CLAUSE)
                return
        j = i + 1
        while j < close:
            if self.tokens[j].text in _OPEN and self.tokens[j].kind == "symbol":
                self._group(j)
                j = self.pairs[j]
            j += 1

    def _word(self, i: int) -> str:
        """The upper-cased word at i, or "" for any other token (or none)."""
        if 0 <= i < len(self.tokens) and self.tokens[i].kind == "word":
            return self.tokens[i].text.upper()
        return ""

    def _after_dot(self, i: int) -> bool:
        return i > 0 and self.tokens[i - 1].kind == "symbol" and \
            self.tokens[i - 1].text in (".", ":")


def _pairs(text: str, tokens: list[Token]) -> dict[int, int]:
    """Match every bracket; QueryError for one left open or closed without an opening."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, token in enumerate(tokens):
        if token.kind != "symbol":
            continue
        if token.text in _OPEN:
            stack.append(i)
        elif token.text in _CLOSE:
            if not stack or _OPEN[tokens[stack[-1]].text] != token.text:
                raise QueryError(f"unbalanced {token.text} at {_where(text, token.start)}")
            pairs[stack.pop()] = i
    if stack:
        token = tokens[stack[-1]]
        raise QueryError(f"unclosed {token.text} at {_where(text, token.start)}")
    return pairs


def _refuse_several_statements(text: str, tokens: list[Token]) -> None:
    for token in tokens[:-1]:
        if token.kind == "symbol" and token.text == ";":
            raise ReadOnlyViolation(
                f"several statements (`;` at {_where(text, token.start)}); "
                "the console runs one statement at a time")


def _dotted_name(tokens: list[Token], i: int, end: int) -> tuple[str, int]:
    """`db.schema.visualization` from tokens[i:]; the name and the index after it."""
    parts: list[str] = []
    while i < end:
        token = tokens[i]
        if token.kind in ("word", "quoted") and len(parts) % 2 == 0:
            parts.append(token.text.strip("`"))
        elif token.text == "." and len(parts) % 2 == 1:
            parts.append(".")
        else:
            break
        i += 1
    return "".join(parts), i


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"
