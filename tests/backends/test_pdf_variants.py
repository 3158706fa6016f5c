"""Print and screen variants: what a prepress preflight and an archive check, on hand-built Documents.

Print: trim + bleed boxes, backgrounds and `bleed` shapes running into the bleed, crop marks
outside it in the registration colour, CMYK only (the brand's own values, else converted through
the FOGRA39 profile; pictures too), a FOGRA39 output intent, PDF/X-4 identification. Screen:
sRGB, an sRGB output intent, PDF/A-2u identification. Both: byte-identical for identical input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess
import uuid
from pathlib import Path

import msgspec
import pdfplumber
import pikepdf
import pytest
from PIL import Image as PILImage
from reportlab.pdfgen.canvas import Canvas

import pdf_rules
from zjlab_reports.backends.pdf import conformance, render_pdf
from zjlab_reports.backends.pdf.colour import CMYK_PROFILE, SRGB_PROFILE, cmyk_of
from zjlab_reports.backends.pdf.sheet import MARK_LENGTH, MARK_OFFSET_PAST_BLEED, MM
from zjlab_reports.document import (
    Color,
    Document,
    DocumentFonts,
    Image,
    Page,
    Paragraph,
    Shape,
    Tag,
    TextBox,
    TextStyle,
)
from zjlab_reports.fonts import Face

from .conftest import line

A5 = (420.0, 595.0)
NAVY = Color(0x0B, 0x2A, 0x55)
INK = Color(0x1C, 0x25, 0x33, cmyk=(0.4, 0.2, 0.0, 0.9))  # a brand CMYK value
BLUE = Color(0x1D, 0x5F, 0xB4)
BLEED = 3 * MM


@pytest.fixture(scope="module")
def document(faces: dict[str, Face], picture: Path) -> Document:
    sans = faces["sans"]
    style = TextStyle(12, 16, INK, latin=sans.face, east_asian=faces["cjk"].face)
    text = "Zhejiang Lab"
    box = TextBox(
        40.0, 60.0, 300.0, 20.0, (Paragraph(text, style, (line([(text, sans)], 12, 12),)),), tag=Tag("P")
    )
    cover = Page(
        *A5,
        (
            box,
            Shape("rect", 0.0, 450.0, A5[0], A5[1] - 450.0, fill=BLUE, bleed=True, name="band"),
            Shape("rect", 40.0, 100.0, 100.0, 40.0, fill=Color(255, 255, 255), stroke=BLUE, stroke_width=1.0),
            Image(40.0, 200.0, 160.0, 80.0, picture, alt="Logo", tag=Tag("Figure")),
        ),
        background=NAVY,
    )
    inner = Page(*A5, (msgspec.structs.replace(box, y=100.0),))
    return Document(
        kind="brochure",
        lang="en",
        title="Variants",
        author="Zhejiang Lab",
        subject="Print and screen",
        keywords=("print", "screen"),
        created=dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        pages=(cover, inner),
        fonts=DocumentFonts(sans.face, sans.face, faces["cjk"].face, faces["cjk"].face),
        palette={},
    )


@pytest.fixture(scope="module")
def printed(document: Document) -> bytes:
    return render_pdf(document, "print", marks=True)


@pytest.fixture(scope="module")
def unmarked(document: Document) -> bytes:
    return render_pdf(document, "print")


@pytest.fixture(scope="module")
def screen(document: Document) -> bytes:
    return render_pdf(document, "screen")


def _save(tmp_path: Path, data: bytes, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- print: boxes, bleed, marks -----------------------------------------------------------------


def test_print_boxes_nest_with_a_3_mm_bleed_around_the_trim(printed: bytes, unmarked: bytes) -> None:
    for data in (printed, unmarked):
        pdf = pdf_rules.open_pdf(data)
        assert pdf_rules.box_problems(pdf, BLEED) == []
        for page in pdf.pages:
            trim = pdf_rules.box(page, "/TrimBox")
            assert trim is not None
            assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx(A5, abs=0.01)
    plain, marked = pdf_rules.open_pdf(unmarked), pdf_rules.open_pdf(printed)
    media = pdf_rules.box(plain.pages[0], "/MediaBox")
    assert media == pytest.approx((0, 0, A5[0] + 2 * BLEED, A5[1] + 2 * BLEED), abs=0.01)
    slug = BLEED + MARK_OFFSET_PAST_BLEED + MARK_LENGTH
    media = pdf_rules.box(marked.pages[0], "/MediaBox")
    assert media is not None and media[2] - media[0] > A5[0] + 2 * slug


@pytest.mark.parametrize("bleed", [0.0, 5 * MM])
def test_the_bleed_follows_the_document(document: Document, bleed: float) -> None:
    """Any bleed, none included: a print file always declares its trim and bleed boxes."""
    data = render_pdf(msgspec.structs.replace(document, bleed=bleed), "print")
    assert pdf_rules.box_problems(pdf_rules.open_pdf(data), bleed) == []


def test_screen_pages_are_the_trim_and_nothing_else(screen: bytes) -> None:
    pdf = pdf_rules.open_pdf(screen)
    for page in pdf.pages:
        assert pdf_rules.box(page, "/MediaBox") == pytest.approx((0, 0, *A5))
        assert pdf_rules.box(page, "/TrimBox") is None and pdf_rules.box(page, "/BleedBox") is None


def _pixels(tmp_path: Path, data: bytes, dpi: int = 72) -> PILImage.Image:
    path = _save(tmp_path, data, "render.pdf")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "p")], check=True
    )
    (png,) = tmp_path.glob("p-*.png")
    return PILImage.open(png).convert("RGB")


def _dark(pixel: tuple[int, ...]) -> bool:
    return sum(pixel[:3]) < 3 * 128


def test_the_rendered_cover_runs_its_background_and_band_past_the_trim(
    unmarked: bytes, tmp_path: Path
) -> None:
    """pdftoppm renders the media: 1.5 mm outside the trim the navy background and the bled band
    still show; the band (blue) reaches the media edge below the trim."""
    picture = _pixels(tmp_path, unmarked, dpi=144)
    scale = 144 / 72
    outside = round(1.5 * MM * scale)
    width, height = picture.size
    assert _dark(picture.getpixel((outside, height // 3)))  # left of the trim, in the background
    assert _dark(picture.getpixel((width // 2, outside)))  # above the trim
    band = picture.getpixel((width // 2, height - outside))  # below the trim, in the band
    assert band[2] > band[0] + 40, band  # blue, not white paper


def test_crop_marks_lie_outside_the_bleed_in_the_registration_colour(printed: bytes) -> None:
    pdf = pdf_rules.open_pdf(printed)
    page = pdf.pages[0]
    space = page.obj.Resources.ColorSpace.CSRegistration
    assert [str(space[0]), str(space[1]), str(space[2])] == ["/Separation", "/All", "/DeviceCMYK"]
    bleed_box = pdf_rules.box(page, "/BleedBox")
    media = pdf_rules.box(page, "/MediaBox")
    assert bleed_box is not None and media is not None
    with pdfplumber.open(io.BytesIO(printed)) as opened:
        height = float(opened.pages[0].height)
        marks = [
            (ln["x0"], height - ln["bottom"], ln["x1"], height - ln["top"]) for ln in opened.pages[0].lines
        ]
    assert len(marks) == 8
    for x0, y0, x1, y1 in marks:
        assert pdf_rules.inside((x0, y0, x1, y1), media)
        assert x1 <= bleed_box[0] or x0 >= bleed_box[2] or y1 <= bleed_box[1] or y0 >= bleed_box[3]
    tags = [tag for tag, _ in pdf_rules.marked_sequences(page)]
    assert tags[-1] == "Artifact"


# --- print: colour ---------------------------------------------------------------------------------


def test_print_has_no_rgb_anywhere(printed: bytes, unmarked: bytes, screen: bytes) -> None:
    for data in (printed, unmarked):
        assert pdf_rules.rgb_problems(pdf_rules.open_pdf(data)) == []
    found = pdf_rules.rgb_problems(pdf_rules.open_pdf(screen))  # the check can fail
    assert (
        any("rg" in p for p in found) and any("image" in p for p in found) and any("ICC" in p for p in found)
    )


def test_brand_cmyk_is_painted_as_given_and_other_colours_are_converted(printed: bytes) -> None:
    pdf = pdf_rules.open_pdf(printed)
    operators = [(ops, op) for ops, op in pdf_rules.instructions(pdf.pages[0]) if op == "k"]
    values = [tuple(round(float(v), 3) for v in ops) for ops, _ in operators]
    assert (0.4, 0.2, 0.0, 0.9) in values  # INK's own value, not a conversion of #1C2533
    assert cmyk_of(NAVY.r, NAVY.g, NAVY.b) in values
    assert (0.0, 0.0, 0.0, 0.0) in values  # white is no ink


def test_conversion_through_the_profile_is_sane() -> None:
    assert cmyk_of(255, 255, 255) == (0, 0, 0, 0)
    black = cmyk_of(0, 0, 0)
    assert black[3] > 0.9 and sum(black) <= 3.3  # FOGRA39's 330 % total ink limit
    c, m, y, _ = cmyk_of(0x1D, 0x5F, 0xB4)  # a mid blue: mostly cyan and magenta
    assert c > m > y and c > 0.6


def test_print_pictures_are_cmyk_and_keep_their_transparency(printed: bytes, screen: bytes) -> None:
    pdf, other = pdf_rules.open_pdf(printed), pdf_rules.open_pdf(screen)
    (image,) = pdf.pages[0].get_images().values()
    assert image.ColorSpace == pikepdf.Name.DeviceCMYK and image.BitsPerComponent == 8
    assert "/SMask" in image and image.SMask.ColorSpace == pikepdf.Name.DeviceGray
    (original,) = other.pages[0].get_images().values()
    assert original.ColorSpace == pikepdf.Name.DeviceRGB


# --- output intents, XMP, identification ----------------------------------------------------------


def test_output_intents_embed_the_shipped_profiles(printed: bytes, screen: bytes) -> None:
    (cmyk,) = pdf_rules.output_intents(pdf_rules.open_pdf(printed))
    assert (cmyk.subtype, cmyk.identifier, cmyk.components) == ("/GTS_PDFX", "FOGRA39", 4)
    assert cmyk.profile == CMYK_PROFILE.data and (cmyk.device_class, cmyk.colour_space) == (b"prtr", b"CMYK")
    (rgb,) = pdf_rules.output_intents(pdf_rules.open_pdf(screen))
    assert (rgb.subtype, rgb.components) == ("/GTS_PDFA1", 3)
    assert rgb.profile == SRGB_PROFILE.data and (rgb.device_class, rgb.colour_space) == (b"mntr", b"RGB ")


def test_print_passes_the_pdfx4_rules(printed: bytes, unmarked: bytes) -> None:
    assert pdf_rules.pdfx4_problems(printed, BLEED) == []
    assert pdf_rules.pdfx4_problems(unmarked, BLEED) == []


def test_screen_passes_the_pdfa2u_rules(screen: bytes) -> None:
    assert pdf_rules.pdfa2_problems(screen) == []


def test_each_variant_fails_the_other_standards_rules(printed: bytes, screen: bytes) -> None:
    """The checks can fail: a print file is no PDF/A-2u file, a screen file no PDF/X-4 file."""
    assert any("pdfaid" in p for p in pdf_rules.pdfa2_problems(printed))
    screen_as_print = pdf_rules.pdfx4_problems(screen, BLEED)
    assert any("RGB" in p for p in screen_as_print) and any("TrimBox" in p for p in screen_as_print)


def test_xmp_names_the_claims_and_mirrors_the_info_dictionary(printed: bytes, screen: bytes) -> None:
    for data in (printed, screen):
        pdf = pdf_rules.open_pdf(data)
        root = pdf_rules.xmp(pdf)
        assert pdf_rules.xmp_text(root, "pdfuaid", "part") == "1"
        assert pdf_rules.xmp_text(root, "dc", "title") == "Variants"
        assert pdf_rules.xmp_text(root, "xmp", "CreateDate") == "2024-05-06T07:08:09+08:00"
        assert pdf_rules.info_xmp_problems(pdf) == []
        assert "/Metadata" in pdf.Root and "/Filter" not in pdf.Root.Metadata
    assert conformance("print") == ("PDF/X-4", "PDF/UA-1")
    assert conformance("screen") == ("PDF/A-2u", "PDF/UA-1")


def test_xmp_escapes_what_xml_would_misread(document: Document) -> None:
    odd = msgspec.structs.replace(document, title='R&D <"Lab"> — 之江', author="A & B")
    root = pdf_rules.xmp(pdf_rules.open_pdf(render_pdf(odd)))
    assert pdf_rules.xmp_text(root, "dc", "title") == 'R&D <"Lab"> — 之江'
    assert pdf_rules.xmp_text(root, "dc", "creator") == "A & B"


def test_every_shown_glyph_maps_to_unicode_and_fonts_are_embedded(printed: bytes, screen: bytes) -> None:
    for data in (printed, screen):
        assert pdf_rules.font_problems(pdf_rules.open_pdf(data)) == []


# --- both ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("variant", "marks"), [("screen", False), ("print", False), ("print", True)])
def test_identical_documents_give_identical_bytes(
    document: Document, variant: str, marks: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = render_pdf(document, variant, marks)  # type: ignore[arg-type]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert render_pdf(document, variant, marks) == first  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["printed", "unmarked", "screen"])
def test_qpdf_finds_no_errors(name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    path = _save(tmp_path, request.getfixturevalue(name))
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_crop_marks_are_for_print_only(document: Document) -> None:
    with pytest.raises(ValueError, match="crop marks belong to the print variant"):
        render_pdf(document, "screen", marks=True)


def test_an_unknown_variant_is_refused(document: Document) -> None:
    with pytest.raises(ValueError, match="no PDF variant 'web'"):
        render_pdf(document, "web")  # type: ignore[arg-type]


# --- pictures: crop and bleed -----------------------------------------------------------------------


def _placed(document: Document, image: Image, variant: str = "screen") -> tuple[dict, list[str]]:
    data = render_pdf(msgspec.structs.replace(document, pages=(Page(*A5, (image,)),)), variant)  # type: ignore[arg-type]
    with pdfplumber.open(io.BytesIO(data)) as opened:
        (placed,) = opened.pages[0].images
    pdf = pdf_rules.open_pdf(data)
    return dict(placed), [op for _, op in pdf_rules.instructions(pdf.pages[0])]


def test_a_cropped_picture_fills_its_box_and_is_clipped_to_it(document: Document, picture: Path) -> None:
    """40x20 px, a quarter cut off left and right: the 20x20 px middle fills the 100x100 box."""
    image = Image(
        100.0, 100.0, 100.0, 100.0, picture, alt="Logo", crop=(0.25, 0.0, 0.25, 0.0), tag=Tag("Figure")
    )
    placed, operators = _placed(document, image)
    assert (placed["x0"], placed["top"], placed["x1"], placed["bottom"]) == pytest.approx(
        (50, 100, 250, 200), abs=0.01
    )
    assert {"W", "W*"} & set(operators)  # clipped to the box


def test_an_uncropped_picture_is_not_clipped(document: Document, picture: Path) -> None:
    image = Image(100.0, 100.0, 100.0, 100.0, picture, alt="Logo", tag=Tag("Figure"))
    placed, operators = _placed(document, image)
    assert (placed["x0"], placed["top"], placed["x1"], placed["bottom"]) == pytest.approx(
        (100, 125, 200, 175), abs=0.01
    )
    assert not {"W", "W*"} & set(operators)


def test_a_bleeding_picture_covers_its_box_pushed_into_the_bleed(document: Document, picture: Path) -> None:
    """A picture at the top-left corner marked `bleed`: in print it starts 3 mm outside the trim."""
    image = Image(0.0, 0.0, 200.0, 100.0, picture, alt="Cover", bleed=True, tag=Tag("Figure"))
    data = render_pdf(msgspec.structs.replace(document, pages=(Page(*A5, (image,)),)), "print")
    with pdfplumber.open(io.BytesIO(data)) as opened:
        (placed,) = opened.pages[0].images
    assert placed["x0"] <= 0.01 and placed["top"] <= 0.01  # the media's corner: trim - bleed
    assert placed["x1"] >= BLEED + 200.0 - 0.01 and placed["bottom"] >= BLEED + 100.0 - 0.01


# --- the file: one pass, an ID derived from the content ------------------------------------------


@pytest.mark.parametrize(("variant", "marks"), [("screen", False), ("print", True)])
def test_the_id_is_the_digest_of_everything_before_the_metadata_written_last(
    document: Document, variant: str, marks: bool
) -> None:
    """The trailer's /ID is the MD5 of the bytes before the XMP packet, which names it as its
    DocumentID and is the last object in the file."""
    data = render_pdf(document, variant, marks)  # type: ignore[arg-type]
    pdf = pdf_rules.open_pdf(data)
    first, second = (bytes(part).hex() for part in pdf.trailer.ID)
    offsets = pdf_rules.xref_offsets(data)
    metadata = offsets[pdf.Root.Metadata.objgen[0]]
    assert metadata == max(offsets.values())
    assert first == second == hashlib.md5(data[:metadata], usedforsecurity=False).hexdigest()
    identifier = f"uuid:{uuid.UUID(first)}"
    assert pdf_rules.xmp_text(pdf_rules.xmp(pdf), "xmpMM", "DocumentID") == identifier


def test_a_line_moved_by_a_point_changes_the_id(document: Document) -> None:
    box = document.pages[1].items[0]
    moved = msgspec.structs.replace(document.pages[1], items=(msgspec.structs.replace(box, y=box.y + 1.0),))
    other = msgspec.structs.replace(document, pages=(document.pages[0], moved))
    ids = {bytes(pdf_rules.open_pdf(render_pdf(d)).trailer.ID[0]) for d in (document, other)}
    assert len(ids) == 2


def test_the_stream_rule_finds_reportlabs_own_framing() -> None:
    """ReportLab's writer puts `endstream` right after compressed data; the standards (and our
    rule, which every file above passes) ask for an end-of-line marker in between."""
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=1, invariant=1)
    canvas.drawString(10, 10, "x")
    canvas.save()
    problems = pdf_rules.stream_problems(out.getvalue(), pdf_rules.open_pdf(out.getvalue()))
    assert problems and "not followed by an EOL and endstream" in problems[0]
