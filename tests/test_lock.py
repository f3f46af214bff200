"""The lock files that `make run` and `make test` install from still match pyproject.toml.

`pip install --no-deps -e .` after the lock would not notice a dependency added to pyproject.toml
without `make lock`; these tests do.
"""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from assistant.settings import ROOT

PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {canonicalize_name(name): version for name, version in PINNED.findall(text)}


def requirements(*extras: str) -> list[Requirement]:
    listed = PROJECT["dependencies"] + [
        r for extra in extras for r in PROJECT["optional-dependencies"][extra]
    ]
    return [Requirement(r) for r in listed]


@pytest.mark.parametrize(
    ("lock", "extras"), [("requirements.lock", ()), ("requirements-test.lock", ("test",))]
)
def test_every_dependency_is_locked_in_a_version_pyproject_allows(lock: str, extras: tuple[str, ...]) -> None:
    locked = pins(lock)
    for requirement in requirements(*extras):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} ontbreekt in {lock}: draai `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{lock} heeft {name}=={locked[name]}, pyproject.toml vraagt {requirement}: draai `make lock`"
        )


def test_locks_agree_and_hold_no_torch() -> None:
    run, test = pins("requirements.lock"), pins("requirements-test.lock")
    assert {name: test.get(name) for name in run} == run  # `make test` keeps what `make run` installed
    assert not [name for name in test if name == "torch" or name.startswith("nvidia")]


def test_the_venv_installs_with_the_pip_the_bootstrap_lock_pins() -> None:
    """`make` replaces the pip a Python bundles (3.11.7's 23.2.1 mis-resolves pinned extras)."""
    from importlib.metadata import version

    pinned = pins("requirements-bootstrap.lock")
    assert set(pinned) == {"pip"}, "requirements-bootstrap.lock pint alleen pip: draai `make lock`"
    assert "--hash=sha256:" in (ROOT / "requirements-bootstrap.lock").read_text(encoding="utf-8")
    assert version("pip") == pinned["pip"], (
        "deze .venv is niet met de vastgezette pip gemaakt: `make clean test`"
    )
