"""A scripted Bolt 5.0 peer: the driver's real network code without a Neo4j server.

It is not Neo4j and understands no Cypher. It answers the protocol's bookkeeping messages
(HELLO, BEGIN, COMMIT, RESET …) with SUCCESS and each RUN with what the test's `answer`
function returns: rows, a FAILURE carrying a Neo4j status code, or a dropped connection.
So a test can make the real driver meet a deadlock or a lost connection halfway through a
load and watch what it does next, and it can read what went over the wire (access mode,
transaction timeout, every statement and batch). What Neo4j does with the Cypher itself
is for the backend suite against a real server (tests/test_backends.py).
"""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

MAGIC = b"\x60\x60\xb0\x17"
BOLT_5_0 = b"\x00\x00\x00\x05"  # the version this peer agrees to: minor 0, major 5

REQUESTS = {0x01: "HELLO", 0x02: "GOODBYE", 0x0F: "RESET", 0x10: "RUN", 0x11: "BEGIN",
            0x12: "COMMIT", 0x13: "ROLLBACK", 0x2F: "DISCARD", 0x3F: "PULL",
            0x54: "TELEMETRY", 0x66: "ROUTE", 0x6A: "LOGON", 0x6B: "LOGOFF"}
SUCCESS, RECORD, IGNORED, FAILURE = 0x70, 0x71, 0x7E, 0x7F


@dataclass
class Rows:
    """Answer a RUN with these columns and rows."""

    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class Failure:
    """Answer a RUN with a FAILURE, as the server does (e.g. a deadlock or a syntax error)."""

    code: str
    message: str = "scripted failure"


class Drop:
    """Close the connection instead of answering, as a crashed server or a cut cable does."""


@dataclass
class Struct:
    """A PackStream structure inside a row, e.g. a node: Struct(0x4E, [id, labels, props, eid])."""

    tag: int
    fields: list[Any]


Answer = Callable[[str, dict[str, Any]], Rows | Failure | Drop]


@dataclass
class Message:
    connection: int
    name: str
    fields: list[Any]


@dataclass
class BoltStub:
    """The address to point a driver at, and every message the driver sent."""

    port: int
    messages: list[Message]
    hello: Failure | None = None  # answer HELLO with this failure (e.g. wrong password)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def sent(self, name: str) -> list[Message]:
        return [m for m in self.messages if m.name == name]

    def queries(self) -> list[str]:
        return [m.fields[0] for m in self.sent("RUN")]


@contextmanager
def bolt_stub(answer: Answer) -> Iterator[BoltStub]:
    """Serve Bolt on a free local port until the block ends."""
    stub = BoltStub(port=0, messages=[])
    lock = threading.Lock()
    counter = iter(range(1, 1_000_000))

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            with lock:
                number = next(counter)
            _Conversation(self.request, number, stub, answer, lock).serve()

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    stub.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _Conversation:
    """One connection: handshake, then request by request, IGNORED after a FAILURE."""

    def __init__(self, sock: socket.socket, number: int, stub: BoltStub, answer: Answer,
                 lock: threading.Lock) -> None:
        self.sock, self.number, self.stub, self.answer, self.lock = sock, number, stub, answer, lock
        self.failed = False
        self.pending: list[list[Any]] = []

    def serve(self) -> None:
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # small replies at once
        if _read_exactly(self.sock, 20)[:4] != MAGIC:
            return
        self.sock.sendall(BOLT_5_0)
        while (message := _read_message(self.sock)) is not None:
            name, fields = message
            with self.lock:
                self.stub.messages.append(Message(self.number, name, fields))
            if name == "GOODBYE" or not self.respond(name, fields):
                return

    def respond(self, name: str, fields: list[Any]) -> bool:
        """Send the answer; False to close the connection."""
        if self.failed and name not in ("RESET", "GOODBYE"):
            self.send(IGNORED)
        elif name == "HELLO":
            self.hello()
        elif name == "RUN":
            return self.run(fields[0], fields[1])
        elif name == "PULL":
            for row in self.pending:
                self.send(RECORD, row)
            self.pending = []
            self.send(SUCCESS, {"has_more": False, "type": "rw", "t_last": 0, "db": "neo4j"})
        else:
            self.failed = self.failed and name != "RESET"
            self.send(SUCCESS, {"bookmark": f"stub:{self.number}"} if name == "COMMIT" else {})
        return True

    def hello(self) -> None:
        if self.stub.hello:
            self.fail(self.stub.hello)
        else:
            self.send(SUCCESS, {"server": "Neo4j/5.26.0", "connection_id": f"bolt-{self.number}"})

    def run(self, query: str, params: dict[str, Any]) -> bool:
        reply = self.answer(query, params)
        if isinstance(reply, Drop):
            return False
        if isinstance(reply, Failure):
            self.fail(reply)
        else:
            self.pending = reply.rows
            self.send(SUCCESS, {"fields": reply.columns, "t_first": 0, "qid": 0})
        return True

    def fail(self, failure: Failure) -> None:
        self.failed = True
        self.send(FAILURE, {"code": failure.code, "message": failure.message})

    def send(self, tag: int, *fields: Any) -> None:
        body = bytes([0xB0 + len(fields), tag]) + b"".join(pack(f) for f in fields)
        chunks = b"".join(struct.pack(">H", len(body[i:i + 0xFFFF])) + body[i:i + 0xFFFF]
                          for i in range(0, len(body), 0xFFFF))
        self.sock.sendall(chunks + b"\x00\x00")


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return data
        data += chunk
    return data


def _read_message(sock: socket.socket) -> tuple[str, list[Any]] | None:
    """One chunked message as (name, fields); None when the client has gone."""
    body = b""
    while True:
        header = _read_exactly(sock, 2)
        if len(header) < 2:
            return None
        size = struct.unpack(">H", header)[0]
        if size == 0 and body:
            break
        body += _read_exactly(sock, size)
    reader = _Reader(body)
    marker, tag = reader.take(1)[0], reader.take(1)[0]
    fields = [reader.value() for _ in range(marker - 0xB0)]
    return REQUESTS.get(tag, f"0x{tag:02X}"), fields


def pack(value: Any) -> bytes:
    """PackStream v1 for the values a stub sends: None, bool, int, str, list, dict, Struct."""
    if value is None:
        return b"\xc0"
    if isinstance(value, bool):
        return b"\xc3" if value else b"\xc2"
    if isinstance(value, int):
        if -16 <= value < 128:
            return struct.pack(">b", value)
        return b"\xcb" + struct.pack(">q", value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _sized(0x80, b"\xd0", b"\xd1", b"\xd2", len(data)) + data
    if isinstance(value, list):
        return _sized(0x90, b"\xd4", b"\xd5", b"\xd6", len(value)) + b"".join(map(pack, value))
    if isinstance(value, dict):
        return _sized(0xA0, b"\xd8", b"\xd9", b"\xda", len(value)) + b"".join(
            pack(k) + pack(v) for k, v in value.items())
    if isinstance(value, Struct):
        return bytes([0xB0 + len(value.fields), value.tag]) + b"".join(map(pack, value.fields))
    raise TypeError(f"the stub does not pack {type(value).__name__}")


def _sized(tiny: int, m8: bytes, m16: bytes, m32: bytes, size: int) -> bytes:
    if size < 16:
        return bytes([tiny + size])
    for marker, fmt, limit in ((m8, ">B", 0x100), (m16, ">H", 0x10000), (m32, ">I", 2**32)):
        if size < limit:
            return marker + struct.pack(fmt, size)
    raise ValueError(f"{size} items are too many for PackStream")


# PackStream markers: fixed-size numbers, and the length prefix of long strings/lists/maps.
NUMBERS = {0xC8: ">b", 0xC9: ">h", 0xCA: ">i", 0xCB: ">q", 0xC1: ">d"}
LONG = {0xD0: ("str", ">B"), 0xD1: ("str", ">H"), 0xD2: ("str", ">I"),
        0xD4: ("list", ">B"), 0xD5: ("list", ">H"), 0xD6: ("list", ">I"),
        0xD8: ("map", ">B"), 0xD9: ("map", ">H"), 0xDA: ("map", ">I"),
        0xCC: ("bytes", ">B"), 0xCD: ("bytes", ">H"), 0xCE: ("bytes", ">I")}
TINY = {0x80: "str", 0x90: "list", 0xA0: "map"}  # high nibble; the low one is the length
CONSTANTS = {0xC0: None, 0xC2: False, 0xC3: True}


class _Reader:
    """PackStream v1 decoding of what the driver sends (no structures inside values)."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def take(self, size: int) -> bytes:
        self.at += size
        return self.data[self.at - size:self.at]

    def unpack(self, fmt: str) -> Any:
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def value(self) -> Any:
        marker = self.take(1)[0]
        if marker < 0x80 or marker >= 0xF0:  # tiny int
            return marker if marker < 0x80 else marker - 0x100
        if marker in CONSTANTS:
            return CONSTANTS[marker]
        if marker in NUMBERS:
            return self.unpack(NUMBERS[marker])
        if marker & 0xF0 in TINY:
            kind, size = TINY[marker & 0xF0], marker & 0x0F
        elif marker in LONG:
            kind, fmt = LONG[marker]
            size = self.unpack(fmt)
        else:
            raise ValueError(f"the stub cannot read PackStream marker 0x{marker:02X}")
        if kind == "str":
            return self.take(size).decode("utf-8")
        if kind == "bytes":
            return self.take(size)
        if kind == "list":
            return [self.value() for _ in range(size)]
        return {self.value(): self.value() for _ in range(size)}
