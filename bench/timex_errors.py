"""Error analysis of the temporal engine: span misses, false positives and value mismatches per corpus.

    .venv/bin/python bench/timex_errors.py [CORPUS ...] [--kind missed|spurious|wrong] [--limit N] [--context C]
    .venv/bin/python bench/timex_errors.py te3_aquaint --classes

Each error is printed with a little of its sentence, so that the biggest classes of error can be seen
and fixed by a general rule. `--classes` groups them instead (by gold type and value shape, by rule),
with counts, which is where to start. The data stays in ../shared/eval/temporal/.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_temporal import CORPORA, load_scorer, run_corpus


def shape(value: str | None) -> str:
    """'2026-01-30' -> 'DDDD-DD-DD': the form of a value, to group errors by kind."""
    return re.sub(r"\d", "D", value or "-")


def errors(gold: dict[str, Any], pred: dict[str, Any], scorer: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, doc_id, detail) for every miss, spurious mention and wrong value."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for doc_id, g in gold.items():
        gi, pi, text = g["items"], pred[doc_id]["items"], g["text"]
        matches = scorer.match_doc(gi, pi)
        mg = {i for i, _ in matches}
        mp = {j for _, j in matches}
        for i, item in enumerate(gi):
            if i not in mg:
                out.append(("missed", doc_id, {"gold": item, "text": text}))
        for j, item in enumerate(pi):
            if j not in mp:
                out.append(("spurious", doc_id, {"pred": item, "text": text}))
        for i, j in matches:
            if (gi[i].get("value") or "") != (pi[j].get("value") or ""):
                out.append(("wrong", doc_id, {"gold": gi[i], "pred": pi[j], "text": text}))
    return out


def context(text: str, start: int, end: int, width: int) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="*", help="corpus names (default: all)")
    parser.add_argument("--kind", choices=["missed", "spurious", "wrong"], action="append")
    parser.add_argument("--limit", type=int, default=40, help="errors shown per kind and corpus")
    parser.add_argument("--context", type=int, default=60, help="characters of context either side")
    parser.add_argument("--classes", action="store_true", help="group errors and count them instead")
    parser.add_argument("--grep", help="only errors whose text matches this regular expression")
    args = parser.parse_args(argv)
    scorer = load_scorer()
    paths = sorted(CORPORA.glob("*.jsonl"))
    if args.corpora:
        paths = [p for p in paths if p.stem in args.corpora]
    kinds = args.kind or ["missed", "spurious", "wrong"]
    pattern = re.compile(args.grep, re.IGNORECASE) if args.grep else None
    for path in paths:
        _, gold, pred, _ = run_corpus(path, scorer)
        found = errors(gold, pred, scorer)
        counts = collections.Counter(kind for kind, _, _ in found)
        print(f"== {path.stem}: " + ", ".join(f"{k} {counts[k]}" for k in ("missed", "spurious", "wrong")))
        for kind in kinds:
            rows = [(doc, d) for k, doc, d in found if k == kind]
            if pattern is not None:
                rows = [(doc, d) for doc, d in rows if pattern.search((d.get("gold") or d.get("pred"))["text"])]
            if args.classes:
                groups: collections.Counter[str] = collections.Counter()
                for _, d in rows:
                    if kind == "missed":
                        groups[f"{d['gold'].get('type')} {shape(d['gold'].get('value'))}"] += 1
                    elif kind == "spurious":
                        groups[f"{d['pred'].get('rule')} {shape(d['pred'].get('value'))}"] += 1
                    else:
                        groups[f"{d['pred'].get('rule')} gold {shape(d['gold'].get('value'))}"
                               f" ours {shape(d['pred'].get('value'))}"] += 1  # fmt: skip
                print(f"  -- {kind} by class")
                for name, n in groups.most_common(args.limit):
                    print(f"    {n:4d}  {name}")
                continue
            print(f"  -- {kind}")
            for doc, d in rows[: args.limit]:
                item = d.get("gold") or d["pred"]
                where = context(d["text"], item["start"], item["end"], args.context)
                if kind == "missed":
                    label = f"{item.get('type')} {item.get('value')}"
                elif kind == "spurious":
                    label = f"{item.get('value')} ({item.get('rule')})"
                else:
                    label = f"gold {d['gold'].get('value')} ours {d['pred'].get('value')} ({d['pred'].get('rule')})"
                    where += f"  | ours: {d['pred']['text']!r}"
                print(f"    {doc[:28]:<28} {label}\n        {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
