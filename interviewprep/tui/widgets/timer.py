"""The answer timer: counts up against a card's time limit and turns to a warning past it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.reactive import reactive
from textual.widgets import Static


def format_seconds(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class AnswerTimer(Static):
    """Time spent on the current card. Reads the app's clock so tests can fix time."""

    elapsed: reactive[float] = reactive(0.0)

    def __init__(self, clock: Callable[[], datetime], limit: int | None,
                 already: float = 0.0, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.clock = clock
        self.limit = limit
        self.already = already  # seconds spent before a restart (restored draft)
        self.started = clock()
        self.running = True

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)
        self.tick()

    def tick(self) -> None:
        if self.running:
            self.elapsed = self.already + (self.clock() - self.started).total_seconds()

    def stop(self) -> float:
        self.tick()
        self.running = False
        return self.elapsed

    def watch_elapsed(self, elapsed: float) -> None:
        limit = f" / {format_seconds(self.limit)}" if self.limit else ""
        over = self.limit is not None and elapsed > self.limit
        self.set_class(over, "-over")
        self.update(f"⏱ {format_seconds(elapsed)}{limit}" + ("  over time" if over else ""))
