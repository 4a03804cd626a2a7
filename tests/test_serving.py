"""`python -m webui` as an office runs it: waitress, and the rule for loading the samples.

The viewer loads the sample plans only where no graph exists yet. A graph that exists is
never filled: one that opens but is empty is served empty, one that cannot be opened
stops the viewer with the cause. Each case runs on a real LadybugDB file; the lock case
has a second real process holding the graph.
"""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import ladybug
import pytest

from graph.errors import StoreError
from graph.model import Document
from graph.settings import Settings
from graph.store import open_store
from webui import create_app
from webui.__main__ import SAMPLES, cannot_open, ensure_plans, plan_count
from webui.serving import SERVER_NAME

ROOT = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"Serving on http://127\.0\.0\.1:(\d+)")
HOLD = """import sys, time, ladybug
db = ladybug.Database(sys.argv[1])  # writable: holds the file lock, creates no table
print("held", flush=True)
time.sleep(60)
"""


def request(port: int, method: str, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@contextmanager
def viewer(graph: Path, *args: str) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    """`python -m webui --port 0 ARGS`, and the port waitress says it serves on."""
    process = subprocess.Popen(
        [sys.executable, "-m", "webui", "--port", "0", *args], cwd=ROOT, text=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={"GRAPH_PATH": str(graph), "PATH": "/usr/bin:/bin"})
    try:
        assert process.stderr
        seen = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            seen.append(line)
            if found := LISTENING.search(line):
                break
            assert line or process.poll() is None, "".join(seen)
        else:
            pytest.fail("python -m webui did not say where it serves: " + "".join(seen))
        yield int(found[1]), process
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stderr:
            process.stderr.close()


def test_python_m_webui_serves_with_waitress_under_a_neutral_name(
        tmp_path: Path, seed_documents: list[Document]) -> None:
    graph = tmp_path / "graph.lbdb"
    with closing(open_store(Settings(path=graph))) as store:
        store.load(seed_documents[:1])
    with viewer(graph) as (port, process):
        home = request(port, "GET", "/")
        assert home.status == 200 and home.getheader("Server") == SERVER_NAME
        login = request(port, "GET", "/login")
        cookie = login.getheader("Set-Cookie") or ""
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        refused = request(port, "POST", "/logout")  # no CSRF token
        assert refused.status == 400 and refused.getheader("Server") == SERVER_NAME
        # A request waitress refuses before the app sees it names the server the same way.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
            raw.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n")
            head = raw.recv(4096).decode("latin-1")
        assert head.startswith("HTTP/1.1 400"), head
        assert f"\r\nServer: {SERVER_NAME}\r\n" in head and "waitress" not in head.lower()
        assert process.poll() is None
    assert (tmp_path / "webui.secret").stat().st_mode & 0o777 == 0o600  # beside the graph


def test_a_new_graph_gets_the_samples_once(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(path=tmp_path / "graph.lbdb")
    ensure_plans(settings, SAMPLES)
    assert "No graph yet: loading the sample plans" in capsys.readouterr().out
    ensure_plans(settings, SAMPLES)
    assert capsys.readouterr().out == ""
    with closing(open_store(Settings(path=settings.path, read_only=True))) as store:
        assert plan_count(store) == 5


def test_an_existing_empty_graph_is_served_empty_not_filled(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What `load --rebuild` of an empty folder used to leave: tables, no plan."""
    graph = tmp_path / "graph.lbdb"
    open_store(Settings(path=graph)).close()
    ensure_plans(Settings(path=graph), SAMPLES)
    assert capsys.readouterr().out == ""
    with closing(open_store(Settings(path=graph, read_only=True))) as store:
        assert plan_count(store) == 0
        client = create_app(store=store).test_client()
        page = client.get("/plans/")
        assert page.status_code == 200 and "没有结果" in page.get_data(as_text=True)
        home = client.get("/")  # no 5G plan to rank by default: the page still answers
        assert home.status_code == 200


def test_a_graph_without_tables_gets_tables_and_no_plans(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "graph.lbdb"
    ladybug.Database(str(graph)).close()  # created, then the writer stopped
    ensure_plans(Settings(path=graph), SAMPLES)
    assert capsys.readouterr().out == ""
    with closing(open_store(Settings(path=graph, read_only=True))) as store:
        assert plan_count(store) == 0


def test_a_graph_held_by_another_process_is_an_error_naming_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "graph.lbdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(graph)], text=True,
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout and holder.stdout.readline() == "held\n"
        with pytest.raises(StoreError) as refused:
            ensure_plans(Settings(path=graph), SAMPLES)
    finally:
        holder.terminate()
        holder.wait(timeout=30)
        if holder.stdout:
            holder.stdout.close()
    message = str(refused.value)
    assert message.startswith(f"cannot open the existing graph at {graph}: another "
                              "process holds it for writing")
    assert "Nothing was loaded" in message and "\n" not in message
    assert "loading the sample plans" not in capsys.readouterr().out
    with closing(open_store(Settings(path=graph))) as store:
        assert plan_count(store) == 0


def test_a_file_that_is_not_a_graph_stops_the_viewer_and_stays_as_it_was(
        tmp_path: Path) -> None:
    graph = tmp_path / "graph.lbdb"
    graph.write_bytes(b"someone's data, not a graph" * 100)
    done = subprocess.run([sys.executable, "-m", "webui", "--port", "0"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={"GRAPH_PATH": str(graph), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 1 and "loading" not in done.stdout
    assert done.stderr.startswith(f"Error: cannot open the existing graph at {graph}: "
                                  "the file is damaged or is not a LadybugDB graph. Move "
                                  "it aside")
    assert done.stderr.count("\n") == 1
    assert graph.read_bytes() == b"someone's data, not a graph" * 100
    assert not (tmp_path / "webui.secret").exists()  # stopped before the app was built


def test_a_pending_recovery_is_named_with_what_to_do() -> None:
    """The engine's own messages as graph.embedded chains them when the recovery's
    writable open finds the lock taken (tests/test_load_faults.py makes that happen)."""
    try:
        try:
            raise RuntimeError("Runtime exception: Cannot open database in read-only mode "
                               "while checkpoint recovery is pending. ...")
        except RuntimeError:
            try:
                raise RuntimeError("IO exception: Could not set lock on file : /g.lbdb")
            except RuntimeError as locked:
                raise StoreError("cannot open the graph at /g.lbdb: ...") from locked
    except StoreError as exc:
        message = cannot_open(Path("/g.lbdb"), exc)
    assert "checkpoint recovery is pending" in message
    assert "Stop that process" in message and "the recovery then runs by itself" in message
