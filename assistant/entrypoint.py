"""Run a command-line ``main`` the way a terminal user expects.

A configuration problem (a ``ConfigError``, or a ``LEIDRAAD_`` value the settings reject) ends the
command with one Dutch line that names the fix and exit code 2, never with a traceback.

Usage (in a package's ``__main__.py``)::

    from assistant.entrypoint import run_main
    run_main(main)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn

from pydantic import ValidationError

from assistant.settings import ConfigError, Settings

CONFIG_EXIT = 2


def run_main(main: Callable[[], int]) -> NoReturn:
    """Exit with ``main()``'s code; a reader that stops early (``| head``) ends it quietly."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout again at exit and would report the broken pipe: point it elsewhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    except ConfigError as err:
        code = _config_problem(str(err))
    except ValidationError as err:
        if err.title != Settings.__name__:  # another model's error is a bug: keep its traceback
            raise
        code = _config_problem(settings_problem(err))
    sys.exit(code)


def settings_problem(err: ValidationError) -> str:
    """One Dutch line for rejected settings, naming each variable, e.g. ``LEIDRAAD_PORT``."""
    problems = []
    for problem in err.errors(include_url=False):
        name = "LEIDRAAD_" + "_".join(str(part) for part in problem["loc"]).upper()
        problems.append(f"{name} ({problem['msg']}; nu: {problem.get('input')!r})")
    return (
        f"Deze instelling klopt niet: {'; '.join(problems)}. "
        "Pas de waarde aan in het bestand .env of in de omgeving, of laat haar weg voor de standaardwaarde."
    )


def _config_problem(message: str) -> int:
    print(f"Fout in de instellingen: {message}", file=sys.stderr)
    return CONFIG_EXIT
