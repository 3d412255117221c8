"""Typed access to the interviewprep app from its screens (which the app module imports, so
they cannot import it back at run time)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from interviewprep.tui.app import InterviewPrepApp


def app_of(node: DOMNode) -> InterviewPrepApp:
    return cast("InterviewPrepApp", node.app)
