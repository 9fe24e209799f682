"""Mastodon: the follows CSV from Preferences -> Import and export -> Data export ->
"Follows" (``following_accounts.csv``):

    Account address,Show boosts,Notify on new posts,Languages
    ana@mastodon.social,true,false,

The address (``user@server``) is the account and its handle; a post's ``@ana@mastodon.social``
or ``@ana`` (when only one followed ``ana`` exists) resolves to it.
"""

from __future__ import annotations

from ..archive import Member
from .model import Account, NetworkFile
from .parsing import csv_after_preamble

PLATFORM = "mastodon"
LABEL = "Mastodon follows"
EXPECTS = "following_accounts.csv"

HEADER = "Account address"


def claims(member: Member) -> bool:
    if member.path.name == "following_accounts.csv":
        return True
    if not member.name.lower().endswith(".csv"):
        return False
    return member.head(200).decode("utf-8-sig", "replace").lstrip().startswith(HEADER)


def read(member: Member, members: list[Member]) -> NetworkFile:
    found = NetworkFile(PLATFORM, "mastodon", "following", member.display)
    for row in csv_after_preamble(member, HEADER):
        address = row.get("Account address", "").strip().lstrip("@")
        if "@" not in address:
            continue
        user, server = address.split("@", 1)
        found.accounts.append(
            Account(
                account=address.casefold(),
                handle=address,
                url=f"https://{server}/@{user}",
            )
        )
    return found
