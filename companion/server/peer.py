"""Which local user opened a loopback connection (Linux), so other users are turned away.

Web pages are kept out by the Host, Origin and token checks, but on a machine shared by
several people another user can connect to 127.0.0.1 too, and the history page carries the
token. On Linux the kernel's socket table says which user owns the other end of a loopback
connection; elsewhere (or if the entry is not found) the answer is ``None``.
"""

from __future__ import annotations

import socket
import struct
from pathlib import Path

PROC_TCP = Path("/proc/net/tcp")


def _hex_address(host: str, port: int) -> str:
    """An IPv4 address as /proc/net/tcp writes it: ``0100007F:1F90`` for 127.0.0.1:8080."""
    packed = socket.inet_aton(host)
    return f"{struct.unpack('<I', packed)[0]:08X}:{port:04X}"


def connection_uid(
    peer: tuple[str, int], local: tuple[str, int], table: Path = PROC_TCP
) -> int | None:
    """The uid owning the client end of the TCP connection ``peer`` → ``local``.

    Returns ``None`` when it cannot be known (not Linux, not IPv4, not in the table).
    """
    try:
        wanted = (_hex_address(*peer[:2]), _hex_address(*local[:2]))
        lines = table.read_text(encoding="ascii").splitlines()[1:]
    except (OSError, ValueError, struct.error):
        return None
    for line in lines:
        fields = line.split()
        if len(fields) > 7 and (fields[1], fields[2]) == wanted:
            return int(fields[7])
    return None
