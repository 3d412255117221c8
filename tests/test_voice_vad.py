"""Voice-activity measures on generated audio whose speech and silence spans are known."""

from __future__ import annotations

import pytest

from interviewprep.core.voice import vad
from tests.voice_helpers import pcm, silence, voiced

# WebRTC decides per 30 ms frame and holds on briefly after speech ends.
TOLERANCE_S = 0.25


@pytest.fixture(scope="module")
def measures() -> vad.Measures:
    # speech 0.5-2.5, a 3 s pause, speech 5.5-7.0, a 1 s pause, speech 8.0-9.0
    audio = (silence(0.5) + voiced(2.0) + silence(3.0) + voiced(1.5) + silence(1.0)
             + voiced(1.0) + silence(0.5))
    return vad.measure(pcm(audio))


def test_duration_and_speaking_time(measures: vad.Measures) -> None:
    assert measures.duration_s == pytest.approx(9.5, abs=0.01)
    assert measures.speech_s == pytest.approx(4.5, abs=3 * TOLERANCE_S)
    assert measures.start_delay_s == pytest.approx(0.5, abs=TOLERANCE_S)
    assert len(measures.speech) == 3


def test_pauses_counted_and_placed(measures: vad.Measures) -> None:
    assert len(measures.pauses) == 2
    assert measures.longest_pause_s == pytest.approx(3.0, abs=TOLERANCE_S)
    (long_pause,) = measures.long_pauses  # the 1 s pause is not over 2.5 s
    assert long_pause.start_s == pytest.approx(2.5, abs=TOLERANCE_S)
    assert long_pause.end_s == pytest.approx(5.5, abs=TOLERANCE_S)
    assert measures.pauses[1].seconds == pytest.approx(1.0, abs=TOLERANCE_S)


def test_timeline_marks_the_long_pause_where_it_is(measures: vad.Measures) -> None:
    line = measures.timeline(width=19)  # half a second per cell
    assert len(line) == 19
    assert line[0] == "·" and line[2:4] == "██"
    assert line[6:10] == "____"
    assert line[12:14] == "██" and line[14] == "·"


def test_round_trip_through_json(measures: vad.Measures) -> None:
    again = vad.Measures.from_dict(measures.to_dict())
    assert again.long_pauses and again.timeline() == measures.timeline()
    assert again.speech_s == pytest.approx(measures.speech_s, abs=0.02)


def test_silence_has_no_speech_and_no_pace() -> None:
    quiet = vad.measure(pcm(silence(3.0)))
    assert quiet.speech == () and quiet.pauses == ()
    assert quiet.longest_pause_s == 0.0 and quiet.start_delay_s == 3.0
    assert quiet.words_per_minute(10) is None


def test_flicker_inside_words_is_bridged_and_blips_dropped() -> None:
    s, q = True, False
    # 10 frames of speech, a 2-frame dip (60 ms: inside a word), 10 more, then a 4 s gap,
    # a 1-frame click, another 2 s gap, then 20 frames.
    frames = [s] * 10 + [q] * 2 + [s] * 10 + [q] * 133 + [s] + [q] * 66 + [s] * 20
    result = vad.from_frames(frames, duration_s=len(frames) * vad.FRAME_S)
    assert [round(x.seconds, 2) for x in result.speech] == [0.66, 0.6]
    (pause,) = result.pauses
    assert pause.seconds == pytest.approx(6.0, abs=0.01)


def test_pace_is_over_speaking_time(measures: vad.Measures) -> None:
    wpm = measures.words_per_minute(15)
    assert wpm == pytest.approx(15 * 60 / measures.speech_s, abs=0.1)


def test_pace_flags_slow_and_fast_speaking() -> None:
    assert [vad.pace(w) for w in (None, 95.0, 110.0, 150.0, 180.0, 205.0)] == [
        None, "slow", "ok", "ok", "ok", "fast"]
