"""Pure request logic of the example function: no Azure imports, so it is unit-testable anywhere."""

from __future__ import annotations

import re

MAX_NAME_LENGTH = 64
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9 .'-]*$")


def greet(name: str | None) -> tuple[int, dict[str, str]]:
    """Return (HTTP status, JSON body) for a greeting request.

    A missing name greets the world; a name that is too long or holds anything but letters, digits,
    spaces, dots, apostrophes and hyphens is refused with 400.
    """
    if name is None or name.strip() == "":
        return 200, {"message": "Hello, world"}
    cleaned = name.strip()
    if len(cleaned) > MAX_NAME_LENGTH:
        return 400, {"error": f"name is longer than {MAX_NAME_LENGTH} characters"}
    if not _NAME.match(cleaned):
        return 400, {"error": "name may hold letters, digits, spaces, dots, apostrophes and hyphens only"}
    return 200, {"message": f"Hello, {cleaned}"}
