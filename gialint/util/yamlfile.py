"""Safe YAML loading that remembers where each mapping came from, so a rule or
template with a mistake is reported with its file and line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
# PyYAML shares an aliased node instead of copying it, so a bomb of nested
# aliases loads fast -- and then hangs whatever walks it (a rule kind reading a
# list option).  A handful of aliases suffices ("b: [*a,*a]", "c: [*b,*b]", …
# 2**100 nodes), so the size of the document *as if aliases were copied* is
# bounded too.  The largest shipped file has about 500 nodes.
MAX_NODES = 100_000


def _loader(path: str) -> type[yaml.SafeLoader]:
    import yaml

    class Loader(yaml.SafeLoader):
        aliases_seen = 0

        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            if self.check_event(yaml.events.AliasEvent):
                Loader.aliases_seen += 1
                if Loader.aliases_seen > MAX_ALIASES:
                    mark = self.peek_event().start_mark
                    raise YamlError(path, mark.line + 1, f"别名（alias）超过 {MAX_ALIASES} 个，疑似 YAML 炸弹，拒绝加载")
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
                raise YamlError(path, key_node.start_mark.line + 1, f"键 {key!r} 重复出现（同一映射中的键只能写一次）")
            out[key] = loader.construct_object(value_node, deep=True)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


def _check_expansion(root: yaml.Node, path: str) -> None:
    """Refuse a document whose alias-expanded size exceeds :data:`MAX_NODES`,
    naming the line of the smallest node that does (where the bomb is)."""
    import yaml  # (local: PyYAML may be imported lazily at module level)

    size: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        key = id(node)
        if key in size:
            continue
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            size[key] = 1
            continue
        if not expanded:
            if key in visiting:
                continue  # a recursive alias: the constructor reports it
            visiting.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in size)
            continue
        visiting.discard(key)
        total = 1 + sum(size.get(id(c), 1) for c in children)
        size[id(node)] = total
        if total > MAX_NODES:
            raise YamlError(
                path,
                node.start_mark.line + 1,
                f"展开别名后超过 {MAX_NODES} 个节点，疑似 YAML 炸弹（billion laughs），拒绝加载",
            )


# How many times each data file was parsed in this process (the regression
# guard of issue 7: no rule pack is parsed twice).
PARSE_COUNTS: dict[str, int] = {}
# Each data file loaded in this process, as plain data (JSON): a second load
# (another configuration's rule set) decodes fresh objects instead of parsing
# again.  The same bytes are the disk cache's entry.
_MEMO: dict[str, bytes] = {}
_LOCATED = "\x00L"


def _encoders() -> dict[type, tuple[str, Any]]:
    def located(m: Located, enc: Any) -> list[Any]:
        return [m.line, [[enc(k), m.key_lines.get(k, m.line), enc(v)] for k, v in m.items()]]

    return {Located: (_LOCATED, located)}


def _decoders(path: str) -> dict[str, Any]:
    def located(payload: list[Any]) -> Located:
        line, items = payload
        out = Located()
        out.path = path
        out.line = int(line)
        out.key_lines = {}
        for k, kline, v in items:
            out[k] = v
            out.key_lines[k] = int(kline)
        return out

    return {_LOCATED: located}


def load(text: str, path: str) -> Any:
    """Parse YAML text safely; raises :class:`YamlError` naming ``path``.

    A successful load is kept in memory and on disk (as plain data, never
    pickle), keyed by the text and the path (which the result records):
    PyYAML's pure-Python parser is most of a cold start otherwise.  Failures
    are not kept."""
    from gialint.util import diskcache
    from gialint.util.plaindata import PlainDataError

    # PyYAML's version is not in the key: it is not imported on a cache hit,
    # and what safe loading yields from valid YAML does not change with it.
    # The memory keeps the entry's bytes (each load returns a new value):
    # those read from disk as they are, so a cache hit encodes nothing.
    name = f"yaml-{diskcache.key(path, text)}.json"
    blob = _MEMO.get(name)
    if blob is not None:
        value = diskcache.decode_entry(name, blob, _decoders(path))
        if value is not None:
            return value
    blob = diskcache.load_bytes(name)
    value = diskcache.decode_entry(name, blob, _decoders(path)) if blob is not None else None
    if value is None:
        value = _load(text, path)
        try:
            blob = diskcache.encode_entry(name, value, _encoders())
        except PlainDataError:  # (safe loading yields only plain data)
            return value
        diskcache.store_bytes(name, blob)
    _MEMO[name] = blob
    return value


# Parsing one data file (PyYAML is pure Python: a 1 MB file takes seconds).
PARSE_TIMEOUT = 10.0


def _load(text: str, path: str) -> Any:
    import yaml

    from gialint.util.budget import OverBudget, time_limit

    PARSE_COUNTS[path] = PARSE_COUNTS.get(path, 0) + 1
    loader = _loader(path)(text)  # a SafeLoader subclass: no Python tags
    try:
        with time_limit(PARSE_TIMEOUT):
            node = loader.get_single_node()
            if node is None:
                return None
            _check_expansion(node, path)
            return loader.construct_document(node)
    except OverBudget as exc:
        raise YamlError(path, None, f"解析{exc}，文件过大或结构异常") from None
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise YamlError(path, line, f"YAML 语法错误：{exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, None, f"YAML 错误：{exc}") from None
    except RecursionError:
        # Where the reader had got to: the nesting that was too deep.
        raise YamlError(path, getattr(loader, "line", 0) + 1, "YAML 嵌套过深") from None
    finally:
        loader.dispose()


def line_of(obj: Any, default: int | None = None) -> int | None:
    return getattr(obj, "line", default)
