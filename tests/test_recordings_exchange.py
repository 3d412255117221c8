"""Spoken answers travel with an export: the audio files beside it, restored by import."""

from __future__ import annotations

import json
import os
import stat
import wave
from datetime import UTC, datetime
from pathlib import Path

from interviewprep.core.collection import Collection
from interviewprep.locations import Locations
from tests.conftest import RunCli, WriteDeck


def seed_spoken_answer(data_dir: Path, deck_dir: Path) -> bytes:
    """An answer with a finished, transcribed recording, as the drill leaves them."""
    audio = bytes(range(256)) * 64
    with Collection.open(Locations(data_dir), [deck_dir], include_bundled=False) as c:
        item = c.next_card([c.resolve_deck("mini")])
        assert item is not None
        answer_id = c.record_answer(item, "", 4.0)
        folder = c.locations.recordings
        folder.mkdir(mode=0o700, exist_ok=True)
        path = folder / "take.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(16000)
            out.writeframes(audio)
        recording_id = c.store.start_recording(item.ref, "recordings/take.wav",
                                               datetime(2026, 3, 2, tzinfo=UTC))
        c.store.finish_recording(recording_id, 0.5, None)
        c.store.attach_recording(recording_id, answer_id)
        c.store.save_transcript(recording_id, "I ask what they write", None, corrected=True)
    return path.read_bytes()


def test_recordings_go_beside_the_export_and_come_back(
    cli: RunCli, write_deck: WriteDeck, deck_dir: Path, data_dir: Path, tmp_path: Path,
) -> None:
    write_deck()
    original = seed_spoken_answer(data_dir, deck_dir)
    out = tmp_path / "out"
    out.mkdir()
    done = cli("--decks", deck_dir, "export", "--output", out / "backup.json")
    assert done.code == 0, done.err
    assert "1 recording" in done.err
    copied = out / "backup-recordings" / "take.wav"
    assert copied.read_bytes() == original
    assert stat.S_IMODE(copied.stat().st_mode) == 0o600
    [entry] = json.loads((out / "backup.json").read_text())["recordings"]
    assert entry["file"] == "backup-recordings/take.wav"
    assert entry["transcript"] == "I ask what they write"

    fresh = tmp_path / "fresh"
    restored = cli("--data-dir", fresh, "--decks", deck_dir, "import", out / "backup.json")
    assert restored.code == 0, restored.err
    assert "restored 1 recording" in restored.out
    again = cli("--data-dir", fresh, "--decks", deck_dir, "import", out / "backup.json")
    assert "recording" not in again.out, "nothing is restored twice"
    with Collection.open(Locations(fresh), [deck_dir], include_bundled=False) as c:
        [answer] = c.store.answers()
        [recording] = c.store.recordings(answer_id=answer.id)
        assert recording.transcript == "I ask what they write"
        assert recording.transcript_corrected
        assert (c.locations.data_dir / recording.path).read_bytes() == original


def test_an_import_never_reads_files_outside_its_folder(
    cli: RunCli, write_deck: WriteDeck, deck_dir: Path, data_dir: Path, tmp_path: Path,
) -> None:
    write_deck()
    seed_spoken_answer(data_dir, deck_dir)
    out = tmp_path / "out"
    out.mkdir()
    assert cli("--decks", deck_dir, "export", "--output", out / "backup.json").code == 0
    export = json.loads((out / "backup.json").read_text())
    export["recordings"][0]["file"] = "../secret.wav"
    hostile = out / "hostile.json"
    hostile.write_text(json.dumps(export))
    refused = cli("--data-dir", tmp_path / "a", "--decks", deck_dir, "import", hostile)
    assert refused.code == 1
    assert "recordings[0].file" in refused.err and "nothing was imported" in refused.err

    secret = tmp_path / "secret.wav"
    secret.write_bytes(b"not yours")
    linked = out / "backup-recordings" / "take.wav"
    linked.unlink()
    os.symlink(secret, linked)  # a link planted beside the export, leading out of it
    done = cli("--data-dir", tmp_path / "b", "--decks", deck_dir, "import", out / "backup.json")
    assert done.code == 0 and "recording" not in done.out
    with Collection.open(Locations(tmp_path / "b"), [deck_dir], include_bundled=False) as c:
        assert c.store.recordings() == []
