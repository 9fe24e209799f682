"""Code-point offsets to UTF-16 offsets (scoring/offsets.py): what JavaScript indexes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from companion.scoring.offsets import Utf16Offsets

# Plain letters, accents, BMP symbols and emoji beyond the BMP (one code point, two units).
TEXT = st.lists(st.sampled_from(["a", " ", "é", "—", "😀", "🙏🏽", "𝔸", "\n"]), max_size=40).map(
    "".join
)


@given(TEXT)
def test_offsets_count_utf16_units_before_each_offset(text):
    offsets = Utf16Offsets(text)
    for index in range(len(text) + 1):
        assert offsets(index) == len(text[:index].encode("utf-16-le")) // 2


def test_offsets_of_an_emoji_post():
    text = "Thanks 🙏🏽 @maria 🚀!"
    offsets = Utf16Offsets(text)
    assert offsets(text.index("@maria")) == 12  # 🙏🏽 is two code points, four units
    assert offsets(len(text)) == len(text.encode("utf-16-le")) // 2
