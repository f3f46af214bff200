"""run_main: a reader that stops early ends the command quietly."""

from __future__ import annotations

import subprocess
import sys

from assistant.settings import ROOT

PRINTS_A_LOT = (
    "from assistant.entrypoint import run_main\n"
    "def main():\n"
    "    for n in range(200_000):\n"
    "        print('regel', n)\n"
    "    return 3\n"
    "run_main(main)\n"
)


def test_reader_closing_the_pipe_is_no_error() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", PRINTS_A_LOT], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline() == b"regel 0\n"
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr


def test_exit_code_of_main_is_kept() -> None:
    code = "from assistant.entrypoint import run_main\nrun_main(lambda: 3)\n"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 3
