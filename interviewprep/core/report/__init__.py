"""A coach's report on what was rehearsed: the model here, Markdown and HTML renderers
beside it. Everything is computed from the store and the decks; nothing leaves the machine
unless the person sends the file."""

from interviewprep.core.report.model import CardReport, Report, build_report

__all__ = ["CardReport", "Report", "build_report"]
