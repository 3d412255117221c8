"""Speech-model downloads against a local HTTP server on 127.0.0.1: progress, checksum,
an interrupted download resumed with HTTP Range, the model found afterwards; and the
`interviewprep models` commands."""

from __future__ import annotations

import hashlib
import io
import shutil
import threading
import wave
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from interviewprep.core.voice import engines, models
from tests.conftest import RunCli

FOLDER = "vosk-model-test-0.1"


def archive(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name, data in entries.items():
            bundle.writestr(name, data)
    return buffer.getvalue()


MODEL_ZIP = archive({f"{FOLDER}/am/final.mdl": b"acoustic" * 4000,
                     f"{FOLDER}/conf/model.conf": b"--sample-frequency=16000\n",
                     f"{FOLDER}/README": b"test model\n"})


@dataclass
class Server:
    url: str
    body: bytes = MODEL_ZIP
    cut_after: int | None = None  # close the next full response after this many bytes
    honour_range: bool = True
    ranges: list[str | None] = field(default_factory=list)


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            wanted = self.headers.get("Range")
            state.ranges.append(wanted)
            if not state.honour_range:
                wanted = None
            body = state.body
            if wanted:
                start = int(wanted.removeprefix("bytes=").rstrip("-"))
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                body = body[start:]
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if state.cut_after is not None and not wanted:
                body, state.cut_after = body[:state.cut_after], None
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/{FOLDER}.zip"
    yield state
    httpd.shutdown()
    httpd.server_close()


def spec_for(server: Server, body: bytes = MODEL_ZIP) -> models.ModelSpec:
    return replace(models.MODELS["vosk-en"], url=server.url, folder=FOLDER,
                   sha256=hashlib.sha256(body).hexdigest(), size=len(body))


def test_install_shows_progress_and_the_model_is_found(server: Server, cache_dir: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    path = models.install(spec_for(server), lambda done, total: seen.append((done, total)))
    assert path == (cache_dir / "models" / "vosk-en").resolve()
    assert (path / "am" / "final.mdl").read_bytes() == b"acoustic" * 4000
    assert seen[-1] == (len(MODEL_ZIP), len(MODEL_ZIP))
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert models.find("vosk-en") == path
    (found,) = models.installed()
    assert found.name == "vosk-en" and found.size > 32000 and not found.linked
    assert "vosk-en" in engines.installed_engines()
    assert sorted(p.name for p in (cache_dir / "models").iterdir()) == ["vosk-en"]
    # once is enough: a second install asks the server nothing
    models.install(spec_for(server))
    assert server.ranges == [None]


def test_a_damaged_download_is_refused_and_deleted(server: Server, cache_dir: Path) -> None:
    bad = replace(spec_for(server), sha256="0" * 64)
    with pytest.raises(models.ChecksumError, match="damaged"):
        models.install(bad)
    assert models.find("vosk-en") is None
    assert list((cache_dir / "models").iterdir()) == []


def test_an_interrupted_download_resumes_where_it_stopped(server: Server,
                                                          cache_dir: Path) -> None:
    server.cut_after = 10_000
    with pytest.raises(models.ModelError, match="run the same command again to resume"):
        models.install(spec_for(server))
    part = cache_dir / "models" / ".vosk-en.zip.part"
    assert part.stat().st_size == 10_000
    assert models.find("vosk-en") is None

    seen: list[int] = []
    models.install(spec_for(server), lambda done, _total: seen.append(done))
    assert server.ranges == [None, "bytes=10000-"]
    assert seen[0] > 10_000 and seen[-1] == len(MODEL_ZIP)
    assert models.find("vosk-en") is not None and not part.exists()


def test_a_server_that_cannot_resume_starts_again(server: Server, cache_dir: Path) -> None:
    server.cut_after = 10_000
    server.honour_range = False
    with pytest.raises(models.ModelError, match="resume"):
        models.install(spec_for(server))
    seen: list[int] = []
    models.install(spec_for(server), lambda done, _total: seen.append(done))
    assert server.ranges == [None, "bytes=10000-"]
    assert seen[-1] == len(MODEL_ZIP)  # counted from the start, not appended (checksum)
    assert models.find("vosk-en") is not None


def test_a_link_to_a_folder_since_deleted_is_replaced_by_a_download(
        server: Server, tmp_path: Path) -> None:
    own = tmp_path / "gone"
    (own / "am").mkdir(parents=True)
    (own / "conf").mkdir()
    models.link("vosk-en", own)
    shutil.rmtree(own)
    assert models.find("vosk-en") is None
    path = models.install(spec_for(server))
    assert models.find("vosk-en") == path and (path / "am" / "final.mdl").is_file()


def test_an_archive_reaching_outside_its_folder_is_refused(server: Server) -> None:
    server.body = archive({f"{FOLDER}/am/x": b"1", f"{FOLDER}/conf/y": b"2",
                           f"{FOLDER}/../../escape": b"3"})
    with pytest.raises(models.ModelError, match="unexpected entry"):
        models.install(spec_for(server, server.body))
    assert models.find("vosk-en") is None


def test_cli_list_link_and_remove(cli: RunCli, tmp_path: Path, cache_dir: Path) -> None:
    listed = cli("models", "list", "--json", "--lang", "es").json()  # global options too
    assert isinstance(listed, dict)
    assert [m["name"] for m in listed["models"]] == ["vosk-en", "vosk-es"]
    assert not any(m["installed"] for m in listed["models"])

    own = tmp_path / "my-model"
    (own / "am").mkdir(parents=True)
    (own / "conf").mkdir()
    (own / "am" / "final.mdl").write_bytes(b"x" * 1000)
    linked = cli("models", "install", "vosk-es", "--from", own)
    assert linked.code == 0, linked.err
    listed = cli("models", "list", "--json").json()
    assert isinstance(listed, dict)
    es = listed["models"][1]
    assert es["installed"] and es["linked"] and es["bytes"] == 1000
    assert es["path"] == str(own.resolve())
    text = cli("models", "list").out
    assert "vosk-es" in text and "linked" in text and "not installed" in text

    assert cli("models", "remove", "vosk-es").code == 0
    assert own.is_dir()  # the person's own folder is left alone
    again = cli("models", "remove", "vosk-es")
    assert again.code == 1 and "vosk-es is not installed" in again.err


def test_cli_mistakes_are_one_line(cli: RunCli, tmp_path: Path) -> None:
    for args, expected in [
        (("install", "vosk-fr"), "unknown model vosk-fr"),
        (("install", "vosk-en", "--from", tmp_path), "does not look like a Vosk model"),
    ]:
        result = cli("models", *args)
        assert result.code == 1 and expected in result.err
        assert result.err.count("\n") == 1


def test_cli_install_checks_the_official_checksum(cli: RunCli, server: Server,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # A mirror serving something else than the official archive is caught by its checksum.
    monkeypatch.setenv(models.MIRROR_ENV, server.url.rsplit("/", 1)[0])
    result = cli("models", "install", "vosk-en")
    assert result.code == 1
    assert "vosk-en download is damaged" in result.err
    assert "vosk-en [" in result.err  # the progress line came first
    assert server.ranges == [None]


def test_a_broken_vosk_model_is_a_one_line_error(cli: RunCli, tmp_path: Path) -> None:
    broken = tmp_path / "broken-model"
    (broken / "am").mkdir(parents=True)
    (broken / "conf").mkdir()
    (broken / "am" / "final.mdl").write_bytes(b"not a model")
    (broken / "conf" / "model.conf").write_text("--nonsense=1\n")
    assert cli("models", "install", "vosk-en", "--from", broken).code == 0
    recording = tmp_path / "a.wav"
    with wave.open(str(recording), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(16000)
        writer.writeframes(b"\0" * 32000)
    result = cli("listen", recording, "--engine", "vosk-en")
    assert result.code == 1
    assert result.err.startswith("interviewprep: error: the vosk-en model in ")
    assert "could not be loaded" in result.err and result.err.count("\n") == 1
