"""Page code may not write into the checkout.

Blocks run in a scratch working directory, so a relative path such as
``open("weights.pt", "wb")`` lands there and disappears with it. An absolute path
into the checkout (built from an environment variable, ``os.path.expanduser``, a
hard-coded path ...) would not; this module refuses such writes while a page's
block runs and fails the block with the path it tried to write (and, in the page's child, the
line of the block that wrote).

How: a Python audit hook (PEP 578) sees every ``open()`` (builtins, ``io``,
``pathlib``, ``torch.save``, ``numpy.save`` all go through it) and every rename,
removal and directory creation, and is active only during a docs item's call.
What it cannot see: writes made by C code that bypasses Python's file API and
writes made by a child process (as root, the page's child process sees the
checkout read-only, which stops those too: see isolate.py). Paths are checked as
written and with symlinks resolved. Paths inside the virtual environment and
``__pycache__`` folders are allowed (importing a module may write bytecode).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
# event: (indices of path arguments, indices of dir_fd arguments)
_PATH_EVENTS = {
    "os.remove": ((0,), (1,)),
    "os.rmdir": ((0,), (1,)),
    "os.mkdir": ((0,), (2,)),
    "os.rename": ((0, 1), (2, 3)),
    "os.replace": ((0, 1), (2, 3)),
    "os.truncate": ((0,), ()),
    "os.symlink": ((1,), (2,)),
    "os.link": ((1,), (2, 3)),
    "os.chmod": ((0,), (2,)),
    "os.utime": ((0,), (3,)),
    "shutil.rmtree": ((0,), (1,)),
    "shutil.move": ((1,), ()),
}


class WriteIntoCheckout(PermissionError):
    """Raised inside a block that tries to change a file of the checkout."""


class _Guard:
    root: Path | None = None
    violations: list[str] = []
    places: list[str] = []  # beside each violation: the file:line of the block that made it, or ""
    where: Callable[[], str] | None = None  # that line, asked while the hook runs (the page's child sets it)
    _installed = False

    @classmethod
    def install(cls) -> None:
        if not cls._installed:
            sys.addaudithook(cls.audit)
            cls._installed = True

    @classmethod
    def audit(cls, event: str, args: tuple) -> None:
        root = cls.root
        if root is None:
            return
        if event == "open":
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and mode is None and flags & _WRITE_FLAGS
            )
            paths = [path] if writing else []
        elif event in _PATH_EVENTS:
            path_at, fd_at = _PATH_EVENTS[event]
            relative_to_fd = any(i < len(args) and args[i] is not None for i in fd_at)
            paths = [args[i] for i in path_at if i < len(args)]
            if relative_to_fd:  # a name relative to an open directory (shutil.rmtree of the scratch dir)
                paths = [p for p in paths if isinstance(p, (str, os.PathLike)) and os.path.isabs(os.fspath(p))]
        else:
            return
        for path in paths:
            if not isinstance(path, (str, os.PathLike)):
                continue
            given = os.fspath(path)
            if isinstance(given, bytes):
                given = os.fsdecode(given)
            # the path as written, and where it leads once symlinks are resolved (a link in the scratch directory)
            target = next(
                (t for t in (Path(os.path.abspath(given)), Path(os.path.realpath(given))) if cls.inside(t, root)), None
            )
            if target is not None:
                cls.root = None  # no recursion while reporting
                try:
                    cls.violations.append(f"{event} {target}")
                    cls.places.append(cls.where() if cls.where else "")
                finally:
                    cls.root = root
                raise WriteIntoCheckout(f"page code may not write into the checkout: {target}")

    @staticmethod
    def inside(target: Path, root: Path) -> bool:
        if target != root and root not in target.parents:
            return False
        if "__pycache__" in target.parts:
            return False
        prefix = Path(sys.prefix).resolve()
        return not (target == prefix or prefix in target.parents)


def checkout_root(config: pytest.Config) -> Path:
    """The checkout that page code may not write into (and that a child sees read-only).

    pytest's rootdir is not always it: run from the checkout on a page outside it (a bad page in a
    temporary folder), rootdir is the common ancestor of the two, /tmp for a clone in /tmp, and
    guarding that would refuse every temporary file. DOCS_CHECKOUT names it explicitly; otherwise
    the folder of the configuration file, else rootdir.
    """
    given = os.environ.get("DOCS_CHECKOUT")
    if given:
        return Path(given).resolve()
    if config.inipath is not None:
        return Path(config.inipath).parent.resolve()
    return Path(config.rootpath).resolve()
