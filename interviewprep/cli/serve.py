"""`interviewprep serve`: the same app in the person's web browser, through textual-serve.

Bound to 127.0.0.1 unless `--host` says otherwise (with a warning). Every route lives under a
random token path, `http://127.0.0.1:PORT/TOKEN/`, so nobody else on the machine or the
network reaches the person's answers without the URL; any other request gets 403. The page
loads nothing from the internet (textual-serve's web-font link is dropped).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewprep.cli.common import UserError, whole_number
from interviewprep.core.os_errors import os_reason
from interviewprep.i18n import N_, _, current_language
from interviewprep.locations import resolve

if TYPE_CHECKING:
    import socket

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORT = 8765


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help=_("run the app in your web browser (local only)"))
    p.add_argument("--port", type=whole_number, default=DEFAULT_PORT,
                   help=_("port to listen on (default: {port}; 0 picks a free one)").format(
                       port=DEFAULT_PORT))
    p.add_argument("--host", default="127.0.0.1",
                   help=_("address to listen on (default: 127.0.0.1, this machine only)"))
    p.add_argument("--no-browser", action="store_true", help=_("do not open a browser"))
    p.set_defaults(func=cmd_serve)


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser tab: this interviewprep, with
    the same data folder, decks and language."""
    import shlex

    parts = [sys.executable, "-m", "interviewprep",
             "--data-dir", str(resolve(args.data_dir).data_dir.absolute())]
    for folder in args.decks:
        parts += ["--decks", str(Path(folder).absolute())]
    if args.lang:
        parts += ["--lang", args.lang]
    if args.ui_lang:
        parts += ["--ui-lang", args.ui_lang]
    return shlex.join(parts)


def page_template(template: str) -> str:
    """textual-serve's page, made ours: nothing loaded from the internet (its web-font link
    is dropped), and its few words (Start, Session ended., Restart) and its `lang` in the
    interface language."""
    import html

    template = re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*>", "", template)
    template = re.sub(r"<html(?=[\s>])", f'<html lang="{current_language()}"', template,
                      count=1)
    for english, shown in ((">Start<", N_("Start")), (">Session ended.<", N_("Session ended.")),
                           (">Restart<", N_("Restart"))):
        # Escaped for HTML; a translation holds no Jinja braces.
        template = template.replace(english, f">{html.escape(_(shown))}<")
    return template


def _bind(host: str, port: int) -> socket.socket:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise UserError(_("cannot listen on {host}:{port}: {reason}").format(
            host=host, port=port, reason=os_reason(error))) from None
    sock.listen(16)
    return sock


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def cmd_serve(args: argparse.Namespace) -> int:
    # Loaded here, not with the parser: every other command starts without them.
    import asyncio
    import secrets
    import signal
    import webbrowser

    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server

    if not 0 <= args.port <= 65535:
        raise UserError(_("--port must be between 0 and 65535"))
    token = secrets.token_urlsafe(24)
    sock = _bind(args.host, args.port)
    port = sock.getsockname()[1]
    base = f"http://{_url_host(args.host)}:{port}"
    url = f"{base}/{token}/"

    class TokenServer(Server):
        async def _make_app(self) -> web.Application:
            @web.middleware
            async def require_token(request: web.Request, handler: Any) -> web.StreamResponse:
                first = request.path.lstrip("/").split("/", 1)[0]
                if not secrets.compare_digest(first.encode(), token.encode()):
                    return web.Response(status=403, text="403: this address needs the URL "
                                        "interviewprep serve printed\n")
                response: web.StreamResponse = await handler(request)
                return response

            app = web.Application(middlewares=[require_token])
            template = page_template(
                (Path(self.templates_path) / "app_index.html").read_text("utf-8"))
            aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": template}))
            prefix = f"/{token}"
            app.add_routes([
                web.get(f"{prefix}/", self.handle_index, name="index"),
                web.get(f"{prefix}/ws", self.handle_websocket, name="websocket"),
                web.get(prefix + "/download/{key}", self.handle_download, name="download"),
                web.static(f"{prefix}/static", self.statics_path, name="static"),
            ])
            return app

        async def on_startup(self, app: web.Application) -> None:
            return None

    server = TokenServer(app_command(args), host=args.host, port=port,
                         title=_("interviewprep"), public_url=base)
    print(url, flush=True)
    if args.host not in LOCAL_HOSTS:
        print(_("interviewprep: warning: serving on {host}: anyone who can reach this "
                "machine and has the URL can read and change your answers").format(
            host=args.host), file=sys.stderr, flush=True)
    print(_("Press Ctrl+C to stop."), file=sys.stderr, flush=True)
    if not args.no_browser:
        webbrowser.open(url)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def stop() -> None:
        raise web.GracefulExit

    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop)
        except NotImplementedError:  # Windows: Ctrl+C still ends run_app
            break
    web.run_app(server._make_app(), sock=sock, handle_signals=False, loop=loop,
                print=None, access_log=None)
    return 0
