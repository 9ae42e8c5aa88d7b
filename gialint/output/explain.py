"""A rule's explanation, rendered for people: as text (``gialint explain``,
SARIF ``help.text``) and as Markdown (``docs/rules.md``, SARIF
``help.markdown``).  One order everywhere: the Chinese explanation, what it
rests on (依据: the 条例 article, the 格式 notice, the table's own wording),
the bad and the good example, then the English explanation.

Explanations are written in the packs as YAML blocks wrapped at any width;
a paragraph is unwrapped here, without a space between two Chinese
characters (a Markdown renderer or a terminal would show one)."""

from __future__ import annotations

import re
from typing import Any

_LIST_ITEM = re.compile(r"^[-*·•]\s")
_CJK_PUNCT = frozenset("。，；：、！？）”’】》")  # never followed by a space


def _wide(ch: str) -> bool:
    """A CJK character or full-width punctuation: no space next to it when lines are joined."""
    return ch >= "\u2e80" or ch in "“”‘’"


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an explanation (blank-line separated), each on one
    line; a line starting a list item stays a line of its own."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        joined = ""
        for ln in lines:
            if not joined:
                joined = ln
            elif _LIST_ITEM.match(ln):
                joined += "\n" + ln
            elif (_wide(joined[-1]) and _wide(ln[0])) or joined[-1] in _CJK_PUNCT:
                joined += ln
            else:
                joined += " " + ln
        if joined:
            out.append(joined)
    return out


def unwrap(text: str) -> str:
    """An explanation with its paragraphs unwrapped, separated by blank lines."""
    return "\n\n".join(paragraphs(text))


def examples_note(meta: Any) -> str:
    history = [h if isinstance(h, str) else h.get("base", "") for h in getattr(meta, "history", ())]
    earlier = f"与上一年的示例报告 {'、'.join(dict.fromkeys(history))} 比较，" if history else ""
    return f"（示例：good 片段在示例报告 {meta.base} 中出现一次，{earlier}换成 bad 片段即触发本规则。）"


def _text_snippet(snippet: str | list[str]) -> list[str]:
    parts = snippet if isinstance(snippet, list) else [snippet]
    lines = []
    for part in parts:
        if part == "":
            lines.append("    （删除该段）")
        for line in part.rstrip("\n").split("\n") if part else []:
            lines.append("    " + line.replace("\t", " ⇥ "))
    return lines


def text(meta: Any) -> str:
    """The explanation as plain text: 说明, 依据, examples, English."""
    out: list[str] = []
    if meta.explain:
        out += [unwrap(meta.explain)]
    if meta.basis:
        out += ["", "依据："] + [f"  - {b}" for b in meta.basis]
    for title, snippet in (("不符合（bad）：", meta.bad), ("符合（good）：", meta.good)):
        if snippet is not None:
            out += ["", title] + _text_snippet(snippet)
    if meta.bad is not None or meta.good is not None:
        out += ["", examples_note(meta)]
    if meta.explain_en:
        out += ["", "English:", unwrap(meta.explain_en)]
    return "\n".join(out).strip("\n")


def _md_snippet(snippet: str | list[str]) -> str:
    parts = snippet if isinstance(snippet, list) else [snippet]
    shown = "\n…\n".join("（删除该段）" if p == "" else p.rstrip("\n") for p in parts)
    shown = shown.replace("\t", "→")  # tabs made visible: they are table cells
    return "```text\n" + shown + "\n```\n"


def markdown(meta: Any) -> str:
    """The explanation as Markdown (no heading): 说明, 依据, examples, English."""
    out: list[str] = []
    if meta.explain:
        out.append("\n\n".join(p.replace("\n", "  \n") for p in paragraphs(meta.explain)) + "\n")
    if meta.basis:
        out.append("依据：\n\n" + "".join(f"- {b}\n" for b in meta.basis))
    if meta.bad is not None:
        out.append("不符合（bad）：\n\n" + _md_snippet(meta.bad))
    if meta.good is not None:
        out.append("符合（good）：\n\n" + _md_snippet(meta.good))
    if meta.explain_en:
        out.append("*English.* " + "\n\n".join(paragraphs(meta.explain_en)) + "\n")
    return "\n".join(out)


def description(meta: Any) -> str:
    """Chinese then English, plain (SARIF ``fullDescription``)."""
    parts = [unwrap(meta.explain)] if meta.explain else []
    if meta.explain_en:
        parts.append(unwrap(meta.explain_en))
    return "\n\n".join(parts)
