"""The question box: `/ask?q=…` answers a Chinese question with a named query, and
`GET /api/ask?q=…` returns the same answer as JSON.

The page shows which query was chosen and with which parameters, as that query's form
filled in, so a clerk sees how the question was understood and can correct and re-run it;
a question no query answers says what was understood and offers the closest queries.
The graph's names that the reading needs are read through named queries (kept answers) and
the question box built on them is kept until the graph is written to; on a store that may
change underneath (Neo4j) it is rebuilt after KEEP_SECONDS.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from flask import Blueprint, current_app

from graph.errors import QueryError
from queries.ask import QuestionBox, Reading, question_box
from queries.errors import ParameterError
from queries.intents import load_intents
from webui.db import fetch, get_catalog, get_store
from webui.errors import BadParameter
from webui.params import text_arg
from webui.query import form_fields, query_url, run_named
from webui.tables import Page, json_response, respond

bp = Blueprint("ask", __name__)

BOX_KEY = "question_box"
KEEP_SECONDS = 60.0  # how long names read from a store that may change are trusted
_building = threading.Lock()


@bp.get("/ask")
def answer() -> Any:
    return respond(answer_page(text_arg("q") or ""), "ask/answer.html")


@bp.get("/api/ask")
def api_answer() -> Any:
    question = text_arg("q") or ""
    if not question:
        raise BadParameter("请在 q 中写一个问题,例如 /api/ask?q=哪个部门承担的5G任务最多 "
                           "(q is required)")
    page = answer_page(question)
    result = page.tables.get("result")
    return json_response({**page.info,
                          "columns": result.columns if result else [],
                          "rows": result.records() if result else []})


def answer_page(question: str) -> Page:
    """The reading of `question`, and the answer when a query could give one."""
    if not question:
        return Page("提问", info={"question": "", "answered": False},
                    view={"examples": load_intents().examples, "reading": None})
    reading = get_box().read(question)
    result, ran = None, reading.answered
    if ran:
        query = get_catalog()[reading.query]
        try:
            result = run_named(query, reading.params)
        except (ParameterError, QueryError) as exc:  # 前0个: say so, keep the form to fix it
            reading.answered = False
            reading.reason = f"“{query.shown_title}”未能运行:{exc}"
    page = Page(f"提问:{question}", info=reading_info(reading), view={"reading": reading})
    if ran:  # the form, filled in: to change a parameter, or to fix one that failed
        query = get_catalog()[reading.query]
        page.view["fields"] = form_fields(query, reading.params)
        page.view["query"] = query
    if result is not None:
        page.tables["result"] = result
    return page


def reading_info(reading: Reading) -> dict[str, Any]:
    """What the API returns about the reading (the page shows the same)."""
    return {
        "question": reading.question, "answered": reading.answered,
        "query": reading.query or None, "title": reading.title or None,
        "params": reading.params, "intent": reading.intent or None,
        "understood": reading.understood(),
        "reason": reading.reason,
        "url": query_url(reading.query, reading.params) if reading.answered else None,
        "suggestions": [{"query": s.query, "title": s.title, "params": s.params,
                         "shown": params_shown(s.query, s.params),
                         "url": query_url(s.query, s.params)} for s in reading.suggestions],
    }


def params_shown(name: str, params: dict[str, Any]) -> str:
    """城市:常州市 · 领域:5G · 单位类别:政府部门 — parameters as a clerk reads them."""
    query = get_catalog()[name]
    fields = {f.name: f for f in form_fields(query, params)}
    out = []
    for key in params:
        f = fields[key]
        value = dict(f.options).get(f.value, f.value) if f.options else f.value
        out.append(f"{f.label}:{value}")
    return " · ".join(out)


def get_box() -> QuestionBox:
    """The app's question box, built from the graph's names and kept while they hold."""
    store = get_store()
    kept = current_app.extensions.get(BOX_KEY)
    stamp = (store.writes, None if store.keeps_answers else int(time.monotonic() // KEEP_SECONDS))
    if kept is not None and kept[0] == stamp:
        return kept[1]
    with _building:
        box = question_box(get_catalog(), lambda name: fetch(name).records())
        current_app.extensions[BOX_KEY] = (stamp, box)
    return box
