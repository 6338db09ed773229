"""Pure request logic of the example function: no Google imports, so it is unit-testable anywhere.

POST a JSON order `{"items": [{"sku": "A-1", "quantity": 2, "unit_price_cents": 1250}]}` and get
its quote back: line totals, subtotal, tax and total in cents. GET returns a health message.
"""

from __future__ import annotations

import re
from typing import Any, Tuple

Result = Tuple[int, dict]

MAX_ITEMS = 50
MAX_QUANTITY = 1000
MAX_UNIT_PRICE_CENTS = 10_000_000
_SKU = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")


def health(version: str) -> Result:
    """The health answer: status and the deployed version."""
    return 200, {"status": "ok", "version": version}


def _int_in(value: Any, low: int, high: int) -> bool:
    # bool is an int in Python: refuse it explicitly.
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def quote(body: Any, tax_rate_percent: int) -> Result:
    """Validates an order and prices it; integer cents, tax rounded half up."""
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        return 400, {"error": 'body must be a JSON object with an "items" list'}
    items = body["items"]
    if not 1 <= len(items) <= MAX_ITEMS:
        return 400, {"error": f"items must hold 1 to {MAX_ITEMS} entries"}
    lines = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            return 400, {"error": f"items[{index}] must be an object"}
        sku, quantity, price = item.get("sku"), item.get("quantity"), item.get("unit_price_cents")
        if not isinstance(sku, str) or not _SKU.match(sku):
            return 400, {"error": f"items[{index}].sku must be 1-32 upper-case letters, digits or '-'"}
        if not _int_in(quantity, 1, MAX_QUANTITY):
            return 400, {"error": f"items[{index}].quantity must be an integer from 1 to {MAX_QUANTITY}"}
        if not _int_in(price, 0, MAX_UNIT_PRICE_CENTS):
            return 400, {"error": f"items[{index}].unit_price_cents must be an integer from 0 to {MAX_UNIT_PRICE_CENTS}"}
        lines.append({"sku": sku, "quantity": quantity, "line_total_cents": quantity * price})
    subtotal = sum(line["line_total_cents"] for line in lines)
    tax = (subtotal * tax_rate_percent * 2 + 100) // 200
    return 200, {"lines": lines, "subtotal_cents": subtotal, "tax_cents": tax, "total_cents": subtotal + tax}


def handle(method: str, body: Any, version: str, tax_rate_percent: int) -> Result:
    """Routes a request by method: GET -> health, POST -> quote, anything else -> 405."""
    if method == "GET":
        return health(version)
    if method == "POST":
        return quote(body, tax_rate_percent)
    return 405, {"error": f"method {method} is not allowed; use GET or POST"}
