"""Rule kinds: the Python that interprets declarative YAML rules.

A kind declares its options (validated when a pack is loaded, so a typo is an
error with file, line and a suggestion) and yields :class:`~gialint.findings.Hit`
objects from :meth:`Kind.check`.  The built-in kinds are registered through the
same ``gialint_add_kinds`` hook as any plugin's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Mapping

from gialint.util.normalize import visible
from gialint.util.suggest import did_you_mean

if TYPE_CHECKING:
    from gialint.model.findings import Hit
    from gialint.model.report import Report
    from gialint.model.template import Template
    from gialint.rules.spec import RuleMeta


@dataclass(frozen=True)
class Option:
    """A kind option: its type(s), whether it is required, its default, and
    the values it may take."""

    types: type | tuple[type, ...] = str
    required: bool = False
    default: Any = None
    choices: tuple[Any, ...] | None = None
    doc: str = ""


@dataclass
class LoadContext:
    """What kinds may consult when a pack is loaded: the templates (to check
    cell keys and row names)."""

    templates: Mapping[str, Template]


_TYPE_WORDS = {str: "字符串", int: "整数", float: "数", bool: "true 或 false", list: "列表", dict: "映射"}
_TYPE_WORDS_EN = {str: "string", int: "integer", float: "number", bool: "true or false", list: "list", dict: "mapping"}


def type_words(types: type | tuple[type, ...], english: bool = False) -> str:
    """The type(s) an option takes, in words (``整数或字符串``; ``integer or string``)."""
    seq = types if isinstance(types, tuple) else (types,)
    words, sep = (_TYPE_WORDS_EN, " or ") if english else (_TYPE_WORDS, "或")
    return sep.join(words.get(t, t.__name__) for t in seq)


class Kind:
    """Base class of rule kinds."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    options: ClassVar[dict[str, Option]] = {}
    default_message: ClassVar[str] = "{detail}"
    #: The fields a rule's ``message:`` may use, with what each holds
    #: (docs/authoring.md lists them; a message naming another field is an
    #: error when the pack is loaded).  ``detail`` is the whole default message.
    fields: ClassVar[dict[str, str]] = {"detail": "the whole message as gialint words it"}

    def __init__(self, meta: RuleMeta, ctx: LoadContext) -> None:
        self.meta = meta
        self.ctx = ctx
        self.opts: dict[str, Any] = {}
        for key, value in meta.options.items():
            if key not in self.options:
                raise ValueError(f"kind {self.name!r} 没有选项 {key!r}{did_you_mean(key, self.options)}")
            opt = self.options[key]
            if not isinstance(value, opt.types) or isinstance(value, bool) and opt.types is int:
                hint = _type_hint(value, opt.types)
                raise ValueError(f"选项 {key!r} 的值 {value!r} 类型不对，应为{type_words(opt.types)}{hint}")
            if opt.choices is not None and value not in opt.choices:
                raise ValueError(f"选项 {key!r} 的值 {value!r} 不在可选值 {list(opt.choices)} 中{did_you_mean(str(value), map(str, opt.choices))}")
            self.opts[key] = value
        for key, opt in self.options.items():
            if key not in self.opts:
                if opt.required:
                    raise ValueError(f"kind {self.name!r} 需要选项 {key!r}")
                self.opts[key] = opt.default
        formats = self.opts.get("formats")
        if formats is not None:
            for tid in formats:
                if tid not in ctx.templates:
                    raise ValueError(f"formats 中的模板 {tid!r} 不存在{did_you_mean(str(tid), ctx.templates)}")
        self._check_message_fields()
        self.setup()

    def _check_message_fields(self) -> None:
        if self.meta.message:
            self._check_fields(self.meta.message, "message")

    def _check_fields(self, message: str, option: str) -> None:
        """A message template names only the kind's fields (``option`` is the
        option it comes from, for the error)."""
        import string

        try:
            used = {name for _, name, _, _ in string.Formatter().parse(message) if name}
        except ValueError as exc:
            raise ValueError(f"{option} 的写法有误：{exc}") from None
        known = set(type(self).fields) | {"detail"}
        for name in sorted(used - known):
            raise ValueError(f"{option} 中的字段 {{{name}}} 不存在{did_you_mean(name, known)}；kind {self.name!r} 的字段：{'、'.join(sorted(known))}")

    def setup(self) -> None:
        """Validate and compile options (raise ValueError with a Chinese message)."""

    def applies_to_format(self, report: Report) -> bool:
        """Whether the ``formats`` option (if the kind has one) admits the
        report's template: listed itself, or the official format it is a local
        variant of — a rule for ``v2019`` also runs on a province's variant of
        it, but a rule for ``v2021`` not on v2019 reports (whose template is
        written as a patch of v2021's)."""
        formats = self.opts.get("formats")
        if formats is None:
            return True
        from gialint.model.template import format_lineage

        return any(tid in formats for tid in format_lineage(report.template, self.ctx.templates))

    def message(self, **fields: Any) -> str:
        """The rule's ``message`` (or the kind's default) with ``fields``
        filled in; text taken from the report is shown with its invisible
        characters escaped (:func:`~gialint.util.normalize.visible`)."""
        template = self.meta.message or self.default_message
        shown = {k: visible(v) if isinstance(v, str) else v for k, v in fields.items()}
        try:
            return template.format_map(_Fields(shown))
        except (ValueError, IndexError):
            return template

    def check(self, report: Report) -> Iterable[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError


class _Fields(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _type_hint(value: Any, types: Any) -> str:
    """What to write instead, for the usual slip: a number as text
    (``section: 六`` or ``section: "6"`` where an integer is wanted)."""
    if types is not int or not isinstance(value, str):
        return ""
    text = value.strip()
    if text.isdigit():
        return f"（写成数字 {int(text)}，不加引号）"
    from gialint.parse.nodes import NUMERALS, numeral_value

    if text and all(ch in NUMERALS for ch in text) and numeral_value(text):
        return f"（写阿拉伯数字 {numeral_value(text)}，不写“{text}”）"
    return ""
