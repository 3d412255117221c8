"""Voice commands: `listen` (measures, transcript and analysis of a recording) and `models`
(install, list and remove the speech models that need a download)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from interviewprep.cli.common import UserError, add_global_options, input_file, open_collection
from interviewprep.core.decks.model import Card
from interviewprep.core.text import excerpt, visible
from interviewprep.i18n import N_, _, format_decimal, format_percent


def register(sub: Any) -> None:
    p = sub.add_parser("listen", help=_("measure and transcribe a spoken answer (WAV file)"))
    p.add_argument("path", type=Path, metavar="FILE.wav")
    p.add_argument("--engine", metavar="NAME",
                   help=_("pocketsphinx (English, default), vosk-en or vosk-es"))
    p.add_argument("--deck", metavar="ID", help=_("deck id (or id@lang) of the card answered"))
    p.add_argument("--card", metavar="ID", help=_("card id: also analyse the answer"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_listen)
    p = sub.add_parser("models", help=_("speech models: list, install, remove"))
    models_sub = p.add_subparsers(dest="models_command", metavar="ACTION", required=True,
                                  parser_class=type(p))
    q = models_sub.add_parser("list", help=_("models available and installed, with sizes"))
    q.add_argument("--json", action="store_true", help=_("print JSON"))
    q.set_defaults(func=cmd_models_list)
    q = models_sub.add_parser("install", help=_("download a model once (or link your own)"))
    q.add_argument("name", metavar="NAME")
    q.add_argument("--from", dest="source", type=Path, metavar="DIR",
                   help=_("use this model folder you already have instead of downloading"))
    q.set_defaults(func=cmd_models_install)
    q = models_sub.add_parser("remove", help=_("delete a downloaded model"))
    q.add_argument("name", metavar="NAME")
    q.set_defaults(func=cmd_models_remove)
    for action in models_sub.choices.values():
        add_global_options(action, after_command=True)


@dataclasses.dataclass(frozen=True)
class _Answered:
    """The card a recording answers, looked up before the slow part so a typo fails fast."""

    card: Card
    language: str
    time_limit: int | None


def _answered(args: argparse.Namespace) -> _Answered | None:
    if bool(args.deck) != bool(args.card):
        raise UserError(_("--deck and --card go together"))
    if not args.card:
        return None
    with open_collection(args) as collection:
        deck = collection.resolve_deck(args.deck)
        card = collection.card(deck, args.card)
        if card is None:
            raise UserError(_("deck {deck} has no card {card}").format(
                deck=deck.key, card=excerpt(args.card)))
        return _Answered(card, deck.language, collection.time_limit(card))


def _analysis_json(result: Any) -> Any:
    to_json = getattr(result, "to_json", None)
    if callable(to_json):
        value = to_json()
        return json.loads(value) if isinstance(value, str) else value
    to_dict = getattr(result, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return dataclasses.asdict(result)
    return str(result)


def _analysis_lines(result: Any) -> list[str]:
    lines = getattr(result, "lines", None)
    return [str(line) for line in lines()] if callable(lines) else [str(result)]


def _fillers_per_minute(analysis: Any, speech_s: float) -> float | None:
    """From the analysis's filler counts, when it has them (recognisers drop most "um"s)."""
    fillers = getattr(analysis, "fillers", None)
    if not isinstance(fillers, dict) or speech_s <= 0:
        return None
    return round(sum(fillers.values()) * 60 / speech_s, 1)


_PACE = {"slow": N_("slow: below {low} words per minute, it can sound hesitant"),
         "fast": N_("fast: above {high} words per minute, it can sound rushed"),
         "ok": N_("a comfortable pace ({low}-{high} words per minute)")}


def cmd_listen(args: argparse.Namespace) -> int:
    from interviewprep.core.voice import VoiceUnavailable, engines, vad
    from interviewprep.core.voice.audio import AudioFormatError, read_pcm

    input_file(args.path)
    answered = _answered(args)
    language = answered.language if answered else (args.lang or "en")
    try:
        pcm = read_pcm(args.path)
        measures = vad.measure(pcm)
        engine = engines.get_engine(args.engine, language)
        transcript = engine.transcribe(pcm)
    except (AudioFormatError, VoiceUnavailable, engines.UnknownEngineError) as error:
        raise UserError(str(error)) from None
    words = len(transcript.text.split())
    wpm = measures.words_per_minute(words)
    analysis = None
    if answered is not None:
        from interviewprep.core.analysis import analyse

        analysis = analyse(answered.card, transcript.text, measures.duration_s,
                           answered.time_limit, answered.language)
    pace = vad.pace(wpm)
    fillers_per_minute = _fillers_per_minute(analysis, measures.speech_s)
    if args.json:
        out: dict[str, Any] = {
            "file": str(args.path), **measures.to_dict(),
            "long_pauses": [p.to_dict() for p in measures.long_pauses],
            "long_pause_count": len(measures.long_pauses),
            "words": words, "words_per_minute": wpm, "pace": pace,
            "fillers_per_minute": fillers_per_minute,
            "transcript": transcript.text, "engine": transcript.engine,
            "word_timings": transcript.to_dict()["words"],
            "real_time_factor": round(transcript.real_time_factor, 3),
        }
        if analysis is not None:
            out["analysis"] = _analysis_json(analysis)
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(_("Duration {duration} s, speaking {speech} s, longest pause {pause} s")
          .format(duration=_tenths(measures.duration_s), speech=_tenths(measures.speech_s),
                  pause=_tenths(measures.longest_pause_s)))
    print(measures.timeline())
    for pause in measures.long_pauses:
        print(_("  pause of {seconds} s at {start} s").format(
            seconds=_tenths(pause.seconds), start=_tenths(pause.start_s)))
    if wpm is not None and pace is not None:
        low, high = vad.PACE_RANGE
        print(_("{wpm:.0f} words per minute of speaking: {verdict}").format(
            wpm=wpm, verdict=_(_PACE[pace]).format(low=low, high=high)))
    if fillers_per_minute is not None:
        print(_("{rate} filler words per minute (recognisers drop most 'um's and "
                "'uh's, so this runs low)").format(rate=_tenths(fillers_per_minute)))
    print(_("Transcript ({engine}):").format(engine=transcript.engine))
    print("    " + (visible(transcript.text) or _("(no words recognised)")))
    if analysis is not None:
        print(_("Analysis:"))
        for line in _analysis_lines(analysis):
            print("    " + visible(line))
    return 0


def _tenths(value: float) -> str:
    """`3.2` as the interface language writes it (`3,2` in Spanish)."""
    return format_decimal(value, "0.0")


def _mb(size: int) -> str:
    return _("{mb} MB").format(mb=_tenths(size / 1e6))


def cmd_models_list(args: argparse.Namespace) -> int:
    from interviewprep.core.voice import models

    have = {m.name: m for m in models.installed()}
    rows: list[dict[str, Any]] = [{"name": s.name, "engine": s.engine, "language": s.language,
             "download_bytes": s.size, "installed": s.name in have,
             "path": str(have[s.name].path) if s.name in have else None,
             "bytes": have[s.name].size if s.name in have else None,
             "linked": have[s.name].linked if s.name in have else False}
            for s in models.MODELS.values()]
    if args.json:
        print(json.dumps({"folder": str(models.models_dir()), "models": rows}, indent=2))
        return 0
    from interviewprep.core.voice import VoiceUnavailable, require

    try:
        require("pocketsphinx")
        print(_("pocketsphinx  en  built in (no download)"))
    except VoiceUnavailable as missing:  # listing models needs no extra; using them does
        print(_("pocketsphinx  en  not available: {reason}").format(reason=missing))
    for row in rows:
        if row["installed"]:
            how = _("linked") if row["linked"] else _("installed")
            state = f"{how}, {_mb(row['bytes'])}  {visible(row['path'])}"
        else:
            state = _("not installed ({size} download)").format(size=_mb(row["download_bytes"]))
        print(f"{row['name']:<12}  {row['language']}  {state}")
    return 0


class _ProgressLine:
    """A progress bar on stderr: redrawn in place on a terminal, every 10% otherwise."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.shown = -1
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int | None) -> None:
        percent = int(done * 100 / total) if total else 0
        step = percent if self.tty else percent // 10 * 10
        if step == self.shown:
            return
        self.shown = step
        bar = "#" * (percent // 5)
        line = f"{self.name} [{bar:<20}] {format_percent(percent / 100):>5}  {_mb(done)}"
        print(("\r" + line) if self.tty else line, end="" if self.tty else "\n",
              file=sys.stderr, flush=True)


def cmd_models_install(args: argparse.Namespace) -> int:
    from interviewprep.core.voice import models

    try:
        if args.source is not None:
            folder = models.link(args.name, args.source)
            print(_("{name} now uses {path}").format(name=args.name, path=folder))
            return 0
        model = models.spec(args.name)
        if models.find(model.name) is not None:
            print(_("{name} is already installed").format(name=model.name))
            return 0
        progress = _ProgressLine(model.name)
        path = models.install(model, progress)
    except models.ModelError as error:
        raise UserError(str(error)) from None
    finally:
        if sys.stderr.isatty():
            print(file=sys.stderr)
    print(_("installed {name} in {path}").format(name=model.name, path=path))
    return 0


def cmd_models_remove(args: argparse.Namespace) -> int:
    from interviewprep.core.voice import models

    try:
        removed = models.remove(args.name)
    except models.ModelError as error:
        raise UserError(str(error)) from None
    if not removed:
        raise UserError(_("{name} is not installed").format(name=args.name))
    print(_("removed {name}").format(name=args.name))
    return 0
