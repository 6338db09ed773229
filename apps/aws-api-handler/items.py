"""Pure request logic of the example API: no AWS imports, so it is unit-testable anywhere."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

MAX_NAME_LENGTH = 100
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .,'_-]*$")
_ID = re.compile(r"^[0-9a-f]{32}$")

Result = tuple[int, dict[str, Any]]


def health(version: str) -> Result:
    """Return the health answer: always 200 with the deployed version."""
    return 200, {"status": "ok", "version": version}


@dataclass
class ItemStore:
    """Items kept in memory (an example: a real service keeps them in a database)."""

    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_id: Callable[[], str] = lambda: uuid.uuid4().hex


def validate_item(body: Any) -> str | None:
    """Return what is wrong with a new item's JSON body, or None when it is valid."""
    if not isinstance(body, dict):
        return "body must be a JSON object"
    unknown = sorted(set(body) - {"name", "quantity"})
    if unknown:
        return f"unknown fields: {', '.join(unknown)}"
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        return "name is required"
    if len(name.strip()) > MAX_NAME_LENGTH:
        return f"name is longer than {MAX_NAME_LENGTH} characters"
    if not _NAME.match(name.strip()):
        return "name may hold letters, digits, spaces and . , ' _ - only"
    quantity = body.get("quantity", 0)
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
        return "quantity must be a whole number, 0 or more"
    return None


def create_item(store: ItemStore, body: Any) -> Result:
    """Create an item: 201 with the item, or 400 with what is wrong."""
    problem = validate_item(body)
    if problem:
        return 400, {"error": problem}
    item = {"id": store.new_id(), "name": body["name"].strip(), "quantity": body.get("quantity", 0)}
    store.items[item["id"]] = item
    return 201, item


def get_item(store: ItemStore, item_id: str) -> Result:
    """Return one item: 200, 400 for a malformed id, 404 when unknown."""
    if not _ID.match(item_id):
        return 400, {"error": "id must be 32 lower-case hex characters"}
    item = store.items.get(item_id)
    if item is None:
        return 404, {"error": f"item {item_id} not found"}
    return 200, item


def list_items(store: ItemStore, limit: str | None = None, after: str | None = None) -> Result:
    """List items sorted by id, `limit` at a time, starting after the id `after`."""
    if limit is None or limit == "":
        size = DEFAULT_PAGE_SIZE
    elif limit.isdigit() and 1 <= int(limit) <= MAX_PAGE_SIZE:
        size = int(limit)
    else:
        return 400, {"error": f"limit must be a whole number from 1 to {MAX_PAGE_SIZE}"}
    ids = sorted(i for i in store.items if after is None or i > after)
    page = [store.items[i] for i in ids[:size]]
    body: dict[str, Any] = {"items": page}
    if len(ids) > size:
        body["next"] = page[-1]["id"]
    return 200, body
