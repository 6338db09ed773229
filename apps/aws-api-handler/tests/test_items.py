"""Unit tests of the pure logic; run with `python3 -m unittest` from apps/aws-api-handler."""

import itertools
import unittest

from items import MAX_NAME_LENGTH, MAX_PAGE_SIZE, ItemStore, create_item, get_item, health, list_items


def store_with_ids() -> ItemStore:
    counter = itertools.count(1)
    return ItemStore(new_id=lambda: f"{next(counter):032x}")


class HealthTest(unittest.TestCase):
    def test_reports_ok_and_the_version(self):
        self.assertEqual(health("1.2.3"), (200, {"status": "ok", "version": "1.2.3"}))


class CreateItemTest(unittest.TestCase):
    def test_creates_a_trimmed_item_with_a_default_quantity(self):
        store = store_with_ids()
        status, item = create_item(store, {"name": "  Widget "})
        self.assertEqual(status, 201)
        self.assertEqual(item, {"id": f"{1:032x}", "name": "Widget", "quantity": 0})
        self.assertEqual(store.items[item["id"]], item)

    def test_refuses_bad_bodies(self):
        cases = [
            ([], "body must be a JSON object"),
            ({}, "name is required"),
            ({"name": "  "}, "name is required"),
            ({"name": "a" * (MAX_NAME_LENGTH + 1)}, "longer than 100"),
            ({"name": "<script>"}, "name may hold"),
            ({"name": "ok", "quantity": -1}, "quantity must be"),
            ({"name": "ok", "quantity": True}, "quantity must be"),
            ({"name": "ok", "price": 3}, "unknown fields: price"),
        ]
        for body, message in cases:
            with self.subTest(body=body):
                status, answer = create_item(store_with_ids(), body)
                self.assertEqual(status, 400)
                self.assertIn(message, answer["error"])


class GetItemTest(unittest.TestCase):
    def test_finds_refuses_and_misses(self):
        store = store_with_ids()
        _, item = create_item(store, {"name": "Widget", "quantity": 3})
        self.assertEqual(get_item(store, item["id"]), (200, item))
        self.assertEqual(get_item(store, "nope")[0], 400)
        self.assertEqual(get_item(store, "f" * 32)[0], 404)


class ListItemsTest(unittest.TestCase):
    def test_pages_in_id_order(self):
        store = store_with_ids()
        for name in ["a", "b", "c"]:
            create_item(store, {"name": name})
        status, first = list_items(store, "2")
        self.assertEqual(status, 200)
        self.assertEqual([i["name"] for i in first["items"]], ["a", "b"])
        self.assertEqual(first["next"], f"{2:032x}")
        _, second = list_items(store, "2", first["next"])
        self.assertEqual([i["name"] for i in second["items"]], ["c"])
        self.assertNotIn("next", second)

    def test_refuses_a_bad_limit(self):
        for limit in ["0", str(MAX_PAGE_SIZE + 1), "x", "-1"]:
            with self.subTest(limit=limit):
                self.assertEqual(list_items(ItemStore(), limit)[0], 400)


if __name__ == "__main__":
    unittest.main()
