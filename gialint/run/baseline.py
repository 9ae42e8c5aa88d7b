"""Baselines: adopt gialint on an archive of old reports, and fail only on new
problems.

``gialint check --write-baseline FILE`` records every current finding;
``--baseline FILE`` (or ``baseline:`` in the configuration) hides the findings
it lists.  A finding is recognised by a fingerprint that survives line
shifts: its rule, the offending line's text and its message (white space
removed), plus an occurrence index among identical ones in the same file.
Paths are stored relative to the baseline file, so the file can be committed."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from gialint.config.model import ConfigError

if TYPE_CHECKING:
    from gialint.model.findings import Finding
    from gialint.model.source import Source

FORMAT = 1
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


def fingerprint(findings: Iterable[Finding], source: Source | None) -> list[Finding]:
    """The findings (in their order) with ``extra["fingerprint"]`` set."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        location = f.extra.get("location")
        if location:  # a page, a Word file or a PDF: the quoted text, not a line of the canonical text
            line = str(location.get("text", ""))
        else:
            line = source.line_text(f.line) if source is not None and f.category != "input" else ""
        key = f"{f.rule}\0{_norm(line)}\0{_norm(f.message)}"
        n = seen[key]
        seen[key] += 1
        out.append(f.with_extra(fingerprint=hashlib.sha1(f"{key}\0{n}".encode()).hexdigest()[:20]))
    return out


def _rel(path: str, base: str) -> str:
    rel = os.path.relpath(os.path.abspath(path), base)
    return rel.replace(os.sep, "/")


@dataclass
class Baseline:
    """A loaded baseline: ``(path relative to the file, fingerprint)`` pairs."""

    path: str
    entries: set[tuple[str, str]] = field(default_factory=set)

    @property
    def base(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    def split(self, path: str, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """``(new findings, findings the baseline lists)``."""
        rel = _rel(path, self.base)
        new, known = [], []
        for f in findings:
            (known if (rel, f.extra.get("fingerprint", "")) in self.entries else new).append(f)
        return new, known

    def count_for(self, path: str) -> int:
        rel = _rel(path, self.base)
        return sum(1 for p, _ in self.entries if p == rel)


def load(path: str) -> Baseline:
    """Read a baseline file; a missing or broken one is a configuration error."""
    from gialint.load.files import BASELINE_MAX_BYTES, read_text_file
    from gialint.model.source import SourceError

    if not os.path.lexists(path):
        raise ConfigError(f"{path}: 基线文件不存在（可用 gialint check --write-baseline {path} 生成）")
    try:
        doc = json.loads(read_text_file(path, BASELINE_MAX_BYTES))
    except SourceError as exc:
        raise ConfigError(f"{path}: 无法读取基线文件：{exc.reason}") from None
    except (ValueError, RecursionError) as exc:
        raise ConfigError(f"{path}: 基线文件不是有效的 JSON：{exc}") from None
    if not isinstance(doc, dict) or doc.get("gialint_baseline") != FORMAT or not isinstance(doc.get("findings"), list):
        raise ConfigError(f"{path}: 不是 gialint 基线文件（应含 \"gialint_baseline\": {FORMAT} 与 findings 列表）")
    entries = set()
    for item in doc["findings"]:
        if isinstance(item, dict) and isinstance(item.get("path"), str) and isinstance(item.get("fingerprint"), str):
            entries.add((item["path"], item["fingerprint"]))
    return Baseline(path, entries)


def write(path: str, results: Iterable[tuple[str, list[Finding]]]) -> int:
    """Write a baseline listing ``results``; returns the number of entries."""
    base = os.path.dirname(os.path.abspath(path))
    items = []
    for file_path, findings in results:
        rel = _rel(file_path, base)
        for f in findings:
            items.append({"path": rel, "rule": f.rule, "name": f.name, "line": f.line, "message": f.message, "fingerprint": f.extra.get("fingerprint", "")})
    items.sort(key=lambda d: (d["path"], d["line"], d["rule"], d["fingerprint"]))
    doc = {"gialint_baseline": FORMAT, "findings": items}
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    os.replace(tmp, path)
    return len(items)
