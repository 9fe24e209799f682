"""LinkedIn: ``Connections.csv`` in the export from Settings -> Data privacy -> Get a copy
of your data (the "Connections" part, or the complete export).

The file starts with a preamble, then the header:

    Notes:
    "When exporting your connection data, you may notice that some of the email addresses
    are missing. ..."

    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Priya,Patel,https://www.linkedin.com/in/priya-patel-123,,Acme,Engineer,01 May 2024

``URL`` (the profile) is what identifies a connection; it is sometimes empty, then the name
and the day stand in. Email addresses are never kept.
"""

from __future__ import annotations

import re

from ..archive import Member
from .model import Account, NetworkFile
from .parsing import csv_after_preamble, parse_day

PLATFORM = "linkedin"
LABEL = "LinkedIn connections"
EXPECTS = "Connections.csv"

HEADER = "First Name,Last Name,URL"  # Profile.csv starts "First Name,Last Name,Maiden Name"
_NAME = re.compile(r"(?:^|/)Connections(?:_\d+)?\.csv$", re.IGNORECASE)


def claims(member: Member) -> bool:
    if _NAME.search(member.name):
        return True
    if not member.name.lower().endswith(".csv"):
        return False
    return "\n" + HEADER in "\n" + member.head(4096).decode("utf-8-sig", "replace")


def read(member: Member, members: list[Member]) -> NetworkFile:
    rows = csv_after_preamble(member, HEADER)
    found = NetworkFile(PLATFORM, "linkedin", "connection", member.display)
    for row in rows:
        name = " ".join(part for part in (row.get("First Name"), row.get("Last Name")) if part)
        url = row.get("URL", "").rstrip("/")
        if not name and not url:
            continue  # LinkedIn writes blank rows for members who left
        day = parse_day(row.get("Connected On", ""))
        found.accounts.append(
            Account(
                account=url.casefold() if url else f"{name.casefold()}|{day}",
                name=name or None,
                url=url if url.startswith("https://") else None,
                company=row.get("Company") or None,
                position=row.get("Position") or None,
                connected_on=day,
            )
        )
    return found
