"""Running without root's power to read everything, so that unreadable files are unreadable in tests run as root.

As root, `drop_read_override()` removes CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the calling process (and,
through the bounding set, from any program it then executes): file modes apply again, while the process keeps
uid 0 and can still reach the interpreter under /root. For a user other than root it does nothing: their
permissions already apply. Use it in a forked child (`in_child`) or as a subprocess's `preexec_fn`.
"""

from __future__ import annotations

import ctypes
import os
import sys
import traceback
from collections.abc import Callable

_PR_CAPBSET_DROP = 24
_CAPS = (1, 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
_VERSION_3 = 0x20080522


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def drop_read_override() -> None:
    if not is_root():
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
    header = _Header(_VERSION_3, 0)
    data = (_Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    mask = ~sum(1 << cap for cap in _CAPS) & 0xFFFFFFFF
    for item in data:
        item.effective &= mask
        item.permitted &= mask
        item.inheritable &= mask
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def in_child(check: Callable[[], None]) -> None:
    """Run `check` in a forked child without the read override; its assertion errors fail the caller."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        status = 0
        try:
            drop_read_override()
            check()
        except BaseException:
            os.write(write, traceback.format_exc().encode())
            status = 1
        finally:
            os.close(write)
            sys.stdout.flush()
            os._exit(status)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    report = b"".join(chunks).decode(errors="replace")
    assert os.waitstatus_to_exitcode(status) == 0, f"in the child without read override:\n{report}"
