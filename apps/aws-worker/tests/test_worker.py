"""Unit tests of the pure logic; run with `python3 -m unittest` from apps/aws-worker."""

import json
import unittest

from worker import process_batch

ID_1 = "0" * 31 + "1"
ID_2 = "0" * 31 + "2"


def record(message_id: str, body) -> dict:
    return {"messageId": message_id, "body": body if isinstance(body, str) else json.dumps(body)}


class Recorder:
    """A put_events that records its calls and answers with the given error codes by call."""

    def __init__(self, errors=None, raises=False):
        self.calls = []
        self.errors = errors or {}
        self.raises = raises

    def __call__(self, entries):
        self.calls.append(entries)
        if self.raises:
            raise RuntimeError("throttled")
        return {"Entries": [{"ErrorCode": self.errors.get(json.loads(e["Detail"])["id"])} if self.errors.get(json.loads(e["Detail"])["id"]) else {"EventId": "e"} for e in entries]}


class ProcessBatchTest(unittest.TestCase):
    def test_puts_one_item_received_event_per_item_on_the_bus(self):
        put = Recorder()
        answer = process_batch([record("m1", {"id": ID_1, "name": "Widget", "quantity": 3})], "test-events", put)
        self.assertEqual(answer, {"batchItemFailures": []})
        self.assertEqual(
            put.calls,
            [[{"Source": "app.items", "DetailType": "ItemReceived", "Detail": json.dumps({"id": ID_1, "name": "Widget", "quantity": 3}), "EventBusName": "test-events"}]],
        )

    def test_reports_only_the_messages_that_failed(self):
        put = Recorder(errors={ID_2: "InternalFailure"})
        records = [record("m1", {"id": ID_1, "name": "a"}), record("m2", {"id": ID_2, "name": "b"}), record("m3", "not json"), record("m4", {"id": "nope", "name": "c"})]
        answer = process_batch(records, "test-events", put)
        self.assertEqual(answer, {"batchItemFailures": [{"itemIdentifier": "m3"}, {"itemIdentifier": "m4"}, {"itemIdentifier": "m2"}]})

    def test_retries_every_message_of_a_call_that_failed(self):
        answer = process_batch([record("m1", {"id": ID_1, "name": "a"})], "test-events", Recorder(raises=True))
        self.assertEqual(answer, {"batchItemFailures": [{"itemIdentifier": "m1"}]})

    def test_puts_at_most_ten_entries_per_call(self):
        put = Recorder()
        records = [record(f"m{i}", {"id": f"{i:032x}", "name": "a"}) for i in range(23)]
        self.assertEqual(process_batch(records, "test-events", put), {"batchItemFailures": []})
        self.assertEqual([len(c) for c in put.calls], [10, 10, 3])

    def test_refuses_items_without_a_name_or_with_a_bad_quantity(self):
        for body in ({"id": ID_1}, {"id": ID_1, "name": "a", "quantity": -1}, {"id": ID_1, "name": "a", "quantity": True}, [ID_1]):
            with self.subTest(body=body):
                self.assertEqual(process_batch([record("m", body)], "b", Recorder()), {"batchItemFailures": [{"itemIdentifier": "m"}]})


if __name__ == "__main__":
    unittest.main()
