"""``--format sarif``: SARIF 2.1.0, for code-scanning dashboards.

Results are collected per file and the log is written at the end (a SARIF
log is one JSON document).  ``tool.driver.rules`` carries every known rule's
code, name, summary and explanation (``fullDescription``: Chinese then
English; ``help``, as text and Markdown: with its 依据 and examples); each
result refers to its rule by index, carries a stable fingerprint (the
baseline's) and, for a fix, a SARIF fix."""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from gialint.output import explain
from gialint.output.formatters.base import Formatter, Summary
from gialint.util.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> tuple[str, str | None]:
    """A URI for ``path``: relative (to %SRCROOT%, the working directory) or absolute."""
    p = PurePath(path)
    if p.is_absolute():
        return p.as_uri(), None
    return quote(p.as_posix()), "%SRCROOT%"


def _rule(meta: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "defaultConfiguration": {"level": LEVELS.get(meta.severity, "warning"), "enabled": bool(meta.enabled)},
        "properties": {"category": meta.category, "tags": [meta.category, *meta.groups]},
    }
    if meta.explain or meta.explain_en:
        # Chinese first, then English; help adds the 依据 and the examples.
        out["fullDescription"] = {"text": explain.description(meta)}
        out["help"] = {"text": explain.text(meta), "markdown": explain.markdown(meta)}
    return out


def _location(f: Any, artifact: dict[str, Any], region: dict[str, Any]) -> dict[str, Any]:
    """A physical location, plus for a page, a Word file or a PDF a logical
    one naming the place (``第 3 页，表 3 第 5 行第 2 列``) with the quoted
    text as the region's snippet.  For Word and PDF the region's lines and
    columns are those of the canonical Markdown (``gialint convert``)."""
    out: dict[str, Any] = {"physicalLocation": {"artifactLocation": artifact, "region": region}}
    location = f.extra.get("location")
    if location:
        label = location.get("label") or location.get("format", "")
        out["logicalLocations"] = [{"name": label, "fullyQualifiedName": f"{f.path}#{label}", "kind": "element"}]
        if location.get("text"):
            region["snippet"] = {"text": location["text"]}
        out["properties"] = {k: v for k, v in location.items() if k not in ("text", "label")}
    return out


class SarifFormatter(Formatter):
    name = "sarif"
    description = "SARIF 2.1.0 log for code-scanning dashboards."

    def start(self) -> str:
        self._results: list[dict[str, Any]] = []
        self._rules: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}
        for meta in self.ruleset.metas if self.ruleset else []:
            self._index[meta.code] = len(self._rules)
            self._rules.append(_rule(meta))
        return ""

    def _rule_index(self, f: Any) -> int:
        if f.rule not in self._index:  # a plugin's rule unknown to the main rule set
            self._index[f.rule] = len(self._rules)
            self._rules.append({"id": f.rule, "name": f.name, "shortDescription": {"text": f.name}})
        return self._index[f.rule]

    def file(self, path, findings) -> str:  # type: ignore[no-untyped-def]
        for f in findings:
            uri, base = _uri(f.path)
            artifact: dict[str, Any] = {"uri": uri}
            if base:
                artifact["uriBaseId"] = base
            region = {"startLine": f.line, "startColumn": f.column, "endLine": max(f.end_line, f.line), "endColumn": max(f.end_column, 1)}
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": self._rule_index(f),
                "level": LEVELS.get(f.severity, "warning"),
                "message": {"text": f.message},
                "locations": [_location(f, artifact, region)],
                "properties": {"category": f.category, "name": f.name, "severity": f.severity},
            }
            fp = f.extra.get("fingerprint")
            if fp:
                result["partialFingerprints"] = {"gialint/v1": fp}
            if f.fix is not None:
                sp = f.fix.span
                result["fixes"] = [{
                    "description": {"text": ("可自动修复：" if f.fix.certain else "建议：") + (f"改为“{f.fix.replacement}”" if f.fix.replacement else "删除")},
                    "artifactChanges": [{
                        "artifactLocation": artifact,
                        "replacements": [{
                            "deletedRegion": {"startLine": sp.line, "startColumn": sp.column, "endLine": sp.end_line, "endColumn": sp.end_column},
                            "insertedContent": {"text": f.fix.replacement},
                        }],
                    }],
                }]
            self._results.append(result)
        return ""

    def end(self, summary: Summary) -> str:
        run: dict[str, Any] = {
            "tool": {"driver": {
                "name": "gialint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": self._rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": PurePath(os.getcwd()).as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": self._results,
        }
        log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
