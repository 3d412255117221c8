"""WAV files as the rest of the voice code wants them: 16 kHz mono 16-bit PCM, read from any
16-bit WAV, a level per chunk, and the repair of a file whose writer was killed mid-recording.

Standard library only, so the measures of an existing recording never need the extra.
"""

from __future__ import annotations

import math
import os
import struct
import sys
import wave
from array import array
from pathlib import Path

from interviewprep.i18n import _

SAMPLE_RATE = 16_000
SAMPLE_WIDTH = 2  # bytes: 16-bit signed little-endian
CHANNELS = 1
BYTES_PER_SECOND = SAMPLE_RATE * SAMPLE_WIDTH * CHANNELS
_HEADER = 44  # RIFF + fmt (16 bytes of PCM format) + data chunk header, as `wave` writes it


class AudioFormatError(ValueError):
    """The file is not a WAV file this app can read."""


def _samples(pcm: bytes) -> array[int]:
    samples = array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _pcm(samples: array[int]) -> bytes:
    if sys.byteorder == "big":
        samples = array("h", samples)
        samples.byteswap()
    return samples.tobytes()


def read_pcm(path: Path) -> bytes:
    """The audio of a 16-bit WAV file as 16 kHz mono PCM, converting channels and rate."""
    try:
        with wave.open(str(path), "rb") as reader:
            channels, width, rate = (reader.getnchannels(), reader.getsampwidth(),
                                     reader.getframerate())
            raw = reader.readframes(reader.getnframes())
    except (wave.Error, EOFError, struct.error) as error:
        raise AudioFormatError(_("{path}: not a WAV file this app can read ({reason})").format(
            path=path, reason=error)) from None
    if width != SAMPLE_WIDTH:
        raise AudioFormatError(_("{path}: {bits}-bit audio; save it as 16-bit PCM WAV").format(
            path=path, bits=width * 8))
    samples = _samples(raw)
    if channels > 1:
        columns = [samples[k::channels] for k in range(channels)]
        samples = array("h", [sum(frame) // channels for frame in zip(*columns, strict=False)])
    if rate != SAMPLE_RATE:
        samples = resample(samples, rate, SAMPLE_RATE)
    return _pcm(samples)


def resample(samples: array[int], source_rate: int, target_rate: int) -> array[int]:
    """Linear interpolation: plenty for speech recognisers, which look below 8 kHz."""
    if not samples or source_rate == target_rate:
        return array("h", samples)
    step = source_rate / target_rate
    count = int(len(samples) / step)
    last = len(samples) - 1
    out = array("h", bytes(2 * count))
    for i in range(count):
        position = i * step
        index = int(position)
        fraction = position - index
        following = samples[index + 1] if index < last else samples[index]
        out[i] = int(samples[index] + (following - samples[index]) * fraction)
    return out


def level(chunk: bytes) -> float:
    """How loud a chunk is, 0 (silence) to 1 (full scale), on a decibel scale over 60 dB so
    quiet speech still moves a meter."""
    samples = _samples(chunk)
    if not samples:
        return 0.0
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    if rms < 1:
        return 0.0
    return max(0.0, min(1.0, 1 + 20 * math.log10(rms / 32768) / 60))


def duration(path: Path) -> float:
    with wave.open(str(path), "rb") as reader:
        return reader.getnframes() / reader.getframerate()


def write_header(handle_fd: int, data_bytes: int) -> None:
    """Write a 44-byte 16 kHz mono 16-bit header for `data_bytes` of audio at the file's start."""
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + data_bytes, b"WAVE", b"fmt ", 16, 1, CHANNELS,
        SAMPLE_RATE, BYTES_PER_SECOND, SAMPLE_WIDTH * CHANNELS, SAMPLE_WIDTH * 8, b"data",
        data_bytes)
    os.pwrite(handle_fd, header, 0)


def repair(path: Path) -> float:
    """Make a recording whose writer died readable again; return its length in seconds.

    The writer updates the header after each chunk, so a kill between writing audio and
    updating the header leaves sizes that disagree with the file. Everything written is kept:
    the sizes are set from the file's length (a trailing half sample is dropped). A file cut
    off before its header was written becomes an empty recording.
    """
    fd = os.open(path, os.O_RDWR)
    try:
        size = os.fstat(fd).st_size
        head = os.pread(fd, _HEADER, 0)
        ours = (len(head) == _HEADER and head[:4] == b"RIFF" and head[8:16] == b"WAVEfmt "
                and head[36:40] == b"data")
        if not ours:
            if size >= _HEADER:
                # Someone else's layout: check it reads, and leave it alone.
                os.close(fd)
                fd = -1
                return duration(path)
            os.ftruncate(fd, 0)
            size = _HEADER
        data = size - _HEADER
        whole = data - data % (SAMPLE_WIDTH * CHANNELS)
        sizes = struct.unpack("<I", head[4:8]) + struct.unpack("<I", head[40:44]) if ours \
            else None
        if sizes != (36 + whole, whole) or whole != data:
            os.ftruncate(fd, _HEADER + whole)
            write_header(fd, whole)
            os.fsync(fd)
        return whole / BYTES_PER_SECOND
    finally:
        if fd >= 0:
            os.close(fd)
