"""A graph of many cities: the network starts in the city with the most plans, says so, and
draws every city only when asked (city= empty, "全部"); an agency's network is not narrowed.
A sector page lists its cities with every city's count of agencies (not a province ranking
cut at its first thousand rows), and a city's ranking in full.

Synthetic plans (loaders.synth) spread over more cities than the network draws at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from graph.store import Store
from loaders.synth import write_corpus
from tests.test_webui import load_store, run
from webui import create_app
from webui.network import ALL_CITIES_AT_MOST

CITY_OF: dict[str, str] = {}  # agency id → its city, read once from the graph


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("many-cities")
    write_corpus(4, folder / "plans", seed=11)
    graph = load_store([folder / "plans"], folder)
    yield graph
    graph.close()


@pytest.fixture(scope="module")
def client(store: Store) -> FlaskClient:
    CITY_OF.update({r["id"]: r["city"] for r in run(store, "top_agencies", limit=100_000)})
    return create_app(store=store).test_client()


def plans_per_city(store: Store) -> Counter[str]:
    return Counter({r["city"]: r["plans"] for r in run(store, "plan_cities")})


def drawn_cities(client: FlaskClient, url: str) -> tuple[set[str], dict[str, Any]]:
    """Cities of the agencies drawn, and the page's filters (JSON)."""
    answer = client.get(url + ("&" if "?" in url else "?") + "format=json")
    assert answer.status_code == 200, answer.get_data(as_text=True)[-300:]
    data = answer.get_json()
    ids = {n["id"].removeprefix("a:") for n in data["tables"]["nodes"]["rows"]
           if n["id"].startswith("a:")}
    return {CITY_OF[a] for a in ids}, data["filters"]


def test_the_graph_has_more_cities_than_are_drawn_at_once(store: Store) -> None:
    assert len(plans_per_city(store)) > ALL_CITIES_AT_MOST


@pytest.mark.parametrize("mode", ["tasks", "agencies"])
def test_the_network_starts_in_the_busiest_city_and_says_so(
        client: FlaskClient, store: Store, mode: str) -> None:
    counts = plans_per_city(store)
    busiest = min(counts, key=lambda c: (-counts[c], c))
    cities, filters = drawn_cities(client, f"/network?mode={mode}")
    assert filters["city"] == busiest and filters["city_chosen"] is True
    assert cities and cities <= {busiest}
    html = BeautifulSoup(client.get(f"/network?mode={mode}").data, "lxml")
    assert busiest in html.select_one("#network-city-chosen").get_text()


def test_every_city_when_asked(client: FlaskClient) -> None:
    cities, filters = drawn_cities(client, "/network?city=&limit=1000")
    assert filters["city"] is None and filters["city_chosen"] is False
    assert len(cities) > 1
    html = BeautifulSoup(client.get("/network?city=").data, "lxml")
    assert html.select_one("#network-city-chosen") is None


def test_an_agencys_network_is_not_narrowed_to_a_city(client: FlaskClient,
                                                       store: Store) -> None:
    agency = run(store, "top_agencies", limit=1)[0]["id"]
    _, filters = drawn_cities(client, f"/network?agency={agency}")
    assert filters["city"] is None and filters["city_chosen"] is False


def agencies_per_city(store: Store, sector: str) -> Counter[str]:
    return Counter(r["city"] for r in run(store, "top_agencies", sector=sector, limit=100_000))


def test_a_sector_of_many_cities_lists_every_city_with_its_count(
        client: FlaskClient, store: Store) -> None:
    expected = agencies_per_city(store, "5G")
    assert len(expected) > ALL_CITIES_AT_MOST
    data = client.get("/sectors/5G?format=json").get_json()
    assert "agencies" not in data["tables"]
    listed = {r["city"]: r["agencies"] for r in data["tables"]["cities"]["rows"]}
    assert listed == dict(expected)
    html = BeautifulSoup(client.get("/sectors/5G").data, "lxml")
    links = html.select("#table-cities a[href*='city=']")
    assert len(links) == len(expected) and "/sectors/5G?" in links[0]["href"]


def test_a_citys_sector_ranking_is_whole(client: FlaskClient, store: Store) -> None:
    counts = agencies_per_city(store, "5G")
    city = min(counts, key=lambda c: (-counts[c], c))
    data = client.get(f"/sectors/5G?city={city}&format=json").get_json()
    rows = data["tables"]["agencies"]["rows"]
    assert len(rows) == counts[city] and {r["city"] for r in rows} == {city}
    html = BeautifulSoup(client.get(f"/sectors/5G?city={city}").data, "lxml")
    assert f"({counts[city]} 个单位)" in html.select_one("main h3").get_text()
