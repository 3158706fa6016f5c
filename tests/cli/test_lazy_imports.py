"""Commands import only what they use: `--help`, `list` and `validate` load no renderer, and a build
without decks never loads python-pptx. Checked in a fresh interpreter through `sys.modules`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

#: Runs the command line with the arguments given, then prints the top two levels of every
#: module imported (`fontTools.subset`, `pptx.chart`...) as JSON on the last line.
PROBE = """
import contextlib, io, json, sys
from zjlab_reports.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
print(json.dumps([code, sorted({".".join(name.split(".")[:2]) for name in sys.modules})]))
"""

RENDERERS = {"reportlab", "pptx", "lxml", "xlsxwriter"}
FONT_BUILDING = {"fontTools.subset", "fontTools.varLib", "fontTools.feaLib", "fontTools.cffLib"}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    cache = tmp_path_factory.mktemp("lazy-imports-cache")
    out = tmp_path_factory.mktemp("lazy-imports-out")

    def run(*argv: str) -> set[str]:
        env = {**os.environ, "ZJLAB_REPORTS_CACHE": str(cache)}
        command = [sys.executable, "-c", PROBE, "--project", str(REPO), *argv]
        command = [part.replace("OUT", str(out)) for part in command]
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
        code, modules = json.loads(done.stdout.splitlines()[-1])
        assert code == 0, done.stderr
        return set(modules)

    return run


def test_help_imports_no_model_and_no_renderer(run) -> None:
    modules = run("--help")
    assert "zjlab_reports.cli" in modules
    assert not {top.split(".")[0] for top in modules} & (RENDERERS | {"fontTools", "babel", "yaml"})
    assert "zjlab_reports.model" not in modules


def test_list_imports_no_renderer_and_no_font_code(run) -> None:
    modules = run("list")
    assert "zjlab_reports.model" in modules  # it does load the files
    assert not {top.split(".")[0] for top in modules} & (RENDERERS | {"fontTools", "babel"})


def test_list_with_a_stored_plan_imports_no_model(run) -> None:
    run("list", "--lang", "zh")  # loads the project and stores its plan
    modules = run("list", "--lang", "zh")
    assert "zjlab_reports.verdict_cache" in modules
    assert not {top.split(".")[0] for top in modules} & (RENDERERS | {"fontTools", "yaml"})
    assert "zjlab_reports.model" not in modules


def test_validate_imports_no_renderer_and_builds_no_font_when_cached(run) -> None:
    run("validate", "--no-cache")  # fills the font cache
    modules = run("validate", "--no-cache")
    assert "zjlab_reports.compose" in modules  # it does compose every layout
    assert not {top.split(".")[0] for top in modules} & RENDERERS
    assert not modules & FONT_BUILDING


def test_validate_with_a_stored_verdict_imports_no_model_and_no_font_code(run) -> None:
    run("validate")  # runs in full and stores its verdict
    modules = run("validate")
    assert "zjlab_reports.verdict_cache" in modules
    tops = {top.split(".")[0] for top in modules}
    assert not tops & (RENDERERS | {"fontTools", "babel", "yaml", "PIL"})
    assert "zjlab_reports.compose" not in modules
    assert "zjlab_reports.model" not in modules


def test_a_build_without_decks_never_imports_python_pptx(run) -> None:
    for jobs in ("1", "2"):
        modules = run(
            "build", "--layout", "brochure-a4", "--layout", "factsheet-letter", "-j", jobs, "--out", "OUT"
        )
        assert "reportlab" in modules
        assert not {top.split(".")[0] for top in modules} & {"pptx", "lxml", "xlsxwriter"}


def test_a_pdf_build_imports_neither_pikepdf_nor_the_network_stack(run) -> None:
    """ReportLab writes the finished file in one pass (pikepdf only reads PDFs in tests), and
    the XMP packet is escaped without `xml.sax.saxutils`, which imports urllib.request."""
    layouts = ("--layout", "brochure-a4", "--layout", "factsheet-letter")
    for variant in (("--for", "screen"), ("--for", "print", "--marks")):
        modules = run("build", *layouts, *variant, "-j", "1", "--out", "OUT")
        assert "reportlab" in modules and "zjlab_reports.backends" in modules
        assert "pikepdf" not in {top.split(".")[0] for top in modules}
        assert not modules & {"urllib.request", "http.client", "ssl", "xml.sax"}


def test_a_deck_build_imports_neither_python_pptx_nor_xlsxwriter(run, tmp_path: Path) -> None:
    """The deck is written with lxml from python-pptx's template files, charts and their
    workbooks included: python-pptx's object model and XlsxWriter are never loaded."""
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        modules = run("build", "--layout", "deck-16x9", "--lang", "en", "-j", jobs, "--out", str(out))
        tops = {top.split(".")[0] for top in modules}
        if jobs == "1":  # (with -j 2 one document is rendered by a renderer process: `ahead`)
            assert {"lxml", "reportlab"} <= tops  # the renderers did load (the check can fail)
        assert not tops & {"pptx", "xlsxwriter"}
        assert sorted(path.suffix for path in out.glob("*-en.*")) == [".pdf", ".pptx"]


def test_a_warm_pdf_build_loads_pillow_only_when_it_decodes(run) -> None:
    """ReportLab imports `PIL.Image` on import; the PDF backend registers it as a lazy module
    first, so a screen build whose pictures are all cached never loads Pillow's core. (A print
    build converts colours through Pillow's ImageCms, so it does load it.)"""
    layouts = ("--layout", "brochure-a4", "--layout", "factsheet-letter", "-j", "1")
    run("build", *layouts, "--for", "screen", "--out", "OUT")  # fills the picture and font caches
    modules = run("build", *layouts, "--for", "screen", "--out", "OUT")
    assert "reportlab" in modules and "PIL.Image" in modules  # bound by ReportLab, lazily
    assert "PIL._imaging" not in modules


def test_pillow_loads_on_first_use_after_the_pdf_backend_deferred_it() -> None:
    """The check above can fail: the deferred `PIL.Image` is Pillow's own module once used."""
    probe = (
        "import sys\n"
        "import zjlab_reports.backends.pdf\n"
        "from reportlab.lib import utils\n"
        "print('PIL._imaging' in sys.modules)\n"
        "from PIL import Image\n"
        "print(utils.Image is Image is sys.modules['PIL.Image'], Image.new('RGB', (2, 1)).size)\n"
        "print('PIL._imaging' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "(2,", "1)", "True"]


def test_msgspec_is_imported_without_typing_extensions(run) -> None:
    """msgspec takes `typing`'s hints where typing_extensions is missing; it is shown missing to
    msgspec's import (`zjlab_reports._import_msgspec`), whose `inspect` would cost every process."""
    build = ("build", "--layout", "brochure-a4", "--lang", "en", "-j", "2", "--out", "OUT")
    for argv in (("--help",), ("list",), build):
        modules = run(*argv)
        assert "msgspec" in modules
        assert not modules & {"typing_extensions", "inspect", "dataclasses"}, argv


def test_typing_extensions_imported_later_is_the_real_module() -> None:
    probe = (
        "import sys\n"
        "import zjlab_reports, msgspec\n"
        "print('typing_extensions' in sys.modules)\n"
        "import typing_extensions\n"
        "print(typing_extensions.__name__, hasattr(typing_extensions, 'Buffer'))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "typing_extensions", "True"]
