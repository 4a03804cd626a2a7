"""Table rows drawn by a template macro and kept by their values, for pages of thousands.

The 问题清单 overviews list every plan and every agency with findings: at scale 1000 about
5,000 rows each, 3 MB of HTML, which Jinja took about 0.3 s to draw on every request,
also the first after a write, when a plan or two changed. Here each row is drawn once by
its macro (autoescaped like the rest of the page) and kept under its values, so a request
draws only the rows that are new or changed since the last one; rows not shown then are
let go of.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Sequence
from typing import Any

from flask import current_app
from markupsafe import Markup

from webui.tables import Table

KEY = "drawn_rows"
_MAKING = threading.Lock()


class DrawnRows:
    """One table's rows as last drawn, by their values and what else the macro was given."""

    def __init__(self, template: str, macro: str) -> None:
        self.template, self.macro = template, macro
        self._drawn: dict[Hashable, Markup] = {}
        self.drawn = 0  # rows drawn by the macro so far, for tests and measurements

    def draw(self, table: Table, context: Sequence[tuple[str, Any]]) -> Markup:
        """The table's rows as HTML, in its order: `macro(record, **dict(context))` each,
        kept ones where the row and `context` (hashable pairs) are unchanged."""
        drawn, fresh = self._drawn, dict[Hashable, Markup]()
        macro = getattr(current_app.jinja_env.get_template(self.template).module, self.macro)
        given = tuple(context)
        parts = []
        for row in table.rows:
            key = (tuple(row), given)
            found = fresh.get(key) or drawn.get(key)
            if found is None:
                found = Markup(macro(dict(zip(table.columns, row, strict=True)), **dict(given)))
                self.drawn += 1
            fresh[key] = found
            parts.append(found)
        self._drawn = fresh  # a row not in this table is drawn again should it come back
        return Markup("".join(parts))  # each part escaped by its macro: joined as they are


def drawn_rows(name: str, template: str, macro: str) -> DrawnRows:
    """The app's kept rows of table `name`, made on first use."""
    with _MAKING:
        kept: dict[str, DrawnRows] = current_app.extensions.setdefault(KEY, {})
        if name not in kept:
            kept[name] = DrawnRows(template, macro)
        return kept[name]
