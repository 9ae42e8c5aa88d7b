"""Findings of a report in traditional characters, in its own script.

The report was read in its conversion to simplified characters
(:mod:`gialint.parse.script`); its findings are turned back: every message
in traditional characters (OpenCC, with the variant — standard, Taiwan or
Hong Kong — that best reproduces the report's own characters), and every fix
writing the traditional form of its text.  A fix stays certain only when
that form is exact (it converts back to the official text); otherwise it is
offered as a suggestion."""

from __future__ import annotations

from dataclasses import replace

from gialint.model.findings import Finding, Fix
from gialint.model.report import Report
from gialint.parse.script import exact_traditional, to_traditional, variant


def in_report_script(report: Report, findings: list[Finding]) -> list[Finding]:
    """``findings`` in the script of ``report`` (unchanged for a simplified one)."""
    doc = report.document
    if doc.script != "traditional" or doc.original is None or not findings:
        return findings
    config = variant(doc.original.text, doc.source.text)
    # One conversion for all the messages (a call costs more than its text):
    # a message is one line (its invisible characters, newlines included, are
    # escaped).
    messages = to_traditional("\n".join(f.message for f in findings), config).split("\n")
    if len(messages) != len(findings):
        messages = [to_traditional(f.message, config) for f in findings]
    out = []
    for f, message in zip(findings, messages):
        fix = f.fix
        if fix is not None and fix.replacement:
            text, exact = exact_traditional(fix.replacement, config)
            fix = Fix(text, fix.span, fix.certain and exact)
        out.append(replace(f, message=message, fix=fix))
    return out
