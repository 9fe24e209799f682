"""Bytes to text the way exports need it: the encoding found from a byte-order mark, then
guessed by charset-normalizer; and the Latin-1 mojibake of Meta's JSON repaired."""

from __future__ import annotations

import re

_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Latin-1, as in Facebook's exports ("CafÃ©" → "Café").

    Facebook writes each UTF-8 byte as its own ``\\u00XX`` escape. Text that does not
    look that way, or does not decode, is returned unchanged, so repairing twice is safe.
    """
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


# Byte-order marks, longest first (UTF-32's LE mark begins with UTF-16's).
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, if there is one."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding
    return None


def decode_text(data: bytes) -> str:
    """Text from an export's bytes: UTF-8 when it is, the encoding of a byte-order mark
    (LinkedIn's 2018 exports are UTF-16), else what charset-normalizer finds.

    Raises:
        ValueError: the bytes are not text in any encoding the detector trusts.
    """
    encoding = bom_encoding(data)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            raise ValueError(
                f"not {encoding.upper()} text although it starts like it "
                f"(bad byte at offset {error.start})"
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    from charset_normalizer import from_bytes  # only for the rare file that is not UTF-8

    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        raise ValueError(f"not UTF-8 text (bad byte at offset {first_bad})")
    return str(best)


def decode_head(data: bytes) -> str:
    """The first bytes of a file as text, for recognising it: a byte-order mark decides
    the encoding, otherwise UTF-8 with bad bytes replaced (a cut character at the end
    of the head is not an error)."""
    encoding = bom_encoding(data)
    if encoding and encoding != "utf-8-sig":
        cut = len(data) - len(data) % (4 if encoding == "utf-32" else 2)
        return data[:cut].decode(encoding, "replace")
    return data.decode("utf-8-sig", "replace")
