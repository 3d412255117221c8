"""Key bindings in the interface language.

Bindings are declared once per class with English descriptions marked by `N_`; each screen
(and the app) gets its own copy with the descriptions translated when it is created, so the
footer and the command palette speak the interface language. A screen created after the
language changes speaks the new one.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from interviewprep.i18n import _, pgettext

# Labels that read differently on a key than elsewhere: "Answer" on ctrl+s is the verb
# (Responder), as a heading the noun (Respuesta). Marked here for the catalogs, with the
# context `key_label` looks them up in first.
KEY_CONTEXT = "key"
KEY_LABELS = (pgettext("key", "Answer"), pgettext("key", "Due"))  # spelt out for pybabel


# Keys Textual shows by name rather than by a symbol, as a keyboard in the interface
# language labels them (`space` is `espacio`).
KEY_NAME_CONTEXT = "key name"
KEY_NAMES = ("space", "tab", "home", "end", "insert", "del", "pgup", "pgdn")
_KEY_NAME_MARKS = (pgettext("key name", "space"), pgettext("key name", "tab"),
                   pgettext("key name", "home"), pgettext("key name", "end"),
                   pgettext("key name", "insert"), pgettext("key name", "del"),
                   pgettext("key name", "pgup"), pgettext("key name", "pgdn"))


def key_display(display: str) -> str:
    """A key as Textual displays it (`space`, `shift+tab`, `^s`), its name translated."""
    modifiers, plus, key = display.rpartition("+")
    if key in KEY_NAMES:
        return modifiers + plus + pgettext(KEY_NAME_CONTEXT, key)
    return display


def key_label(description: str) -> str:
    """A binding's description in the interface language, as a key's label."""
    translated = pgettext(KEY_CONTEXT, description)
    return translated if translated != description else _(description)


def translate_bindings(node: DOMNode) -> None:
    """Replace `node`'s bindings with copies whose descriptions are translated."""
    # Textual keeps a node's bindings in `_bindings`, copied from the class's merged map.
    declared = type(node)._merged_bindings
    if declared is None:
        return
    bindings = declared.copy()
    for key, items in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [
            replace(b, description=key_label(b.description) if b.description else "",
                    tooltip=_(b.tooltip) if b.tooltip else "")
            for b in items
        ]
    node._bindings = bindings
