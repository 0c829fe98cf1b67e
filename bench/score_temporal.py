"""Accuracy of the temporal engine on every TIMEX3 corpus in ../shared/eval/temporal/.

    .venv/bin/python bench/score_temporal.py [CORPUS ...] [--errors N] [--json] [--batteries]

Runs `find_dates` over each document (language and `dct` from the corpus) and scores it with the
shared scorer (../shared/eval/score_timex.py, imported by path): strict and relaxed span F1,
value F1 and type F1 per corpus, the TempEval-3 measures. The data stays where it is.

`--batteries` also scores the project's own fully annotated news passages (the `complete: true`
cases of tests/cases/temporal/*.yaml), one row per language. Those were written while the rules
were tuned, so they show coverage of the conventions, not held-out accuracy; they are the only
TIMEX3-style figures for the languages without a corpus here (French, Indonesian, Russian ...).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import importlib.util
import json
import re
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from tracker.extract.temporal import find_dates

ROOT = Path(__file__).resolve().parent.parent
EVAL = (ROOT / ".." / "shared" / "eval").resolve()
CORPORA = EVAL / "temporal"
CASES = ROOT / "tests" / "cases" / "temporal"
# Published value F1 on comparable held-out news test sets (see ../shared/eval/README.md).
BEST_PUBLISHED = {"en": 77.6, "es": 85.3, "fr": 73.6, "id": 85.3}


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_timex", EVAL / "score_timex.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {EVAL / 'score_timex.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(doc: dict[str, Any]) -> list[dict[str, Any]]:
    reference = dt.date.fromisoformat(doc["dct"][:10]) if doc.get("dct") else None
    return [m.to_json() for m in find_dates(doc["text"], doc["lang"], reference)]


Scored = tuple[dict[str, Any], dict[str, Any], dict[str, Any], float]


def run_docs(docs: list[dict[str, Any]], scorer: ModuleType) -> Scored:
    gold: dict[str, Any] = {}
    pred: dict[str, Any] = {}
    t0 = time.perf_counter()
    for doc in docs:
        gold[doc["doc_id"]] = {"items": doc["gold"], "text": doc["text"]}
        pred[doc["doc_id"]] = {"items": predict(doc), "text": doc["text"]}
    elapsed = time.perf_counter() - t0
    return scorer.score(gold, pred), gold, pred, elapsed


def run_corpus(path: Path, scorer: ModuleType) -> Scored:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return run_docs(docs, scorer)


def battery_docs() -> dict[str, list[dict[str, Any]]]:
    """The fully annotated cases as corpus documents, by language.

    A case lists its expressions by text, so their offsets are located here, without looking at what the
    engine found: the first occurrence on word boundaries not taken by an earlier expression. Where a text
    repeats the words (an adjective "future" before the noun "the future") the gold may sit on the wrong one
    and count as a miss: the figure errs low, never high.
    """
    out: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if not isinstance(case, dict) or not case.get("complete"):
                continue
            text, reference = case["text"], case.get("reference")
            doc = {"doc_id": case["id"], "lang": case["language"], "text": text}
            doc["dct"] = str(reference) if reference else None
            taken: set[int] = set()
            items = []
            for exp in case["expect"]:
                needle = str(exp["text"])
                spots = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)]
                spots = [at for at in spots if at not in taken] or [text.find(needle)]
                at = spots[0]
                if at < 0:
                    raise SystemExit(f"{path.name} {case['id']}: {needle!r} is not in its text")
                taken.add(at)
                fields = {k: str(v) for k, v in exp.items()}  # YAML reads 2026-01-30 as a date
                items.append({**fields, "start": at, "end": at + len(needle), "text": needle})
            out[case["language"]].append({**doc, "gold": items})
    return out


def show_errors(gold: dict[str, Any], pred: dict[str, Any], scorer: ModuleType, limit: int) -> None:
    """The most frequent misses, spurious mentions and wrong values, to decide what to fix next."""
    missed: collections.Counter[str] = collections.Counter()
    spurious: collections.Counter[str] = collections.Counter()
    wrong: collections.Counter[str] = collections.Counter()
    for doc_id, g in gold.items():
        gi, pi = g["items"], pred[doc_id]["items"]
        matches = scorer.match_doc(gi, pi)
        mg = {i for i, _ in matches}
        mp = {j for _, j in matches}
        for i, item in enumerate(gi):
            if i not in mg:
                missed[f"{item['text']!r} {item.get('type')} {item.get('value')}"] += 1
        for j, item in enumerate(pi):
            if j not in mp:
                spurious[f"{item['text']!r} {item.get('value')}"] += 1
        for i, j in matches:
            if (gi[i].get("value") or "") != (pi[j].get("value") or ""):
                wrong[f"{gi[i]['text']!r}->{pi[j]['text']!r} gold={gi[i].get('value')} ours={pi[j].get('value')}"] += 1
    for title, counter in (("missed", missed), ("spurious", spurious), ("wrong value", wrong)):
        print(f"  {title}: " + "; ".join(f"{k} x{n}" for k, n in counter.most_common(limit)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="*", help="corpus names (default: all)")
    parser.add_argument("--errors", type=int, default=0, help="show the N most frequent errors per corpus")
    parser.add_argument("--json", action="store_true", help="print one JSON line per corpus")
    parser.add_argument(
        "--batteries", action="store_true", help="also score the project's own fully annotated passages, per language"
    )
    args = parser.parse_args(argv)
    scorer = load_scorer()
    paths = sorted(CORPORA.glob("*.jsonl"))
    if args.corpora:
        paths = [p for p in paths if p.stem in args.corpora]
    runs: list[tuple[str, Any]] = [(p.stem, lambda p=p: run_corpus(p, scorer)) for p in paths]
    if args.batteries:
        for lang, docs in sorted(battery_docs().items()):
            runs.append((f"own_{lang} (fitted)", lambda docs=docs: run_docs(docs, scorer)))
    header = f"{'corpus':<26}{'docs':>5}{'gold':>6}{'sys':>6}{'strictF1':>9}{'relaxF1':>9}{'valueF1':>9}{'typeF1':>8}"
    if not args.json:
        print(header)
    totals: collections.Counter[str] = collections.Counter()
    for name, run in runs:
        result, gold, pred, elapsed = run()
        # the own passages state a type only where it is the point of the case
        typed = all(item.get("type") for g in gold.values() for item in g["items"])
        type_f1 = f"{result['type_F1']:.2f}" if typed else "n/a"
        if args.json:
            print(json.dumps({"corpus": name, **result, "seconds": round(elapsed, 3)}))
        else:
            print(
                f"{name:<26}{len(gold):>5}{result['gold']:>6}{result['sys']:>6}{result['strict_F1']:>9.2f}"
                f"{result['relaxed_F1']:>9.2f}{result['value_F1']:>9.2f}{type_f1:>8}"
            )
        totals["docs"] += len(gold)
        if args.errors:
            show_errors(gold, pred, scorer, args.errors)
    if not args.json:
        print(f"reference value F1 (HeidelTime, held-out news): {BEST_PUBLISHED}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
