"""Facebook: the friends list of the JSON export (Download your information -> JSON).

Current exports put it in ``connections/friends/your_friends.json``, those of 2021-2023
in ``friends_and_followers/friends.json``, older ones in ``friends/friends.json``:

    {"friends_v2": [{"name": "Jos\u00c3\u00a9 Mart\u00c3\u00adnez", "timestamp": 1700000000}]}

(older: ``{"friends": [...]}``). Names come in Facebook's broken UTF-8 (each byte its own
``\\u00XX``) and are repaired. A friend has no id in the export: the name and the time the
friendship began identify them from one export to the next.
"""

from __future__ import annotations

import json
import re

from ..archive import Member
from ..charset import repair_mojibake
from .model import Account, NetworkFile
from .parsing import day_of_timestamp

PLATFORM = "facebook"
LABEL = "Facebook friends"
EXPECTS = "connections/friends/your_friends.json"

_NAME = re.compile(r"(?:^|/)(your_friends|friends)\.json$")
_CONTENT = re.compile(rb'^\s*\{\s*"friends(_v2)?"\s*:')


def claims(member: Member) -> bool:
    return bool(_NAME.search(member.name)) or (
        member.name.endswith(".json") and bool(_CONTENT.match(member.head(100)))
    )


def read(member: Member, members: list[Member]) -> NetworkFile:
    try:
        data = json.loads(member.read_text())
    except json.JSONDecodeError as error:
        raise ValueError(f"expected Facebook's friends list (JSON): {error.msg}") from None
    friends = data.get("friends_v2", data.get("friends")) if isinstance(data, dict) else None
    if not isinstance(friends, list):
        raise ValueError("expected Facebook's friends list: an object with a friends_v2 list")
    found = NetworkFile(PLATFORM, "facebook", "friend", member.display)
    for friend in friends:
        if not isinstance(friend, dict) or not isinstance(friend.get("name"), str):
            continue
        name = repair_mojibake(friend["name"]).strip()
        if not name:
            continue
        found.accounts.append(
            Account(
                account=f"{name.casefold()}|{friend.get('timestamp')}",
                name=name,
                connected_on=day_of_timestamp(friend.get("timestamp")),
            )
        )
    return found
