"""Speed of the temporal engine against dateparser's search_dates, in the same process.

    .venv/bin/python bench/bench_temporal.py [--docs N] [--repeat R]

Both extract dates from the same news documents (TempEval-3 TimeBank + AQUAINT from
../shared/eval/temporal/, language and reference date given): `find_dates(text, lang, dct)` versus
`dateparser.search.search_dates(text, languages=[lang], settings={"RELATIVE_BASE": dct})`.
Prints documents per second for both, the ratio (goal: at least 10x), and peak memory.

It also times the command a user runs, `tracker dates --jsonl FILE` over the same documents, as a
whole process: Python start-up, imports and building the language data included, so that the
one-off costs are visible next to the steady rate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPORA = (ROOT / ".." / "shared" / "eval" / "temporal").resolve()
NEWS = ("te3_timebank.jsonl", "te3_aquaint.jsonl")


def load_docs(limit: int) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for name in NEWS:
        for line in (CORPORA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                docs.append(json.loads(line))
    return docs[:limit]


def run_ours(docs: list[dict[str, Any]]) -> int:
    from tracker.extract.temporal import find_dates

    found = 0
    for d in docs:
        found += len(find_dates(d["text"], d["lang"], dt.date.fromisoformat(d["dct"][:10])))
    return found


def run_dateparser(docs: list[dict[str, Any]]) -> int:
    from dateparser.search import search_dates

    found = 0
    for d in docs:
        base = dt.datetime.fromisoformat(d["dct"][:10])
        result = search_dates(d["text"], languages=[d["lang"]], settings={"RELATIVE_BASE": base})
        found += len(result or [])
    return found


def run_ours_detecting(docs: list[dict[str, Any]]) -> int:
    from tracker.extract.language import detect_language
    from tracker.extract.temporal import find_dates

    found = 0
    for d in docs:
        found += len(find_dates(d["text"], detect_language(d["text"]), dt.date.fromisoformat(d["dct"][:10])))
    return found


def run_dateparser_detecting(docs: list[dict[str, Any]]) -> int:
    from dateparser.search import search_dates

    found = 0
    for d in docs:
        base = dt.datetime.fromisoformat(d["dct"][:10])
        found += len(search_dates(d["text"], settings={"RELATIVE_BASE": base}) or [])
    return found


def run_cli(docs: list[dict[str, Any]], repeat: int) -> float:
    """Best wall time of `tracker dates --jsonl` over `docs`, as a separate process."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "tracker", "dates", "--jsonl", str(path)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                check=False,
            )
            best = min(best, time.perf_counter() - t0)
            if done.returncode != 0:
                raise SystemExit(f"tracker dates failed: {done.stderr.decode(errors='replace').strip()}")
    return best


def timed(fn: Any, docs: list[dict[str, Any]], repeat: int) -> tuple[float, int]:
    best = float("inf")
    found = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = fn(docs)
        best = min(best, time.perf_counter() - t0)
    return best, found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=256, help="number of news documents (default 256)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each engine per document; the best is kept")
    parser.add_argument(
        "--detect-docs", type=int, default=16, help="documents for the language-detection comparison (0 to skip)"
    )
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    docs = load_docs(args.docs)
    chars = sum(len(d["text"]) for d in docs)
    print(f"{len(docs)} news documents, {chars / len(docs):.0f} characters on average")

    t0 = time.perf_counter()
    run_ours(docs[:1])  # language data and compiled rules are built once per process
    warmup = time.perf_counter() - t0
    run_dateparser(docs[:1])

    # Interleaved document by document, so that both engines see the same machine load.
    ours = theirs = 0.0
    n_ours = n_theirs = 0
    for d in docs:
        t, n = timed(run_ours, [d], args.repeat)
        ours, n_ours = ours + t, n_ours + n
        t, n = timed(run_dateparser, [d], args.repeat)
        theirs, n_theirs = theirs + t, n_theirs + n
    # Peak memory in a separate pass: tracemalloc slows every allocation, so it must not be timed.
    from tracker.extract.temporal import engine, lexicon

    engine.grammar.cache_clear()  # so that the peak includes building the language data
    lexicon.load_lexicon.cache_clear()
    tracemalloc.start()
    run_ours(docs)
    _, peak_ours = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    ours_rate, theirs_rate = len(docs) / ours, len(docs) / theirs
    print(f"find_dates:    {ours_rate:10.1f} docs/s  ({n_ours} expressions; first call incl. setup {warmup:.2f} s)")
    print(f"search_dates:  {theirs_rate:10.1f} docs/s  ({n_theirs} expressions; language and RELATIVE_BASE given)")
    print(f"ratio:         {ours_rate / theirs_rate:10.1f}x  (goal >= 10x)")
    cli = run_cli(docs, args.repeat)
    print(
        f"tracker dates --jsonl: {len(docs) / cli:6.1f} docs/s as a whole process ({cli:.2f} s incl. start-up), "
        f"{len(docs) / cli / theirs_rate:.1f}x search_dates"
    )
    if args.detect_docs:
        few = docs[: args.detect_docs]
        run_ours_detecting(few[:1])
        ours_d, _ = timed(run_ours_detecting, few, args.repeat)
        theirs_d, _ = timed(run_dateparser_detecting, few, 1)
        print(
            f"with language detection ({len(few)} docs): detect_language+find_dates {len(few) / ours_d:.1f} docs/s, "
            f"search_dates without languages= {len(few) / theirs_d:.2f} docs/s, ratio {theirs_d / ours_d:.0f}x"
        )
    print(
        f"peak memory:   {peak_ours / 1e6:10.1f} MB traced by find_dates incl. building its language data; "
        f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
