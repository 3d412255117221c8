"""Engine benchmark: cold load, reopen-to-first-card, and reviews, on a generated deck.

    python benchmarks/engine.py --cards 10000 --reviews 1000 --json

Prints one JSON object. Each figure is the median of --repeat runs, each in a fresh
temporary folder; `runs` has every run.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import Rating
from interviewprep.locations import Locations


def write_deck(folder: Path, cards: int) -> Path:
    lines = ["id: bench", "title: Benchmark deck", "language: en", "roles: [ae, sdr]",
             "cards:"]
    for i in range(cards):
        lines += [
            f"  - id: card-{i}",
            "    kind: tip",
            f'    prompt: "What is fact number {i} about a healthy sales pipeline?"',
            f'    answer: "Fact {i}: cover three times the quota with qualified deals."',
        ]
    path = folder / "bench.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def one_run(cards: int, reviews: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        decks = root / "decks"
        decks.mkdir()
        write_deck(decks, cards)
        locations = Locations(root / "data")

        start = time.perf_counter()
        collection = Collection.open(locations, [decks], include_bundled=False)
        deck = collection.resolve_deck("bench@en")
        cold_load = time.perf_counter() - start
        collection.update_settings(new_per_day=9999)
        collection.close()

        # The day's first reopen also takes the automatic backup (copy and quick check).
        start = time.perf_counter()
        Collection.open(locations, [decks], include_bundled=False).close()
        first_open_of_day = time.perf_counter() - start

        start = time.perf_counter()
        collection = Collection.open(locations, [decks], include_bundled=False)
        deck = collection.resolve_deck("bench@en")
        first = collection.next_card([deck])
        open_first_card = time.perf_counter() - start
        assert first is not None and first.card.id == "card-0"

        start = time.perf_counter()
        for _ in range(reviews):
            item = collection.next_card([deck])
            assert item is not None
            collection.rate(item, Rating.GOOD)
        reviews_s = time.perf_counter() - start
        assert len(collection.store.reviews()) == reviews
        collection.close()
    return {"cold_load_s": cold_load, "first_open_of_day_s": first_open_of_day,
            "open_first_card_s": open_first_card, "reviews_s": reviews_s}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print JSON (the default)")
    args = parser.parse_args()
    runs = [one_run(args.cards, args.reviews) for _ in range(args.repeat)]
    result: dict[str, object] = {
        name: round(statistics.median(run[name] for run in runs), 4) for name in runs[0]
    }
    result.update({
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cards": args.cards,
        "reviews": args.reviews,
        "repeat": args.repeat,
        "python": platform.python_version(),
        "runs": [{k: round(v, 4) for k, v in run.items()} for run in runs],
    })
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
