"""Build step: compile the gettext catalogs (`.po`) to `.mo`, for every build.

Editable installs (`make run`, `make test`) compile them into the source tree, where the
package finds them; wheels ship them. Nobody has to remember a `pybabel compile`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po_path in sorted((root / "interviewprep" / "locale").glob("*/LC_MESSAGES/*.po")):
            with po_path.open("rb") as source:
                catalog = read_po(source)
            mo_path = po_path.with_suffix(".mo")
            with mo_path.open("wb") as target:
                write_mo(target, catalog)
            build_data["artifacts"].append(mo_path.relative_to(root).as_posix())
