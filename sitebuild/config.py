"""mkdocs.yml, read and varied in one place.

A variant (a test's one-page site, the notebook page without a hook, the MathJax benchmark) is a
small file that names mkdocs.yml with MkDocs' ``INHERIT:`` and overrides only what differs, so the
real configuration is never copied or edited as text, and a new setting reaches every variant.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """Reads MkDocs' tags: ``!ENV [NAME, default]`` gives its default, other tags their plain value."""


def _tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        return items[-1] if suffix == "ENV" and items else items
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return None if suffix == "ENV" else loader.construct_scalar(node)


_Loader.add_multi_constructor("!", _tag)


def load(path: Path = CONFIG) -> dict:
    """The configuration as data (an ``!ENV`` value is its default)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def hooks(path: Path = CONFIG) -> list[str]:
    """The hook files, in the order MkDocs runs them."""
    return list(load(path).get("hooks", []))


def variant(path: Path, base: Path = CONFIG, **overrides) -> Path:
    """Write a configuration at ``path`` that inherits ``base`` and overrides the given top-level keys.

    MkDocs merges mappings key by key and replaces lists whole, so ``hooks=[...]`` is the full
    list the variant runs (derive it from ``hooks(base)``). Relative paths in the result are
    resolved against ``path``'s folder, as for any configuration file.
    """
    text = yaml.safe_dump({"INHERIT": str(base.resolve()), **overrides}, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def entry_line(path: Path, key: str, entry: str) -> tuple[Path, int] | None:
    """The file and 1-based line where the list ``key`` holds ``entry`` (a string, or a mapping's ``path``).

    A list is read from the first file of the ``INHERIT:`` chain that sets ``key`` (MkDocs replaces
    lists whole); None when no such line is found.
    """
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
    values = {k.value: v for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    if key not in values:
        parent = values.get("INHERIT")
        return entry_line(path.parent / parent.value, key, entry) if isinstance(parent, yaml.ScalarNode) else None
    items = values[key].value if isinstance(values[key], yaml.SequenceNode) else []
    for item in items:
        if isinstance(item, yaml.MappingNode):
            item = next((v for k, v in item.value if k.value == "path"), None)
        if isinstance(item, yaml.ScalarNode) and item.value == entry:
            return path, item.start_mark.line + 1
    return None
