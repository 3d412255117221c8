"""Modules imported when first used, so a command (and the app's first screen) does not pay
for modules it never touches. Type checkers see an ordinary import:

    if TYPE_CHECKING:
        from interviewprep.core import plan
    else:
        plan = lazy_module("interviewprep.core.plan")
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """`name`, imported on the first attribute access."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
