"""Child processes that end with their parent, even when the parent is killed with SIGKILL.

The load's parse workers and the console's query workers both need this: a killed loader or
viewer must not leave processes behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent: int, poll_seconds: float, death_signal: bool = True) -> None:
    """Call first thing in a child: the kernel's parent-death signal (Linux; it is tied to
    the calling thread, so ask for it from the child's main thread only), and a thread that
    watches the parent's pid everywhere. Exits at once if the parent is already gone."""
    if death_signal and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
