"""Writing a Bluesky repository export (.car) the way a PDS does, for the fixtures.

``python tests/bluesky_car.py`` rewrites tests/fixtures/archives/bluesky/repo.car from
tests/fixtures/bluesky_records.json; tests/test_import_formats.py checks the committed file
is what this writes. Blocks are DAG-CBOR (encoded by libipld), links are CBOR tag 42 CIDs
(sha-256, dag-cbor codec), records sit in a Merkle search tree as in the atproto
repository spec (keys prefix-compressed within a node; the first half of the keys in a
left subtree, so that reading walks more than one node).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import libipld

FIXTURES = Path(__file__).parent / "fixtures"
FOLDER = FIXTURES / "archives" / "bluesky"


def _cid(block: bytes) -> bytes:
    return bytes([0x01, 0x71, 0x12, 0x20]) + hashlib.sha256(block).digest()


def _encode(value: object, links: list[bytes]) -> bytes:
    """DAG-CBOR of ``value`` where each 37-byte ``b"\\0" + cid`` of ``links`` is a link."""
    data = libipld.encode_dag_cbor(value)
    for cid in links:
        data = data.replace(b"\x58\x25\x00" + cid, b"\xd8\x2a\x58\x25\x00" + cid)
    return data


def _varint(number: int) -> bytes:
    out = bytearray()
    while True:
        byte, number = number & 0x7F, number >> 7
        out.append(byte | (0x80 if number else 0))
        if not number:
            return bytes(out)


def _node(keys: list[str], cids: dict[str, bytes], left: bytes | None) -> bytes:
    """One tree node: entries with keys compressed against the previous key."""
    entries, previous = [], b""
    for key in keys:
        raw = key.encode()
        shared = next((i for i, (a, b) in enumerate(zip(raw, previous, strict=False)) if a != b),
                      min(len(raw), len(previous)))  # fmt: skip
        entries.append({"p": shared, "k": raw[shared:], "v": b"\x00" + cids[key], "t": None})
        previous = raw
    links = list(cids.values()) + ([left] if left else [])
    return _encode({"l": b"\x00" + left if left else None, "e": entries}, links)


def write_car(did: str, records: dict[str, dict], target: Path) -> Path:
    """A repository of ``records`` (``{"collection/rkey": record}``) written to ``target``."""
    blocks: list[tuple[bytes, bytes]] = []
    keys = sorted(records)
    for key in keys:
        record = libipld.encode_dag_cbor(records[key])
        blocks.append((_cid(record), record))
    cids = dict(zip(keys, (cid for cid, _ in blocks), strict=True))
    half = len(keys) // 2
    left = _node(keys[:half], cids, None)
    left_cid = _cid(left)
    node = _node(keys[half:], cids, left_cid)
    node_cid = _cid(node)
    blocks[:0] = [(node_cid, node), (left_cid, left)]
    commit = _encode(
        {"did": did, "version": 3, "data": b"\x00" + node_cid, "rev": "3kabc2222222a",
         "prev": None, "sig": b"\x00" * 64},
        [node_cid],
    )  # fmt: skip
    commit_cid = _cid(commit)
    header = _encode({"version": 1, "roots": [b"\x00" + commit_cid]}, [commit_cid])
    out = bytearray(_varint(len(header)) + header)
    for cid, data in [(commit_cid, commit), *blocks]:
        out += _varint(len(cid) + len(data)) + cid + data
    target.write_bytes(bytes(out))
    return target


def fixture_bytes(target: Path) -> Path:
    source = json.loads((FIXTURES / "bluesky_records.json").read_text(encoding="utf-8"))
    return write_car(source["did"], source["records"], target)


if __name__ == "__main__":
    fixture_bytes(FOLDER / "repo.car")
    sys.exit(0)
