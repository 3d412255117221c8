"""Measure the answer analysis against hand-labelled answers (`benchmarks/feedback/*.json`).

Each file holds the card texts the answers were labelled against (a snapshot, so edits to
the bundled decks do not move the figures) and answers with gold labels: which talking
points each covers, which don'ts it breaks, whether it is pasted guidance. Cards are split
into `dev` (the only ones looked at while tuning thresholds and the lexicon) and `test`
(reported). Prints precision, recall and F1 per language and split.

    python benchmarks/feedback.py --json [--split test|dev|all] [--errors]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from interviewprep.core.analysis import analyse
from interviewprep.core.decks.model import Card

HERE = Path(__file__).resolve().parent / "feedback"


def _score(pairs: list[tuple[bool, bool]]) -> dict[str, Any]:
    tp = sum(1 for gold, got in pairs if gold and got)
    fp = sum(1 for gold, got in pairs if got and not gold)
    fn = sum(1 for gold, got in pairs if gold and not got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "positives": tp + fn, "items": len(pairs)}


def measure(data: dict[str, Any], split: str, errors: list[str]) -> dict[str, Any]:
    language = data["language"]
    cards = {key: Card.from_dict({"id": key.split("/")[1], **{
        k: v for k, v in card.items() if k != "split"}}) for key, card in data["cards"].items()}
    coverage: list[tuple[bool, bool]] = []
    dont_pairs: list[tuple[bool, bool]] = []
    pasted: list[tuple[bool, bool]] = []
    answers = 0
    timings: list[float] = []
    for item in data["answers"]:
        if split != "all" and data["cards"][item["card"]]["split"] != split:
            continue
        answers += 1
        card = cards[item["card"]]
        started = time.perf_counter()
        result = analyse(card, item["text"], None, card.time_limit, language)
        timings.append(time.perf_counter() - started)
        for i, point in enumerate(result.points):
            coverage.append((i in item["covered"], point.found))
            if (i in item["covered"]) != point.found:
                errors.append(f"{language} {item['card']} {item['kind']} point {i}: gold "
                              f"{i in item['covered']} got {point.found} ({point.evidence})")
        for i, dont in enumerate(result.donts):
            dont_pairs.append((i in item["donts"], dont.found))
            if (i in item["donts"]) != dont.found:
                errors.append(f"{language} {item['card']} {item['kind']} dont {i}: gold "
                              f"{i in item['donts']} got {dont.found} ({dont.evidence})")
        pasted.append((item["pasted"], result.echoes_guidance))
        if item["pasted"] != result.echoes_guidance:
            errors.append(f"{language} {item['card']} {item['kind']} pasted: gold "
                          f"{item['pasted']}")
    return {"answers": answers, "coverage": _score(coverage), "donts": _score(dont_pairs),
            "pasted_guidance": _score(pasted),
            "median_ms_per_answer": round(1000 * statistics.median(timings), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON (the default)")
    parser.add_argument("--split", choices=("test", "dev", "all"), default=None,
                        help="one split only (default: test and dev, reported apart)")
    parser.add_argument("--errors", action="store_true",
                        help="also list every disagreement with the gold labels (stderr)")
    args = parser.parse_args()
    splits = [args.split] if args.split else ["test", "dev"]
    errors: list[str] = []
    report: dict[str, Any] = {}
    for path in sorted(HERE.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        report[data["language"]] = {split: measure(data, split, errors) for split in splits}
    print(json.dumps(report, indent=2))
    if args.errors:
        print("\n".join(errors), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
