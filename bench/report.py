"""The report: the benchmark's results in; issue 13's targets checked, and tables on stdout, out."""

from __future__ import annotations

from typing import Any

__all__ = ["print_report", "targets"]

#: Typst's 100 brochures as issue 13 measured them, when the typst wheel is not installed.
TYPST_100_S = 1.19


def targets(results: dict[str, Any], batch: int) -> list[dict[str, Any]]:
    """Each target: what, the measured value, its limit, whether it holds, and whether it is
    judged (a row marked "[shown, not judged]" informs the one it stands beside: validate's
    target is judged on a warm run, which reports a stored verdict; the cold run is shown, and
    the run on an empty cache beside the empty-cache build's limit)."""
    whole, inproc, pages, runs = (results[k] for k in ("whole_process", "in_process", "per_page", "batch"))
    typst = whole.get("typst brochure", {}).get("median_s")
    brochure, deck = inproc["brochure-a4-en"], inproc["deck-16x9-en"]
    typst_batch = runs.get(f"typst {batch} brochures", {}).get("median_s", TYPST_100_S)
    rows = [
        ("one brochure, whole process (s)", whole["brochure"]["median_s"], 2 * typst if typst else 0.2),
        ("default build, warm (s)", whole["default build"]["median_s"], 0.6),
        ("default build, empty font cache (s)", whole["default build, empty cache"]["median_s"], 3.0),
        (
            "brochure in process / bare reportlab",
            (brochure["compose"] + brochure["pdf"]) / brochure["floor_pdf"],
            1.3,
        ),
        ("deck in process / bare python-pptx", (deck["compose"] + deck["pptx"]) / deck["floor_pptx"], 1.3),
        (f"{batch} brochures -j 2 (s) vs Typst", runs[f"{batch} brochures -j 2"]["median_s"], typst_batch),
        (
            f"{batch} brochure + deck pairs -j 2 (s)",
            runs[f"{batch} brochure + deck pairs -j 2"]["median_s"],
            3.0,
        ),
        ("validate, warm: a stored verdict (s)", whole["validate, warm (stored verdict)"]["median_s"], 0.25),
        (
            "validate, cold: loads and composes all (s) [shown, not judged]",
            whole["validate, cold (no stored verdict)"]["median_s"],
            0.25,
        ),
        (
            "validate, empty font cache: builds its fonts (s) [shown, not judged]",
            whole["validate, empty cache"]["median_s"],
            3.0,
        ),
        ("list (s)", whole["list"]["median_s"], 0.25),
        ("--help (s)", whole["--help"]["median_s"], 0.25),
        ("peak memory, default build (MB)", whole["default build"]["tree_mb"], 150.0),
        (
            f"memory flat: {batch} / 10 brochures -j 2",
            runs[f"{batch} brochures -j 2"]["tree_mb"] / runs["10 brochures -j 2"]["tree_mb"],
            1.25,
        ),
        ("linear: ms per page at 105 / at 10 pages", pages[105]["total"] / pages[10]["total"], 1.25),
        ("benchmark run (s)", results["bench_s"], 120.0),
    ]
    return [
        {
            "target": name,
            "value": value,
            "limit": limit,
            "ok": value <= limit,
            "judged": not _not_judged(name),
        }
        for name, value, limit in rows
    ]


def _not_judged(name: str) -> bool:
    """Rows shown beside the target they inform (the cold validate beside the warm one)."""
    return name.endswith("[shown, not judged]")


def print_report(results: dict[str, Any]) -> None:
    machine = results["machine"]
    print(
        f"machine: {machine['cores']} cores, Python {machine['python']}, load average "
        f"{machine['load_before'][0]:.2f} before, {machine['load_after'][0]:.2f} after; "
        f"Typst {'installed' if machine['typst'] else 'not installed'}"
    )
    _whole(results["whole_process"])
    _in_process(results["in_process"])
    _pages(results["per_page"])
    _batch(results["batch"])
    _targets(results["targets"])


def _table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, ["-" * w for w in widths], *rows]:
        print(
            "  "
            + "  ".join(
                str(cell).ljust(w) if i == 0 else str(cell).rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def _whole(rows: dict[str, Any]) -> None:
    typst = rows.get("typst brochure", {}).get("median_s")
    floor = rows.get("floor: bare reportlab brochure", {}).get("median_s")
    table = []
    for name, row in rows.items():
        ratio = ""
        if name == "brochure":
            ratio = " ".join(
                f"{row['median_s'] / ref:.1f}x {what}"
                for ref, what in ((floor, "floor"), (typst, "Typst"))
                if ref
            )
        noise = f"{row['min_s']:.2f}-{row['max_s']:.2f}"
        cpu = f"{row['cpu_s']:.3f}" if "cpu_s" in row else ""
        table.append([name, f"{row['median_s']:.3f}", noise, cpu, f"{row['tree_mb']:.0f}", ratio])
    _table(
        "whole process (median s of runs; min-max; median CPU s, workers included; peak MB of the tree)",
        ["", "s", "min-max", "cpu s", "MB", "ratio"],
        table,
    )


def _in_process(rows: dict[str, Any]) -> None:
    table = []
    for name, row in rows.items():
        ours_pdf = row["compose"] + row["pdf"]
        cells = [name, str(row["pages"]), f"{row['load']:.1f}", f"{row['compose']:.1f}", f"{row['pdf']:.1f}"]
        cells += [f"{row['floor_pdf']:.1f}", f"{ours_pdf / row['floor_pdf']:.2f}x"]
        if "pptx" in row:
            ours = row["compose"] + row["pptx"]
            cells += [f"{row['pptx']:.1f}", f"{row['floor_pptx']:.1f}", f"{ours / row['floor_pptx']:.2f}x"]
        else:
            cells += ["", "", ""]
        table.append(cells)
    header = ["", "pages", "load", "compose", "pdf", "floor", "ratio", "pptx", "floor", "ratio"]
    _table("in process (median ms; ratio: compose + render / floor)", header, table)


def _pages(rows: dict[int, Any]) -> None:
    table = [
        [f"{pages} pages", f"{r['compose']:.2f}", f"{r['pdf']:.2f}", f"{r['total']:.2f}"]
        for pages, r in rows.items()
    ]
    _table("cost per page (ms per page, in process)", ["", "compose", "pdf", "total"], table)


def _batch(rows: dict[str, Any]) -> None:
    table = []
    for name, row in rows.items():
        if name.startswith("typst in-process"):
            table.append([name, f"{row['median_s'] * 1000:.1f} ms", "", "", ""])
            continue
        cpu = f"{row['cpu_s']:.2f}" if "cpu_s" in row else ""
        table.append([name, f"{row['median_s']:.2f}", cpu, f"{row['tree_mb']:.0f}", f"{row['rss_mb']:.0f}"])
    _table(
        "batches (s; CPU s; peak MB of the tree and of its largest process)",
        ["", "s", "cpu s", "tree MB", "max MB"],
        table,
    )


def _targets(rows: list[dict[str, Any]]) -> None:
    table = [[r["target"], f"{r['value']:.3g}", f"<= {r['limit']:.3g}", _status(r)] for r in rows]
    _table("targets (issue 13)", ["", "value", "limit", ""], table)


def _status(row: dict[str, Any]) -> str:
    if not row["judged"]:
        return "(within)" if row["ok"] else "(over)"
    return "ok" if row["ok"] else "MISSED"
