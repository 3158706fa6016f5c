"""Fuzzing whole builds: random valid profiles and random layout geometry in; the build contract out.

The contract of `zjlab-reports build` for a valid profile: exit 0 with valid, complete files
(PDFs that pypdf and `qpdf --check` accept, PPTX files python-pptx opens, a manifest that
matches them) and a Document whose text all lies inside its boxes and pages; or exit 1 with
`file:line:col: error:` diagnostics and nothing written. Never a traceback, never another exit
code, never text clipped or pushed off the page without a word. With the shipped layouts a
profile inside the documented limits (README, Limits: text lengths, list sizes, characters the
brand fonts have, facts a chart compares in units of one kind) must build: exit 1 is accepted
only when every error names such a limit.

Inputs: profiles start from `data/zhejiang-lab.yaml` and get random texts (Latin, Chinese,
mixed, emoji, very long words, `{`/`}`/`[`/`]` that are not references or optional groups,
valid `{facts.x}` references),
numbers, dates, dropped optional fields and lists of every allowed size; layouts are the
shipped ones, small random ones with every block type, or shipped ones with nudged geometry.

Deterministic by default (`derandomize=True`, no example database, no shrinking; the same
examples run alone as in the whole suite: see conftest.py) and bounded for CI: the module
runs in about two minutes on two cores. For a deeper local run with random seeds and
shrinking to minimal examples: `ZJLAB_FUZZ_DEEP=1 .venv/bin/pytest tests/fuzz`.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import string
import subprocess
import tempfile
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from zjlab_reports.build import Selection, created_time, load_inputs, plan
from zjlab_reports.cli import main
from zjlab_reports.compose import compose
from zjlab_reports.compose.geometry import Box, frame_box
from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.document import Chart, Document, Item, TextBox
from zjlab_reports.model.common import Text
from zjlab_reports.model.layout import Frame, Layout, PageTemplate
from zjlab_reports.model.profile import Profile
from zjlab_reports.project import Project

# ---------------------------------------------------------------- inputs

ROOT = Path(__file__).resolve().parents[2]
BASE_PROFILE: dict[str, Any] = yaml.safe_load(
    (ROOT / "data" / "zhejiang-lab.yaml").read_text(encoding="utf-8")
)
SHIPPED_LAYOUTS = tuple(sorted(path.stem for path in (ROOT / "layouts").glob("*.yaml")))
_THEME = yaml.safe_load((ROOT / "themes" / "zhejiang-lab.yaml").read_text(encoding="utf-8"))
TEXT_ROLES = tuple(_THEME["typography"]["roles"])
COLOURS = ("primary", "secondary", "accent", "highlight", "surface", "muted", "on-primary", "#C0FFEE", "#abc")

_LATIN = string.ascii_letters + string.digits + "àáâäçèéêëîïñóôöùúûüÿßøåæœÀÉÖÜ"
_LATIN_PUNCT = ".,;:!?'\"()-/&%+#@*’“”–—…·©°±×"
_CJK_PUNCT = "，。、；：？！（）《》“”…·"
_NOT_REFERENCES = (
    *("{", "}", "{}", "{ }", "}{", "{1}", "{-x}", "{{", "}}", "{ name }", "{中文}", "a{b", "c}d"),
    *("[", "]", "[1]", "][", "[{", "\\", "{:}", "{|}"),
)
#: What a profile text reads as a reference (or the start of one): `{word}`, `{word|…`, `{word: …`.
_REFERENCE_LIKE = re.compile(r"\{([A-Za-z_.][A-Za-z0-9_.-]*)([}|:]?)")
_EMOJI = ("😀", "🚀", "🧪", "👩‍🔬", "🇨🇳", "❤️")
_REFERENCES = ("{facts.staff}", "{facts.area}", "{facts.horizon}", "{facts.construction_area}")
_BASE_FACTS = ("area", "construction_area", "staff", "staff_target", "development", "horizon")
_AREA_UNITS = ("hectare", "mu", "square-metre")
_UNITS = (*_AREA_UNITS, "person", "year")

_latin_word = st.text(st.sampled_from(_LATIN), min_size=1, max_size=12)
_chinese_run = st.text(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5) | st.sampled_from(_CJK_PUNCT),
    min_size=1,
    max_size=12,
)
_long_word = st.builds(
    lambda ch, n: ch * n, st.sampled_from(["m", "W", "i", "汉", "—", "1"]), st.integers(15, 400)
)
_number = st.one_of(st.integers(0, 10**9).map(str), st.decimals(0, 10**6, places=3).map(str))


def _flavours(verbose_one_in: int) -> st.SearchStrategy[dict[str, Any]]:
    """How a whole profile's texts look: one flavour per profile keeps emoji and giant words rare."""
    return st.fixed_dictionaries(
        {
            "script": st.sampled_from(["latin", "chinese", "mixed"]),
            "emoji": st.integers(0, 9).map(lambda n: n == 0),
            "long": st.integers(0, 5).map(lambda n: n == 0),
            "braces": st.booleans(),
            "newlines": st.integers(0, 5).map(lambda n: n == 0),
            # texts a third as long, except one profile in `verbose_one_in`
            "terse": st.integers(1, verbose_one_in).map(lambda n: n < verbose_one_in),
            "full_lists": st.integers(0, 2).map(lambda n: n == 0),  # lists of any allowed size
            "odd_units": st.integers(0, 7).map(lambda n: n == 0),  # facts in units charts cannot mix
        }
    )


def _pieces(flavour: dict[str, Any], prose: bool) -> st.SearchStrategy[str]:
    script = {
        "latin": [_latin_word, _latin_word, st.sampled_from(_LATIN_PUNCT)],
        "chinese": [_chinese_run, _chinese_run, st.sampled_from(_CJK_PUNCT)],
        "mixed": [_latin_word, _chinese_run, st.sampled_from(_LATIN_PUNCT + _CJK_PUNCT)],
    }[flavour["script"]]
    options: list[st.SearchStrategy[str]] = [*script, _number]
    if flavour["emoji"]:
        options.append(st.sampled_from(_EMOJI))
    if flavour["long"]:
        options.append(_long_word)
    if flavour["braces"]:
        options.append(st.sampled_from(_NOT_REFERENCES))
    if flavour["newlines"]:
        options.append(st.just("\n"))
    if prose:
        options.append(st.sampled_from(_REFERENCES))
    return st.one_of(options)


@st.composite
def _text(draw: st.DrawFn, flavour: dict[str, Any], max_pieces: int, prose: bool = False) -> str:
    """One text: 1 to `max_pieces` pieces, joined with or without spaces, trimmed, not empty."""
    if flavour["terse"]:
        max_pieces = max(1, max_pieces // 3)
    pieces = draw(st.lists(_pieces(flavour, prose), min_size=1, max_size=max_pieces))
    out = ""
    for piece in pieces:
        if piece in _REFERENCES:
            out += " " + piece + " "
            continue
        # a random piece next to a brace could form `{word}`: break such accidental references
        out += draw(st.sampled_from(["", " "])) + piece
        out = _REFERENCE_LIKE.sub(
            lambda m: m.group(0) if m.group(0) in _REFERENCES else "{ " + m.group(1) + " " + m.group(2), out
        )
    out = out.strip()[:2000].strip()
    return out or "x"


def _bilingual(
    draw: st.DrawFn, flavour: dict[str, Any], max_pieces: int, prose: bool = False
) -> dict[str, str]:
    return {"en": draw(_text(flavour, max_pieces, prose)), "zh": draw(_text(flavour, max_pieces, prose))}


_AMOUNTS = st.one_of(
    st.integers(0, 99_999),  # the sizes a key-figure callout is made for, most of the time
    st.integers(0, 99_999),
    st.decimals(0, 9_999, places=1).map(float),
    st.sampled_from([0, 1, 0.5, 5, 90.5, 1358, 3000, 10_000, 2_000_000, 1_000_000_000, 10**12, 999_999.999]),
    st.integers(0, 10**12),
    st.floats(0, 1e12, allow_nan=False, allow_infinity=False),
)
_QUALIFIERS = st.sampled_from([None, "about", "nearly", "over", "up-to"])
_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
_IDS = st.from_regex(r"[a-z][a-z0-9_-]{0,20}", fullmatch=True)


def _quantity(draw: st.DrawFn, unit: str) -> dict[str, Any]:
    quantity: dict[str, Any] = {"value": draw(_AMOUNTS), "unit": unit}
    qualifier = draw(_QUALIFIERS)
    if qualifier:
        quantity["qualifier"] = qualifier
    return quantity


def _fact(draw: st.DrawFn, flavour: dict[str, Any], key: str) -> dict[str, Any]:
    usual = _AREA_UNITS if "area" in key else ("year",) if key in ("development", "horizon") else ("person",)
    odd = flavour["odd_units"] and draw(st.integers(0, 2)) == 0
    unit = draw(st.sampled_from(_UNITS if odd else usual))
    fact = {"label": _bilingual(draw, flavour, 3), **_quantity(draw, unit)}
    if draw(st.booleans()):
        fact["also"] = _quantity(draw, draw(st.sampled_from(_UNITS)))
    return fact


def _count(
    draw: st.DrawFn, flavour: dict[str, Any], typical: tuple[int, int], allowed: tuple[int, int]
) -> int:
    """A list size: like the shipped profile's, or (`full_lists`) anything the schema allows."""
    return draw(st.integers(*(allowed if flavour["full_lists"] else typical)))


def _maybe(draw: st.DrawFn, value: Any, one_in: int) -> Any:
    """`value`, or None (the optional field is left out) about one time in `one_in`."""
    return None if draw(st.integers(1, one_in)) == one_in else value


@st.composite
def profiles(draw: st.DrawFn, drop_one_in: int = 8, verbose_one_in: int = 3) -> dict[str, Any]:
    """A valid profile as plain data (dates as `datetime.date`), ready for `yaml.safe_dump`.

    Each optional field is left out about one time in `drop_one_in`; about one profile in
    `verbose_one_in` has texts three times as long as the others (most overflow their frames).
    """
    flavour = draw(_flavours(verbose_one_in))
    p = copy.deepcopy(BASE_PROFILE)
    p["id"] = "fuzz"
    p["name"] = _bilingual(draw, flavour, 3)
    p["short_name"] = _bilingual(draw, flavour, 2)
    p["location"] = {
        "city": _bilingual(draw, flavour, 2),
        "country": _maybe(draw, _bilingual(draw, flavour, 2), drop_one_in),
        "description": _maybe(draw, _bilingual(draw, flavour, 5), drop_one_in),
    }
    p["founded"] = draw(_DATES)
    p["founders"] = [
        {
            "name": _bilingual(draw, flavour, 3),
            "description": _maybe(draw, _bilingual(draw, flavour, 2), drop_one_in),
        }
        for _ in range(_count(draw, flavour, (2, 3), (1, 12)))
    ]
    for key in ("standing", "achievements", "progress"):
        p[key] = _maybe(draw, _bilingual(draw, flavour, 8, prose=True), drop_one_in)
    for key, size in (("about", 12), ("vision", 6), ("international", 10)):
        p[key] = _bilingual(draw, flavour, size, prose=True)
    extra = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True).filter(lambda k: k not in _BASE_FACTS),
            max_size=3,
            unique=True,
        )
    )
    p["facts"] = {key: _fact(draw, flavour, key) for key in (*_BASE_FACTS, *extra)}
    fact_refs = st.sampled_from([f"facts.{key}" for key in p["facts"]])
    # unique ids without a filter: a random stem and the position
    ids = [f"{draw(_IDS)}-{i}" for i in range(_count(draw, flavour, (2, 6), (0, 12)))]
    p["focus_areas"] = [
        {
            "id": i,
            "name": _bilingual(draw, flavour, 3),
            "summary": _maybe(draw, _bilingual(draw, flavour, 6), drop_one_in),
        }
        for i in ids
    ]
    p["work"] = [
        _bilingual(draw, flavour, 6, prose=True) for _ in range(_count(draw, flavour, (0, 5), (0, 12)))
    ]
    p["mission"] = [
        _bilingual(draw, flavour, 6, prose=True) for _ in range(_count(draw, flavour, (1, 4), (1, 12)))
    ]
    p["milestones"] = [
        _milestone(draw, flavour, fact_refs) for _ in range(_count(draw, flavour, (0, 4), (0, 24)))
    ]
    p["goals"] = {
        "horizon": draw(fact_refs),
        "summary": _bilingual(draw, flavour, 10, prose=True),
        "strengthen": draw(st.lists(st.sampled_from(ids), max_size=len(ids))) if ids else [],
        "staff_target": draw(fact_refs),
        "centres": [
            _bilingual(draw, flavour, 6, prose=True) for _ in range(_count(draw, flavour, (1, 4), (1, 12)))
        ],
        "outlook": _maybe(draw, _bilingual(draw, flavour, 6, prose=True), drop_one_in),
    }
    return _without_none(p)


def _milestone(draw: st.DrawFn, flavour: dict[str, Any], fact_refs: st.SearchStrategy[str]) -> dict[str, Any]:
    when = draw(st.sampled_from(["date", "after", "ahead"]))
    return {
        when: draw(_DATES if when == "date" else fact_refs),
        "title": _bilingual(draw, flavour, 3, prose=True),
        "text": _bilingual(draw, flavour, 6, prose=True),
    }


def within_limits(node: Any, annotation: Any = Profile) -> Any:
    """The profile (plain data) with each text cut to the length its type allows (`Label`,
    `Title`, `Phrase`, `Sentence`, `Text`): what a profile inside the documented limits holds."""
    kind = _model(annotation)
    if isinstance(node, list):
        return [within_limits(item, typing.get_args(_container(annotation))[-1]) for item in node]
    if isinstance(node, dict) and _container(annotation) is dict:
        return {key: within_limits(value, typing.get_args(annotation)[-1]) for key, value in node.items()}
    if kind is not None and issubclass(kind, Text) and isinstance(node, dict):
        return {lang: _cut(text, _max_length(kind, lang)) for lang, text in node.items()}
    if kind is not None and isinstance(node, dict):
        hints = typing.get_type_hints(kind)
        fields = {f.encode_name: hints[f.name] for f in msgspec.structs.fields(kind)}
        return {k: within_limits(v, fields[k]) if k in fields else v for k, v in node.items()}
    return node


def _model(annotation: Any) -> type[msgspec.Struct] | None:
    found = [a for a in (annotation, *typing.get_args(annotation)) if isinstance(a, type)]
    return next((a for a in found if issubclass(a, msgspec.Struct)), None)


def _container(annotation: Any) -> Any:
    """`list[X]` or `dict[K, X]` itself, also inside `Optional[...]`; its origin for `dict`."""
    for a in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(a) is list:
            return a
        if typing.get_origin(a) is dict:
            return dict
    return None


def _max_length(kind: type[Text], lang: str) -> int:
    return dict(zip(("en", "zh"), kind.limits, strict=True))[lang]


def _cut(text: str, limit: int) -> str:
    """`text` at most `limit` characters long, not ending inside a `{reference}`."""
    cut = text[:limit].strip()
    if cut.rfind("{") > cut.rfind("}"):
        cut = cut[: cut.rfind("{")].strip()
    return cut or "x"


def _without_none(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_none(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_without_none(v) for v in node]
    return node


# ---------------------------------------------------------------- small random layouts


def _mm(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False).map(lambda v: round(v, 1))


_NAMED_SIZES = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "Letter": (215.9, 279.4),
    "16:9": (338.667, 190.5),
}
_PAGE_SIZES = st.one_of(
    st.sampled_from(["A4", "A5", "Letter", "16:9"]),
    st.fixed_dictionaries({"width": _mm(30, 600), "height": _mm(30, 600)}),
)
_TEXT_LISTS = ("work", "mission", "goals.centres", "founders", "focus_areas")


@st.composite
def _block(draw: st.DrawFn, kind: str, image: str) -> dict[str, Any]:
    roles = st.sampled_from(TEXT_ROLES)
    choice = draw(
        st.sampled_from(
            [
                "heading",
                "paragraph",
                "list",
                "items",
                "cards",
                "timeline",
                "figures",
                "chart",
                "band",
                "rule",
                "spacer",
                "image",
            ]
        )
    )
    facts = st.lists(st.sampled_from([f"facts.{k}" for k in _BASE_FACTS]), min_size=1, max_size=6)
    block: dict[str, Any] = {
        "heading": lambda: {
            "type": "heading",
            "text": draw(st.sampled_from(["{name}", "{short_name}", "Facts · 数据"])),
        },
        "paragraph": lambda: {
            "type": "paragraph",
            "text": draw(
                st.sampled_from(
                    [
                        "{about}",
                        "{vision}",
                        "{international}",
                        "{goals.summary}",
                        {"en": "Founded {founded}", "zh": "{founded}成立"},
                        "{name}: {focus_areas}",
                    ]
                )
            ),
        },
        "list": lambda: {
            "type": "list",
            "bind": draw(st.sampled_from(_TEXT_LISTS)),
            "bullet": draw(st.sampled_from(["•", "—", "1.", "中", "→"])),
        },
        "items": lambda: {
            "type": "list",
            "items": ["{name}", {"en": "In {location.city}", "zh": "位于{location.city}"}],
        },
        "cards": lambda: {
            "type": "cards",
            **draw(
                st.sampled_from(
                    [
                        {"bind": "focus_areas"},
                        {"bind": "focus_areas", "body": "summary", "fill": "primary", "accent": "highlight"},
                        {"bind": "mission", "title": "."},
                        {"bind": "goals.centres", "title": "."},
                        {"bind": "founders"},
                    ]
                )
            ),
            "columns": draw(st.integers(0, 6)),
            "min-width": draw(_mm(5, 120)),
            "number": draw(st.booleans()),
            **({"height": draw(_mm(5, 80))} if draw(st.booleans()) else {}),
        },
        "timeline": lambda: draw(
            st.sampled_from(
                [
                    {"type": "timeline"},
                    {
                        "type": "timeline",
                        "after": {"en": "{when} on", "zh": "{when}之后"},
                        "ahead": {"en": "By {when} from now", "zh": "{when}内"},
                        "title-style": "heading",
                    },
                ]
            )
        ),
        "figures": lambda: {"type": "figures", "facts": draw(facts), "columns": draw(st.integers(0, 6))},
        "chart": lambda: {
            "type": "chart",
            "kind": draw(st.sampled_from(["bar", "column"])),
            **draw(
                st.sampled_from(
                    [
                        {"facts": ["facts.staff", "facts.staff_target"]},
                        {"facts": ["facts.area", "facts.construction_area"], "unit": "hectare"},
                        {"facts": ["facts.construction_area", "facts.area"]},
                        {"facts": ["facts.horizon"]},
                        {
                            "facts": ["facts.development", "facts.horizon", "facts.staff"]
                        },  # mixed units: a diagnostic
                    ]
                )
            ),
            **({"height": draw(_mm(10, 120))} if draw(st.booleans()) else {}),
            **({"title": "{short_name}"} if draw(st.booleans()) else {}),
        },
        "band": lambda: {"type": "band", "fill": draw(st.sampled_from(COLOURS)), "radius": draw(_mm(0, 20))},
        "rule": lambda: {
            "type": "rule",
            "thickness": draw(st.floats(0.1, 20)),
            "color": draw(st.sampled_from(COLOURS)),
        },
        "spacer": lambda: {"type": "spacer", "height": draw(_mm(0.1, 30))},
        "image": lambda: {
            "type": "image",
            "src": image,
            "alt": "{name}",
            **({"height": draw(_mm(1, 100))} if draw(st.booleans()) else {}),
        },
    }[choice]()
    if choice in ("heading", "paragraph", "list", "items") and draw(st.booleans()):
        block["style"] = draw(roles)
    if choice in ("heading", "paragraph", "list", "items") and draw(st.integers(0, 3)) == 0:
        block["case"] = draw(st.sampled_from(["sentence", "upper"]))
    if choice in ("heading", "paragraph", "list", "items") and draw(st.integers(0, 2)) == 0:
        block["align"] = draw(st.sampled_from(["left", "center", "right"]))
    if choice in ("heading", "paragraph", "list", "items", "rule") and draw(st.integers(0, 3)) == 0:
        block["space-before"] = draw(_mm(0, 20))
    if kind == "deck" and choice in ("figures",):
        block.update({"number-style": "slide-figure", "label-style": "slide-label"})
    return block


@st.composite
def _frame(
    draw: st.DrawFn, name: str, kind: str, size: tuple[float, float], columns: int, image: str
) -> dict[str, Any]:
    """A frame: mostly roomy, now and then cramped (tiny, padded), now and then off the page."""
    width, height = size
    mode = draw(st.sampled_from(["roomy"] * 10 + ["cramped"] * 3 + ["wild"]))
    low, pad = (0.4, 5) if mode == "roomy" else (0.0, 15)
    frame: dict[str, Any] = {"name": name}
    if draw(st.booleans()):
        column = draw(st.integers(1, columns))
        span = draw(st.integers(1, columns - column + 1))
        frame.update(column=column, span=columns - column + 1 if mode == "roomy" else span)
    else:
        x = draw(st.floats(0, 0.95 - low)) * width
        frame.update(x=round(x, 1), width=round(max(draw(st.floats(low, 1)) * (width - x), 0.5), 1))
    y = draw(st.floats(0, 0.95 - low)) * height
    frame.update(y=round(y, 1), height=round(max(draw(st.floats(low, 1)) * (height - y), 0.5), 1))
    if mode == "wild":
        frame.update(y=draw(_mm(-50, 700)), height=draw(_mm(0.1, 800)))
    frame.update(
        padding=draw(_mm(0, pad)),
        gap=draw(_mm(0, 10)),
        valign=draw(st.sampled_from(["top", "middle", "bottom"])),
        fit={"policy": draw(st.sampled_from(["shrink", "shrink", "none"])), "min-size": draw(_mm(1, 14))},
        blocks=draw(st.lists(_block(kind, image), min_size=1, max_size=3 if mode == "cramped" else 2)),
    )
    if draw(st.integers(0, 4)) == 0:
        frame["bleed"] = True
    if draw(st.integers(0, 3)) == 0:
        frame["fill"] = draw(st.sampled_from(COLOURS))
    if kind == "deck" and draw(st.booleans()):
        frame["role"] = draw(st.sampled_from(["title", "subtitle", "body"]))
    return frame


@st.composite
def small_layouts(draw: st.DrawFn, image: str = "picture.png") -> dict[str, Any]:
    """A 1-3 page brochure or deck with random page size, margins, grid and frames of every block type."""
    kind = draw(st.sampled_from(["brochure", "deck"]))
    size = draw(_PAGE_SIZES)
    page_w, page_h = _NAMED_SIZES[size] if isinstance(size, str) else (size["width"], size["height"])
    margins = {
        side: draw(_mm(-5, 40) if draw(st.integers(0, 9)) == 0 else _mm(0, 30))
        for side in ("top", "right", "bottom", "left")
    }
    type_area = (
        max(page_w - margins["left"] - margins["right"], 1.0),
        max(page_h - margins["top"] - margins["bottom"], 1.0),
    )
    grid = {
        "columns": draw(st.integers(1, 24)),
        "gutter": draw(_mm(0, 20) if draw(st.integers(0, 4)) == 0 else _mm(0, 6)),
    }
    pages = []
    for p in range(draw(st.integers(1, 3))):
        frames = [
            draw(_frame(f"f{f}", kind, type_area, grid["columns"], image))
            for f in range(draw(st.integers(1, 4)))
        ]
        page: dict[str, Any] = {"name": f"p{p}", "frames": frames}
        if draw(st.booleans()):
            page["bookmark"] = {"en": "Page {name}", "zh": "第{short_name}页"}
        if kind == "deck" and draw(st.booleans()):
            page["notes"] = "{vision} {about}"
        if draw(st.integers(0, 3)) == 0:
            page["background"] = draw(st.sampled_from(COLOURS))
        pages.append(page)
    return {
        "id": "fuzz-layout",
        "kind": kind,
        "theme": "zhejiang-lab",
        "title": "{name}",
        "subject": "{short_name}",
        "size": size,
        "margins": margins,
        "grid": grid,
        "text-scale": draw(st.sampled_from([1, 1, 0.5, 1.5])),
        "pages": pages,
    }


# ---------------------------------------------------------------- perturbed shipped layouts


def _load_layout(name: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "layouts" / f"{name}.yaml").read_text(encoding="utf-8"))


@st.composite
def perturbed_layouts(draw: st.DrawFn) -> dict[str, Any]:
    """A shipped layout whose page size, margins, grid and some frames' geometry are nudged.

    Mostly gentle (a larger page, margins a few millimetres off, a quarter of the frames moved
    or resized) so that many builds succeed; now and then wild (any page size or grid).
    """
    layout = _load_layout(draw(st.sampled_from(SHIPPED_LAYOUTS)))
    width, height = (
        _NAMED_SIZES[layout["size"]] if isinstance(layout["size"], str) else layout["size"].values()
    )
    size = draw(st.sampled_from(["keep", "keep", "larger", "wild"]))
    if size == "larger":
        layout["size"] = {
            "width": round(width * draw(st.floats(1, 1.4)), 1),
            "height": round(height * draw(st.floats(1, 1.4)), 1),
        }
    elif size == "wild":
        layout["size"] = draw(_PAGE_SIZES)
    if draw(st.integers(0, 2)) == 0:
        margins = layout.get("margins", {})
        layout["margins"] = {
            side: round(max(margins.get(side, 15) + draw(st.floats(-6, 6)), 0), 1)
            for side in ("top", "right", "bottom", "left")
        }
    if draw(st.integers(0, 3)) == 0:
        wild = draw(st.integers(0, 2)) == 0
        layout["grid"] = {
            "columns": draw(st.integers(1, 24)) if wild else layout.get("grid", {}).get("columns", 12),
            "gutter": draw(_mm(0, 20 if wild else 8)),
        }
    for page in layout["pages"]:
        for frame in [*page["frames"], *([page["flow"]] if "flow" in page else [])]:
            if draw(st.integers(0, 3)) == 0:
                _nudge(draw, frame)
    return layout


def _nudge(draw: st.DrawFn, frame: dict[str, Any]) -> None:
    """Scale or shift one frame's (or flow's) geometry (position, size, grid placement, padding)."""
    for key in ("y", "height", "x", "width"):
        if isinstance(frame.get(key), (int, float)) and draw(st.booleans()):
            value = frame[key] * draw(st.floats(0.6, 1.4)) + draw(st.floats(-5, 5))
            frame[key] = round(max(value, 0.1 if key in ("height", "width") else -3), 1)
    if "column" in frame and draw(st.integers(0, 2)) == 0:
        frame["column"] = draw(st.integers(1, 12))
        frame["span"] = draw(st.integers(1, 13 - frame["column"]))
    if "blocks" in frame and draw(st.integers(0, 3)) == 0:
        frame["padding"] = draw(_mm(0, 12))


# ---------------------------------------------------------------- the contract

LOCK = ".zjlab-reports.lock"
DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: error: |^\S+: error: ")
#: The only warning a build that succeeds may print: text whose contrast cannot be measured.
WARNING = re.compile(r"^\S+:\d+:\d+: warning: text in frame '[^']*' lies over picture ")
FOLLOW_UP = re.compile(r"^  (hint: |\S+:\d+:\d+: note: |\S+: note: )")
SUMMARY = re.compile(r"^\d+ problems? found$")
EPSILON = 0.01  # points


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


def write_project(
    root: Path, profile: dict[str, Any], layouts: dict[str, dict[str, Any]], image: bytes | None = None
) -> Path:
    """A project folder under `root`: the shipped themes, `profile` and `layouts` (by id)."""
    shutil.copytree(ROOT / "themes", root / "themes")
    shutil.copytree(ROOT / "data" / "images", root / "data" / "images")  # the theme's logo
    (root / "layouts").mkdir()
    (root / "data" / "fuzz.yaml").write_text(_dump(profile), encoding="utf-8")
    for name, layout in layouts.items():
        (root / "layouts" / f"{name}.yaml").write_text(_dump(layout), encoding="utf-8")
    if image is not None:
        (root / "picture.png").write_bytes(image)
    return root


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def run_build(project: Path, out: Path, langs: tuple[str, ...]) -> Outcome:
    """`zjlab-reports --project PROJECT build --out OUT [--lang L]...`, in this process."""
    argv = ["--project", str(project), "build", "--out", str(out)]
    for lang in langs:
        argv += ["--lang", lang]
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(argv)
    return Outcome(code, stdout.getvalue(), stderr.getvalue())


def compose_all(project: Path, langs: tuple[str, ...]) -> list[tuple[Document, dict[str, list[Box]]]]:
    """Every Document the build makes, composed directly, with its frames' boxes page by page.

    Raises `DiagnosticError`.
    """
    selection = Selection(langs=langs)
    inputs = load_inputs(Project(project), selection)
    documents = []
    for profile, layout, lang in plan(inputs, selection):
        theme = inputs.themes[layout.layout.theme]
        document = compose(profile, layout, theme, lang, root=project, created=created_time())
        frames = {
            page.name: [_box(layout.layout, page, f) for f in page.frames] for page in layout.layout.pages
        }
        documents.append((document, frames))
    return documents


def _box(layout: Layout, page: PageTemplate, frame: Frame) -> Box:
    """A fixed frame's box; for a frame in the flow, the flow's."""
    if frame.flows:
        assert page.flow is not None
        return frame_box(layout, page.flow)
    return frame_box(layout, frame)


#: The errors that name a documented limit (README, Limits): with the shipped layouts, a build
#: may refuse a profile only for these.
DOCUMENTED_LIMITS = re.compile(r"the limit is [\d,]+|is in no font \(|does not convert to the chart's unit")


def check_build(project: Path, out: Path, langs: tuple[str, ...], *, shipped: bool = False) -> str:
    """Build, check the contract, return "ok" or "invalid" (for `hypothesis.event`).

    `shipped`: the layouts are the shipped ones, so a refusal must name a documented limit.
    """
    outcome = run_build(project, out, langs)
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.code in (0, 1), f"exit {outcome.code}, expected 0 or 1:\n{outcome.stderr}"
    if outcome.code == 1:
        check_diagnostics(outcome.stderr)
        if shipped:
            errors = [line for line in outcome.stderr.splitlines() if ": error: " in line]
            beyond = [line for line in errors if not DOCUMENTED_LIMITS.search(line)]
            assert beyond == [], "a profile inside the documented limits is refused:\n" + outcome.stderr
        assert _written(out) == [], f"a failed build left files: {_written(out)}"
        try:
            compose_all(project, langs)
        except DiagnosticError:
            return "invalid"
        raise AssertionError("the CLI reported problems, but every document composes")
    check_warnings(outcome.stderr)
    composed = compose_all(project, langs)
    none_given = any("None" in path.read_text(encoding="utf-8") for path in (project / "data").glob("*.yaml"))
    for document, frames in composed:
        problems = document_problems(document, frames, none_given=none_given)
        assert not problems, "\n".join(problems)
    check_output_folder(out, [document for document, _ in composed])
    return "ok"


def _written(out: Path) -> list[str]:
    if not out.exists():
        return []
    return sorted(p.name for p in out.iterdir() if p.name != LOCK)


def check_warnings(stderr: str) -> None:
    """A build that succeeded prints nothing but warnings about text over pictures."""
    lines = stderr.splitlines()
    if lines and SUMMARY.match(lines[-1]):
        lines = lines[:-1]
    for line in lines:
        assert WARNING.match(line) or FOLLOW_UP.match(line), f"printed on success: {line!r}\n{stderr}"


def check_diagnostics(stderr: str) -> None:
    """Each problem is `file:line:col: error: ...` (or `file: error: ...`), hints and notes indented."""
    lines = stderr.splitlines()
    if lines and SUMMARY.match(lines[-1]):
        lines = lines[:-1]
    assert lines, f"exit 1 without a diagnostic:\n{stderr}"
    assert DIAGNOSTIC.match(lines[0]), f"not a diagnostic: {lines[0]!r}\n{stderr}"
    for line in lines:
        good = DIAGNOSTIC.match(line) or WARNING.match(line) or FOLLOW_UP.match(line)
        assert good, f"not a diagnostic line: {line!r}\n{stderr}"


# ---------------------------------------------------------------- the Document


def _flatten(items: tuple[Item, ...]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        out.append(item)
        if isinstance(item, Chart):
            out += _flatten(item.drawing)
    return out


def document_problems(
    document: Document, frames: dict[str, list[Box]], *, none_given: bool = False
) -> list[str]:
    """Every item inside its page and inside a frame of its page; every text line inside its
    box's width; every text box tall enough for its lines.

    Also: every paragraph's lines hold all its text, and no text says `None` (a missing
    optional profile field printed as Python's None) unless `none_given` (a profile says it).
    """
    problems = []
    for number, page in enumerate(document.pages, 1):
        for item in _flatten(page.items):
            where = f"page {number}, {type(item).__name__} '{item.name}'"
            if (
                item.x < -EPSILON
                or item.y < -EPSILON
                or item.x + item.width > page.width + EPSILON
                or item.y + item.height > page.height + EPSILON
            ):
                problems.append(
                    f"{where} at ({item.x:.1f}, {item.y:.1f}) size {item.width:.1f} × "
                    f"{item.height:.1f} pt leaves the {page.width:.1f} × {page.height:.1f} pt page"
                )
            elif not any(_inside(item, frame) for frame in frames[page.name.removesuffix("-continued")]):
                problems.append(
                    f"{where} at ({item.x:.1f}, {item.y:.1f}) size {item.width:.1f} × "
                    f"{item.height:.1f} pt lies in none of the page's frames"
                )
            if item.width < -EPSILON or item.height < -EPSILON:
                problems.append(f"{where} has a negative size {item.width:.1f} × {item.height:.1f} pt")
            if isinstance(item, TextBox):
                problems += _text_box_problems(item, where, none_given)
        if "None" in page.notes and not none_given:
            problems.append(
                f"page {number}: 'None' in the speaker notes {page.notes!r} (a missing optional field?)"
            )
    for entry in document.outline:
        if not 0 <= entry.page < len(document.pages):
            problems.append(f"bookmark '{entry.title}' points at page {entry.page}")
    return problems


def _inside(item: Item, box: Box) -> bool:
    return (
        item.x >= box.x - EPSILON
        and item.y >= box.y - EPSILON
        and item.x + item.width <= box.right + EPSILON
        and item.y + item.height <= box.bottom + EPSILON
    )


def _text_box_problems(box: TextBox, where: str, none_given: bool) -> list[str]:
    problems = []
    needed = sum(p.space_before + len(p.lines) * p.style.leading for p in box.paragraphs)
    if needed > box.height + EPSILON:
        problems.append(f"{where}: {needed:.1f} pt of lines in a {box.height:.1f} pt tall box (text clipped)")
    for paragraph in box.paragraphs:
        for line in paragraph.lines:
            right = max((run.x + run.width for run in line.runs), default=0.0)
            left = min((run.x for run in line.runs), default=0.0)
            if right > box.width + EPSILON or left < -EPSILON:
                problems.append(
                    f"{where}: line {line.text!r} spans {left:.1f}–{right:.1f} pt "
                    f"in a {box.width:.1f} pt wide box (text clipped)"
                )
        shown = re.sub(r"\s", "", "".join(line.text for line in paragraph.lines))
        if shown != re.sub(r"\s", "", paragraph.text):
            problems.append(f"{where}: lines {shown!r} do not hold the paragraph {paragraph.text!r}")
        if "None" in paragraph.text and not none_given:
            problems.append(f"{where}: 'None' in the text {paragraph.text!r} (a missing optional field?)")
    return problems


# ---------------------------------------------------------------- the files


def check_output_folder(out: Path, documents: list[Document]) -> None:
    """The manifest lists exactly the files written, with their sha256, size and page count,
    and each file reopens: PDFs with pypdf and `qpdf --check`, decks with python-pptx."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest["artifacts"]
    expected = sum(2 if d.kind == "deck" else 1 for d in documents)
    assert len(entries) == expected, f"{len(entries)} artifacts for {len(documents)} documents"
    assert sorted(_written(out)) == sorted([e["path"] for e in entries] + ["manifest.json"])
    pages = sorted(len(d.pages) for d in documents for _ in range(2 if d.kind == "deck" else 1))
    assert sorted(e["pages"] for e in entries) == pages
    for entry in entries:
        data = (out / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data), entry
        if entry["format"] == "pdf":
            assert len(PdfReader(io.BytesIO(data)).pages) == entry["pages"], entry
            qpdf = subprocess.run(
                ["qpdf", "--check", str(out / entry["path"])], capture_output=True, text=True
            )
            assert qpdf.returncode == 0, f"qpdf --check {entry['path']}:\n{qpdf.stdout}{qpdf.stderr}"
        else:
            deck = Presentation(io.BytesIO(data))
            assert len(deck.slides) == entry["pages"], entry
            for slide in deck.slides:
                for shape in slide.shapes:
                    if shape.has_text_frame:
                        assert isinstance(shape.text_frame.text, str)


# ---------------------------------------------------------------- tests

DEEP = os.environ.get("ZJLAB_FUZZ_DEEP") == "1"
LANGS = st.sampled_from([("en",), ("zh",), ()])  # () builds both languages


def fuzz_settings(examples: int) -> settings:
    """`examples` deterministic examples in CI; ten times as many, random and shrunk, when DEEP."""
    phases = [Phase.explicit, Phase.reuse, Phase.generate]
    return settings(
        max_examples=examples * (10 if DEEP else 1),
        deadline=None,
        derandomize=not DEEP,
        database=None,
        phases=[*phases, Phase.shrink] if DEEP else phases,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=DEEP,
    )


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (29, 95, 180)).save(buffer, format="PNG")
    return buffer.getvalue()


def _build_and_check(
    profile: dict[str, Any],
    layouts: dict[str, dict[str, Any]],
    langs: tuple[str, ...],
    image: bytes | None = None,
    *,
    shipped: bool = False,
) -> str:
    with tempfile.TemporaryDirectory(prefix="zjlab-fuzz-") as tmp:
        project = write_project(Path(tmp) / "project", profile, layouts, image)
        result = check_build(project, Path(tmp) / "out", langs, shipped=shipped)
    event(result)
    return result


@fuzz_settings(examples=25)
@given(
    profile=profiles(drop_one_in=40, verbose_one_in=6),
    layout=st.sampled_from(SHIPPED_LAYOUTS),
    langs=LANGS,
    cut=st.integers(0, 3).map(lambda n: n > 0),
)
def test_random_profiles_in_shipped_layouts(
    profile: dict[str, Any], layout: str, langs: tuple[str, ...], cut: bool
) -> None:
    """A profile inside the documented limits (three times in four its texts are cut to their
    limits) builds with a shipped layout; one beyond them is refused only naming a limit."""
    _build_and_check(
        within_limits(profile) if cut else profile, {layout: _load_layout(layout)}, langs, shipped=True
    )


@fuzz_settings(examples=40)
@given(
    profile=profiles(),
    layout=small_layouts(),
    langs=LANGS,
    picture=st.tuples(st.integers(1, 400), st.integers(1, 400)),
)
def test_random_profiles_in_random_layouts(
    profile: dict[str, Any], layout: dict[str, Any], langs: tuple[str, ...], picture: tuple[int, int]
) -> None:
    _build_and_check(profile, {"fuzz-layout": layout}, langs, _png(*picture))


@fuzz_settings(examples=50)
@given(layout=perturbed_layouts(), langs=LANGS)
def test_shipped_profile_in_perturbed_layouts(layout: dict[str, Any], langs: tuple[str, ...]) -> None:
    # the shipped profile's characters are fixed, so fonts come from the in-process memo: cheap
    _build_and_check(BASE_PROFILE, {layout["id"]: layout}, langs)


def test_shipped_project_meets_the_contract(tmp_path: Path) -> None:
    """The baseline every fuzzed input is a variation of: the shipped profile in every shipped layout."""
    layouts = {name: _load_layout(name) for name in SHIPPED_LAYOUTS}
    project = write_project(tmp_path / "project", BASE_PROFILE, layouts)
    assert check_build(project, tmp_path / "out", (), shipped=True) == "ok"


# ---------------------------------------------------------------- pinned examples
#
# Small inputs the fuzzers found (or that sit at the edges they probe), kept as plain tests so
# each failure names its cause. Each must meet the same contract as the random ones.


def _frame_layout(frame: dict[str, Any], blocks: list[dict[str, Any]], **layout: Any) -> dict[str, Any]:
    """A one-page A5 brochure with one frame."""
    return {
        "id": "pinned",
        "kind": "brochure",
        "theme": "zhejiang-lab",
        "title": "{name}",
        "subject": "{name}",
        "size": "A5",
        **layout,
        "pages": [
            {"name": "page", "frames": [{"name": "frame", "y": 0, "height": 60, **frame, "blocks": blocks}]}
        ],
    }


_TEXT = [{"type": "paragraph", "text": "{name}"}]
_MANY_MILESTONES = {**BASE_PROFILE, "milestones": (BASE_PROFILE["milestones"] * 8)[:24]}
PINNED_LAYOUTS = {
    "padding-wider-than-frame": (BASE_PROFILE, _frame_layout({"x": 0, "width": 10, "padding": 6}, _TEXT)),
    "bullet-wider-than-frame": (
        BASE_PROFILE,
        _frame_layout({"x": 0, "width": 2}, [{"type": "list", "bind": "work", "bullet": "——"}]),
    ),
    "glyph-wider-than-frame": (BASE_PROFILE, _frame_layout({"x": 0, "width": 1}, _TEXT)),
    "24-milestones-in-a-timeline": (
        _MANY_MILESTONES,
        _frame_layout({"x": 0, "width": 100, "height": 150}, [{"type": "timeline"}]),
    ),
    "cards-in-a-narrow-frame": (
        BASE_PROFILE,
        _frame_layout({"x": 0, "width": 5, "height": 150}, [{"type": "cards", "bind": "focus_areas"}]),
    ),
    "bar-chart-in-a-narrow-frame": (
        BASE_PROFILE,
        _frame_layout(
            {"x": 0, "width": 3, "height": 150},
            [{"type": "chart", "kind": "bar", "facts": ["facts.staff", "facts.staff_target"]}],
        ),
    ),
    "figures-in-a-narrow-frame": (
        BASE_PROFILE,
        _frame_layout(
            {"x": 0, "width": 3, "height": 150}, [{"type": "figures", "facts": ["facts.staff", "facts.area"]}]
        ),
    ),
    "metadata-longer-than-255-characters": (
        {
            **BASE_PROFILE,
            "focus_areas": [
                {"id": f"area-{i}", "name": {"en": f"research area number {i:02d}", "zh": f"研究方向{i:02d}"}}
                for i in range(12)
            ],
            "goals": {**BASE_PROFILE["goals"], "strengthen": []},
        },
        _frame_layout({"x": 0, "width": 200, "height": 40}, _TEXT, kind="deck", size="16:9"),
    ),
    "bar-chart-labels-wider-than-their-column": (
        BASE_PROFILE,
        _frame_layout(
            {"x": 0, "width": 20, "height": 150},
            [
                {
                    "type": "chart",
                    "kind": "bar",
                    "unit": "hectare",
                    "facts": ["facts.area", "facts.construction_area"],
                }
            ],
        ),
    ),
    "figure-accent-bar-wider-than-its-cell": (
        BASE_PROFILE,
        _frame_layout(
            {"x": 17, "width": 13, "height": 12, "fit": {"min-size": 1}},
            [{"type": "figures", "facts": ["facts.development", "facts.horizon"]}],
            size={"width": 30, "height": 30},
            margins={"top": 0, "right": 0, "bottom": 0, "left": 0},
        ),
    ),
    "bar-chart-values-beyond-the-frame": (
        BASE_PROFILE,
        _frame_layout(
            {"x": 88, "width": 60, "height": 60},
            [
                {
                    "type": "chart",
                    "kind": "bar",
                    "unit": "hectare",
                    "facts": ["facts.area", "facts.construction_area"],
                }
            ],
            margins={"top": 0, "right": 0, "bottom": 0, "left": 0},
        ),
    ),
    "margins-wider-than-the-page": (
        BASE_PROFILE,
        _frame_layout(
            {"column": 1, "span": 12, "height": 150},
            [{"type": "list", "bind": "work"}],
            size={"width": 30, "height": 176},
            margins={"left": 20, "right": 20},
        ),
    ),
    "gutters-wider-than-the-page": (
        BASE_PROFILE,
        _frame_layout({"column": 2, "span": 1}, _TEXT, grid={"columns": 24, "gutter": 20}),
    ),
}


@pytest.mark.parametrize("case", sorted(PINNED_LAYOUTS))
def test_pinned_layouts(case: str, tmp_path: Path) -> None:
    profile, layout = PINNED_LAYOUTS[case]
    project = write_project(tmp_path / "project", profile, {"pinned": layout})
    check_build(project, tmp_path / "out", ())


def test_shipped_deck_with_a_long_area_value(tmp_path: Path) -> None:
    """`nearly 12,345.6 ha (185,184 mu)`: the campus bar chart's value label must stay in its frame."""
    area = {
        **BASE_PROFILE["facts"]["area"],
        "value": 12345.6,
        "qualifier": "nearly",
        "also": {"value": 185184, "unit": "mu"},
    }
    profile = {**BASE_PROFILE, "facts": {**BASE_PROFILE["facts"], "area": area}}
    project = write_project(tmp_path / "project", profile, {"deck-16x9": _load_layout("deck-16x9")})
    assert check_build(project, tmp_path / "out", ("en",), shipped=True) == "ok"


def _without(*paths: tuple[Any, ...]) -> dict[str, Any]:
    profile = copy.deepcopy(BASE_PROFILE)
    for path in paths:
        node = profile
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]
    return profile


OPTIONAL_FIELDS = {
    "standing": [("standing",)],
    "achievements": [("achievements",)],
    "progress": [("progress",)],
    "goals.outlook": [("goals", "outlook")],
    "location.country": [("location", "country")],
    "location.description": [("location", "description")],
    "founders.0.description": [("founders", 0, "description")],
    "every optional field": [
        ("standing",),
        ("achievements",),
        ("progress",),
        ("goals", "outlook"),
        ("location", "country"),
        ("location", "description"),
        ("founders", 0, "description"),
    ],
}


@pytest.mark.parametrize("field", sorted(OPTIONAL_FIELDS))
@pytest.mark.parametrize("layout", SHIPPED_LAYOUTS)
def test_shipped_layouts_without_optional_field(field: str, layout: str, tmp_path: Path) -> None:
    """A profile without an optional field builds, without printing 'None': layouts put the words
    that need an optional field in an optional group (`[... {standing}]`), left out with it."""
    project = write_project(
        tmp_path / "project", _without(*OPTIONAL_FIELDS[field]), {layout: _load_layout(layout)}
    )
    assert check_build(project, tmp_path / "out", (), shipped=True) == "ok"


@pytest.mark.parametrize("field", ["vision", "standing"])
def test_a_missing_glyph_is_reported_at_the_profile_field(field: str, tmp_path: Path) -> None:
    """Emoji have no glyph in the brand fonts: the error points at the profile line that holds one.

    `vision` is shown on its own (`{vision}`); `standing` only inside layout sentences
    ("Today it has become {standing}."), which must not hide where the character came from.
    """
    profile = {**BASE_PROFILE, field: {"en": "a top 🚀 institute", "zh": "顶尖🚀机构"}}
    project = write_project(tmp_path / "project", profile, {"brochure-a4": _load_layout("brochure-a4")})
    assert check_build(project, tmp_path / "out", ("en",)) == "invalid"
    errors = [
        line
        for line in run_build(project, tmp_path / "out", ("en",)).stderr.splitlines()
        if "U+1F680" in line
    ]
    assert errors
    for line in errors:
        assert line.startswith(str(project / "data" / "fuzz.yaml") + ":"), line
        assert f"'{field}'" in line, line


def test_braces_that_are_not_references_are_shown_verbatim(tmp_path: Path) -> None:
    vision = "A {} B { } C }{ D {1} E {-x} F {中文} G {{ H }}"
    profile = {**BASE_PROFILE, "vision": {"en": vision, "zh": vision}}
    project = write_project(tmp_path / "project", profile, {"deck-16x9": _load_layout("deck-16x9")})
    assert check_build(project, tmp_path / "out", ()) == "ok"
    for document, frames in compose_all(project, ()):
        texts = [
            p.text for page in document.pages for item in page.items for p in getattr(item, "paragraphs", ())
        ]
        assert vision in texts, texts
        assert not document_problems(document, frames)
