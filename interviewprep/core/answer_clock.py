"""The time spent on an answer, which starts once the question has been read aloud (the
"read questions aloud" setting): a person listening is not yet answering. The drill, the
mock interview and the role-played call each time their answers with one.

The reading runs in its own thread (see core/voice/speech.py); that thread only notes when
it ended, and the clock settles from that note when it is next asked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the synthesiser's module loads only when a reader is made
    from interviewprep.core.voice.speech import PromptReader


class AnswerClock:
    """The time spent on an answer, which starts once the question has been read aloud: a
    person listening is not yet answering. Without a reader it starts at once."""

    def __init__(self, clock: Callable[[], datetime], reader: PromptReader | None = None,
                 ) -> None:
        self._clock = clock
        self.reader = reader
        self._started = clock()
        self._reading = False
        self._read_until: datetime | None = None  # set by the reading's thread

    def restart(self, question: str | None = None, language: str = "en") -> None:
        """Start timing a new answer, after reading `question` aloud when there is a reader."""
        self._started = self._clock()
        self._reading = self.reader is not None and bool(question)
        self._read_until = None
        if self.reader is not None:
            if self._reading and question:
                self.reader.read(question, language, self._read_out)
            else:
                self.reader.stop()

    def _read_out(self) -> None:
        self._read_until = self._clock()

    @property
    def reading(self) -> bool:
        """The question is being read aloud; the answer's time has not started."""
        if self._reading and self._read_until is not None:
            self._started, self._reading = self._read_until, False
        return self._reading

    @property
    def elapsed(self) -> float:
        if self.reading:
            return 0.0
        return max(0.0, (self._clock() - self._started).total_seconds())

    @property
    def failure(self) -> str | None:
        """Why the last question could not be read aloud, once it is known."""
        return self.reader.failure if self.reader is not None else None

    def stop(self) -> None:
        if self.reader is not None:
            self.reader.stop()
        self._reading = False
