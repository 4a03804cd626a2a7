"""Clocks, percentiles, peak memory, and running a phase in a fresh process."""

from __future__ import annotations

import multiprocessing
import resource
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def clocked(action: Callable[[], T]) -> tuple[float, T]:
    """Milliseconds of one call, and what it returned."""
    started = time.perf_counter()
    result = action()
    return (time.perf_counter() - started) * 1000, result


def timed_runs(action: Callable[[], Any], runs: int, budget_s: float = 0.0,
               warm: bool = True) -> list[float]:
    """Milliseconds of `runs` calls after one untimed warm-up call (unless the caller has
    warmed up already: warm=False); with a budget, stop early once it is spent (at least
    three runs), so a slow baseline cannot stall a run."""
    if warm:
        action()
    times: list[float] = []
    started = time.perf_counter()
    for _ in range(runs):
        t0 = time.perf_counter()
        action()
        times.append((time.perf_counter() - t0) * 1000)
        if budget_s and len(times) >= 3 and time.perf_counter() - started > budget_s:
            break
    return times


def p50(times: list[float]) -> float:
    return statistics.median(times)


def p95(times: list[float]) -> float:
    if len(times) < 2:
        return times[0]
    return statistics.quantiles(times, n=20, method="inclusive")[18]


def peak_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self": round(own), "child": round(child)}


def isolated(function: Callable[..., T], *args: Any) -> T:
    """Run `function(*args)` in a fresh process, so each phase's peak memory is its own
    and a phase's caches do not warm the next."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(function, *args).result()
