"""Synthetic action plans for scale tests and the benchmark.

Plans are drawn from data/synth.yaml and the project's own vocabularies, printed in the
formats the seed plans use, and written with a manifest of what a correct parser reads.
"""

from loaders.synth.corpus import Corpus, CorpusError, plans, read_corpus, write_corpus

__all__ = ["Corpus", "CorpusError", "plans", "read_corpus", "write_corpus"]
