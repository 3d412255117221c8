"""interviewprep: rehearse sales interviews in the terminal with spaced repetition."""

__version__ = "0.1.0"
