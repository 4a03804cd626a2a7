"""Where the graph lives and how to reach it: one dataclass, read from the environment on request.

Only the entry points (CLI `main`, the web app factory) call `Settings.from_env(os.environ)`;
everything else receives a `Settings`, so tests never depend on the caller's shell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from graph.errors import SettingsError

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = REPO_ROOT / "var" / "graph.lbdb"
BACKENDS = ("embedded", "neo4j")

# Environment variable -> Settings field. Nothing else is read from the environment.
ENVIRONMENT = {
    "GRAPH_BACKEND": "backend",
    "GRAPH_PATH": "path",
    "NEO4J_URI": "neo4j_uri",
    "NEO4J_USER": "neo4j_user",
    "NEO4J_PASSWORD": "neo4j_password",
    "NEO4J_DATABASE": "neo4j_database",
}


def _help(text: str) -> Any:
    return {"help": text}


@dataclass(frozen=True)
class Settings:
    """Connection and tuning settings of the graph store."""

    backend: str = field(default="embedded", metadata=_help(
        "'embedded' (LadybugDB file, no server) or 'neo4j' (server over Bolt)"))
    path: Path = field(default=DEFAULT_PATH, metadata=_help(
        "embedded database file; var/graph.lbdb under the repository by default"))
    neo4j_uri: str = field(default="bolt://localhost:7687", metadata=_help("Neo4j server"))
    neo4j_user: str = field(default="neo4j", metadata=_help("Neo4j user"))
    neo4j_password: str = field(default="", metadata=_help("Neo4j password"))
    neo4j_database: str = field(default="neo4j", metadata=_help("Neo4j database name"))
    batch_size: int = field(default=2000, metadata=_help("rows per UNWIND batch when loading"))
    query_timeout_ms: int = field(default=5000, metadata=_help(
        "read-only queries running longer than this are interrupted; console queries "
        "are stopped (their worker killed) at this limit"))
    query_threads: int = field(default=0, metadata=_help(
        "threads per read-only query; 0: one while the graph holds under 1,000 tasks, "
        "every core above (graph.embedded measures why)"))
    buffer_pool_mb: int = field(default=1024, metadata=_help(
        "embedded engine page cache in MiB; bounds its memory (a bulk load of a province "
        "needs about 1 GiB); 0: the engine's default, most of the machine's memory"))
    console_max_rows: int = field(default=10_000, metadata=_help(
        "rows a console query returns at most; the answer says when it was cut"))
    console_memory_mb: int = field(default=1024, metadata=_help(
        "memory a console query's worker process may use, in MiB (embedded store)"))
    console_workers: int = field(default=2, metadata=_help(
        "console queries that may run at once; another waits console_wait_ms, then is busy"))
    console_wait_ms: int = field(default=1000, metadata=_help(
        "how long a console query waits for a free worker before it is refused as busy"))
    read_only: bool = field(default=False, metadata=_help(
        "open without write access (query consoles, web app); the graph must exist"))

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise SettingsError(
                f"unknown graph backend {self.backend!r}; use one of {', '.join(BACKENDS)}")
        if self.batch_size < 1:
            raise SettingsError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.query_threads < 0:
            raise SettingsError(f"query_threads must be >= 0, got {self.query_threads}")
        if self.buffer_pool_mb < 0:
            raise SettingsError(f"buffer_pool_mb must be >= 0, got {self.buffer_pool_mb}")
        for name in ("console_max_rows", "console_memory_mb", "console_workers"):
            if getattr(self, name) < 1:
                raise SettingsError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.console_wait_ms < 0:
            raise SettingsError(f"console_wait_ms must be >= 0, got {self.console_wait_ms}")
        if self.query_timeout_ms < 0:
            raise SettingsError(f"query_timeout_ms must be >= 0, got {self.query_timeout_ms}")
        object.__setattr__(self, "path", Path(self.path))

    @classmethod
    def from_env(cls, environ: Mapping[str, str], **overrides: Any) -> Settings:
        """Build settings from `environ`; overrides that are None count as not given."""
        values: dict[str, Any] = {
            name: environ[var] for var, name in ENVIRONMENT.items() if environ.get(var)
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise SettingsError(f"unknown setting(s) {', '.join(unknown)}; known: {sorted(known)}")
        return cls(**values)
