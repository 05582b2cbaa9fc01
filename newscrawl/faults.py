"""Test-only fault injection: a run kills itself with SIGKILL at a named point.

Set ``NEWSCRAWL_TEST_KILL_AT`` in a crawl's environment to one of

- ``opened``: the run is set up (lock, state, recovery done), nothing fetched yet;
- ``item:N``: just after the N-th record was handed to the feed exporter (whatever the
  storage did with it);
- ``line:N``: just after the N-th line of the output was written and flushed;
- ``half_line:N``: halfway through writing the N-th line (a torn last line);
- ``before_rename``: the output is complete under its temporary name, not yet renamed;
- ``after_rename``: the output is renamed into place, the state not yet committed;
- ``disk_full:N``: writing the N-th line of the output fails with ENOSPC, as on a full disk
  (the run goes on living: it must stop, exit 74 and corrupt nothing).

The tests use it to prove that a run killed anywhere loses and duplicates nothing; nothing
else should ever set it.
"""

from __future__ import annotations

import errno
import os
import signal

ENV = "NEWSCRAWL_TEST_KILL_AT"


def armed(point: str, count: int | None = None) -> bool:
    spec = os.environ.get(ENV)
    if not spec:
        return False
    return spec == point if count is None else spec == f"{point}:{count}"


def kill_point(point: str, count: int | None = None) -> None:
    """Die here, at once and without cleanup, when the environment names this point."""
    if armed(point, count):
        os.kill(os.getpid(), signal.SIGKILL)


def fail_point(point: str, count: int | None = None) -> None:
    """Fail here with "no space left on device" when the environment names this point."""
    if armed(point, count):
        raise OSError(errno.ENOSPC, f"No space left on device ({ENV}={point}:{count})")
