"""Unit tests of the pure logic; run with `python3 -m unittest` from apps/azure-function."""

import unittest

from handlers import MAX_NAME_LENGTH, greet


class GreetTest(unittest.TestCase):
    def test_greets_the_world_without_a_name(self):
        self.assertEqual(greet(None), (200, {"message": "Hello, world"}))
        self.assertEqual(greet("   "), (200, {"message": "Hello, world"}))

    def test_greets_a_name_trimmed(self):
        self.assertEqual(greet("  Ada Lovelace "), (200, {"message": "Hello, Ada Lovelace"}))

    def test_refuses_a_name_that_is_too_long(self):
        status, body = greet("a" * (MAX_NAME_LENGTH + 1))
        self.assertEqual(status, 400)
        self.assertIn("longer than 64", body["error"])

    def test_refuses_markup(self):
        status, _ = greet("<script>")
        self.assertEqual(status, 400)


if __name__ == "__main__":
    unittest.main()
