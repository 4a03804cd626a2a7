"""Fixtures of the 督办 tests: the graph, an editor, the app over a progress file of its own."""


from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from graph.model import Document
from graph.store import Store
from tests._progress_fixtures import (
    EDITOR,
    PASSWORD,
    Agencies,
    agencies_of,
    dated,
    make_app,
    store_of,
)
from webui.accounts import Accounts
from webui.supervision.store import ProgressStore


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory,
          seed_documents: list[Document]) -> Iterator[Store]:
    """The seed plans with deadlines; the tests read it, reports go to their own file."""
    store = store_of(dated(seed_documents), tmp_path_factory.mktemp("progress"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def editor_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    found = Accounts(tmp_path_factory.mktemp("accounts") / "webui.sqlite3")
    found.add_user(EDITOR, PASSWORD)  # scrypt: once per module
    return found.path


@pytest.fixture()
def accounts(tmp_path: Path, editor_file: Path) -> Accounts:
    return Accounts(Path(shutil.copy(editor_file, tmp_path / "webui.sqlite3")))


@pytest.fixture()
def app(graph: Store, accounts: Accounts, tmp_path: Path) -> Flask:
    return make_app(graph, accounts, tmp_path)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def reports(tmp_path: Path) -> ProgressStore:
    """The app's progress file, read directly: what an import really kept."""
    return ProgressStore(tmp_path / "progress.sqlite3")


@pytest.fixture(scope="module")
def agencies(graph: Store) -> Agencies:
    return agencies_of(graph)
