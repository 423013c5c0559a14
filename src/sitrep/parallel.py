"""Run ``analyze`` on several processes (one machine) or on a Dask cluster (many machines).

Both keep the input order and stream: at most a few chunks are in flight at once, so memory
stays bounded however long the input is. Each worker process loads the spaCy pipeline once
(``load_nlp`` is cached per process) and reuses it for every chunk it receives.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

from sitrep.analyze import Analysis, analyze
from sitrep.records import Article


def _analyze_chunk(chunk: list[Article]) -> list[Analysis]:
    return list(analyze(chunk))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def analyze_parallel(
    articles: Iterable[Article], workers: int, chunk_size: int = 16
) -> Iterator[Analysis]:
    """``analyze`` spread over ``workers`` processes; ``workers <= 1`` runs in this process."""
    if workers <= 1:
        yield from analyze(articles)
        return
    window = 2 * workers
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[list[Analysis]]] = deque()
        for chunk in _chunks(articles, chunk_size):
            pending.append(pool.submit(_analyze_chunk, chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def analyze_on_dask(
    articles: Iterable[Article], client: Any, chunk_size: int = 64
) -> Iterator[Analysis]:
    """``analyze`` on a Dask cluster (``client`` is a ``dask.distributed.Client``).

    Chunks are submitted with a bounded window, like the process pool, and results come back
    in input order.
    """
    window = 2 * max(1, sum(client.nthreads().values()))
    pending: deque[Any] = deque()
    for chunk in _chunks(articles, chunk_size):
        pending.append(client.submit(_analyze_chunk, chunk, pure=False))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
