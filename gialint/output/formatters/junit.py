"""``--format junit``: JUnit XML, for CI systems that show test reports.

One ``testsuite`` per checked file; each finding is a ``testcase`` (named
by rule and position) that fails when its severity is at or above the
failing severity (``--fail-on``, default ``error``) and passes otherwise,
with the finding in its ``system-out``; a file without findings has one
passing test case, so every file checked is visible in the report."""

from __future__ import annotations

from gialint.output.formatters.base import Formatter, Summary


class JunitFormatter(Formatter):
    name = "junit"
    description = "JUnit XML: one test suite per file, one failed test case per finding."

    def start(self) -> str:
        import xml.etree.ElementTree as ET  # (local: only a junit run pays for it)

        self._root = ET.Element("testsuites", name="gialint")
        return ""

    def file(self, path, findings) -> str:  # type: ignore[no-untyped-def]
        import xml.etree.ElementTree as ET  # (local: only a junit run pays for it)

        from gialint.model.findings import SEVERITY_RANK

        threshold = SEVERITY_RANK.get(self.fail_on, 3)
        failing = [f for f in findings if SEVERITY_RANK.get(f.severity, 3) >= threshold]
        suite = ET.SubElement(self._root, "testsuite", name=path, tests=str(max(1, len(findings))), failures=str(len(failing)), errors="0", skipped="0")
        if not findings:
            ET.SubElement(suite, "testcase", classname=path, name="gialint")
        for f in findings:
            case = ET.SubElement(suite, "testcase", classname=path, name=f"{f.rule} {f.name} ({f.line}:{f.column})", file=path, line=str(f.line))
            text = f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message} ({f.name})"
            if SEVERITY_RANK.get(f.severity, 3) >= threshold:
                failure = ET.SubElement(case, "failure", message=f.message, type=f.severity)
                failure.text = text
            else:  # below the failing severity: reported, not failed
                ET.SubElement(case, "system-out").text = text
        return ""

    def end(self, summary: Summary) -> str:
        import xml.etree.ElementTree as ET  # (local: only a junit run pays for it)

        suites = list(self._root)
        self._root.set("tests", str(sum(int(s.get("tests", "0")) for s in suites)))
        self._root.set("failures", str(sum(int(s.get("failures", "0")) for s in suites)))
        self._root.set("errors", "0")
        ET.indent(self._root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(self._root, encoding="unicode") + "\n"
