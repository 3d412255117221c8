"""Starter decks for `interviewprep new`: a commented deck with one card of each kind, in
English or Spanish, that passes validation as written."""

from __future__ import annotations

import json
from collections.abc import Sequence

SCHEMA_FILE_NAME = "interviewprep.schema.json"

# The comments teach the format; the cards are examples a coach replaces.
_EN = """\
# yaml-language-server: $schema={schema}
# An interviewprep deck. Check it with:  interviewprep validate {file}
# Full format: docs/deck-format.md in the interviewprep repository.
id: {deck_id}            # lowercase words joined by hyphens; keys the deck's history
title: {title}
language: en
roles: {roles}        # who it prepares: ae, sdr
description: Questions, tips and objections for my client's interview.
author: Your name
cards:
  # A question: rehearsed against the clock, compared with its talking points.
  - id: hardest-prospect         # keep the id when you edit the text: it keys the history
    kind: question
    prompt: Tell me about the hardest prospect you ever won over.
    talking_points:
      - Who the prospect was and why they were hard
      - What you did differently, step by step
      - The result, with a number
    follow_ups:
      - What would you do differently now?
    time_limit: 90               # seconds
  # A tip: a fact or a do/don't to recall; reveal it with space.
  - id: research-the-company
    kind: tip
    prompt: What do you prepare about the company before the interview?
    answer: Its product, customers, competitors and one recent piece of news.
    do:
      - Name one customer story you found
    dont:
      - Ask what the company sells
  # An objection: what a prospect says, answered like a question.
  - id: team-wont-change
    kind: objection
    prompt: "Your tool looks nice, but my team will never change how they work."
    talking_points:
      - Acknowledge it without arguing
      - Ask what the last change they made looked like
      - Share how a similar team adopted it, with numbers
    example: That's fair. What made the last change your team adopted stick?
"""

_ES = """\
# yaml-language-server: $schema={schema}
# Un mazo de interviewprep. Compruébalo con:  interviewprep validate {file}
# Formato completo: docs/deck-format.md en el repositorio de interviewprep.
id: {deck_id}            # palabras en minúscula unidas por guiones; identifica el historial
title: {title}
language: es
roles: {roles}        # a quién prepara: ae, sdr
description: Preguntas, consejos y objeciones para la entrevista de mi cliente.
author: Tu nombre
cards:
  # Una pregunta: se ensaya contra el reloj y se compara con sus puntos clave.
  - id: cliente-mas-dificil      # conserva el id al editar el texto: identifica el historial
    kind: question
    prompt: Cuéntame cómo ganaste al cliente potencial más difícil que has tenido.
    talking_points:
      - Quién era y por qué era difícil
      - Qué hiciste distinto, paso a paso
      - El resultado, con una cifra
    follow_ups:
      - ¿Qué harías distinto hoy?
    time_limit: 90               # segundos
  # Un consejo: un dato o un haz/no hagas que recordar; se muestra con espacio.
  - id: investiga-la-empresa
    kind: tip
    prompt: ¿Qué preparas sobre la empresa antes de la entrevista?
    answer: Su producto, sus clientes, sus competidores y una noticia reciente.
    do:
      - Menciona un caso de cliente que encontraste
    dont:
      - Preguntar qué vende la empresa
  # Una objeción: lo que dice un cliente potencial, respondida como una pregunta.
  - id: equipo-no-cambiara
    kind: objection
    prompt: "Tu herramienta está bien, pero mi equipo nunca va a cambiar su forma de trabajar."
    talking_points:
      - Reconócelo sin discutir
      - Pregunta cómo fue el último cambio que adoptaron
      - Comparte cómo lo adoptó un equipo parecido, con cifras
    example: Es lógico. ¿Qué hizo que funcionara el último cambio que adoptó tu equipo?
"""

TEMPLATES = {"en": _EN, "es": _ES}
LANGUAGES = tuple(TEMPLATES)


def _title(deck_id: str) -> str:
    return deck_id.replace("-", " ").capitalize()


def starter_deck(deck_id: str, language: str, roles: Sequence[str], schema_ref: str,
                 file_name: str) -> str:
    """The text of a starter deck; `deck_id` and `roles` must already be valid."""
    return TEMPLATES[language].format(
        deck_id=deck_id,
        title=json.dumps(_title(deck_id), ensure_ascii=False),
        roles="[" + ", ".join(roles) + "]",
        schema=schema_ref,
        file=file_name,
    )
