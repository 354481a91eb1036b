"""Read content files without ever opening anything but a regular file.

A content folder comes from strangers. A named pipe (FIFO) called `events.yaml` would block a plain `open()`
forever, a device can be endless or have side effects when opened, and a symbolic link can lead to a private
file whose lines a diagnostic would then echo. So the kind of file is checked with `os.lstat` before it is
opened; a link is followed only when it stays inside the folder being loaded; the file is opened without
blocking and without following a link that appeared meanwhile, and checked again on the open descriptor.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class NotReadable(Exception):
    """The path is not a regular file that may be read; the message says what it is (in English), `reason` and
    `kind` say it as data: "outside_link", "not_regular" (with `kind`: folder, fifo, socket, device, link, other)
    or "replaced"."""

    def __init__(self, message: str, reason: str, kind: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.kind = kind


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    return _WORDS[kind_code(mode)]


def kind_code(mode: int) -> str:
    """What a non-regular file is: folder, fifo, socket, device, link or other."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISLNK(mode):
        return "link"
    return "other"


_WORDS = {
    "folder": "a folder",
    "fifo": "a named pipe (FIFO)",
    "socket": "a socket",
    "device": "a device",
    "link": "a symbolic link",
    "other": "not a regular file",
}


def inside(path: str | Path, root: str | Path) -> bool:
    """Does `path` (already resolved) lie in the folder `root` (resolved here)?"""
    base = os.path.realpath(root)
    target = os.fspath(path)
    return target == base or target.startswith(base.rstrip(os.sep) + os.sep)


def read_regular(path: str | Path, limit: int, root: str | Path | None = None) -> bytes:
    """At most `limit` bytes of the regular file at `path`.

    A symbolic link is followed only when `root` is given and the link's target lies inside it. Raises
    NotReadable when the path is a folder, a pipe, a device, a socket or an unwanted link (without opening
    it), and OSError when it cannot be read.
    """
    info = os.lstat(path)
    flags = _FLAGS | _NONBLOCK
    if stat.S_ISLNK(info.st_mode):
        target = os.path.realpath(path)
        if root is None or not inside(target, root):
            raise NotReadable(
                "this is a symbolic link that leads outside the content folder; it is not followed", "outside_link"
            )
        info = os.stat(target)
        path = target
    if not stat.S_ISREG(info.st_mode):
        kind = kind_code(info.st_mode)
        raise NotReadable(f"this is {_WORDS[kind]}, not a regular file; it is not opened", "not_regular", kind)
    fd = os.open(path, flags | _NOFOLLOW)  # a link that replaced the file meanwhile is not followed
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by something else between the two looks
            raise NotReadable("this is not a regular file; it is not read", "replaced")
        chunks = []
        left = limit
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
