"""The network view drawn in headless Chromium, at each scale of the benchmark.

The Flask test client times the HTML; a clerk waits for the browser to lay out the page and
paint up to 1,000 nodes before a click does anything. This leg serves the app on 127.0.0.1
and times navigation to a clickable network in Debian's chromium, through the helpers
`python -m webui.bench` uses too. Without chromium or Playwright it says why ("skipped: …").
"""

from __future__ import annotations

from typing import Any

DRAW_LIMITS = (300, 1000)  # the viewer's default (about 300 nodes) and its cap
DRAW_RUNS = 3  # timed loads per limit, at most: a 1,000-node load takes seconds


def drawing_timings(store: Any, runs: int) -> dict[str, Any]:
    """Per node limit: nodes drawn and p50/max seconds from navigation until the network
    answers a click; a limit above the viewer's cap is marked refused, not requested."""
    try:
        from webui import create_app
        from webui.bench import browser_missing, time_drawing
    except ImportError as exc:
        return {"skipped": f"webui not available ({exc})"}
    missing = browser_missing()
    if missing:
        return {"skipped": missing}
    app = create_app(store=store)
    cap = app.config["NETWORK_NODE_LIMIT"]
    paths = {limit: f"/network?limit={limit}" for limit in DRAW_LIMITS if limit <= cap}
    drawn = time_drawing(app, list(paths.values()), min(runs, DRAW_RUNS))
    out: dict[str, Any] = {}
    for limit in DRAW_LIMITS:
        out[str(limit)] = ({"url": paths[limit], **drawn[paths[limit]]} if limit in paths
                           else {"refused": f"the viewer caps at {cap} nodes"})
    return out
