"""Write a synthetic corpus: plan files in a folder, and a manifest of what they contain.

Scale 1 is about the five seed plans (5 plans, ~140 tasks, ~700 unit mentions); scale N
is N times that, spread over up to 300 cities, several plans per city. The manifest
(`manifest.json` beside the plans) lists per file the tasks and the mentions per task that
a correct parser reads, so a test can hold the real parser to them exactly.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.synth.plan import PlannedPlan, draw_plan
from loaders.synth.render import render
from loaders.synth.vocabulary import City, Vocabulary

MANIFEST = "manifest.json"
TOTALS = ("tasks", "leads", "units", "implied", "lead_edges", "responsible_edges")


class CorpusError(Exception):
    """The output folder cannot take a corpus; the message says what to do."""


@dataclass(frozen=True)
class Corpus:
    """A written corpus: where, and the manifest that describes it."""

    folder: Path
    manifest: dict[str, Any]

    @property
    def files(self) -> list[Path]:
        return [self.folder / d["file"] for d in self.manifest["documents"]]

    @property
    def bytes(self) -> int:
        return sum(d["bytes"] for d in self.manifest["documents"])


def plans(scale: int, seed: int = 0) -> Iterator[tuple[PlannedPlan, str]]:
    """Every plan of the corpus with its text, in file order; nothing is written."""
    vocab = Vocabulary.load()
    cities = corpus_cities(vocab, scale, seed)
    count = vocab.data["corpus"]["plans_per_scale"] * scale
    for index in range(count):
        plan = draw_plan(vocab, cities[index % len(cities)], index, str(seed))
        yield plan, render(plan, vocab)


def corpus_cities(vocab: Vocabulary, scale: int, seed: int) -> list[City]:
    """The cities plans are issued in: one per plan up to `max_cities`, then reused."""
    count = vocab.data["corpus"]["plans_per_scale"] * scale
    rng = random.Random(f"{seed}:cities")
    chosen = rng.sample(vocab.cities, min(count, vocab.data["corpus"]["max_cities"],
                                          len(vocab.cities)))
    return [vocab.city(name, short, province, str(seed)) for name, short, province in chosen]


def write_corpus(scale: int, out: Path, seed: int = 0) -> Corpus:
    """Write the plans of `scale` into `out` with their manifest; same seed, same bytes."""
    if scale < 1:
        raise CorpusError(f"scale must be at least 1, got {scale}")
    _prepare(out)
    documents: list[dict[str, Any]] = []
    for plan, text in plans(scale, seed):
        data = text.encode(plan.encoding)
        name = f"{plan.index:05d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
        (out / name).write_bytes(data)
        documents.append({"file": name, "bytes": len(data), **plan.expected()})
    manifest: dict[str, Any] = {
        "scale": scale, "seed": seed, "plans": len(documents),
        "cities": len({d["city"] for d in documents}),
        **{k: sum(d[k] for d in documents) for k in TOTALS}, "documents": documents}
    manifest["assignments"] = manifest["leads"] + manifest["units"] + manifest["implied"]
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                encoding="utf-8")
    return Corpus(out, manifest)


def read_corpus(folder: Path) -> Corpus:
    """A corpus written earlier, by its manifest."""
    path = folder / MANIFEST
    if not path.is_file():
        raise CorpusError(f"{folder} has no {MANIFEST}; write a corpus there first "
                          "(python -m loaders.synth --scale 1 --out FOLDER)")
    return Corpus(folder, json.loads(path.read_text(encoding="utf-8")))


def _prepare(out: Path) -> None:
    """An empty folder, or one holding an earlier corpus, whose files are removed."""
    out.mkdir(parents=True, exist_ok=True)
    if not any(out.iterdir()):
        return
    if not (out / MANIFEST).is_file():
        raise CorpusError(f"{out} is not empty and holds no {MANIFEST}; give an empty or "
                          "new folder (a corpus replaces only an earlier corpus)")
    for path in read_corpus(out).files:
        path.unlink(missing_ok=True)
    (out / MANIFEST).unlink()
