"""Spoken answers: recording and playback, voice-activity measures, offline transcription and
the speech models it needs.

Everything here beyond the standard library comes from the optional extra
`interviewprep[voice]`, imported only when used: a missing package is a `VoiceUnavailable`
with a one-line message and the install command, never an ImportError.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from interviewprep.i18n import _

INSTALL_COMMAND = "pip install 'interviewprep[voice]'"


class VoiceUnavailable(Exception):
    """A voice feature cannot run here (extra not installed, no PortAudio, no microphone)."""


def require(module: str) -> ModuleType:
    """Import one of the voice extra's packages, or say in one line how to get it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise VoiceUnavailable(
            _("voice features need the '{module}' package: {command}").format(
                module=module, command=INSTALL_COMMAND)) from error
    except OSError as error:
        # sounddevice raises OSError when the system's PortAudio library is missing.
        raise VoiceUnavailable(
            _("'{module}' could not load a system library ({reason}); on Debian or Ubuntu: "
              "sudo apt-get install libportaudio2").format(module=module, reason=error)
        ) from error
