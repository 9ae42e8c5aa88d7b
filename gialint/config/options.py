"""Every configuration option, once.

:data:`SETTINGS` is the only place an option is spelled.  From it come:

* the :class:`~gialint.config.model.Config` dataclass (its fields and
  defaults);
* the checks of configuration files (:func:`problem`: the one place a value
  is validated — a severity is checked here and nowhere else);
* how ``extends`` chains and the command line combine values (``merge``);
* the options of ``gialint check`` that override a setting (``cli``);
* the JSON Schema shipped as ``rules/config.schema.json`` (:func:`schema`;
  a test keeps the file in step) and the option table of the docs
  (:func:`markdown_table`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class ValueType:
    """What a setting's value may be: a check, the words that say it, and its schema."""

    check: Callable[[Any], bool]
    expects: str  # in English (the docs' table)
    schema: dict[str, Any]
    expects_zh: str = ""  # in Chinese (messages)


def _strings(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _positive(v: Any, kinds: tuple[type, ...]) -> bool:
    return isinstance(v, kinds) and not isinstance(v, bool) and v > 0


TYPES: dict[str, ValueType] = {
    "refs": ValueType(_strings, "a list of rule references", {"$ref": "#/definitions/refs"}, "规则引用的列表"),
    "paths": ValueType(_strings, "a list of paths", {"$ref": "#/definitions/paths"}, "路径的列表"),
    "patterns": ValueType(_strings, "a list of file name patterns", {"$ref": "#/definitions/paths"}, "文件名模式的列表"),
    "severity": ValueType(lambda v: v in SEVERITIES, "error, warning or info", {"$ref": "#/definitions/severity"}, "error、warning 或 info"),
    "severity-map": ValueType(
        lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items()),
        "a mapping of rule reference → error | warning | info",
        {"type": "object", "additionalProperties": {"$ref": "#/definitions/severity"}},
        "规则引用到 error、warning 或 info 的映射",
    ),
    "refs-map": ValueType(
        lambda v: isinstance(v, dict) and all(isinstance(k, str) and _strings(x) for k, x in v.items()),
        "a mapping of path pattern → list of rule references",
        {"type": "object", "additionalProperties": {"$ref": "#/definitions/refs"}},
        "路径模式到规则引用列表的映射",
    ),
    "dirs": ValueType(_strings, "a list of directories (or files)", {"$ref": "#/definitions/paths"}, "目录（或文件）的列表"),
    "names-map": ValueType(
        lambda v: isinstance(v, dict) and all(isinstance(k, str) and _strings(x) for k, x in v.items()),
        "a mapping of agency name → list of its other names",
        {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string", "minLength": 1}}},
        "机关名称到其其他名称列表的映射",
    ),
    "name-map": ValueType(
        lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) and x for k, x in v.items()),
        "a mapping of path pattern → agency name",
        {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
        "路径模式到机关名称的映射",
    ),
    "count": ValueType(lambda v: _positive(v, (int,)), "a positive integer", {"type": "integer", "minimum": 1}, "正整数"),
    "seconds": ValueType(lambda v: _positive(v, (int, float)), "seconds (a positive number)", {"type": "number", "exclusiveMinimum": 0}, "秒数（正数）"),
    "path": ValueType(lambda v: isinstance(v, str), "a path", {"type": "string"}, "路径"),
    "preset": ValueType(lambda v: isinstance(v, str), "a preset name (default, strict) or a path", {"type": "string"}, "预设名（default、strict）或配置文件路径"),
}


@dataclass(frozen=True)
class Setting:
    """One option of the configuration.

    ``merge`` says how a value combines with the one before it along
    ``extends`` (``replace``, ``accumulate`` for lists, ``merge`` for
    mappings); ``cli_merge`` how the command line's value combines with the
    file's.  ``relative`` paths are taken relative to the file naming them."""

    key: str
    type: str
    default: Any
    doc: str
    attr: str = ""  # the Config field; the key in snake_case by default
    merge: str = "replace"
    cli: str | None = None  # the `gialint check` option
    cli_merge: str = ""  # default: as ``merge``
    cli_help: str = ""
    relative: bool = False
    examples: tuple[Any, ...] = ()
    expects: str = ""  # what the value should be, when more precise than its type's words (English, Chinese)
    expects_zh: str = ""

    @property
    def field(self) -> str:
        return self.attr or self.key.replace("-", "_")

    @property
    def value_type(self) -> ValueType:
        return TYPES[self.type]

    @property
    def expected(self) -> str:
        return self.expects or self.value_type.expects

    @property
    def expected_zh(self) -> str:
        return self.expects_zh or self.value_type.expects_zh

    @property
    def combine_cli(self) -> str:
        return self.cli_merge or self.merge

    def fresh_default(self) -> Any:
        """The default, a new list or mapping each time (never shared)."""
        d = self.default
        return list(d) if isinstance(d, list) else dict(d) if isinstance(d, dict) else d


SETTINGS: tuple[Setting, ...] = (
    Setting("extends", "preset", None, "A shipped preset (default, strict) or the path of another configuration file, relative to this one.",
            examples=("default", "strict", "../gialint-common.yaml")),
    Setting("select", "refs", None, "Rules that run; replaces the default selection (every rule enabled by default).",
            cli="--select", cli_help="Run only these rules (code, name, prefix, group, category or all)."),
    Setting("extend-select", "refs", [], "Rules added to the selection (e.g. soft). Accumulates along extends.", merge="accumulate",
            cli="--extend-select", cli_help="Also run these rules (e.g. soft)."),
    Setting("ignore", "refs", [], "Rules that do not run. Accumulates along extends.", merge="accumulate",
            cli="--ignore", cli_help="Do not run these rules."),
    Setting("severity", "severity-map", {}, "Severity overrides: rule reference → error, warning or info.", merge="merge"),
    Setting("fail-on", "severity", "error", "The lowest severity that makes gialint exit with status 1 (default: error).",
            cli="--fail-on", cli_help="Lowest severity that fails the run (default: error)."),
    Setting("per-file-ignores", "refs-map", {}, "Path pattern (relative to this file's directory, or a file name) → rules not run on matching files.",
            merge="merge"),
    Setting("include", "patterns", ["*.md", "*.txt", "*.markdown", "*.html", "*.htm", "*.docx", "*.pdf"],
            "File name patterns checked when a directory is walked (default: *.md, *.txt, *.markdown, *.html, *.htm, *.docx, *.pdf); "
            "files that are not reports are skipped.",
            cli="--include",
            cli_help="File name patterns checked in directories (replaces the default *.md, *.txt, *.markdown, *.html, *.htm, *.docx, *.pdf)."),
    Setting("exclude", "patterns", [], "Path patterns skipped when a directory is walked.", cli="--exclude", cli_merge="accumulate",
            cli_help="Path patterns skipped in directories.", expects="a list of path patterns", expects_zh="路径模式的列表"),
    Setting("baseline", "path", None, "A baseline file written by `gialint check --write-baseline`; the findings it lists are not reported.",
            relative=True, cli="--baseline", cli_help="Hide the findings listed in this baseline file."),
    Setting("max-bytes", "count", 5 * 1024 * 1024, "Files larger than this are not read (default 5 MB).",
            cli="--max-bytes", cli_help="Files larger than this are not read (default 5 MB)."),
    Setting("max-lines", "count", 100_000, "Files with more lines are refused (default 100000)."),
    Setting("max-cells", "count", 100_000, "Files with more tab and pipe characters are refused (default 100000)."),
    Setting("read-timeout", "seconds", 10.0, "Seconds allowed to parse and bind one file (default 10)."),
    Setting("rule-timeout", "seconds", 5.0, "Seconds allowed for one rule or plugin check on one file (default 5)."),
    Setting("rules", "paths", [], "Extra rule packs (YAML), relative to this file.", attr="rule_files", merge="accumulate", relative=True,
            cli="--rules", cli_help="An extra rule pack (YAML).", expects="a list of rule pack paths", expects_zh="规则包路径的列表"),
    Setting("templates", "paths", [], "Extra templates (YAML), relative to this file.", attr="template_files", merge="accumulate", relative=True,
            cli="--templates", cli_help="An extra template file (YAML), e.g. a local variant of the official format.",
            expects="a list of template paths", expects_zh="模板路径的列表"),
    Setting("history", "dirs", [], "Directories (or files) searched for the earlier reports of each checked report's agency, for the "
            "rules across years; relative to this file. A checked file's own directory is always searched.", merge="accumulate",
            relative=True, cli="--history", cli_help="Also look for earlier reports of the same agencies here (a directory or file; repeatable).",
            examples=(["../archive"],)),
    Setting("agency-aliases", "names-map", {}, "Agency name → its other names (a former name, a short name, a renamed county): reports "
            "naming any of them are one agency's series.", merge="merge",
            examples=({"某某市某某区商务局": ["某某县商务局", "区商务局"]},)),
    Setting("agency-files", "name-map", {}, "Path pattern (relative to this file's directory, or a file name) → the agency of matching "
            "reports, for reports whose title and publisher line do not name it.", merge="merge",
            examples=({"wenchanghu/*.md": "文昌湖区招商局"},)),
    Setting("plugins", "paths", [], "Plugins to load: module names or paths.", merge="accumulate",
            cli="--plugin", cli_help="Load a plugin from a module name or a .py file (repeatable).", expects="a list of plugin modules or paths",
            expects_zh="插件模块名或路径的列表"),
)

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
# Keys of the configuration file that are not settings of a run.
FILE_ONLY = ("extends",)


def problem(key: str, value: Any) -> str | None:
    """Why ``value`` is not valid for ``key``, in Chinese, or ``None``: the
    one place a setting's value is validated."""
    from gialint.util.suggest import did_you_mean

    setting = BY_KEY[key]
    if not setting.value_type.check(value):
        hint = did_you_mean(str(value), SEVERITIES) if setting.type == "severity" else ""
        words = setting.expected_zh
        return f"配置项 {key!r} 的值 {value!r} 无效{hint}，应为{' ' if words[:1].isascii() else ''}{words}"
    if setting.type == "severity-map":
        for ref, sev in value.items():
            if sev not in SEVERITIES:
                return f"{ref} 的严重程度 {sev!r} 无效{did_you_mean(sev, SEVERITIES)}；可选：{', '.join(SEVERITIES)}"
    return None


def schema() -> dict[str, Any]:
    """The JSON Schema of a configuration file (``rules/config.schema.json``)."""
    props: dict[str, Any] = {}
    for s in SETTINGS:
        entry = dict(s.value_type.schema)
        entry["description"] = s.doc
        if s.examples:
            entry["examples"] = list(s.examples)
        props[s.key] = entry
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "gialint configuration",
        "description": "gialint 配置文件：.gialint.yaml，或 pyproject.toml 的 [tool.gialint] 表。Rule references are a code "
        "(GIA201), a name (row-label), a code prefix (GIA2), a group (soft), a category (label) or all.",
        "type": "object",
        "additionalProperties": False,
        "definitions": {
            "refs": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "description": "Rule references: code, name, code prefix, group, category or all.",
            },
            "severity": {"type": "string", "enum": list(SEVERITIES)},
            "paths": {"type": "array", "items": {"type": "string", "minLength": 1}},
        },
        "properties": props,
    }


def schema_text() -> str:
    import json

    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


def markdown_table() -> str:
    """The options as a Markdown table (docs/configuration.md)."""
    rows = ["| key | value | default | along `extends` | command line | meaning |", "|---|---|---|---|---|---|"]
    for s in SETTINGS:
        default = "—" if s.default in (None, [], {}) else f"`{s.default}`"
        cli = f"`{s.cli}`" if s.cli else ""
        rows.append(f"| `{s.key}` | {s.expected} | {default} | {s.merge} | {cli} | {s.doc} |")
    return "\n".join(rows) + "\n"
