"""Pure logic of the item pipeline's steps (Ingest -> Analyse -> Store): no AWS imports.

The state machine `<env>-item-pipeline` (apps/workflows/ingest-analyse-store.asl.json) passes each
step's output to the next. A step raises `StepError` for input it cannot use: the state machine's
Catch sends the execution to Failed (no retry: the input would not get better).
"""

from __future__ import annotations

import re
from typing import Any, Callable

_ID = re.compile(r"^[0-9a-f]{32}$")
BULK_QUANTITY = 100

PutItem = Callable[[dict[str, Any]], None]


class StepError(Exception):
    """The step's input is not usable."""


def ingest(event: Any) -> dict[str, Any]:
    """Check and normalise the item the rule passed in (`{"id", "name", "quantity"}`)."""
    if not isinstance(event, dict) or not isinstance(event.get("id"), str) or not _ID.match(event["id"]):
        raise StepError("id must be 32 lower-case hex characters")
    name = event.get("name")
    if not isinstance(name, str) or not name.strip():
        raise StepError("name is required")
    quantity = event.get("quantity", 0)
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
        raise StepError("quantity must be a whole number, 0 or more")
    return {"id": event["id"], "name": name.strip(), "quantity": quantity}


def analyse(item: dict[str, Any]) -> dict[str, Any]:
    """Classify the item (an example analysis: by quantity and name)."""
    quantity = item["quantity"]
    size = "none" if quantity == 0 else "bulk" if quantity >= BULK_QUANTITY else "single"
    return {**item, "analysis": {"size": size, "nameWords": len(item["name"].split())}}


def store(item: dict[str, Any], put_item: PutItem) -> dict[str, Any]:
    """Write the analysed item to the table (key `ITEM#<id>` / `ANALYSIS`; a re-run overwrites it)."""
    if "analysis" not in item:
        raise StepError("the item has no analysis; run analyse first")
    put_item(
        {
            "pk": f"ITEM#{item['id']}",
            "sk": "ANALYSIS",
            "name": item["name"],
            "quantity": item["quantity"],
            "size": item["analysis"]["size"],
            "nameWords": item["analysis"]["nameWords"],
        }
    )
    return {"id": item["id"], "stored": True}
