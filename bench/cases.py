"""The query cases the benchmark times: every named query with its example parameters, and
the questions a provincial office asks of all its cities at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from queries.catalog import NamedQuery


@dataclass(frozen=True)
class Case:
    """One named query with one set of parameters."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)
    ranking: bool = False  # a global ranking: held to beating the networkx baseline
    # Columns that identify a row where the query's ORDER BY leaves ties (rows equal on
    # these are equally right at the LIMIT's edge)
    key_columns: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        given = ", ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.name}({given})"


# Across every city: the questions whose answers run to thousands of rows or that rank
# every agency, type, pair or sector of the province.
GLOBAL_CASES = (
    Case("top_agencies", ranking=True), Case("top_agencies", {"role": "lead"}, ranking=True),
    Case("top_agency_types", ranking=True),
    Case("co_responsibility", ranking=True, key_columns=(0, 1, 3)),
    Case("sectors", ranking=True),
    Case("tasks"), Case("tasks_without_lead"), Case("tasks_without_lead", {"offset": 5000}),
    Case("tasks_without_units"), Case("plans"), Case("network_edges"),
    Case("agency_tasks", {"agency": "市工信局"}), Case("agency_sectors", {"agency": "市工信局"}),
    Case("search", {"q": "数据中心"}),
)


def cases(catalog: dict[str, NamedQuery]) -> list[Case]:
    """Examples first (the catalog's own questions), then the province-wide ones."""
    examples = [Case(name, dict(q.example)) for name, q in sorted(catalog.items())]
    return examples + [c for c in GLOBAL_CASES if c.name in catalog]
