"""The report as Markdown or as one self-contained HTML file (inline CSS, no scripts, no
external resources) that reads well on screen and prints cleanly. Every piece of text from a
person or a deck is escaped; control characters are shown, never passed through."""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import UTC, datetime

from interviewprep.core.report.model import CardReport, Report
from interviewprep.core.scheduling import Rating
from interviewprep.core.text import markdown_text, visible
from interviewprep.i18n import N_, _, current_language, format_date, format_datetime, ngettext

_CSS = """
:root { --ink: #1d2330; --muted: #5b6472; --line: #d9dee7; --ok: #1f7a4d; --miss: #a33a2b;
  --again: #c0392b; --hard: #d68910; --good: #2e86c1; --easy: #1e8449; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .6rem;
  border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
.meta, .muted { color: var(--muted); }
.totals { display: flex; gap: 2rem; margin: 1rem 0; }
.totals b { display: block; font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25rem .5rem;
  border-bottom: 1px solid var(--line); vertical-align: top; }
.bar { display: flex; height: .8rem; min-width: 1px; }
.bar span { display: block; height: 100%; }
.r1 { background: var(--again); } .r2 { background: var(--hard); }
.r3 { background: var(--good); } .r4 { background: var(--easy); }
.chip { display: inline-block; padding: 0 .45rem; border-radius: .6rem; color: #fff;
  font-size: .8rem; margin-right: .2rem; }
.card { border: 1px solid var(--line); border-radius: .5rem; padding: .9rem 1rem;
  margin: .8rem 0; break-inside: avoid; page-break-inside: avoid; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.answer { white-space: pre-wrap; background: #f6f8fb; border-left: 3px solid var(--line);
  padding: .5rem .7rem; margin: 0; font: inherit; }
ul.points { list-style: none; padding: 0; margin: 0; }
ul.points li { padding-left: 1.3rem; text-indent: -1.3rem; }
.hit::before { content: "✓ "; color: var(--ok); font-weight: bold; }
.miss::before { content: "○ "; color: var(--miss); font-weight: bold; }
@media (max-width: 40rem) { .cols { grid-template-columns: 1fr; } }
@media print { body { margin: 0; max-width: none; font-size: 11pt; }
  .answer { background: none; } h2 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


def _day(moment: datetime) -> str:
    return format_date(moment.astimezone())


def _when(timestamp: float) -> str:
    return format_datetime(datetime.fromtimestamp(timestamp, UTC))


_RATING_LABELS = {Rating.AGAIN: N_("Again"), Rating.HARD: N_("Hard"), Rating.GOOD: N_("Good"),
                  Rating.EASY: N_("Easy")}


def _label(rating: int) -> str:
    return _(_RATING_LABELS[Rating(rating)])


def _recording_label(seconds: float | None) -> str:
    if seconds is None:
        return _("Recording")
    return _("Recording ({seconds:.0f} s)").format(seconds=seconds)


def _attempts(count: int) -> str:
    return ngettext("{count} attempt", "{count} attempts", count).format(count=count)


def _period(report: Report) -> str:
    since = _day(report.since) if report.since else _("the beginning")
    return _("From {since} to {until}").format(since=since, until=_day(report.generated_at))


def _by_deck(report: Report) -> dict[str, list[CardReport]]:
    groups: dict[str, list[CardReport]] = {}
    for card in report.cards:
        groups.setdefault(f"{card.deck_title} ({card.deck_key})", []).append(card)
    return groups


WEAK_SPOTS_RULE = N_("The cards you rated Again or Hard in this period, the shakiest first.")
REPLIES_HEADING = N_("Answers to its follow-ups and role-play turns (the newest of each; not "
                     "scored against the card's talking points):")


# -- Markdown ---------------------------------------------------------------------------------

def _md(text: str) -> str:
    """Person or deck text, shown literally in Markdown (neither markup nor HTML)."""
    return markdown_text(text)


def _md_quote(text: str) -> list[str]:
    return [f"> {_md(line)}" if line else ">" for line in text.strip().splitlines()] or [
        "> " + _("(nothing typed)")]


def _totals(report: Report) -> str:
    cards, answers, reviews = len(report.cards), report.total_answers, report.total_reviews
    return _("{cards}, {answers}, {reviews}.").format(
        cards=ngettext("{count} card rehearsed", "{count} cards rehearsed", cards).format(
            count=cards),
        answers=ngettext("{count} answer", "{count} answers", answers).format(count=answers),
        reviews=ngettext("{count} rating", "{count} ratings", reviews).format(count=reviews))


def to_markdown(report: Report) -> str:
    lines = ["# " + _("Rehearsal report"), "", _period(report) + ".", "",
             _totals(report), ""]
    if not report.cards:
        return "\n".join([*lines, _("Nothing was rehearsed in this period."), ""])
    if report.weak_spots:
        lines += ["## " + _("Weak spots"), "", _(WEAK_SPOTS_RULE), ""]
        lines += [f"- {_md(c.prompt)} ({_md(str(c.deck_key))})" for c in report.weak_spots]
        lines.append("")
    lines += ["## " + _("Ratings over time"), "",
              "| " + " | ".join([_("Day"), *(_label(r) for r in Rating)]) + " |",
              "| --- " * 5 + "|"]
    for day, counts in report.ratings_by_day:
        lines.append(f"| {format_date(day)} | " + " | ".join(
            str(counts.get(int(r), 0)) for r in Rating) + " |")
    lines.append("")
    for deck, cards in _by_deck(report).items():
        lines += [f"## {_md(deck)}", ""]
        for card in cards:
            lines += [f"### {_md(card.prompt)}", ""]
            if card.ratings:
                lines += [_("Ratings: {list}").format(
                    list=" → ".join(_label(r) for r in card.ratings)), ""]
            if card.latest is not None:
                lines += [_("Latest answer ({when}, {seconds:.0f} s, {attempts}):").format(
                    when=_when(card.latest.answered_at), seconds=card.latest.seconds,
                    attempts=_attempts(card.attempts)), "", *_md_quote(card.latest.text), ""]
                lines += [f"- [{_md(_recording_label(s))}]({path.as_uri()})"
                          for path, s in card.recordings]
                if card.recordings:
                    lines.append("")
            if card.covered or card.missed:
                lines += [_("Talking points:"), ""]
                lines += [f"- [x] {_md(p)}" for p in card.covered]
                lines += [f"- [ ] {_md(p)}" for p in card.missed]
                lines.append("")
            elif card.card is not None and card.card.answer:
                lines += [_("The card's answer:"), "", *_md_quote(card.card.answer), ""]
            lines += [f"- {_md(note)}" for note in card.notes]
            if card.notes:
                lines.append("")
            if card.replies:
                lines += [_(REPLIES_HEADING), ""]
                for label, answer in card.replies:
                    lines += [f"**{_md(label)}** ({_when(answer.answered_at)}, "
                              f"{answer.seconds:.0f} s):", "", *_md_quote(answer.text), ""]
    return "\n".join(lines)


# -- HTML -------------------------------------------------------------------------------------

def _e(text: str) -> str:
    return html.escape(visible(text))


def _chips(ratings: Iterable[int]) -> str:
    return "".join(f'<span class="chip r{r}">{_e(_label(r))}</span>' for r in ratings)


def _ratings_table(report: Report) -> str:
    most = max((sum(c.values()) for _, c in report.ratings_by_day), default=0) or 1
    rows = []
    for day, counts in report.ratings_by_day:
        bar = "".join(f'<span class="r{int(r)}" style="width:'
                      f'{counts.get(int(r), 0) / most * 12:.2f}rem" '
                      f'title="{_e(_label(r))}"></span>' for r in Rating)
        cells = "".join(f"<td>{counts.get(int(r), 0)}</td>" for r in Rating)
        rows.append(f"<tr><td>{_e(format_date(day))}</td>{cells}<td><div class=\"bar\">{bar}"
                    "</div></td></tr>")
    head = "".join(f"<th>{_e(_label(r))}</th>" for r in Rating)
    heading = _e(_("Day"))  # messages stay outside f-strings, where extraction looks
    return (f"<table><thead><tr><th>{heading}</th>{head}<th></th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _card_html(card: CardReport) -> str:
    parts = [f'<section class="card"><h3>{_e(card.prompt)}</h3>']
    if card.ratings:
        parts.append(f"<p>{_chips(card.ratings)}</p>")
    answer = ""
    if card.latest is not None:
        meta = _("Latest answer · {when} · {seconds:.0f} s · {attempts}").format(
            when=_when(card.latest.answered_at), seconds=card.latest.seconds,
            attempts=_attempts(card.attempts))
        text = card.latest.text.strip() or _("(nothing typed)")
        links = "".join(f'<p><a href="{_e(path.as_uri())}">{_e(_recording_label(s))}</a></p>'
                        for path, s in card.recordings)
        answer = (f'<div><p class="muted">{_e(meta)}</p><pre class="answer">{_e(text)}</pre>'
                  f"{links}</div>")

    points = ""
    if card.covered or card.missed:
        items = [f'<li class="hit">{_e(p)}</li>' for p in card.covered] + [
            f'<li class="miss">{_e(p)}</li>' for p in card.missed]
        notes = "".join(f"<li>{_e(n)}</li>" for n in card.notes)
        heading = _e(_("Talking points"))  # outside the f-string, where extraction looks
        points = (f'<div><p class="muted">{heading}</p><ul class="points">'
                  f"{''.join(items)}</ul><ul>{notes}</ul></div>")
    elif card.card is not None and card.card.answer:
        label = _e(_("The card's answer"))
        points = (f'<div><p class="muted">{label}</p>'
                  f'<pre class="answer">{_e(card.card.answer)}</pre></div>')
    parts.append(f'<div class="cols">{answer}{points}</div>')
    if card.replies:
        parts.append(f'<p class="muted">{_e(_(REPLIES_HEADING))}</p>')
        for label, reply in card.replies:
            meta = f"{label} · {_when(reply.answered_at)} · {reply.seconds:.0f} s"
            said = reply.text.strip() or _("(nothing typed)")
            parts.append(f"<p><b>{_e(meta)}</b></p><pre class=\"answer\">"
                         f"{_e(said)}</pre>")
    parts.append("</section>")
    return "".join(parts)


def to_html(report: Report) -> str:
    title = _("Rehearsal report")
    body = [f"<h1>{_e(title)}</h1>", f'<p class="meta">{_e(_period(report))}</p>',
            '<div class="totals">',
            *(f"<div><b>{n}</b>{_e(label)}</div>" for n, label in (
                (len(report.cards), ngettext("card rehearsed", "cards rehearsed",
                                             len(report.cards))),
                (report.total_answers, ngettext("answer", "answers", report.total_answers)),
                (report.total_reviews, ngettext("rating", "ratings", report.total_reviews)))),
            "</div>"]
    if not report.cards:
        body.append("<p>" + _e(_("Nothing was rehearsed in this period.")) + "</p>")
    if report.weak_spots:
        items = "".join(f"<li>{_e(c.prompt)} <span class=\"muted\">({_e(str(c.deck_key))})"
                        "</span></li>" for c in report.weak_spots)
        body.append("<h2>" + _e(_("Weak spots")) + "</h2><p class=\"muted\">"
                    + _e(_(WEAK_SPOTS_RULE)) + f"</p><ol>{items}</ol>")
    if report.ratings_by_day:
        body.append("<h2>" + _e(_("Ratings over time")) + "</h2>" + _ratings_table(report))
    for deck, cards in _by_deck(report).items():
        body.append(f"<h2>{_e(deck)}</h2>")
        body.extend(_card_html(card) for card in cards)
    # The page's language is the interface's: screen readers and hyphenation follow it.
    return (f"<!doctype html>\n<html lang=\"{current_language()}\"><head>"
            "<meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">"
            f"<title>{_e(title)}</title><style>{_CSS}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")
