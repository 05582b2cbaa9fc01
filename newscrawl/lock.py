"""One run at a time per site: an exclusive ``flock`` on ``<state dir>/<site>.lock``.

The lock file holds the holder's pid and start time, so a second start can say who runs.
The lock itself is the kernel's ``flock`` on the open file, not the file's existence: when
the holder dies, even by SIGKILL, the kernel drops its lock with its open files. A lock file
left by a dead run is therefore no obstacle: the next run takes it over (and says so).
``flock`` is local to one machine; keep the state folder off NFS.
"""

from __future__ import annotations

import fcntl
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)


class LockHeld(Exception):
    """Another live process holds the site's lock."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"{path} is held by {holder or 'another process'}")
        self.path = path
        self.holder = holder


class SiteLock:
    """An exclusive, non-blocking lock on one file. Released by :meth:`release` or exit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.previous_holder = ""  # what the file said when we took it (a dead run's pid)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> SiteLock:
        """Take the lock or raise :class:`LockHeld` at once (never waits)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(fd)
            os.close(fd)
            raise LockHeld(self.path, holder) from None
        except BaseException:
            os.close(fd)
            raise
        self.previous_holder = _read(fd)
        started = datetime.now(UTC).replace(microsecond=0).isoformat()
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} started {started}\n".encode(), 0)
        self._fd = fd
        if self.previous_holder:
            # The holder's flock went with its process: it is dead (or it released it).
            logger.info("took over %s (last held by %s)", self.path, self.previous_holder)
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)  # an empty file says "nobody": a clean stop
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


def _read(fd: int) -> str:
    return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
