"""Hostile requests at the viewer's edges: numbers, sorting, its own links, the server banner.

- Every integer request parameter is read with bounds: a 400 naming the parameter and the
  accepted range, never the engine's message about C++ types.
- The JSON API sorts, or refuses a sort, exactly as the page it mirrors.
- Every link a page prints to itself (sort, CSV, JSON) answers 200.
- `python -m webui` answers with a `Server` header that names no version.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from graph.model import Document
from graph.settings import Settings
from graph.store import Store, open_store
from queries.catalog import load_catalog
from queries.cli import main as queries_main
from queries.numbers import COUNT, INT64
from tests.test_webui import pages
from webui.serving import SERVER_NAME, NeutralHandler

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog()
HUGE = "9" * 23  # beyond 64 bits: the engine cannot even take it as a parameter
LOW, HIGH = COUNT
# Named queries with a whole-number parameter, each with its required parameters filled.
INT_PARAMS = [(q.name, p.name) for q in CATALOG.values() for p in q.params if p.type == "int"]
PAGE_ARGS = {"format", "sort", "table"}


def required(name: str) -> dict[str, str]:
    """The example values of the query's required parameters."""
    query = CATALOG[name]
    return {p.name: query.example[p.name] for p in query.params if p.required}


# --- whole numbers -----------------------------------------------------------------------


def test_named_queries_with_int_parameters_exist() -> None:
    assert ("top_agencies", "limit") in INT_PARAMS and len(INT_PARAMS) >= 10


@pytest.mark.parametrize(("name", "param"), INT_PARAMS, ids=[f"{n}.{p}" for n, p in INT_PARAMS])
@pytest.mark.parametrize("value", [HUGE, "-1", "high+1", "１２", "1_0", "12abc"])
def test_api_query_numbers_are_read_with_bounds(client: FlaskClient, name: str, param: str,
                                                value: str) -> None:
    value = str(HIGH + 1) if value == "high+1" else value
    response = client.get(f"/api/queries/{name}", query_string={**required(name), param: value})
    assert response.status_code == 400, response.get_json()
    message = response.get_json()["error"]
    assert message.startswith(f"{param} must be "), message
    if value.lstrip("-").isascii() and value.lstrip("-").isdigit():
        assert f"between {LOW} and {HIGH}" in message
    else:
        assert "whole number" in message
    assert "C++" not in message and "pybind" not in message.lower()


@pytest.mark.parametrize(("url", "param", "low", "high"), [
    ("/", "limit", 1, 200), ("/search", "limit", 1, 200), ("/agencies/", "limit", 1, 5000),
    ("/tasks/", "limit", 1, 5000), ("/sectors/5G", "per_city", 1, 1000),
    ("/network", "limit", 1, None), ("/api/agencies", "limit", 1, 5000),
    ("/api/network", "limit", 1, None),
])
def test_page_numbers_are_read_with_bounds(client: FlaskClient, app: Flask, url: str,
                                           param: str, low: int, high: int | None) -> None:
    high = high or app.config["NETWORK_NODE_LIMIT"]
    for value in (HUGE, "-" + HUGE, "1" + "0" * 150):
        response = client.get(url, query_string={"q": "工信", param: value})
        assert response.status_code == 400, (url, value)
        text = response.get_data(as_text=True)
        assert f"{param} must be between {low} and {high}" in text, (url, text[:300])
    response = client.get(url, query_string={"q": "工信", param: "1" * 5000})  # too long
    assert response.status_code == 400
    assert f"{param} is 5000 characters long" in response.get_data(as_text=True)
    for value in ("１２", "٣", "1_0", "0x10"):
        response = client.get(url, query_string={"q": "工信", param: value})
        assert response.status_code == 400 and "whole number" in response.get_data(as_text=True)


def test_cli_numbers_are_read_with_bounds(seed_store: Store, tmp_path: Path,
                                          seed_documents: list[Document],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "graph.lbdb"
    with closing(open_store(Settings(path=path))) as store:
        store.load(seed_documents[:1])
    env = {"GRAPH_PATH": str(path)}
    assert queries_main(["run", "top_agencies", "--param", f"limit={HUGE}"], env) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: limit must be between {LOW} and {HIGH}, got {HUGE}"), err
    assert queries_main(["run", "top_agencies", "--param", "limit=-1"], env) == 1
    assert f"between {LOW} and {HIGH}" in capsys.readouterr().err
    assert queries_main(["cypher", "RETURN $n AS n", "--param", f"n={HUGE}"], env) == 1
    err = capsys.readouterr().err
    assert f"--param n must be between {INT64[0]} and {INT64[1]}" in err and "C++" not in err
    assert queries_main(["cypher", "RETURN $n AS n", "--param", f"n={INT64[1]}",
                         "--format", "csv"], env) == 0
    assert capsys.readouterr().out.split() == ["n", str(INT64[1])]
    assert queries_main(["cypher", "RETURN $n AS n", "--param", "n=١٢",
                         "--format", "json"], env) == 0  # other digits are text, as typed
    assert '"n": "١٢"' in capsys.readouterr().out


# --- the API sorts like the pages ----------------------------------------------------------


def sort_pairs(ids: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(API address, page address, table, a sort column), one per table of every endpoint."""
    agency, task, plan, sector = ids["agency"], ids["task"], ids["plan"], ids["sector"]
    return [("/api/agencies", "/agencies/", "agencies", "tasks"),
            ("/api/agencies", "/agencies/", "agencies", "name"),
            (f"/api/agencies/{agency}", f"/agencies/{agency}", "tasks", "title"),
            (f"/api/agencies/{agency}", f"/agencies/{agency}", "partners", "name"),
            ("/api/tasks", "/tasks/", "tasks", "-title"),
            (f"/api/tasks/{task}", f"/tasks/{task}", "assignments", "agency"),
            ("/api/plans", "/plans/", "plans", "-tasks"),
            (f"/api/plans/{plan}", f"/plans/{plan}", "tasks", "-title"),
            ("/api/sectors", "/sectors/", "sectors", "sector"),
            (f"/api/sectors/{sector}", f"/sectors/{sector}", "", "name")]


def test_sort_pairs_name_real_tables(client: FlaskClient, ids: dict[str, str]) -> None:
    for _api, page, table, _sort in sort_pairs(ids):
        tables = client.get(page, query_string={"format": "json"}).get_json()["tables"]
        assert not table or table in tables, (page, list(tables))


def test_api_sorts_exactly_like_the_pages(client: FlaskClient, ids: dict[str, str]) -> None:
    for api, page, table, spec in sort_pairs(ids):
        args = {"sort": spec, **({"table": table} if table else {})}
        from_page = client.get(page, query_string={**args, "format": "json"})
        from_api = client.get(api, query_string=args)
        assert from_page.status_code == from_api.status_code == 200, (api, args)
        tables = from_api.get_json()["tables"]
        # With `table=` the page's JSON twin is that table alone, else the whole page.
        assert tables == {**tables, table: from_page.get_json()} if table else \
            tables == from_page.get_json()["tables"], (api, args)
        name = table or next(iter(tables))
        unsorted = client.get(api).get_json()["tables"][name]
        assert tables[name] != unsorted, (api, args)  # the sort did something
        assert tables[name]["rows"] == client.get(page, query_string={
            **args, "format": "json", "table": name}).get_json()["rows"]


def test_api_refuses_a_sort_exactly_like_the_pages(client: FlaskClient,
                                                   ids: dict[str, str]) -> None:
    for api, page, table, _spec in sort_pairs(ids):
        for args in ({"sort": "nope", **({"table": table} if table else {})},
                     {"sort": "name", "table": "nope"}):
            from_page = client.get(page, query_string={**args, "format": "json"})
            from_api = client.get(api, query_string=args)
            assert from_page.status_code == from_api.status_code == 400, (api, args)
            assert from_api.get_json() == from_page.get_json(), (api, args)


def test_api_query_and_network_sort_like_their_pages(client: FlaskClient) -> None:
    args = {"sort": "-tasks", "limit": "50"}
    api = client.get("/api/queries/top_agencies", query_string=args).get_json()["result"]
    page = client.get("/query/top_agencies", query_string={**args, "format": "json"}).get_json()
    assert api["rows"] == page["tables"]["result"]["rows"]
    counts = [r["tasks"] for r in api["rows"]]
    assert counts == sorted(counts, reverse=True)
    names = client.get("/api/queries/top_agencies", query_string={"sort": "name"}).get_json()
    listed = [r["name"] for r in names["result"]["rows"]]
    assert listed == sorted(listed)
    bad = client.get("/api/queries/top_agencies", query_string={"sort": "nope"})
    assert bad.status_code == 400 and "cannot sort" in bad.get_json()["error"]
    for table, spec, key in [("nodes", "-size", "size"), ("edges", "title", "title")]:
        args = {"table": table, "sort": spec}
        api_rows = client.get("/api/network", query_string=args).get_json()[table]
        page_rows = client.get("/network", query_string={**args, "format": "json"}).get_json()
        assert [r[key] for r in api_rows] == [r[key] for r in page_rows["rows"]]
        assert [r[key] for r in api_rows] != [
            r[key] for r in client.get("/api/network").get_json()[table]]
    bad = client.get("/api/network", query_string={"sort": "nope"})
    assert bad.status_code == 400 and "cannot sort" in bad.get_json()["error"]


# --- a page's own links -------------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # HTMLParser has already decoded the attribute: decoding again would read
        # `&sector=` as `§or=`.
        self.hrefs += [v for k, v in attrs if tag == "a" and k == "href" and v]


def own_links(url: str, html: str) -> list[str]:
    """Links to the same page with sort, format or table parameters."""
    parser = Links()
    parser.feed(html)
    path = urlsplit(url).path
    found = []
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.path == path and PAGE_ARGS & {k for k, _ in parse_qsl(parts.query)}:
            found.append(href.partition("#")[0])
    return found


def test_every_own_link_of_every_page_works(client: FlaskClient, ids: dict[str, str]) -> None:
    followed: set[str] = set()
    for url in pages(ids):
        response = client.get(url)
        assert response.status_code == 200, url
        for link in own_links(url, response.get_data(as_text=True)):
            if link in followed:
                continue
            followed.add(link)
            answer = client.get(link)
            assert answer.status_code == 200, (url, link, answer.get_data(as_text=True)[:300])
    assert any(link.startswith("/agencies/?") and "format=csv" in link for link in followed)
    assert any(link.startswith("/agencies/?") and "sort=" in link for link in followed)
    assert len(followed) > 100, len(followed)


def test_agencies_page_links_its_own_table(client: FlaskClient) -> None:
    html = client.get("/agencies/").get_data(as_text=True)
    assert 'href="/agencies/?format=csv&amp;table=agencies"' in html
    assert 'href="/agencies/?table=agencies&amp;sort=name#table-agencies"' in html
    csv_file = client.get("/agencies/?format=csv&table=agencies")
    assert csv_file.status_code == 200 and csv_file.mimetype == "text/csv"


# --- no version banner --------------------------------------------------------------------


@contextmanager
def served(app: Flask) -> Iterator[int]:
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=NeutralHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def assert_neutral(server: str | None) -> None:
    assert server == SERVER_NAME, server
    assert not any(word in server.lower() for word in ("werkzeug", "python", "/"))


def test_server_header_names_no_version(app: Flask) -> None:
    with served(app) as port:
        for path in ("/", "/api/", "/nope", "/agencies/?sort=nope"):
            assert_neutral(get(port, path).getheader("Server"))
        # A request the HTTP server refuses before the app sees it: a header line too long.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
            raw.sendall(b"GET / HTTP/1.1\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n")
            head = raw.recv(4096).decode("latin-1")
        assert head.startswith("HTTP/1.1 431"), head
        assert f"\r\nServer: {SERVER_NAME}\r\n" in head and "Werkzeug" not in head, head


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_python_m_webui_sends_no_version_banner(tmp_path: Path,
                                                seed_documents: list[Document]) -> None:
    """The real command, on a graph that already has a plan (so nothing loads)."""
    path = tmp_path / "graph.lbdb"
    with closing(open_store(Settings(path=path))) as store:
        store.load(seed_documents[:1])
    port = free_port()
    log = (tmp_path / "webui.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "webui", "--port", str(port)], cwd=ROOT, stdout=log,
        stderr=subprocess.STDOUT, env={"GRAPH_PATH": str(path), "PATH": "/usr/bin:/bin"})
    try:
        response = wait_for(port, process)
        assert response.status == 200
        assert_neutral(response.getheader("Server"))
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def wait_for(port: int, process: subprocess.Popen[Any]) -> http.client.HTTPResponse:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, "python -m webui exited"
        try:
            return get(port, "/")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
