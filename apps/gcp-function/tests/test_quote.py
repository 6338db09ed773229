"""Unit tests of the pure logic; run with `python3 -m unittest` from apps/gcp-function."""

import unittest

from quote import MAX_ITEMS, handle, quote


def order(*items):
    return {"items": list(items)}


class QuoteTest(unittest.TestCase):
    def test_prices_an_order_with_tax(self):
        status, body = quote(order({"sku": "A-1", "quantity": 2, "unit_price_cents": 1250}), 20)
        self.assertEqual(status, 200)
        self.assertEqual(
            body,
            {
                "lines": [{"sku": "A-1", "quantity": 2, "line_total_cents": 2500}],
                "subtotal_cents": 2500,
                "tax_cents": 500,
                "total_cents": 3000,
            },
        )

    def test_rounds_tax_half_up(self):
        # 5 cents at 10 % is 0.5 cent: rounded up to 1.
        _, body = quote(order({"sku": "B", "quantity": 1, "unit_price_cents": 5}), 10)
        self.assertEqual(body["tax_cents"], 1)
        _, body = quote(order({"sku": "B", "quantity": 1, "unit_price_cents": 4}), 10)
        self.assertEqual(body["tax_cents"], 0)

    def test_refuses_a_body_without_items(self):
        self.assertEqual(quote(None, 20)[0], 400)
        self.assertEqual(quote({"items": "x"}, 20)[0], 400)
        self.assertEqual(quote(order(), 20)[0], 400)

    def test_refuses_too_many_items(self):
        items = [{"sku": "A", "quantity": 1, "unit_price_cents": 1}] * (MAX_ITEMS + 1)
        status, body = quote({"items": items}, 20)
        self.assertEqual(status, 400)
        self.assertIn("1 to 50", body["error"])

    def test_refuses_bad_fields_naming_the_item(self):
        cases = [
            ({"sku": "a-1", "quantity": 1, "unit_price_cents": 1}, "items[0].sku"),
            ({"sku": "A", "quantity": 0, "unit_price_cents": 1}, "items[0].quantity"),
            ({"sku": "A", "quantity": True, "unit_price_cents": 1}, "items[0].quantity"),
            ({"sku": "A", "quantity": 1, "unit_price_cents": -1}, "items[0].unit_price_cents"),
            ({"sku": "A", "quantity": 1, "unit_price_cents": 1.5}, "items[0].unit_price_cents"),
        ]
        for item, field in cases:
            with self.subTest(field=field, item=item):
                status, body = quote(order(item), 20)
                self.assertEqual(status, 400)
                self.assertIn(field, body["error"])


class HandleTest(unittest.TestCase):
    def test_get_is_health(self):
        self.assertEqual(handle("GET", None, "1.2.3", 20), (200, {"status": "ok", "version": "1.2.3"}))

    def test_post_quotes(self):
        status, body = handle("POST", order({"sku": "A", "quantity": 3, "unit_price_cents": 100}), "dev", 0)
        self.assertEqual((status, body["total_cents"]), (200, 300))

    def test_other_methods_are_refused(self):
        status, body = handle("DELETE", None, "dev", 20)
        self.assertEqual(status, 405)
        self.assertIn("GET or POST", body["error"])


if __name__ == "__main__":
    unittest.main()
