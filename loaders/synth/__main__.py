"""Write a synthetic corpus of plans.

    python -m loaders.synth --scale 1 --out var/synth-1          # 5 plans, ~140 tasks
    python -m loaders.synth --scale 1000 --out var/synth-1000    # 5,000 plans, ~300 cities

Scale N writes 5·N plans; the same --seed writes the same files. manifest.json beside
them says how many tasks and unit mentions each plan has.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from loaders.synth.corpus import CorpusError, write_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders.synth", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, required=True, help="5 plans per unit of scale")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the plans to")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same corpus (default 0)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        corpus = write_corpus(args.scale, args.out, args.seed)
    except CorpusError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    m = corpus.manifest
    print(f"{m['plans']} plans in {m['cities']} cities, {m['tasks']} tasks, "
          f"{m['assignments']} unit mentions, {corpus.bytes / 1e6:.1f} MB in {args.out} "
          f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
