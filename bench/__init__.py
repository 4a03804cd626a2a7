"""Benchmark: synthetic corpus, bulk and incremental loads, named queries, pages, networkx."""
