"""Safe YAML loading that remembers where each mapping came from, so a rule or
template with a mistake is reported with its file and line."""

from __future__ import annotations

from typing import Any

import yaml


class Located(dict):  # type: ignore[type-arg]
    """A mapping from YAML that knows its ``path`` and 1-based ``line``."""

    path: str = "<yaml>"
    line: int = 0
    key_lines: dict[Any, int] = {}  # key → 1-based line of the key (set per instance)


class YamlError(Exception):
    """A data file could not be used; ``str()`` names the file, line and cause."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.message = message


# Documents larger than this, or with more aliases, are refused: a YAML bomb
# expands a few hundred bytes into gigabytes through nested aliases.
MAX_ALIASES = 200


def _loader(path: str) -> type[yaml.SafeLoader]:
    class Loader(yaml.SafeLoader):
        aliases_seen = 0

        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            if self.check_event(yaml.events.AliasEvent):
                Loader.aliases_seen += 1
                if Loader.aliases_seen > MAX_ALIASES:
                    mark = self.peek_event().start_mark
                    raise yaml.YAMLError(f"too many aliases (line {mark.line + 1}); refusing a possible YAML bomb")
            return super().compose_node(parent, index)

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Located:
        loader.flatten_mapping(node)
        out = Located()
        out.path = path
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in out:
                raise YamlError(path, key_node.start_mark.line + 1, f"duplicate key {key!r}")
            out[key] = loader.construct_object(value_node, deep=True)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


def load(text: str, path: str) -> Any:
    """Parse YAML text safely; raises :class:`YamlError` naming ``path``."""
    try:
        return yaml.load(text, Loader=_loader(path))  # noqa: S506 - SafeLoader subclass
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise YamlError(path, line, f"YAML 语法错误：{exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, None, f"YAML 错误：{exc}") from None
    except RecursionError:
        raise YamlError(path, None, "YAML 嵌套过深") from None


def line_of(obj: Any, default: int | None = None) -> int | None:
    return getattr(obj, "line", default)
