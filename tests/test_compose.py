"""The deployment files: docker-compose.yml and the Dockerfile, read as data.

Docker does not run where these tests run, so this checks the structure the deployment
depends on (what starts first, what is published where, what persists), not that the
images build.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.settings import ENVIRONMENT

ROOT = Path(__file__).resolve().parent.parent
# `FROM python:3.11-slim`, `CMD ["python", "-m", "webui", …]`: one instruction per line.
INSTRUCTION = re.compile(r"^(?P<name>[A-Z]+)\s+(?P<args>.+)$", re.MULTILINE)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dockerfile() -> dict[str, list[str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for m in INSTRUCTION.finditer(text):
        found.setdefault(m["name"], []).append(m["args"])
    return found


def test_neo4j_is_version_5_community_with_auth_from_the_environment(compose: dict) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5") and "community" in neo4j["image"]
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")


def test_neo4j_memory_is_sized_for_a_small_server(compose: dict) -> None:
    env = compose["services"]["neo4j"]["environment"]
    assert env["NEO4J_server_memory_heap_initial__size"] == "1G"
    assert env["NEO4J_server_memory_heap_max__size"] == "1G"
    assert env["NEO4J_server_memory_pagecache_size"] == "1G"


def test_data_and_logs_live_in_named_volumes(compose: dict) -> None:
    mounts = dict(v.split(":", 1) for v in compose["services"]["neo4j"]["volumes"])
    assert mounts == {"neo4j-data": "/data", "neo4j-logs": "/logs"}
    assert set(mounts) <= set(compose["volumes"])


def test_neo4j_is_healthy_only_when_bolt_answers(compose: dict) -> None:
    check = compose["services"]["neo4j"]["healthcheck"]
    command = " ".join(check["test"])
    assert check["test"][0] == "CMD-SHELL" and "cypher-shell" in command
    assert "bolt://localhost:7687" in command and "RETURN 1" in command
    assert {"interval", "timeout", "retries", "start_period"} <= set(check)


def test_web_waits_for_a_healthy_neo4j_and_reaches_it_by_service_name(compose: dict) -> None:
    web = compose["services"]["web"]
    assert web["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    env = web["environment"]
    assert env["GRAPH_BACKEND"] == "neo4j" and env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD")
    assert set(env) <= set(ENVIRONMENT)  # only variables the settings read


def test_ports_are_published_on_the_loopback_address_only(compose: dict) -> None:
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), (name, port)
    assert "127.0.0.1:5000:5000" in compose["services"]["web"]["ports"]


def test_web_is_built_here_and_serves_on_all_container_addresses(compose: dict) -> None:
    web = compose["services"]["web"]
    assert web["build"] == "."
    assert web["command"] == ["python", "-m", "webui", "--host", "0.0.0.0"]


def test_the_image_is_python_slim_with_requirements_and_no_root(
        dockerfile: dict[str, list[str]]) -> None:
    assert dockerfile["FROM"] == ["python:3.11-slim"]
    assert any("pip install -r requirements.txt" in r for r in dockerfile["RUN"])
    assert dockerfile["USER"] and dockerfile["USER"][-1] not in ("root", "0")
    assert dockerfile["CMD"] == ['["python", "-m", "webui", "--host", "0.0.0.0"]']
    assert dockerfile["EXPOSE"] == ["5000"]


def test_the_image_leaves_out_the_local_environment() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "var", ".env"} <= set(ignored)
