"""docs_harness (the face) and docs_harness.plugin: every hook is where ``-p docs_harness`` finds it."""

from __future__ import annotations

import docs_harness
from docs_harness import plugin

pytest_plugins = ["pytester"]


def test_the_face_exports_each_hook_of_the_plugin_module():
    hooks = {name for name in vars(plugin) if name.startswith("pytest_")}
    assert hooks == {name for name in docs_harness.__all__ if name.startswith("pytest_")}
    assert all(getattr(docs_harness, name) is getattr(plugin, name) for name in hooks)
    assert docs_harness.pytest_plugins == ["docs_harness.report"]


def test_every_public_name_is_there(pytester):
    missing = [name for name in docs_harness.__all__ if not hasattr(docs_harness, name)]
    assert not missing
    config = pytester.parseconfig("-p", "docs_harness", "-o", "docs_block_timeout=7")
    assert config.getini("docs_block_timeout") == "7" and config.getoption("update_outputs") is None
