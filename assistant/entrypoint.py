"""Run a command-line ``main`` the way a terminal user expects.

Usage (in a package's ``__main__.py``)::

    from assistant.entrypoint import run_main
    run_main(main)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn


def run_main(main: Callable[[], int]) -> NoReturn:
    """Exit with ``main()``'s code; a reader that stops early (``| head``) ends it quietly."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout again at exit and would report the broken pipe: point it elsewhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
