"""Unit tests of the pure logic; run with `python3 -m unittest` from apps/aws-pipeline."""

import unittest

from steps import StepError, analyse, ingest, store

ID = "0" * 31 + "1"


class IngestTest(unittest.TestCase):
    def test_normalises_the_item(self):
        self.assertEqual(ingest({"id": ID, "name": " Widget ", "quantity": 3}), {"id": ID, "name": "Widget", "quantity": 3})
        self.assertEqual(ingest({"id": ID, "name": "Widget"})["quantity"], 0)

    def test_refuses_unusable_input(self):
        cases = [(None, "id must be"), ({"id": "nope", "name": "a"}, "id must be"), ({"id": ID}, "name is required"), ({"id": ID, "name": "a", "quantity": -1}, "quantity must be"), ({"id": ID, "name": "a", "quantity": True}, "quantity must be")]
        for event, message in cases:
            with self.subTest(event=event):
                with self.assertRaisesRegex(StepError, message):
                    ingest(event)


class AnalyseTest(unittest.TestCase):
    def test_classifies_by_quantity(self):
        for quantity, size in ((0, "none"), (1, "single"), (99, "single"), (100, "bulk")):
            with self.subTest(quantity=quantity):
                self.assertEqual(analyse({"id": ID, "name": "Blue widget", "quantity": quantity})["analysis"], {"size": size, "nameWords": 2})


class StoreTest(unittest.TestCase):
    def test_writes_the_analysis_under_the_item_key(self):
        written = []
        item = analyse(ingest({"id": ID, "name": "Widget", "quantity": 150}))
        self.assertEqual(store(item, written.append), {"id": ID, "stored": True})
        self.assertEqual(written, [{"pk": f"ITEM#{ID}", "sk": "ANALYSIS", "name": "Widget", "quantity": 150, "size": "bulk", "nameWords": 1}])

    def test_refuses_an_item_without_analysis(self):
        with self.assertRaisesRegex(StepError, "no analysis"):
            store({"id": ID, "name": "a", "quantity": 1}, lambda _: None)


if __name__ == "__main__":
    unittest.main()
