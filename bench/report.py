"""The benchmark's printed table: one column per scale, then the goals met or missed."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from bench.cases import Case
from bench.search_cases import search_report

Results = dict[int, dict[str, Any]]  # scale -> everything measured at that scale
WIDTH = 22


def render(results: Results, case_list: list[Case]) -> str:
    scales = sorted(results)
    lines = [_row("scale", [str(s) for s in scales], "")]
    lines += _section("Corpus and load", scales, results, LOAD_ROWS)
    lines += _queries(scales, results, case_list)
    lines += _pages(scales, results)
    lines += write_rows(scales, results)
    lines += _baseline(scales, results, case_list)
    lines += search_report(results)
    lines += ["", "Goals"] + [f"  {g}" for g in goals(results, case_list)]
    return "\n".join(lines)


def _row(label: str, cells: Iterable[str], unit: str = "") -> str:
    text = label + (f" [{unit}]" if unit else "")
    return _pad(text, 50, left=True) + "".join(_pad(c, WIDTH) for c in cells)


def _pad(text: str, width: int, left: bool = False) -> str:
    """Pad to a display width: CJK characters take two columns in a terminal."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    fill = " " * max(width - shown, 1 if not left else 0)
    return text + fill if left else fill + text


def _get(data: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _fmt(value: Any, spec: str) -> str:
    return "–" if value is None else format(value, spec)


LOAD_ROWS: list[tuple[str, str, Callable[[dict[str, Any]], Any], str]] = [
    ("plans / tasks", "", lambda r: f"{r['load']['plans']:,} / {r['load']['tasks']:,}", "s"),
    ("assignments (LEADS + RESPONSIBLE_FOR)", "", lambda r: r["load"]["assignments"], ","),
    ("rows written", "", lambda r: r["load"]["rows"], ","),
    ("corpus written by loaders.synth", "s", lambda r: r["generate_s"], ".1f"),
    ("parse (process pool), rows spooled meanwhile", "MB/s",
     lambda r: r["load"]["bytes"] / 1e6 / max(r["load"]["load_wall_s"] - r["load"]["copy_s"],
                                              1e-9), ".2f"),
    ("parse + bulk load, wall", "s", lambda r: r["load"]["load_wall_s"], ".1f"),
    ("bulk load: COPY transaction", "rows/s", lambda r: r["load"]["copy_rows_per_s"], ",.0f"),
    ("bulk load: COPY transaction", "s", lambda r: r["load"]["copy_s"], ".1f"),
    ("bulk load: rows→Arrow spool, beside parsing", "s", lambda r: r["load"]["spool_s"], ".1f"),
    ("bulk load: spool + COPY", "rows/s", lambda r: r["load"]["bulk_rows_per_s"], ",.0f"),
    ("incremental: 50 plans replaced (Cypher)", "rows/s",
     lambda r: _get(r, "load.incremental.rows_per_s"), ",.0f"),
    ("incremental: seconds for those plans", "s",
     lambda r: _get(r, "load.incremental.seconds"), ".2f"),
    ("whole corpus through Cypher (reference)", "rows/s",
     lambda r: _get(r, "load.cypher_full.rows_per_s"), ",.0f"),
    ("peak RSS, load: main process", "MB", lambda r: r["load"]["memory_load"]["self"], ",.0f"),
    ("peak RSS, load: largest parse worker", "MB",
     lambda r: r["load"]["memory_load"]["child"], ",.0f"),
    ("peak RSS, queries + pages process", "MB",
     lambda r: r["queries"]["memory_queries"]["self"], ",.0f"),
    ("peak RSS, networkx baseline process", "MB",
     lambda r: r["baseline"]["memory_baseline"]["self"], ",.0f"),
]


def _section(title: str, scales: list[int], results: Results, rows: list[Any]) -> list[str]:
    out = ["", title]
    for label, unit, get, spec in rows:
        cells = []
        for s in scales:
            try:
                value = get(results[s])
            except (KeyError, TypeError):
                value = None
            cells.append(value if isinstance(value, str) else _fmt(value, spec))
        out.append(_row("  " + label, cells, unit))
    return out


def _queries(scales: list[int], results: Results, case_list: list[Case]) -> list[str]:
    sizing = ", ".join(f"scale {s}: {results[s]['queries'].get('threads')} thread(s), "
                       f"{results[s]['queries'].get('texts', '?')} texts" for s in scales)
    runs = sorted({results[s]["queries"].get("runs", 20) for s in scales})
    out = ["", f"Named queries on LadybugDB, p50 / p95 ms over {', '.join(map(str, runs))} "
           f"runs (rows); {sizing}"]
    for case in case_list:
        cells = [query_cell(results[s]["queries"]["queries"].get(case.label)) for s in scales]
        out.append(_row("  " + case.label[:46], cells))
    return out


def query_cell(q: dict[str, Any] | None) -> str:
    """p50/p95 (rows), or the time limit a query ran past."""
    if q is None:
        return "–"
    if "timeout" in q:
        return timeout_text(q["timeout"])
    return f"{q['p50']:.1f}/{q['p95']:.1f} ({q['rows']})"


def timeout_text(limit_ms: int) -> str:
    return f"timeout at {limit_ms} ms"


def _pages(scales: list[int], results: Results) -> list[str]:
    """Pages through the test client, then the same network view in a real browser."""
    return _page_rows(scales, results) + browser_rows(scales, results)


def _page_rows(scales: list[int], results: Results) -> list[str]:
    out = ["", "Viewer pages (Flask test client): first request / p50 / p95 ms (the first "
           "asks the graph; later ones reuse its answers: webui.answers)"]
    first = results[scales[-1]]["queries"]["pages"]
    if "skipped" in first:
        return [*out, f"  {first['skipped']}"]
    for label in first:
        cells = []
        for s in scales:
            page = results[s]["queries"]["pages"].get(label, {})
            cells.append(page.get("error") or (
                f"{page.get('first', 0):.0f}/{page['p50']:.0f}/{page['p95']:.0f}"
                if "p50" in page else "–"))
        out.append(_row(f"  {label} {first[label]['url'][:28]}", cells))
    network = results[scales[-1]]["queries"]["network"]
    out.append("  network view: webui.drawing.build_network, p50 / p95 ms (nodes drawn)")
    if "skipped" in network:
        return [*out, f"    {network['skipped']}"]
    for size in network:
        cells = [_network_cell(results[s]["queries"]["network"].get(size)) for s in scales]
        out.append(_row(f"    at most {size} nodes", cells))
    return out


def write_rows(scales: list[int], results: Results) -> list[str]:
    """Each page's first request after a write (bench.writes), one cell per scale."""
    given = {s: results[s].get("writes") for s in scales}
    legs = {s: leg if leg and "skipped" not in leg else None for s, leg in given.items()}
    runs = sorted({leg["writes"]["runs"] for leg in legs.values() if leg})
    out = ["", "Viewer pages, the first request after a write (one new plan loaded through the "
           "viewer's store, its kept", f"answers cleared): p50 / p95 ms over "
           f"{', '.join(map(str, runs)) or '–'} writes"]
    skipped = [f"  scale {s} skipped: {leg['skipped']}" for s, leg in given.items()
               if leg and "skipped" in leg]
    if not runs:
        return [*out, *(skipped or ["  not run"])]
    out.append(_row("  the write: load of one plan, tallies included",
                    [_p(leg["writes"]) if leg else "–" for leg in legs.values()]))
    labels = dict.fromkeys(k for leg in legs.values() if leg for k in leg["pages"])
    for label in labels:
        url = next(leg["pages"][label]["url"] for leg in legs.values()
                   if leg and label in leg["pages"])
        cells = [_p(leg["pages"].get(label)) if leg else "–" for leg in legs.values()]
        out.append(_row(f"  {label} {url[:28]}", cells))
    return out + skipped


def _p(timed: dict[str, Any] | None) -> str:
    if not timed:
        return "–"
    return timed.get("error") or f"{timed['p50']:.0f}/{timed['p95']:.0f}"


def browser_rows(scales: list[int], results: Results) -> list[str]:
    """The network view in Chromium: one row per node limit, one cell per scale; why a
    scale was skipped or a limit failed follows the rows, since a cell is too narrow."""
    legs = {s: results[s]["queries"].get("browser") or {"skipped": "not run"} for s in scales}
    timed = [d for leg in legs.values() for d in leg.values() if isinstance(d, dict)]
    runs = sorted({d["runs"] for d in timed if "runs" in d})
    out = ["  network view in headless Chromium: navigation to drawn and clickable, p50 / max s"
           f" over {', '.join(map(str, runs)) or '–'} runs (nodes drawn)"]
    skipped = {s: leg["skipped"] for s, leg in legs.items() if "skipped" in leg}
    if len(skipped) == len(scales):
        return [*out, *(f"    skipped: {reason}" for reason in sorted(set(skipped.values())))]
    limits = dict.fromkeys(k for leg in legs.values() for k in leg if k != "skipped")
    for limit in limits:
        out.append(_row(f"    /network?limit={limit}", [_drawn_cell(legs[s], limit)
                                                         for s in scales]))
    out += [f"    scale {s} skipped: {reason}" for s, reason in skipped.items()]
    out += [f"    scale {s}, limit {limit}: {leg[limit]['error']}"
            for s, leg in legs.items() for limit in limits if "error" in leg.get(limit, {})]
    return out


def _drawn_cell(leg: dict[str, Any], limit: str) -> str:
    drawn = leg.get(limit)
    if "skipped" in leg or not drawn:
        return "skipped" if "skipped" in leg else "–"
    if "refused" in drawn:
        return "refused (cap)"
    if "error" in drawn:
        return "error (below)"
    return f"{drawn['p50']:.2f}/{drawn['max']:.2f} ({drawn['nodes']})"


def _network_cell(n: dict[str, Any] | None) -> str:
    if not n:
        return "–"
    if "refused" in n:
        return "refused (cap)"
    return f"{n['p50']:.0f}/{n['p95']:.0f} ({n['nodes']})"


def _baseline(scales: list[int], results: Results, case_list: list[Case]) -> list[str]:
    out = ["", "Same queries in plain Python over networkx (graph.export.to_networkx)",
           _row("  networkx graph built from the store", [
               f"{results[s]['baseline']['build_s']:.1f}" for s in scales], "s"),
           "  per query: LadybugDB p50 / networkx p50 ms, then LB/nx = LadybugDB time ÷ networkx",
           "  time (below 1: LadybugDB faster) | nx/LB = its inverse, LadybugDB's speed-up;",
           "  = same answer, =t same up to ties the ORDER BY leaves open, ≠ different"]
    for case in case_list:
        cells = [_compare(results[s], case) for s in scales]
        out.append(_row("  " + case.label[:44], cells))
    return out


def _compare(result: dict[str, Any], case: Case) -> str:
    lb = result["queries"]["queries"].get(case.label)
    nx = result["baseline"]["queries"].get(case.label)
    if not lb or not nx:
        return "–"
    if "timeout" in lb:
        return f"LB {timeout_text(lb['timeout'])}"
    ratio = lb["p50"] / max(nx["p50"], 1e-6)
    return (f"{_num(lb['p50'])}/{_num(nx['p50'])} {_num(ratio)}|{_num(1 / ratio)}x "
            f"{same(lb, nx, case)}")


def _num(x: float) -> str:
    """Two significant digits, readable from 0.01 to 10,000."""
    return f"{x:.2g}" if x < 10 else f"{x:.0f}"


def same(lb: dict[str, Any], nx: dict[str, Any], case: Case) -> str:
    if lb["digest"]["rows"] == nx["digest"]["rows"]:
        return "="
    if case.key_columns and lb["digest"]["keys"] == nx["digest"]["keys"]:
        return "=t"  # equal up to ties the query's ORDER BY leaves open
    return "≠"


def goals(results: Results, case_list: list[Case]) -> list[str]:
    from bench.goals import check

    return check(results, case_list)
