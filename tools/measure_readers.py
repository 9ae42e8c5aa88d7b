#!/usr/bin/env python3
"""Measurements behind docs/readers.md: HTML, PDF and DOCX libraries on the
published fixtures, and gialint's own text throughput.

    pip install selectolax lxml html5lib pdfplumber pypdfium2 pymupdf \\
                python-docx docx2python mammoth psutil
    python tools/measure_readers.py                      # everything
    python tools/measure_readers.py --only html --json /tmp/html.json
    sections: html html-huge html-broken html-charset pdf pdf-bad docx docx-bad gialint footprint
              wheels (asks the package index; only with --only wheels)

Timings: median of --repeat runs (default 7) of the whole fixture set, after
one warm-up run; wall clock (time.perf_counter).  Peak memory: ru_maxrss of a
fresh child process per library (so it includes the interpreter and imports;
the 'import only' row gives that baseline).  Hostile inputs are opened in a
child process with a 4 GiB address-space limit and a time-out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parent
FIX = REPO / "tests" / "fixtures" / "published"
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS / "prototypes"))


def timed(fn, repeat: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds of this process) over ``repeat`` runs after a warm-up.

    CPU time is the figure to compare when other processes share the machine:
    the parsers are single-threaded, so it is what the work costs.
    """
    fn()  # warm-up
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), statistics.median(cpus)


def rates(count: int, unit: str, wall: float, cpu: float) -> dict:
    return {f"{unit}_per_cpu_s": round(count / cpu, 1), f"{unit}_per_wall_s": round(count / wall, 1),
            "cpu_seconds": round(cpu, 4), "wall_seconds": round(wall, 4)}


def child(section: str, *args: str, timeout: int = 900, limit_gb: int = 4) -> dict:
    """Run ``--child section args`` in a fresh interpreter; return its JSON (or the failure)."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (limit_gb << 30, limit_gb << 30))

    cmd = [sys.executable, __file__, "--child", section, *args]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        return {"outcome": f"time-out after {timeout} s", "seconds": timeout}
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["?"])[-1][:200]
        return {"outcome": f"crashed (exit {proc.returncode}): {tail}", "seconds": round(wall, 2)}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def peak_mb() -> float:
    """Peak RSS of this process (VmHWM: unlike ru_maxrss it is not inherited from the parent over fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

HTML_FILES = sorted((FIX / "html").glob("*.htm*"))


def decoded_pages() -> list[str]:
    from html_grid import decode_page
    return [decode_page(p.read_bytes())[0] for p in HTML_FILES]


def walk_selectolax(text: str) -> int:
    from selectolax.lexbor import LexborHTMLParser
    tree = LexborHTMLParser(text)
    n = 0
    for td in tree.css("td"):
        n += len(td.text(deep=True, separator=""))
    for _node in tree.root.traverse():
        n += 1
    return n


def walk_lxml(text: str) -> int:
    import lxml.html
    root = lxml.html.document_fromstring(text)
    n = 0
    for td in root.iter("td"):
        n += len(td.text_content())
    for _ in root.iter():
        n += 1
    return n


def walk_html5lib(text: str, builder: str = "etree") -> int:
    import html5lib
    doc = html5lib.parse(text, treebuilder=builder, namespaceHTMLElements=False)
    root = doc.getroot() if builder == "lxml" else doc
    n = 0
    for td in root.iter("td"):
        n += len("".join(td.itertext()))
    for _ in root.iter():
        n += 1
    return n


HTML_WALKERS = {
    "selectolax (lexbor)": walk_selectolax,
    "lxml.html": walk_lxml,
    "html5lib (etree)": walk_html5lib,
    "html5lib (lxml treebuilder)": lambda t: walk_html5lib(t, "lxml"),
}


def measure_html(repeat: int) -> dict:
    pages = decoded_pages()
    size = sum(len(p.encode("utf-8")) for p in pages)
    out = {"pages": len(pages), "bytes_utf8": size}
    for name, fn in HTML_WALKERS.items():
        r = repeat if "html5lib" not in name else max(3, repeat // 2)
        wall, cpu = timed(lambda fn=fn: [fn(p) for p in pages], r)
        out[name] = rates(len(pages), "pages", wall, cpu) | {"mb_per_cpu_s": round(size / cpu / 1e6, 2)}
    return out


def huge_page(path: Path) -> Path:
    if not path.exists():
        from make_published import make_huge_html
        make_huge_html(path)
    return path


def child_html_huge(lib: str, path: str) -> dict:
    data = Path(path).read_bytes()
    text = data.decode("utf-8")
    base = peak_mb()
    start, cpu_start = time.perf_counter(), time.process_time()
    if lib == "import-only":
        n = 0
    elif lib == "selectolax":
        from selectolax.lexbor import LexborHTMLParser
        tree = LexborHTMLParser(text)
        n = len(tree.css("td"))
        tables = len(tree.css("table"))
    elif lib == "lxml":
        import lxml.html
        root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(huge_tree=True))
        n = sum(1 for _ in root.iter("td"))
        tables = sum(1 for _ in root.iter("table"))
    elif lib == "lxml-default":
        import lxml.html
        root = lxml.html.document_fromstring(text)
        n = sum(1 for _ in root.iter("td"))
        tables = sum(1 for _ in root.iter("table"))
    elif lib == "html5lib":
        import html5lib
        doc = html5lib.parse(text, treebuilder="lxml", namespaceHTMLElements=False)
        n = sum(1 for _ in doc.getroot().iter("td"))
        tables = sum(1 for _ in doc.getroot().iter("table"))
    else:
        raise SystemExit(lib)
    sec, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"outcome": "ok", "seconds": round(sec, 2), "cpu_seconds": round(cpu, 2), "td": n, "tables": tables if lib != "import-only" else 0,
            "peak_rss_mb": round(peak_mb()), "rss_before_parse_mb": round(base)}


def measure_html_huge(with_html5lib: bool) -> dict:
    path = huge_page(Path(tempfile.gettempdir()) / "gialint_huge_50mb.html")
    out = {"bytes": path.stat().st_size}
    libs = ["import-only", "selectolax", "lxml", "lxml-default"] + (["html5lib"] if with_html5lib else [])
    for lib in libs:
        out[lib] = child("html-huge", lib, str(path), timeout=900)
    return out


BROKEN = {
    "unclosed td/tr": "<table><tr><td>一<td>二<tr><td>三<td>四</table>",
    "o:p and mso spans": "<table><tr><td><p class=MsoNormal><span>商业</span><span>企业<o:p></o:p></span></p></td>"
                         "<td><o:p>&nbsp;</o:p></td></tr></table>",
    "nested table in a cell": "<table><tr><td>外<table><tr><td>内1</td><td>内2</td></tr></table></td><td>右</td></tr></table>",
    "stray </td> and </p>": "<table><tr><td>1</td></td><td>2</p></td></tr></table>",
    "text between rows": "<table><tr><td>1</td></tr>游离文字<tr><td>2</td></tr></table>",
    "p left open in td": "<table><tr><td><p>甲<p>乙</td><td>丙</td></tr></table>",
    "unclosed table at EOF": "<div><table><tr><td>1</td><td>2",
    "NUL byte in a cell": "<table><tr><td>1\x002</td></tr></table>",
    "control character \\x0b in a cell": "<table><tr><td>1\x0b2</td></tr></table>",
    "table inside p (no doctype)": "<p>前<table><tr><td>1</td></tr></table>后</p>",
    "Word conditional row": "<table><tr><td>1</td></tr><![if !supportMisalignedColumns]><tr height=0><td></td></tr>"
                            "<![endif]></table>",
    "td outside a table": "<div><td>孤立</td></div>",
}


def body_html(lib: str, html: str) -> str:
    """The parsed <body> serialised, to see where each parser puts things (or its error)."""
    import html5lib
    import lxml.html
    from selectolax.lexbor import LexborHTMLParser
    try:
        if lib == "selectolax":
            return LexborHTMLParser(html).body.html
        if lib == "lxml.html":
            return lxml.html.tostring(lxml.html.document_fromstring(html).find("body"), encoding="unicode")
        root = html5lib.parse(html, treebuilder="lxml", namespaceHTMLElements=False).getroot()
        return lxml.html.tostring(root.find("body"), encoding="unicode")
    except Exception as exc:  # noqa: BLE001 - measured behaviour
        return f"{type(exc).__name__}: {exc}"


def leaf_table_rows_selectolax(html: str):
    from selectolax.lexbor import LexborHTMLParser
    tree = LexborHTMLParser(html)
    out = []
    for table in tree.css("table"):
        rows = []
        for tr in table.css("tr"):
            if tr.parent is None:
                continue
            owner = tr
            while owner is not None and owner.tag != "table":
                owner = owner.parent
            if owner is None or owner.mem_id != table.mem_id:
                continue
            rows.append([td.text(deep=True, separator="").strip() for td in tr.iter() if td.tag in ("td", "th")])
        out.append(rows)
    stray = tree.body.text(deep=False, separator="").strip() if tree.body else ""
    return {"tables": out, "body_text": stray}


def leaf_table_rows_etree(root):
    out = []
    for table in root.iter("table"):
        rows = []
        for tr in table.iter("tr"):
            owner = tr.getparent()
            while owner is not None and owner.tag != "table":
                owner = owner.getparent()
            if owner is not table:
                continue
            rows.append(["".join(td.itertext()).strip() for td in tr if td.tag in ("td", "th")])
        out.append(rows)
    return {"tables": out}


def broken_lxml(html: str):
    import lxml.html
    return leaf_table_rows_etree(lxml.html.document_fromstring(html))


def broken_html5lib(html: str):
    import html5lib
    return leaf_table_rows_etree(html5lib.parse(html, treebuilder="lxml", namespaceHTMLElements=False).getroot())


def measure_html_broken() -> dict:
    out = {}
    for case, html in BROKEN.items():
        row = {"html": html}
        for lib, fn in (("selectolax", leaf_table_rows_selectolax), ("lxml.html", broken_lxml),
                        ("html5lib", broken_html5lib)):
            try:
                row[lib] = {"tables": fn(html)["tables"], "body": body_html(lib, html)}
            except Exception as exc:  # noqa: BLE001 - measured behaviour
                row[lib] = {"error": f"{type(exc).__name__}: {exc}"}
        out[case] = row
    return out


CHARSET_CASES = {
    "seed000.cms-gb2312.html": "政府集中釆购",
    "seed004.cms-gbk-http-equiv.html": "本年新收政府信息公开申请数量",
    "clean2023.cms-utf8-nometa.html": "本年新收政府信息公开申请数量",
    "clean2020.cms-wrong-meta.html": "本年新收政府信息公开申请数量",
    "seed002.word.htm": "本年新收政府信息公开申请数量",
}


def charset_result(text: str, want: str) -> str:
    if want in text.replace("\n", "").replace(" ", ""):
        return "ok"
    if "\ufffd" in text:
        return "U+FFFD replacement characters"
    return "mojibake"


def measure_html_charset() -> dict:
    import html5lib
    import lxml.html
    from selectolax.lexbor import LexborHTMLParser

    from html_grid import decode_page
    out = {}
    for name, want in CHARSET_CASES.items():
        data = (FIX / "html" / name).read_bytes()
        row = {}
        try:
            row["selectolax bytes, encoding=True"] = charset_result(
                LexborHTMLParser(data, encoding=True).body.text(separator=""), want)
        except Exception as exc:  # noqa: BLE001 - measured behaviour
            row["selectolax bytes, encoding=True"] = f"error {type(exc).__name__}: {exc}"[:120]
        try:
            row["selectolax bytes (default)"] = charset_result(LexborHTMLParser(data).body.text(separator=""), want)
        except Exception as exc:  # noqa: BLE001
            row["selectolax bytes (default)"] = f"error {type(exc).__name__}: {exc}"[:120]
        row["lxml.html bytes"] = charset_result(lxml.html.document_fromstring(data).text_content(), want)
        row["html5lib bytes"] = charset_result(
            "".join(html5lib.parse(data, treebuilder="lxml").getroot().itertext()), want)
        text, how = decode_page(data)
        row["own decode (meta, strict, gb18030 fallback) + any parser"] = (
            charset_result(lxml.html.document_fromstring(text).text_content(), want) + f" ({how})")
        out[name] = row
    return out


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------

PDF_FILES = sorted((FIX / "pdf").glob("*.pdf"))


def text_pdfplumber(path: Path) -> int:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return sum(len(p.extract_text() or "") for p in pdf.pages)


def text_pdfminer(path: Path) -> int:
    from pdfminer.high_level import extract_text
    return len(extract_text(str(path)))


def text_pypdfium2(path: Path) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(path))
    n = 0
    for page in doc:
        tp = page.get_textpage()
        n += len(tp.get_text_range())
        tp.close()
        page.close()
    doc.close()
    return n


def text_pymupdf(path: Path) -> int:
    import pymupdf
    with pymupdf.open(path) as doc:
        return sum(len(p.get_text()) for p in doc)


def words_pdfplumber(path: Path) -> int:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return sum(len(p.extract_words()) + len(p.lines) + len(p.rects) for p in pdf.pages)


def tables_pdfplumber(path: Path) -> int:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return sum(len(t.extract()) for p in pdf.pages for t in p.find_tables())


def tables_pymupdf(path: Path) -> int:
    import pymupdf
    with pymupdf.open(path) as doc:
        return sum(len(t.extract()) for p in doc for t in p.find_tables())


def words_pymupdf(path: Path) -> int:
    import pymupdf
    with pymupdf.open(path) as doc:
        return sum(len(p.get_text("words")) + len(p.get_drawings()) for p in doc)


def chars_pypdfium2(path: Path) -> int:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    doc = pdfium.PdfDocument(str(path))
    n = 0
    for page in doc:
        tp = page.get_textpage()
        for i in range(tp.count_chars()):
            tp.get_charbox(i)
            n += 1
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH]):
            obj.get_bounds()
            n += 1
        tp.close()
        page.close()
    doc.close()
    return n


def measure_pdf(repeat: int) -> dict:
    import pypdfium2 as pdfium
    pages = sum(len(pdfium.PdfDocument(str(p))) for p in PDF_FILES)
    out = {"files": len(PDF_FILES), "pages": pages}
    jobs = {
        "text: pdfplumber extract_text": text_pdfplumber,
        "text: pdfminer.six extract_text": text_pdfminer,
        "text: pypdfium2 get_text_range": text_pypdfium2,
        "text: PyMuPDF get_text": text_pymupdf,
        "positions: pdfplumber words+lines+rects": words_pdfplumber,
        "positions: pypdfium2 charboxes+path objects": chars_pypdfium2,
        "positions: PyMuPDF words+drawings": words_pymupdf,
        "tables: pdfplumber find_tables+extract": tables_pdfplumber,
        "tables: PyMuPDF find_tables+extract": tables_pymupdf,
    }
    for name, fn in jobs.items():
        r = max(3, repeat // 2) if "pdfplumber" in name or "pdfminer" in name or "tables" in name else repeat
        wall, cpu = timed(lambda fn=fn: [fn(p) for p in PDF_FILES], r)
        out[name] = rates(pages, "pages", wall, cpu)
    return out


def expected_rows(base: str) -> list[list[str]]:
    """Table 三 data rows (7 numbers each) of a base, in order, from expected/<base>.json."""
    exp = json.loads((FIX / "expected" / f"{base}.json").read_text(encoding="utf-8"))
    rows: dict[str, list[str]] = {}
    cols = ["natural_person", "commercial", "research", "nonprofit", "legal_services", "other", "total"]
    for key, value in exp["raw"].items():
        if key.startswith("applications."):
            _, col, row = key.split(".", 2)
            rows.setdefault(row, [""] * 7)[cols.index(col)] = "" if value is None else str(value).strip()
    return list(rows.values())


LABEL_PREFIX = re.compile(r"^([一二三四]、|[（(][一二三四五六七][）)]|\d\.)")


def numeric_rows(grid_rows) -> list[tuple[list[str], bool]]:
    """Data rows of table 三 in a native extraction: label text, then 7 cells each a number or blank.

    Returns (the 7 values, whether the row's own label starts with its numbering intact).
    """
    out = []
    for row in grid_rows:
        cells = [("" if c is None else re.sub(r"\s+", "", str(c))) for c in row]
        tail, head = cells[-7:], cells[:-7]
        if len(cells) >= 8 and all(re.fullmatch(r"[\d.]*", c) for c in tail) and any(
                h and not re.fullmatch(r"[\d.]+", h) for h in head):
            label = [c for c in head if c][-1]
            out.append((tail, bool(LABEL_PREFIX.match(label))))
    return out


def table_quality() -> dict:
    """Native table extraction of each library on table 三 of every PDF: exact value rows / expected."""
    import pdfplumber
    import pymupdf

    from pdf_grid import pdf_to_markdown
    out = {}
    for path in PDF_FILES:
        base = path.name.split(".")[0]
        want = expected_rows(base)
        with pdfplumber.open(path) as pdf:
            plumber_rows = [r for p in pdf.pages for t in p.extract_tables() for r in t]
        with pymupdf.open(path) as doc:
            mupdf_rows = [r for p in doc for t in p.find_tables() for r in t.extract()]
        proto = [line.strip("|").split("|") for line in pdf_to_markdown(path).splitlines() if line.startswith("|")]
        result = {}
        for name, rows in (("pdfplumber extract_tables", plumber_rows), ("PyMuPDF find_tables", mupdf_rows),
                           ("prototype (pdfplumber + page joins)", proto)):
            got = numeric_rows(rows)
            exact = sum(1 for (g, _), w in zip(got, want, strict=False) if g == w)
            labels = sum(1 for _, ok in got if ok)
            result[name] = (f"values {exact}/{len(want)} rows" +
                            ("" if len(got) == len(want) else f" ({len(got)} rows found)") +
                            f", label numbering intact {labels}/{len(got)}")
        out[path.name] = result
    out["header grid, clean2023.pdf table 三 first fragment"] = header_grids(FIX / "pdf" / "clean2023.pdf")
    return out


def header_grids(path: Path) -> dict:
    import pdfplumber
    import pymupdf
    with pdfplumber.open(path) as pdf:
        plumber = next(t for p in pdf.pages for t in p.extract_tables() if t and "勾稽" in str(t[0][0]))
    with pymupdf.open(path) as doc:
        mupdf = next(t.extract() for p in doc for t in p.find_tables() if "勾稽" in str(t.extract()[0]))
    shorten = lambda rows: [[None if c is None else re.sub(r"\s+", "", c)[:6] for c in r] for r in rows[:3]]  # noqa: E731
    return {"pdfplumber": shorten(plumber), "PyMuPDF": shorten(mupdf)}


PDF_BAD = ["bad/encrypted_userpw.pdf", "bad/encrypted_ownerpw.pdf", "bad/truncated.pdf", "bad/scanned.pdf"]


def child_pdf_bad(lib: str, rel: str) -> dict:
    path = FIX / rel
    start = time.perf_counter()
    try:
        if lib == "pdfplumber":
            import pdfplumber
            with pdfplumber.open(path) as pdf:
                n = sum(len(p.extract_text() or "") for p in pdf.pages)
                pages = len(pdf.pages)
        elif lib == "pypdfium2":
            import pypdfium2 as pdfium
            doc = pdfium.PdfDocument(str(path))
            pages = len(doc)
            n = sum(len(p.get_textpage().get_text_range()) for p in doc)
        elif lib == "PyMuPDF":
            import pymupdf
            doc = pymupdf.open(path)
            if doc.needs_pass:
                return {"outcome": "opens; needs_pass=True, no pages readable without password",
                        "seconds": round(time.perf_counter() - start, 3)}
            pages = len(doc)
            n = sum(len(p.get_text()) for p in doc)
        else:
            raise SystemExit(lib)
        outcome = f"ok: {pages} pages, {n} characters of text"
    except Exception as exc:  # noqa: BLE001 - the behaviour is what we measure
        outcome = f"{type(exc).__module__}.{type(exc).__name__}: {str(exc)[:100]}"
    return {"outcome": outcome, "seconds": round(time.perf_counter() - start, 3)}


def measure_pdf_bad() -> dict:
    return {rel: {lib: child("pdf-bad", lib, rel, timeout=120) for lib in ("pdfplumber", "pypdfium2", "PyMuPDF")}
            for rel in PDF_BAD}


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------

DOCX_FILES = sorted((FIX / "docx").glob("*.docx"))


def read_python_docx(path: Path) -> int:
    import docx
    d = docx.Document(str(path))
    n = sum(len(p.text) for p in d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            n += sum(len(c.text) for c in row.cells)
    return n


def read_docx2python(path: Path) -> int:
    from docx2python import docx2python
    with docx2python(path) as result:
        return len(result.text)


def read_mammoth(path: Path) -> int:
    import mammoth
    with open(path, "rb") as fh:
        return len(mammoth.convert_to_html(fh).value)


def read_prototype(path: Path) -> int:
    from docx_grid import docx_to_markdown
    return len(docx_to_markdown(path))


def measure_docx(repeat: int) -> dict:
    out = {"files": len(DOCX_FILES)}
    for name, fn in (("python-docx (paragraphs + row.cells)", read_python_docx),
                     ("prototype (zip checks + lxml walk)", read_prototype),
                     ("docx2python", read_docx2python), ("mammoth (to HTML)", read_mammoth)):
        wall, cpu = timed(lambda fn=fn: [fn(p) for p in DOCX_FILES], max(3, repeat // 2))
        out[name] = rates(len(DOCX_FILES), "files", wall, cpu)
    out["features"] = docx_features(FIX / "docx" / "clean2023.styles.docx")
    return out


def docx_features(path: Path) -> dict:
    """What each library shows of the merged header, the w:sdt heading and the tracked change."""
    import docx
    import mammoth
    from docx2python import docx2python

    label_full = "4.保护第三方合法权益"
    res = {}
    d = docx.Document(str(path))
    t3 = d.tables[1]
    res["python-docx"] = {
        "row 0 via row.cells": [c.text[:6] for c in t3.rows[0].cells],
        "w:gridSpan of tc (0,0); w:vMerge of tc (0,0) and of the first tc of rows 1, 2": [
            t3._tbl.tr_lst[0].tc_lst[0].grid_span, t3._tbl.tr_lst[0].tc_lst[0].vMerge,
            t3._tbl.tr_lst[1].tc_lst[0].vMerge, t3._tbl.tr_lst[2].tc_lst[0].vMerge],
        "section 六 heading in Document.paragraphs": any("六、其他需要报告的事项" in p.text for p in d.paragraphs),
        "tracked label via cell.text": next(c.text for r in t3.rows for c in r.cells if c.text.startswith("4.保护")),
    }
    with docx2python(path) as result:
        body = result.body
        text = result.text
        t3_rows = next(tbl for tbl in body if len(tbl) > 20)
    res["docx2python"] = {
        "row 0": [("".join(cell))[:6] for cell in t3_rows[0]],
        "section 六 heading in text": "六、其他需要报告的事项" in text,
        "tracked label": next((m for m in re.findall(r"4\.保护[^\n\t]*", text)), None),
    }
    with open(path, "rb") as fh:
        html = mammoth.convert_to_html(fh).value
    first_table = html[html.index("<table>", html.index("勾稽") - 400):]
    first_row = first_table[: first_table.index("</tr>") + 5]
    res["mammoth"] = {
        "row 0 html": re.sub(r"<p>|</p>", "", first_row)[:200],
        "section 六 heading in html": "六、其他需要报告的事项" in html,
        "tracked label": next((m for m in re.findall(r"4\.保护[^<]*", html)), None),
    }
    res["correct tracked label"] = label_full
    return res


DOCX_BAD = ["bad/truncated.docx", "bad/zipbomb_bzip2.docx", "bad/zipbomb_declared.docx", "bad/entity_bomb.docx"]


def child_docx_bad(lib: str, rel: str) -> dict:
    path = FIX / rel
    start = time.perf_counter()
    try:
        if lib == "python-docx":
            import docx
            d = docx.Document(str(path))
            outcome = f"ok: {len(d.paragraphs)} paragraphs, {sum(len(p.text) for p in d.paragraphs)} chars"
        elif lib == "docx2python":
            from docx2python import docx2python
            with docx2python(path) as r:
                outcome = f"ok: {len(r.text)} chars"
        elif lib == "mammoth":
            import mammoth
            with open(path, "rb") as fh:
                outcome = f"ok: {len(mammoth.convert_to_html(fh).value)} chars of html"
        elif lib == "prototype":
            from docx_grid import docx_to_markdown
            outcome = f"ok: {len(docx_to_markdown(path))} chars"
        else:
            raise SystemExit(lib)
    except Exception as exc:  # noqa: BLE001 - the behaviour is what we measure
        outcome = f"{type(exc).__name__}: {str(exc)[:110]}"
    return {"outcome": outcome, "seconds": round(time.perf_counter() - start, 2), "peak_rss_mb": round(peak_mb())}


def measure_docx_bad() -> dict:
    return {rel: {lib: child("docx-bad", lib, rel, timeout=120)
                  for lib in ("python-docx", "docx2python", "mammoth", "prototype")} for rel in DOCX_BAD}


# ---------------------------------------------------------------------------
# gialint text throughput and install footprint
# ---------------------------------------------------------------------------


def measure_gialint(copies: int = 200, repeat: int = 3) -> dict:
    seed = REPO / "tests" / "fixtures" / "seeds" / "004_133a86a936eb75e3.txt"
    exe = Path(sys.executable).with_name("gialint")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(copies):
            (Path(tmp) / f"r{i:03d}.txt").write_bytes(seed.read_bytes())
        cmd = [str(exe), "check", "--isolated", "--no-cache", "--format", "json", tmp]
        walls, cpus = [], []
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, cwd=tmp)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    return {"seed": seed.name, "seed_bytes": seed.stat().st_size, "copies": copies,
            "reports_per_wall_s": round(copies / wall, 1), "reports_per_cpu_s": round(copies / cpu, 1),
            "wall_runs": [round(r, 2) for r in walls], "cpu_runs (all processes)": [round(c, 2) for c in cpus]}


FOOTPRINT = {
    "selectolax": ["selectolax"], "lxml": ["lxml"], "html5lib": ["html5lib", "six", "webencodings"],
    "pdfplumber": ["pdfplumber", "pdfminer", "pypdfium2", "PIL", "cryptography", "charset_normalizer"],
    "pypdfium2": ["pypdfium2", "pypdfium2_raw"],
    "PyMuPDF": ["pymupdf", "fitz", "pymupdf_layout", "pymupdf4llm", "onnxruntime", "numpy", "networkx", "tabulate"],
    "python-docx": ["docx", "lxml", "typing_extensions"],
    "docx2python": ["docx2python", "lxml", "paragraphs", "typing_extensions"],
    "mammoth": ["mammoth", "cobble"],
}


def measure_footprint() -> dict:
    import site
    sp = Path(site.getsitepackages()[0])

    def size(name: str) -> int:
        total = 0
        for p in sp.glob(name + "*"):
            if p.is_dir() and not p.name.endswith("-info"):
                total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
            elif p.is_file():
                total += p.stat().st_size
        libs = sp / (name + ".libs")
        if libs.exists():
            total += sum(f.stat().st_size for f in libs.rglob("*") if f.is_file())
        return total

    return {lib: round(sum(size(m) for m in mods) / 1e6, 1) for lib, mods in FOOTPRINT.items()}


WHEEL_CHECKS = {  # package==version -> Python versions to ask for (abi3 / py3 wheels cover the rest)
    "selectolax==1.0.2": ("3.10", "3.13"),
    "lxml==6.2.0": ("3.10", "3.13"),
    "pypdfium2==5.15.2": ("3.13",),
    "pymupdf==2.0": ("3.10", "3.13"),
}
# name -> the --platform tags pip is given (it does not expand a tag to older compatible ones)
WHEEL_PLATFORMS = {
    "linux x86_64 (glibc 2.28)": ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"),
    "macOS 14 arm64": ("macosx_14_0_arm64", "macosx_13_0_arm64", "macosx_11_0_arm64", "macosx_10_13_universal2",
                       "macosx_10_9_universal2"),
    "windows x86_64": ("win_amd64",),
}


def measure_wheels() -> dict:
    """Which binary wheel pip picks per platform/Python (one dry-run install each; downloads the wheel)."""
    out = {}
    for spec, pythons in WHEEL_CHECKS.items():
        for py in pythons:
            for plat, tags in WHEEL_PLATFORMS.items():
                with tempfile.TemporaryDirectory() as tmp:
                    report = Path(tmp) / "report.json"
                    platform_args = [arg for tag in tags for arg in ("--platform", tag)]
                    proc = subprocess.run(
                        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--no-deps",
                         "--only-binary=:all:", *platform_args, "--python-version", py, "--implementation",
                         "cp", "--target", str(Path(tmp) / "t"), "--report", str(report), "-q", spec],
                        capture_output=True, text=True)
                    if proc.returncode == 0:
                        items = json.loads(report.read_text())["install"]
                        got = items[0]["download_info"]["url"].rsplit("/", 1)[-1]
                    else:
                        got = "NO WHEEL"
                out[f"{spec} cp{py.replace('.', '')} {plat}"] = got
    return out


# ---------------------------------------------------------------------------


SECTIONS = {
    "html": lambda a: measure_html(a.repeat),
    "html-huge": lambda a: measure_html_huge(a.huge_html5lib),
    "html-broken": lambda a: measure_html_broken(),
    "html-charset": lambda a: measure_html_charset(),
    "pdf": lambda a: measure_pdf(a.repeat),
    "pdf-tables": lambda a: table_quality(),
    "pdf-bad": lambda a: measure_pdf_bad(),
    "docx": lambda a: measure_docx(a.repeat),
    "docx-bad": lambda a: measure_docx_bad(),
    "gialint": lambda a: measure_gialint(),
    "footprint": lambda a: measure_footprint(),
    "wheels": lambda a: measure_wheels(),  # asks the package index: not in the default run
}
DEFAULT_SECTIONS = [name for name in SECTIONS if name != "wheels"]
CHILDREN = {"html-huge": child_html_huge, "pdf-bad": child_pdf_bad, "docx-bad": child_docx_bad}


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version
    out = {}
    for dist in ("selectolax", "lxml", "html5lib", "pdfplumber", "pdfminer.six", "pypdfium2", "pymupdf",
                 "python-docx", "docx2python", "mammoth"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = None
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=sorted(SECTIONS))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--huge-html5lib", action="store_true",
                        help="also parse the 50 MB page with html5lib (about 15 minutes)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](*args.child[1:]), ensure_ascii=False))
        return 0
    figures = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                           "platform": platform.platform()}, "versions": versions()}
    for name in args.only or DEFAULT_SECTIONS:
        start = time.perf_counter()
        figures[name] = SECTIONS[name](args)
        print(f"[{name}: {time.perf_counter() - start:.0f} s]", file=sys.stderr)
    text = json.dumps(figures, ensure_ascii=False, indent=1)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
