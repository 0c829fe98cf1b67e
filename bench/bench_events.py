"""Benchmark the event stage on the annotated dev articles, overall and per language.

    .venv/bin/python bench/bench_events.py                       # ../shared/eval/events
    .venv/bin/python bench/bench_events.py --events DIR --per-doc --keep pred.jsonl

Runs the score_events.py flow in this process: `to-jsonl` over the articles (read in place, never
copied), then for each line: reference = `published` (or find_reference on the text), find_dates,
assemble_events; then the scorer's `score` with --per-doc. Prints dated_F1, status/type accuracy
and participants F1 overall and per language, plus the time per article.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_events", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def to_jsonl(scorer: ModuleType, folder: Path) -> list[dict[str, Any]]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        scorer.to_jsonl(folder)
    return [json.loads(line) for line in buf.getvalue().splitlines() if line.strip()]


def extract(row: dict[str, Any]) -> list[dict[str, Any]]:
    from tracker.extract.events import assemble_events
    from tracker.extract.temporal import find_dates

    text, lang = row["text"], row.get("lang") or "en"
    published = date.fromisoformat(row["published"][:10]) if row.get("published") else None
    reference = published
    if reference is None:
        try:
            from tracker.extract.reference import find_reference
        except ImportError:
            pass
        else:
            reference = find_reference(text, lang, None).day
    drafts = assemble_events(text, lang, reference, find_dates(text, lang, reference))
    return [d.to_json() for d in drafts]


FIGURES = ("dated_F1", "status_acc", "type_acc", "participants_F1", "detect_F1", "location_acc")


def figures(c: Counter[str]) -> dict[str, float | str]:
    def f1(hit: int) -> float:
        p = hit / c["pred"] if c["pred"] else 0.0
        r = hit / c["gold"] if c["gold"] else 0.0
        return round(100 * 2 * p * r / (p + r), 1) if p + r else 0.0

    def pct(a: int, b: int) -> float:
        return round(100 * a / b, 1) if b else 0.0

    pp = c["part_hit"] / c["part_pred"] if c["part_pred"] else 0.0
    pr = c["part_hit"] / c["part_gold"] if c["part_gold"] else 0.0
    return {
        "dated_F1": f1(c["dated"]),
        "status_acc": pct(c["status"], c["matched"]),
        "type_acc": pct(c["type"], c["matched"]),
        "participants_F1": round(100 * 2 * pp * pr / (pp + pr), 1) if pp + pr else 0.0,
        "detect_F1": f1(c["matched"]),
        "location_acc": pct(c["loc_hit"], c["loc_gold"]) if c["loc_gold"] else "n/a",  # no gold place: nothing to say
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=Path, default=EVAL / "events", help="folder of <slug>.txt + .gold.json")
    parser.add_argument("--scorer", type=Path, default=EVAL / "score_events.py")
    parser.add_argument("--per-doc", action="store_true", help="also print each article's counts")
    parser.add_argument("--keep", type=Path, help="write the predictions here")
    args = parser.parse_args(argv)

    scorer = load_scorer(args.scorer)
    rows = to_jsonl(scorer, args.events)
    started = time.perf_counter()
    lines = [json.dumps({"doc_id": r["doc_id"], "events": extract(r)}, ensure_ascii=False) for r in rows]
    elapsed = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.keep or Path(tmp) / "pred.jsonl"
        pred.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = scorer.score(args.events, pred, per_doc=True)

    lang_of = {r["doc_id"]: r.get("lang") or "?" for r in rows}
    per_lang: dict[str, Counter[str]] = {}
    for doc_id, counts in result["per_doc"]:
        per_lang.setdefault(lang_of.get(doc_id, "?"), Counter()).update(counts)

    print(f"articles {result['articles']}  gold {result['gold']}  pred {result['pred']}  matched {result['matched']}")
    print("overall  " + "  ".join(f"{k} {result[k]}" for k in FIGURES))
    for lang in sorted(per_lang):
        c = per_lang[lang]
        figs = figures(c)
        print(f"  {lang}  gold {c['gold']:2d} pred {c['pred']:2d}  " + "  ".join(f"{k} {figs[k]}" for k in FIGURES))
    print(f"extraction: {1000 * elapsed / max(1, len(rows)):.1f} ms per article ({len(rows)} articles)")
    if args.per_doc:
        for doc_id, counts in result["per_doc"]:
            print(f"    {doc_id}: {dict(counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
