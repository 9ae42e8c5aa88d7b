#!/usr/bin/env python3
"""Write the defect-recall corpus of issue 14 into a directory.

    python eval/defects/generate.py [OUT] [--seed N]

``OUT`` (default: a new temporary directory) receives ``reports/`` (one
file per copy: every base in every layout, clean, and once per planted
defect) and ``manifest.json`` (what was planted where, which rule codes
count as finding it, and what was left out and why).  The corpus is not
committed: it is regenerated on every run, and the same seed gives the same
bytes.  See eval/README.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import opencc  # noqa: E402
from layouts import BASES, Layout, all_layouts, parse_bases  # noqa: E402
from plant import CLASSES, PLANTERS, Skip, materialise  # noqa: E402
from plant_more import CLASSES_MORE, PLANTERS_MORE  # noqa: E402
from variants import variants  # noqa: E402

ALL_CLASSES = {**CLASSES, **CLASSES_MORE, "trad-label": CLASSES["label"]}
ALL_PLANTERS = {**PLANTERS, **PLANTERS_MORE}
# Layouts whose label copies are also written in traditional characters.
TRAD_LABEL_LAYOUTS = ("orig", "tab", "pipe")

# Findings this many lines from a planted place still count (run.py).
WINDOW = 3
# Copies per class and layout for the classes that sample their targets (a
# planter may make fewer).  Labels, dropped and swapped sections, stale
# templates and late dates plant every variant they have instead.
COPIES = 2


def _copy_name(layout: Layout, klass: str, index: int | None = None, variant: str = "") -> str:
    middle = ("clean" + (f"-{variant}" if variant else "")) if index is None else f"{klass}__{index}"
    return f"{layout.key}__{middle}{layout.ext}"


def generate(out: Path, seed: int = 1) -> dict:
    """Write the corpus into ``out`` and return the manifest."""
    reports = out / "reports"
    if reports.exists() and any(reports.iterdir()):
        # Old copies would be checked and scored with the new manifest.
        raise SystemExit(f"{reports} is not empty: give a new or empty directory")
    reports.mkdir(parents=True, exist_ok=True)
    bases, notes = parse_bases()
    manifest = {
        "seed": seed,
        "window": WINDOW,
        "classes": {k: list(v) for k, v in ALL_CLASSES.items()},
        "bases": [],
        "notes": notes,
        "clean": [],
        "copies": [],
        "skipped": [],
    }
    for base in bases:
        manifest["bases"].append({
            "base": base.name, "path": base.spec.path, "format": base.fmt, "year": base.year,
            "faithful": base.faithful, "problems": base.problems,
            "known": [{"rule": r, "text": t} for r, t in base.spec.known],
        })
        layouts, layout_notes = all_layouts(base)
        manifest["notes"] += layout_notes
        for layout in layouts:
            _write_layout(layout, reports, seed, manifest)
    return manifest


def _write_layout(layout: Layout, reports: Path, seed: int, manifest: dict) -> None:
    """The clean copy of ``layout`` and one copy per planted defect."""
    text, _, _ = materialise(layout, None)
    clean_text = text
    name = _copy_name(layout, "clean")
    (reports / name).write_text(text, encoding="utf-8")
    plain = name
    manifest["clean"].append({"file": name, "base": layout.base.name, "layout": layout.name, "variant": "clean",
                              "plain": plain})
    made, notes = variants(layout, text)
    manifest["notes"] += notes
    trad_clean = plain
    for variant, variant_text in made:
        name = _copy_name(layout, "clean", variant=variant)
        (reports / name).write_text(variant_text, encoding="utf-8")
        manifest["clean"].append({"file": name, "base": layout.base.name, "layout": layout.name, "variant": variant,
                                  "plain": plain})
        if variant == "trad":
            trad_clean = name
    for klass, planter in ALL_PLANTERS.items():
        rng = random.Random(f"{seed}:{layout.key}:{klass}")
        try:
            planted_list = planter(layout, rng, COPIES)
        except Skip as why:
            manifest["skipped"].append({"base": layout.base.name, "layout": layout.name, "class": klass,
                                        "reason": str(why)})
            continue
        for index, planted in enumerate(planted_list, 1):
            text, line, anchors = materialise(layout, planted)
            if line is None or not anchors:
                raise RuntimeError(f"{layout.key} {klass}: defect planted nowhere ({planted.description})")
            name = _copy_name(layout, klass, index)
            (reports / name).write_text(text, encoding="utf-8")
            entry = {
                "file": name, "base": layout.base.name, "layout": layout.name, "class": klass,
                "variant": planted.variant, "description": planted.description,
                "line": line, "anchors": anchors, "codes": list(ALL_CLASSES[klass]),
                "also_breaks": planted.also_breaks, "baseline": plain,
            }
            manifest["copies"].append(entry)
            if klass == "label" and layout.name in TRAD_LABEL_LAYOUTS:
                # The same misnaming in a traditional-character copy, unless
                # the two are one word there (祕 and 強 are the traditional
                # forms of 秘 and 强).
                trad = _s2t(text)
                if trad == _s2t(clean_text):
                    manifest["skipped"].append({"base": layout.base.name, "layout": layout.name, "class": "trad-label",
                                                "reason": f"no misnaming in traditional script: {planted.description}"})
                    continue
                name = _copy_name(layout, "trad-label", index)
                (reports / name).write_text(trad, encoding="utf-8")
                manifest["copies"].append({**entry, "file": name, "class": "trad-label",
                                           "codes": list(ALL_CLASSES["trad-label"]), "baseline": trad_clean})


_S2T = None


def _s2t(text: str) -> str:
    global _S2T
    if _S2T is None:
        _S2T = opencc.OpenCC("s2t")
    return _S2T.convert(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="output directory (default: a new temporary one)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="gialint-eval-"))
    manifest = generate(out, args.seed)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(manifest['clean'])} clean copies, {len(manifest['copies'])} defective copies "
          f"from {len(manifest['bases'])} bases ({len(BASES) - len(manifest['bases'])} duplicates) in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
