"""A snippet with an unused import: ruff reports F401."""

import os

print("hello")
