"""`interviewprep serve`: the URL with its token comes first, requests without the token get
403, and in headless Chromium (driven over the DevTools protocol) the app loads, an answer
typed in the browser is saved and shows up in `history --json`."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.conftest import SMALL_DECK, RunCli, WriteDeck

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
WAIT_S = 30.0


@pytest.fixture
def server(data_dir: Path, deck_dir: Path, write_deck: WriteDeck) -> Iterator[str]:
    """`serve` on a free port, on a French-only deck so the home screen lists just it."""
    write_deck(SMALL_DECK.replace("language: en", "language: fr"))
    env = {**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir), "LANG": "en_US.UTF-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "interviewprep", "serve", "--port", "0", "--no-browser",
         "--decks", str(deck_dir), "--lang", "fr"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


async def test_requests_without_the_token_are_refused(server: str) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{32}/", server)
    base = server.rsplit("/", 2)[0]
    async with aiohttp.ClientSession() as http:
        for path in ("/", "/ws", "/static/js/textual.js", "/not-the-token/"):
            async with http.get(base + path) as response:
                assert response.status == 403, path
        async with http.get(server) as response:
            assert response.status == 200
            page = await response.text()
    assert 'class="textual-terminal"' in page and "googleapis" not in page
    assert f'data-session-websocket-url="ws://{base[7:]}/' in page


def test_serving_beyond_this_machine_needs_host_and_warns(data_dir: Path) -> None:
    env = {**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "interviewprep", "serve", "--host", "0.0.0.0", "--port", "0",
         "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None and process.stderr is not None
        assert re.fullmatch(r"http://0\.0\.0\.0:\d+/[A-Za-z0-9_-]{32}/",
                            process.stdout.readline().strip())
        warning = process.stderr.readline()
        assert warning.startswith("interviewprep: warning: serving on 0.0.0.0: anyone")
    finally:
        process.terminate()
        process.wait(timeout=10)
    taken = subprocess.run([sys.executable, "-m", "interviewprep", "serve", "--host",
                            "203.0.113.1", "--no-browser"], capture_output=True, text=True,
                           env=env, check=False)
    assert taken.returncode == 1 and taken.stderr.count("\n") == 1
    assert "cannot listen on 203.0.113.1:8765" in taken.stderr


@dataclass
class Page:
    """A tab in headless Chromium, driven over the DevTools protocol."""

    socket: aiohttp.ClientWebSocketResponse
    screen: list[str] = field(default_factory=list)  # terminal output seen, as sent
    _next: int = 0
    _replies: dict[int, asyncio.Future[dict[str, Any]]] = field(default_factory=dict)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        reply: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._replies[self._next] = reply
        await self.socket.send_json({"id": self._next, "method": method, "params": params})
        return await asyncio.wait_for(reply, WAIT_S)

    async def pump(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self._replies:
                self._replies.pop(data["id"]).set_result(data.get("result", {}))
            elif data.get("method") == "Network.webSocketFrameReceived":
                frame = data["params"]["response"]
                raw = (base64.b64decode(frame["payloadData"]) if frame["opcode"] == 2
                       else frame["payloadData"].encode())
                self.screen.append(raw.decode("utf-8", "replace"))

    async def wait_for_text(self, text: str) -> None:
        async def seen() -> None:
            while text not in ANSI.sub("", "".join(self.screen)).replace("\n", ""):
                await asyncio.sleep(0.05)
        try:
            await asyncio.wait_for(seen(), WAIT_S)
        except TimeoutError:
            shown = ANSI.sub("", "".join(self.screen))[-400:]
            raise AssertionError(f"the page never showed {text!r}; last: {shown!r}") from None

    async def type(self, text: str) -> None:
        for char in text:
            await self.send("Input.dispatchKeyEvent", type="keyDown", key=char, text=char)
            await self.send("Input.dispatchKeyEvent", type="keyUp", key=char)

    async def key(self, key: str, code: int, modifiers: int = 0) -> None:
        for kind in ("rawKeyDown", "keyUp"):
            await self.send("Input.dispatchKeyEvent", type=kind, key=key,
                            windowsVirtualKeyCode=code, modifiers=modifiers)


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[int]:
    profile = tmp_path / "chromium"
    process = await asyncio.create_subprocess_exec(
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1200,800",
        "about:blank", stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    port_file = profile / "DevToolsActivePort"

    async def started() -> None:
        while not port_file.exists() or not port_file.read_text().strip():
            await asyncio.sleep(0.05)
    try:
        await asyncio.wait_for(started(), WAIT_S)
        yield int(port_file.read_text().split()[0])
    finally:
        process.terminate()
        await process.wait()


async def test_an_answer_typed_in_the_browser_is_saved(server: str, browser: int,
                                                      cli: RunCli) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{browser}/json/list") as response:
            targets = await response.json()
        target = next(t for t in targets if t["type"] == "page")
        async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            page = Page(ws)
            pump = asyncio.create_task(page.pump())
            await page.send("Network.enable")
            await page.send("Page.enable")
            await page.send("Page.navigate", url=server)
            await page.wait_for_text("Mini deck")  # the home screen, drawn by the app
            await page.send("Runtime.evaluate", expression=(
                "document.querySelector('.xterm-helper-textarea').focus()"))
            await page.key("Enter", 13)
            await page.wait_for_text("Sell me this pen.")
            await page.type("Typed in Chromium, 3 pens")
            # As a person would: see the text in the box before submitting it.
            await page.wait_for_text("Chromium, 3 pens")
            await page.key("s", 83, modifiers=2)  # ctrl+s submits
            await page.wait_for_text("strong answer covers")
            pump.cancel()

    history = cli("history", "--json").json()
    assert isinstance(history, list)
    assert [(a["deck_id"], a["card_id"], a["text"]) for a in history] == [
        ("mini", "pen", "Typed in Chromium, 3 pens")]
