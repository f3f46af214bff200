"""``python -m ui.serve`` (what ``make run`` calls): start the app on the host and port from the settings.

By default the app listens on 127.0.0.1: only this computer can open it. ``LEIDRAAD_HOST=0.0.0.0``
offers it to the network, which is refused unless ``LEIDRAAD_ACCESS_CODE`` is set: everyone who can
open the app can also add documents to the shared store.

Usage::

    command = streamlit_command(get_settings())  # ["…/python", "-m", "streamlit", "run", …]

``python -m ui.serve --check`` only checks the settings (exit code 2 and the fix if they are wrong).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

from assistant.settings import ROOT, ConfigError, Settings, get_settings


def is_loopback(host: str) -> bool:
    """True for addresses only this computer can reach (127.0.0.1, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def access_code(settings: Settings) -> str | None:
    """The code visitors must enter, or None when none is set (an empty value counts as none)."""
    code = settings.access_code.get_secret_value().strip() if settings.access_code else ""
    return code or None


def streamlit_command(settings: Settings) -> list[str]:
    """The ``streamlit run`` command for the settings; ``ConfigError`` for a network host without a code."""
    if not is_loopback(settings.host) and access_code(settings) is None:
        raise ConfigError(
            f"LEIDRAAD_HOST={settings.host} maakt de app bereikbaar voor iedereen op het netwerk, en "
            "iedereen daar kan dan documenten toevoegen. Zet ook LEIDRAAD_ACCESS_CODE (een code die u "
            "met collega's deelt), of laat LEIDRAAD_HOST weg om alleen op deze computer te werken."
        )
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.address",
        settings.host,
        "--server.port",
        str(settings.port),
        "--browser.gatherUsageStats",
        "false",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.serve", description=__doc__)
    parser.add_argument("--check", action="store_true", help="controleer alleen de instellingen")
    args = parser.parse_args(argv)
    command = streamlit_command(get_settings())
    if args.check:  # `make run` checks before it spends a minute reading the documents in
        return 0
    os.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the working folder
    os.execv(command[0], command)


if __name__ == "__main__":
    from assistant.entrypoint import run_main

    run_main(main)
