"""The layout language: page templates made of named frames that hold blocks bound to the profile.

Lengths are millimetres. A frame is placed on the layout's column grid (`column`, `span`) or
by `x`/`width`, and by `y`/`height`, all measured from the top-left corner of the type area
(inside the margins); `bleed: true` measures from the page corner instead. A page template's
`flow` is a region placed the same way whose frames stack down it, each as tall as its
content, and continue on continuation pages when the region is full. Blocks name the
profile field they show by path (`facts.staff`, `focus_areas`) or carry a text template
whose `{path}` references are filled from the profile.
"""

from typing import Annotated, ClassVar, Literal

from msgspec import Meta, field

from .common import Closed, FieldProblem, Name, Text

__all__ = [
    "Block",
    "Flow",
    "Frame",
    "Layout",
    "PageSize",
    "PageTemplate",
]

Mm = Annotated[float, Meta(ge=-1000, le=2000, description="millimetres")]
Positive = Annotated[float, Meta(gt=0, le=2000, description="millimetres")]
Path_ = Annotated[str, Meta(pattern=r"^[A-Za-z_][A-Za-z0-9_.-]*$", max_length=200)]

#: A text for the reader: the same in both languages, or per language; `{path}` is filled in.
Template = str | Text


class _Block(Closed, frozen=True, kw_only=True, tag_field="type"):
    #: The block's kind: the `type:` key that picks its class.
    type: ClassVar[str]

    style: Annotated[
        Name | None, Meta(description="a typography role of the theme; None: the theme's for this block")
    ] = None
    color: Annotated[str | None, Meta(description="overrides the role's colour")] = None
    align: Literal["left", "center", "right"] | None = None
    space_before: Annotated[float, Meta(ge=0, le=200, description="millimetres")] = field(
        default=0, name="space-before"
    )
    case: Annotated[
        Literal["sentence", "upper"] | None,
        Meta(description="English only: capitalise the first letter ('sentence') or all ('upper')"),
    ] = None


class Heading(_Block, frozen=True, kw_only=True, tag="heading"):
    """A heading: its `level` (1-6) is its rank in the document's outline of headings.

    None: 1 in a frame with `role: title`, else 2. Levels never skip (an H3 needs an H2 before).
    """

    type: ClassVar[str] = "heading"
    text: Template
    level: Annotated[int, Meta(ge=1, le=6)] | None = None


class Paragraph(_Block, frozen=True, kw_only=True, tag="paragraph"):
    type: ClassVar[str] = "paragraph"
    text: Template


class Figures(_Block, frozen=True, kw_only=True, tag="figures"):
    """Key figures: a big number with its unit and a label, for each fact."""

    type: ClassVar[str] = "figures"
    facts: Annotated[list[Path_], Meta(min_length=1, max_length=12)]
    columns: Annotated[int, Meta(ge=0, le=6, description="most figures in a row; 0: as many as fit")] = 0
    min_width: Annotated[Positive | None, Meta(description="narrowest figure; None: the theme's")] = field(
        default=None, name="min-width"
    )
    number_style: Annotated[
        Name | None, Meta(description="the number's role (its unit: this name + '-unit'); None: the theme's")
    ] = field(default=None, name="number-style")
    label_style: Annotated[Name | None, Meta(description="None: the theme's")] = field(
        default=None, name="label-style"
    )


class BulletList(_Block, frozen=True, kw_only=True, tag="list"):
    type: ClassVar[str] = "list"
    bind: Annotated[Path_ | None, Meta(description="a profile list of texts")] = None
    items: list[Template] | None = None
    bullet: Annotated[str, Meta(min_length=1, max_length=2)] = "•"

    def __post_init__(self) -> None:
        if (self.bind is None) == (self.items is None):
            raise ValueError("a list needs exactly one of 'bind' or 'items'")


class Cards(_Block, frozen=True, kw_only=True, tag="cards"):
    """One card per item of a profile list, in a grid that adapts to the count."""

    type: ClassVar[str] = "cards"
    bind: Path_
    title: Annotated[
        str,
        Meta(
            pattern=r"^(\.|[a-z][a-z0-9_]*)$",
            description="the item field shown as the card title; '.': the item itself",
        ),
    ] = "name"
    body: Annotated[Name | None, Meta(description="the item field shown under the title")] = None
    columns: Annotated[int, Meta(ge=0, le=6, description="most cards in a row; 0: as many as fit")] = 0
    fill: str = "surface"
    accent: str = "accent"
    number: Annotated[bool, Meta(description="show the card's position (01, 02, ...)")] = True
    height: Annotated[
        Positive | None,
        Meta(description="least card height; cards in a row are as tall as the tallest of them"),
    ] = None
    title_style: Annotated[Name | None, Meta(description="None: the theme's")] = field(
        default=None, name="title-style"
    )
    body_style: Annotated[Name | None, Meta(description="None: the theme's")] = field(
        default=None, name="body-style"
    )
    number_style: Annotated[Name | None, Meta(description="None: the theme's")] = field(
        default=None, name="number-style"
    )
    min_width: Annotated[Positive, Meta(description="narrowest card, for the automatic grid")] = field(
        default=40, name="min-width"
    )


class Timeline(_Block, frozen=True, kw_only=True, tag="timeline"):
    """Milestones along a line; `after`/`ahead` phrase relative times (`{when}` is filled in)."""

    type: ClassVar[str] = "timeline"
    bind: Path_ = "milestones"
    when_style: Annotated[Name | None, Meta(description="None: the theme's")] = field(
        default=None, name="when-style"
    )
    title_style: Annotated[Name | None, Meta(description="None: the theme's")] = field(
        default=None, name="title-style"
    )
    body_style: Annotated[Name | None, Meta(description="None: the theme's")] = field(
        default=None, name="body-style"
    )
    after: Text = Text(en="After {when}", zh="{when}后")
    ahead: Text = Text(en="In the next {when}", zh="未来{when}")
    direction: Annotated[
        Literal["auto", "across", "down"],
        Meta(description="across: rows of milestones; down: one under another; auto: across if 2+ fit a row"),
    ] = "auto"
    min_width: Annotated[Positive | None, Meta(description="narrowest milestone; None: the theme's")] = field(
        default=None, name="min-width"
    )


class Chart(_Block, frozen=True, kw_only=True, tag="chart"):
    """A bar or column chart of facts (all in one unit): one bar per fact."""

    type: ClassVar[str] = "chart"
    kind: Literal["bar", "column"] = "column"
    facts: Annotated[list[Path_], Meta(min_length=1, max_length=12)]
    unit: Annotated[
        Literal["hectare", "square-metre", "mu", "person", "year"] | None,
        Meta(description="convert every fact to this unit (for areas given in different units)"),
    ] = None
    title: Template | None = None
    height: Positive | None = None


class ImageBlock(_Block, frozen=True, kw_only=True, tag="image"):
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

    type: ClassVar[str] = "image"
    image: Annotated[Name | None, Meta(description="the key of a picture in the profile's `images`")] = None
    logo: Annotated[
        bool,
        Meta(
            description="true: the profile's `images.logo`, else the theme's logo if the theme's "
            "`meta.name` is the profile's `name`"
        ),
    ] = False
    src: (
        Annotated[
            str,
            Meta(
                min_length=1,
                max_length=300,
                description="a PNG or JPEG inside the project (decoration, artwork)",
            ),
        ]
        | None
    ) = None
    alt: Annotated[Template | None, Meta(description="None: the picture's own (required with `src`)")] = None
    height: Positive | None = None
    fit: Annotated[
        Literal["cover", "contain"], Meta(description="cover: fill and crop; contain: show all")
    ] = "contain"
    credit: Annotated[Literal["none", "below", "above"], Meta(description="where the credit line goes")] = (
        "none"
    )
    min_ppi: Annotated[int, Meta(ge=1, le=1200, description="print: fewer pixels per inch is an error")] = (
        field(default=150, name="min-ppi")
    )
    optional: Annotated[
        bool,
        Meta(
            description="true: a profile without that picture (or without a logo of its organisation) "
            "leaves the block out"
        ),
    ] = False

    def __post_init__(self) -> None:
        given = [key for key in ("image", "logo", "src") if getattr(self, key)]
        if len(given) != 1:
            raise ValueError(
                "an image block names exactly one of 'image' (a profile key), 'logo: true' or 'src'"
            )
        if self.src and self.alt is None:
            raise ValueError("an image block with 'src' needs 'alt' (what the picture shows)")


class Band(_Block, frozen=True, kw_only=True, tag="band"):
    """A coloured rectangle filling the frame."""

    type: ClassVar[str] = "band"
    fill: str = "primary"
    radius: Annotated[float, Meta(ge=0, le=100)] = 0


class Rule(_Block, frozen=True, kw_only=True, tag="rule"):
    type: ClassVar[str] = "rule"
    thickness: Annotated[float, Meta(gt=0, le=20, description="points")] = 0.5
    width: Annotated[Positive | None, Meta(description="None: the frame's width")] = None


class Spacer(_Block, frozen=True, kw_only=True, tag="spacer"):
    type: ClassVar[str] = "spacer"
    height: Positive


Block = (
    Heading | Paragraph | Figures | BulletList | Cards | Timeline | Chart | ImageBlock | Band | Rule | Spacer
)


class Fit(Closed, frozen=True, kw_only=True):
    """What to do when text does not fit its frame.

    `shrink`: set all its text smaller, step by step, down to `min-size` points.
    `continue`: keep the size and flow what does not fit onto a continuation page, where the
    frame stands at the same place (with the page's `repeat: true` frames).
    `none`: report it.
    `min-size` never goes below the theme's `min-size` for the document kind.
    """

    policy: Literal["shrink", "continue", "none"] = "shrink"
    min_size: Annotated[
        Annotated[float, Meta(gt=0, le=200)] | None, Meta(description="points; None: the theme's min-size")
    ] = field(default=None, name="min-size")


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


class Frame(Closed, frozen=True, kw_only=True):
    """A named frame of a page template and the blocks it shows.

    A fixed frame stands at `y` and is `height` tall, across `column`/`span` or `x`/`width`.
    A frame with `height: auto` stands in the page's flow instead: as tall as its content, on
    the flow's width (or on its own `column`/`span` inside it), under the frame before it, or
    `beside` it (the two form a row, kept on one page); it continues on a continuation page
    when the flow is full. Frames are listed in reading order.
    """

    name: Name
    column: Annotated[int, Meta(ge=1, le=24)] | None = None
    span: Annotated[int, Meta(ge=1, le=24)] | None = None
    x: Mm | None = None
    width: Positive | None = None
    y: Annotated[Mm | None, Meta(description="fixed frames only")] = None
    height: Annotated[
        Positive | Literal["auto"], Meta(description="millimetres, or 'auto': in the page's flow")
    ]
    min_height: Annotated[Positive | None, Meta(description="flow frames: at least this tall")] = field(
        default=None, name="min-height"
    )
    beside: Annotated[bool, Meta(description="flow frames: next to the frame before, in a row")] = False
    bleed: bool = False
    role: Annotated[
        Role | None,
        Meta(
            description="what the frame is on the page (title: shown again, numbered, on continuation "
            "pages); in decks also the PowerPoint placeholder"
        ),
    ] = None
    repeat: Annotated[bool, Meta(description="also drawn on this page's continuation pages")] = False
    fill: str | None = None
    padding: Annotated[float, Meta(ge=0, le=100, description="millimetres")] = 0
    valign: Literal["top", "middle", "bottom"] = "top"
    gap: Annotated[float, Meta(ge=0, le=100, description="millimetres between blocks")] = 3
    fit: Fit = field(default_factory=Fit)
    blocks: Annotated[list[Block], Meta(max_length=40)] = field(default_factory=list)

    @property
    def flows(self) -> bool:
        """True for a frame in the page's flow (`height: auto`)."""
        return self.height == "auto"

    def __post_init__(self) -> None:
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


class Flow(Closed, frozen=True, kw_only=True):
    """The region of a page whose frames (those with `height: auto`) stack down, continuing
    on continuation pages of the same template when it is full."""

    column: Annotated[int, Meta(ge=1, le=24)] | None = None
    span: Annotated[int, Meta(ge=1, le=24)] | None = None
    x: Mm | None = None
    width: Positive | None = None
    y: Mm
    height: Positive
    bleed: bool = False
    gap: Annotated[
        Annotated[float, Meta(ge=0, le=100)] | None,
        Meta(description="millimetres between frames; None: the theme's"),
    ] = None
    spread: Annotated[
        bool, Meta(description="when it all fits one page, share the room left between its frames")
    ] = False

    def __post_init__(self) -> None:
        problem = _pairs(self.column, self.span, self.x, self.width)
        if problem or (self.column is None and self.x is None):
            raise ValueError(problem or "place the flow with 'column' and 'span', or with 'x' and 'width'")


class PageTemplate(Closed, frozen=True, kw_only=True):
    """A page (or slide) template: fixed frames, and optionally a flow.

    `repeat: <list>` makes one page per item of a profile list; its texts reach the item as
    `{item.<field>}` (or `{item}`) and `bind: item.<field>`.
    """

    name: Name
    bookmark: Annotated[Template | None, Meta(description="outline entry starting here")] = None
    background: str | None = None
    notes: Annotated[Template | None, Meta(description="speaker notes (decks)")] = None
    repeat: Annotated[Path_ | None, Meta(description="a profile list: one page per item")] = None
    flow: Annotated[Flow | None, Meta(description="the region its 'height: auto' frames flow down")] = None
    frames: Annotated[list[Frame], Meta(min_length=1, max_length=60)]

    def __post_init__(self) -> None:
        if self.flow is None and any(frame.flows for frame in self.frames):
            raise ValueError("frames with 'height: auto' stand in the page's flow: give the page a 'flow'")


class PageSize(Closed, frozen=True, kw_only=True):
    width: Positive
    height: Positive


class Margins(Closed, frozen=True, kw_only=True):
    top: Mm = 15
    right: Mm = 15
    bottom: Mm = 15
    left: Mm = 15


class Grid(Closed, frozen=True, kw_only=True):
    columns: Annotated[int, Meta(ge=1, le=24)] = 12
    gutter: Annotated[float, Meta(ge=0, le=50, description="millimetres")] = 5


NAMED_SIZES = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "Letter": (215.9, 279.4), "16:9": (338.667, 190.5)}


class Layout(Closed, frozen=True, kw_only=True):
    """A brochure or deck: its page size, grid, theme and page templates."""

    id: Name
    kind: Literal["brochure", "deck"]
    theme: Annotated[Name, Meta(description="a file themes/<id>.yaml")]
    title: Template
    subject: Template
    size: Literal["A4", "A5", "Letter", "16:9"] | PageSize
    margins: Margins = field(default_factory=Margins)
    grid: Grid = field(default_factory=Grid)
    text_scale: Annotated[float, Meta(gt=0.2, le=5)] = field(default=1.0, name="text-scale")
    bleed: Annotated[
        float,
        Meta(ge=0, le=20, description="millimetres the print variant extends each page past its trim edge"),
    ] = 3
    continued: Annotated[
        Text, Meta(description="the title of a page that continues onto more: {title}, {page}, {pages}")
    ] = Text(en="{title} ({page}/{pages})", zh="{title}（{page}/{pages}）")
    pages: Annotated[list[PageTemplate], Meta(min_length=1, max_length=200)]

    def __post_init__(self) -> None:
        for lang in ("en", "zh"):
            pattern = self.continued[lang]
            rest = pattern
            for name in ("{title}", "{page}", "{pages}"):
                rest = rest.replace(name, "")
            if "{title}" not in pattern or "{" in rest or "}" in rest:
                raise FieldProblem(
                    "continued",
                    f"'continued' ({lang}) must hold {{title}} and may hold {{page}} and {{pages}}, "
                    f"nothing else in braces: {pattern!r}",
                )

    def page_mm(self) -> tuple[float, float]:
        """(width, height) of a page in millimetres."""
        if isinstance(self.size, PageSize):
            return self.size.width, self.size.height
        return NAMED_SIZES[self.size]
