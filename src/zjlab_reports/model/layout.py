"""The layout language: page templates made of named frames that hold blocks bound to the profile.

Lengths are millimetres. A frame is placed on the layout's column grid (`column`, `span`) or
by `x`/`width`, and by `y`/`height`, all measured from the top-left corner of the type area
(inside the margins); `bleed: true` measures from the page corner instead. A page template's
`flow` is a region placed the same way whose frames stack down it, each as tall as its
content, and continue on continuation pages when the region is full. Blocks name the
profile field they show by path (`facts.staff`, `focus_areas`) or carry a text template
whose `{path}` references are filled from the profile.
"""

# No `from __future__ import annotations` here: pydantic would compile and evaluate each
# field's annotation string again for every class that has the field (start-up time).
from typing import Annotated, Literal, Self

from pydantic import Field, field_validator, model_validator

from .common import Closed, Name, Text

__all__ = [
    "Block",
    "Flow",
    "Frame",
    "Layout",
    "PageSize",
    "PageTemplate",
]

Mm = Annotated[float, Field(ge=-1000, le=2000, description="millimetres")]
Positive = Annotated[float, Field(gt=0, le=2000, description="millimetres")]
Path_ = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_.-]*$", max_length=200)]

#: A text for the reader: the same in both languages, or per language; `{path}` is filled in.
Template = str | Text


class _Block(Closed):
    style: Name | None = Field(
        None, description="a typography role of the theme; None: the theme's for this block"
    )
    color: str | None = Field(None, description="overrides the role's colour")
    align: Literal["left", "center", "right"] | None = None
    space_before: float = Field(0, alias="space-before", ge=0, le=200, description="millimetres")
    case: Literal["sentence", "upper"] | None = Field(
        None, description="English only: capitalise the first letter ('sentence') or all ('upper')"
    )


class Heading(_Block):
    """A heading: its `level` (1-6) is its rank in the document's outline of headings.

    None: 1 in a frame with `role: title`, else 2. Levels never skip (an H3 needs an H2 before).
    """

    type: Literal["heading"]
    text: Template
    level: int | None = Field(None, ge=1, le=6)


class Paragraph(_Block):
    type: Literal["paragraph"]
    text: Template


class Figures(_Block):
    """Key figures: a big number with its unit and a label, for each fact."""

    type: Literal["figures"]
    facts: list[Path_] = Field(min_length=1, max_length=12)
    columns: int = Field(0, ge=0, le=6, description="most figures in a row; 0: as many as fit")
    min_width: Positive | None = Field(
        None, alias="min-width", description="narrowest figure; None: the theme's"
    )
    number_style: Name | None = Field(
        None,
        alias="number-style",
        description="the number's role (its unit: this name + '-unit'); None: the theme's",
    )
    label_style: Name | None = Field(None, alias="label-style", description="None: the theme's")


class BulletList(_Block):
    type: Literal["list"]
    bind: Path_ | None = Field(None, description="a profile list of texts")
    items: list[Template] | None = None
    bullet: str = Field("•", min_length=1, max_length=2)

    @model_validator(mode="after")
    def _source(self) -> Self:
        if (self.bind is None) == (self.items is None):
            raise ValueError("a list needs exactly one of 'bind' or 'items'")
        return self


class Cards(_Block):
    """One card per item of a profile list, in a grid that adapts to the count."""

    type: Literal["cards"]
    bind: Path_
    title: str = Field(
        "name",
        pattern=r"^(\.|[a-z][a-z0-9_]*)$",
        description="the item field shown as the card title; '.': the item itself",
    )
    body: Name | None = Field(None, description="the item field shown under the title")
    columns: int = Field(0, ge=0, le=6, description="most cards in a row; 0: as many as fit")
    fill: str = "surface"
    accent: str = "accent"
    number: bool = Field(True, description="show the card's position (01, 02, ...)")
    height: Positive | None = Field(
        None, description="least card height; cards in a row are as tall as the tallest of them"
    )
    title_style: Name | None = Field(None, alias="title-style", description="None: the theme's")
    body_style: Name | None = Field(None, alias="body-style", description="None: the theme's")
    number_style: Name | None = Field(None, alias="number-style", description="None: the theme's")
    min_width: Positive = Field(40, alias="min-width", description="narrowest card, for the automatic grid")


class Timeline(_Block):
    """Milestones along a line; `after`/`ahead` phrase relative times (`{when}` is filled in)."""

    type: Literal["timeline"]
    bind: Path_ = "milestones"
    when_style: Name | None = Field(None, alias="when-style", description="None: the theme's")
    title_style: Name | None = Field(None, alias="title-style", description="None: the theme's")
    body_style: Name | None = Field(None, alias="body-style", description="None: the theme's")
    # constants known to be valid: constructed without building Text's validator at import
    after: Text = Text.model_construct(en="After {when}", zh="{when}后")
    ahead: Text = Text.model_construct(en="In the next {when}", zh="未来{when}")
    direction: Literal["auto", "across", "down"] = Field(
        "auto",
        description="across: rows of milestones; down: one under another; auto: across if 2+ fit a row",
    )
    min_width: Positive | None = Field(
        None, alias="min-width", description="narrowest milestone; None: the theme's"
    )


class Chart(_Block):
    """A bar or column chart of facts (all in one unit): one bar per fact."""

    type: Literal["chart"]
    kind: Literal["bar", "column"] = "column"
    facts: list[Path_] = Field(min_length=1, max_length=12)
    unit: Literal["hectare", "square-metre", "mu", "person", "year"] | None = Field(
        None, description="convert every fact to this unit (for areas given in different units)"
    )
    title: Template | None = None
    height: Positive | None = None


class ImageBlock(_Block):
    """A picture: the profile's picture `image` (by key), the organisation's logo, or a file `src`.

    `fit: cover` fills the block's box, cropping around the picture's focal point; `contain`
    shows all of it inside the box. The box is the frame's width by `height` (None: the frame's
    height when the frame is fixed, else the picture's own proportions). A profile picture or
    the logo brings its own alternative text; `alt` replaces it. `credit` sets the picture's
    credit line below or above it, in `style` (default `caption`) and `color`; `align` places a
    contained picture and its credit line across the frame. In the print variant, a picture
    shown at under 300 ppi is a warning and under `min-ppi` (150 unless set lower) an error.
    `logo: true` shows the profile's own logo (`images.logo`); a profile without one gets the
    theme's logo only when the theme is its organisation's (the theme's `meta.name` is the
    profile's `name`), so one organisation's logo never appears on another's documents.
    `optional: true` leaves the block out when the profile has no picture of that key (or no
    logo of its own organisation), so a layout serves profiles and themes without pictures.
    """

    type: Literal["image"]
    image: Name | None = Field(None, description="the key of a picture in the profile's `images`")
    logo: bool = Field(
        False,
        description="true: the profile's `images.logo`, else the theme's logo if the theme's "
        "`meta.name` is the profile's `name`",
    )
    src: str | None = Field(
        None,
        min_length=1,
        max_length=300,
        description="a PNG or JPEG inside the project (decoration, artwork)",
    )
    alt: Template | None = Field(None, description="None: the picture's own (required with `src`)")
    height: Positive | None = None
    fit: Literal["cover", "contain"] = Field("contain", description="cover: fill and crop; contain: show all")
    credit: Literal["none", "below", "above"] = Field("none", description="where the credit line goes")
    min_ppi: int = Field(
        150, alias="min-ppi", ge=1, le=1200, description="print: fewer pixels per inch is an error"
    )
    optional: bool = Field(
        False,
        description="true: a profile without that picture (or without a logo of its organisation) "
        "leaves the block out",
    )

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        given = [key for key in ("image", "logo", "src") if getattr(self, key)]
        if len(given) != 1:
            raise ValueError(
                "an image block names exactly one of 'image' (a profile key), 'logo: true' or 'src'"
            )
        if self.src and self.alt is None:
            raise ValueError("an image block with 'src' needs 'alt' (what the picture shows)")
        return self


class Band(_Block):
    """A coloured rectangle filling the frame."""

    type: Literal["band"]
    fill: str = "primary"
    radius: float = Field(0, ge=0, le=100)


class Rule(_Block):
    type: Literal["rule"]
    thickness: float = Field(0.5, gt=0, le=20, description="points")
    width: Positive | None = Field(None, description="None: the frame's width")


class Spacer(_Block):
    type: Literal["spacer"]
    height: Positive


Block = Annotated[
    Heading | Paragraph | Figures | BulletList | Cards | Timeline | Chart | ImageBlock | Band | Rule | Spacer,
    Field(discriminator="type"),
]


class Fit(Closed):
    """What to do when text does not fit its frame.

    `shrink`: set all its text smaller, step by step, down to `min-size` points.
    `continue`: keep the size and flow what does not fit onto a continuation page, where the
    frame stands at the same place (with the page's `repeat: true` frames).
    `none`: report it.
    `min-size` never goes below the theme's `min-size` for the document kind.
    """

    policy: Literal["shrink", "continue", "none"] = "shrink"
    min_size: float | None = Field(
        None, alias="min-size", gt=0, le=200, description="points; None: the theme's min-size"
    )


Role = Literal["title", "subtitle", "body"]


def _pairs(column: int | None, span: int | None, x: float | None, width: float | None) -> str | None:
    """What is wrong with a placement across the page, if anything."""
    by_grid = column is not None or span is not None
    by_x = x is not None or width is not None
    if by_grid and by_x:
        return "place a frame with 'column' and 'span', or with 'x' and 'width', not both"
    if (by_grid and None in (column, span)) or (by_x and None in (x, width)):
        return "place a frame with 'column' and 'span', or with 'x' and 'width'"
    return None


class Frame(Closed):
    """A named frame of a page template and the blocks it shows.

    A fixed frame stands at `y` and is `height` tall, across `column`/`span` or `x`/`width`.
    A frame with `height: auto` stands in the page's flow instead: as tall as its content, on
    the flow's width (or on its own `column`/`span` inside it), under the frame before it, or
    `beside` it (the two form a row, kept on one page); it continues on a continuation page
    when the flow is full. Frames are listed in reading order.
    """

    name: Name
    column: int | None = Field(None, ge=1, le=24)
    span: int | None = Field(None, ge=1, le=24)
    x: Mm | None = None
    width: Positive | None = None
    y: Mm | None = Field(None, description="fixed frames only")
    height: Positive | Literal["auto"] = Field(description="millimetres, or 'auto': in the page's flow")
    min_height: Positive | None = Field(
        None, alias="min-height", description="flow frames: at least this tall"
    )
    beside: bool = Field(False, description="flow frames: next to the frame before, in a row")
    bleed: bool = False
    role: Role | None = Field(
        None,
        description="what the frame is on the page (title: shown again, numbered, on continuation "
        "pages); in decks also the PowerPoint placeholder",
    )
    repeat: bool = Field(False, description="also drawn on this page's continuation pages")
    fill: str | None = None
    padding: float = Field(0, ge=0, le=100, description="millimetres")
    valign: Literal["top", "middle", "bottom"] = "top"
    gap: float = Field(3, ge=0, le=100, description="millimetres between blocks")
    fit: Fit = Field(default_factory=Fit.model_construct)
    blocks: list[Block] = Field(default_factory=list, max_length=40)

    @property
    def flows(self) -> bool:
        """True for a frame in the page's flow (`height: auto`)."""
        return self.height == "auto"

    @model_validator(mode="after")
    def _placed(self) -> Self:
        problem = _pairs(self.column, self.span, self.x, self.width)
        if self.flows:
            problem = problem or (
                "a frame in the flow ('height: auto') takes no 'y'" if self.y is not None else None
            )
        elif self.column is None and self.x is None:
            problem = "place a frame with 'column' and 'span', or with 'x' and 'width'"
        elif self.y is None:
            problem = "a fixed frame needs 'y' (or 'height: auto' to stand in the flow)"
        elif self.min_height is not None or self.beside:
            problem = "'min-height' and 'beside' are for frames in the flow ('height: auto')"
        if problem:
            raise ValueError(problem)
        return self


class Flow(Closed):
    """The region of a page whose frames (those with `height: auto`) stack down, continuing
    on continuation pages of the same template when it is full."""

    column: int | None = Field(None, ge=1, le=24)
    span: int | None = Field(None, ge=1, le=24)
    x: Mm | None = None
    width: Positive | None = None
    y: Mm
    height: Positive
    bleed: bool = False
    gap: float | None = Field(None, ge=0, le=100, description="millimetres between frames; None: the theme's")
    spread: bool = Field(
        False, description="when it all fits one page, share the room left between its frames"
    )

    @model_validator(mode="after")
    def _placed(self) -> Self:
        problem = _pairs(self.column, self.span, self.x, self.width)
        if problem or (self.column is None and self.x is None):
            raise ValueError(problem or "place the flow with 'column' and 'span', or with 'x' and 'width'")
        return self


class PageTemplate(Closed):
    """A page (or slide) template: fixed frames, and optionally a flow.

    `repeat: <list>` makes one page per item of a profile list; its texts reach the item as
    `{item.<field>}` (or `{item}`) and `bind: item.<field>`.
    """

    name: Name
    bookmark: Template | None = Field(None, description="outline entry starting here")
    background: str | None = None
    notes: Template | None = Field(None, description="speaker notes (decks)")
    repeat: Path_ | None = Field(None, description="a profile list: one page per item")
    flow: Flow | None = Field(None, description="the region its 'height: auto' frames flow down")
    frames: list[Frame] = Field(min_length=1, max_length=60)

    @model_validator(mode="after")
    def _flows(self) -> Self:
        if self.flow is None and any(frame.flows for frame in self.frames):
            raise ValueError("frames with 'height: auto' stand in the page's flow: give the page a 'flow'")
        return self


class PageSize(Closed):
    width: Positive
    height: Positive


class Margins(Closed):
    top: Mm = 15
    right: Mm = 15
    bottom: Mm = 15
    left: Mm = 15


class Grid(Closed):
    columns: int = Field(12, ge=1, le=24)
    gutter: float = Field(5, ge=0, le=50, description="millimetres")


NAMED_SIZES = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "Letter": (215.9, 279.4), "16:9": (338.667, 190.5)}


class Layout(Closed):
    """A brochure or deck: its page size, grid, theme and page templates."""

    id: Name
    kind: Literal["brochure", "deck"]
    theme: Name = Field(description="a file themes/<id>.yaml")
    title: Template
    subject: Template
    size: Literal["A4", "A5", "Letter", "16:9"] | PageSize
    margins: Margins = Field(default_factory=Margins.model_construct)
    grid: Grid = Field(default_factory=Grid.model_construct)
    text_scale: float = Field(1.0, alias="text-scale", gt=0.2, le=5)
    bleed: float = Field(
        3, ge=0, le=20, description="millimetres the print variant extends each page past its trim edge"
    )
    continued: Text = Field(
        Text.model_construct(en="{title} ({page}/{pages})", zh="{title}（{page}/{pages}）"),
        description="the title of a page that continues onto more: {title}, {page}, {pages}",
    )
    pages: list[PageTemplate] = Field(min_length=1, max_length=200)

    @field_validator("continued")
    @classmethod
    def _continued(cls, continued: Text) -> Text:
        for lang in ("en", "zh"):
            pattern = continued[lang]
            rest = pattern
            for name in ("{title}", "{page}", "{pages}"):
                rest = rest.replace(name, "")
            if "{title}" not in pattern or "{" in rest or "}" in rest:
                raise ValueError(
                    f"'continued' ({lang}) must hold {{title}} and may hold {{page}} and {{pages}}, "
                    f"nothing else in braces: {pattern!r}"
                )
        return continued

    def page_mm(self) -> tuple[float, float]:
        """(width, height) of a page in millimetres."""
        if isinstance(self.size, PageSize):
            return self.size.width, self.size.height
        return NAMED_SIZES[self.size]
