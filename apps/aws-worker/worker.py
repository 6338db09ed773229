"""Pure logic of the work queue consumer: no AWS imports, so it is unit-testable anywhere.

Each SQS message holds one item the API created (JSON: id, name, quantity). The worker turns each
into an `ItemReceived` event of source `app.items` on the environment's bus, and answers with the
messages that failed (partial batch response): only those are retried, then dead-lettered.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

SOURCE = "app.items"
DETAIL_TYPE = "ItemReceived"
# PutEvents takes at most 10 entries per call.
MAX_ENTRIES_PER_CALL = 10
_ID = re.compile(r"^[0-9a-f]{32}$")

PutEvents = Callable[[list[dict[str, Any]]], dict[str, Any]]


def item_of(body: str) -> dict[str, Any] | None:
    """Return the item of a message body, or None when the body is not a valid item."""
    try:
        item = json.loads(body)
    except (TypeError, ValueError):
        return None
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not _ID.match(item["id"]):
        return None
    name = item.get("name")
    quantity = item.get("quantity", 0)
    if not isinstance(name, str) or not name or isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
        return None
    return {"id": item["id"], "name": name, "quantity": quantity}


def entry_of(item: dict[str, Any], bus_name: str) -> dict[str, Any]:
    """The PutEvents entry announcing one received item."""
    return {"Source": SOURCE, "DetailType": DETAIL_TYPE, "Detail": json.dumps(item), "EventBusName": bus_name}


def process_batch(records: list[dict[str, Any]], bus_name: str, put_events: PutEvents) -> dict[str, Any]:
    """Publish one event per valid message; return the partial batch response (`batchItemFailures`)."""
    failures: list[str] = []
    pending: list[tuple[str, dict[str, Any]]] = []
    for record in records:
        item = item_of(record.get("body", ""))
        if item is None:
            failures.append(record["messageId"])
        else:
            pending.append((record["messageId"], entry_of(item, bus_name)))
    for start in range(0, len(pending), MAX_ENTRIES_PER_CALL):
        chunk = pending[start : start + MAX_ENTRIES_PER_CALL]
        try:
            answer = put_events([entry for _, entry in chunk])
        except Exception:  # noqa: BLE001 - the whole call failed: retry these messages
            failures.extend(message_id for message_id, _ in chunk)
            continue
        # PutEvents answers entry by entry, in order: an entry with an ErrorCode was not put.
        for (message_id, _), result in zip(chunk, answer.get("Entries", [])):
            if result.get("ErrorCode"):
                failures.append(message_id)
    return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failures]}
