"""The lab profile model: validated data in, typed facts, focus areas and milestones out.

Every human-language text is a `Text` (English and Chinese side by side); the shorter ones
(`Label`, `Title`, `Phrase`, `Sentence`) have the lengths every shipped layout can hold. Every number is a
`Quantity` (value, unit, qualifier) stated once under `facts` and referred to from prose as
`{facts.name}`; compose formats it for the language.

Everything a document says about the organisation lives here; layouts add only labels and
connective words. Two kinds of text: *sentences* (`about`, `progress`, `achievements`, ...)
stand alone; *phrases* (list items such as `work`, `mission`, `goals.centres`, names of focus
areas) are written as they read inside a sentence, lower-case first unless a proper noun
("develops core systems"), so layouts can join them into prose ("…, develops core systems,
and …") and capitalise them where they stand alone (`case: sentence`).
"""

import datetime as dt
from typing import Annotated, Literal

from msgspec import Meta, field

from .common import Closed, Label, Name, Phrase, Sentence, Text, Title

__all__ = [
    "Fact",
    "Focus",
    "FocusArea",
    "Founder",
    "Goals",
    "Milestone",
    "Picture",
    "Profile",
    "Qualifier",
    "Quantity",
    "Unit",
]

Unit = Literal["hectare", "mu", "square-metre", "person", "year"]
Qualifier = Literal["about", "nearly", "over", "up-to"]
Amount = Annotated[float, Meta(ge=0, le=1e12)]
#: A calendar date, written YYYY-MM-DD.
Date = dt.date


class Quantity(Closed, frozen=True, kw_only=True):
    """A number with its unit, e.g. 90.5 hectare; `qualifier` says how exact it is."""

    value: Amount
    unit: Unit
    qualifier: Annotated[Qualifier | None, Meta(description="'about', 'nearly', ...; None: exact")] = None


class Fact(Quantity, frozen=True, kw_only=True):
    """A named key figure: a quantity, its label, and optionally the same amount in another unit."""

    label: Label
    also: Annotated[Quantity | None, Meta(description="the same amount in another unit, e.g. mu")] = None


class Founder(Closed, frozen=True, kw_only=True):
    """An organisation that founded this one."""

    name: Annotated[
        Phrase, Meta(description="its name as it reads in a sentence, e.g. 'innovative enterprises'")
    ]
    description: Annotated[
        Phrase | None,
        Meta(description="a phrase set before the name, e.g. 'world-ranking' (Chinese: 世界一流)"),
    ] = None


class FocusArea(Closed, frozen=True, kw_only=True):
    """A field of research; `name` is a phrase ('intelligent computing')."""

    id: Name
    name: Label
    summary: Annotated[Text | None, Meta(description="a sentence or two about the area")] = None


class Milestone(Closed, frozen=True, kw_only=True):
    """A point on the lab's timeline: a date, or a number of years after founding or from now."""

    date: Date | None = None
    after: Annotated[str | None, Meta(description="a fact reference: years after founding")] = None
    ahead: Annotated[str | None, Meta(description="a fact reference: years from now (a goal)")] = None
    title: Title
    text: Sentence

    def __post_init__(self) -> None:
        given = [k for k in ("date", "after", "ahead") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a milestone needs exactly one of 'date', 'after' or 'ahead'")


class Goals(Closed, frozen=True, kw_only=True):
    """The five-year goals: what the lab aspires to and the centres it will build."""

    horizon: Annotated[str, Meta(description="fact reference to the planning horizon, e.g. facts.horizon")]
    summary: Text
    strengthen: Annotated[list[Name], Meta(description="ids of the focus areas to consolidate")]
    staff_target: Annotated[str, Meta(description="fact reference to the staff target")]
    centres: Annotated[
        list[Phrase],
        Meta(
            min_length=1, max_length=12, description="what it will build: phrases, e.g. 'a world-class AI …'"
        ),
    ]
    outlook: Annotated[
        Text | None, Meta(description="a sentence: where the organisation expects to stand at the horizon")
    ] = None


class Location(Closed, frozen=True, kw_only=True):
    """Where the organisation sits."""

    city: Label
    country: Annotated[Label | None, Meta(description="e.g. China / 中国")] = None
    description: Annotated[
        Phrase | None,
        Meta(description="a phrase about the city, e.g. 'a picturesque international metropolis'"),
    ] = None


class Focus(Closed, frozen=True, kw_only=True):
    """A picture's focal point: `x` from its left edge, `y` from its top, each 0 to 1."""

    x: Annotated[float, Meta(ge=0, le=1)] = 0.5
    y: Annotated[float, Meta(ge=0, le=1)] = 0.5


class Picture(Closed, frozen=True, kw_only=True):
    """A photograph or artwork of the organisation, shown where a layout names its key."""

    src: Annotated[
        str, Meta(min_length=1, max_length=300, description="a PNG or JPEG inside the project folder")
    ]
    alt: Annotated[Text, Meta(description="what the picture shows, for readers who cannot see it")]
    credit: Annotated[Text | None, Meta(description="who made it; layouts may show it as a credit line")] = (
        None
    )
    focus: Annotated[
        Focus,
        Meta(description="the point to keep in view when a frame crops the picture; default its centre"),
    ] = field(default_factory=Focus)


class Profile(Closed, frozen=True, kw_only=True):
    """One organisation's profile: everything a brochure or deck says about it."""

    id: Name
    name: Label
    short_name: Label
    location: Location
    founded: Date
    founders: Annotated[list[Founder], Meta(min_length=1, max_length=12)]
    standing: Annotated[
        Phrase | None,
        Meta(description="a phrase: what it has become, e.g. 'one of the top research institutes in China'"),
    ] = None
    about: Annotated[Text, Meta(description="sentences: the organisation, its means and its campus")]
    facts: Annotated[dict[Name, Fact], Meta(max_length=40)]
    focus_areas: Annotated[list[FocusArea], Meta(max_length=12)]
    work: Annotated[
        list[Sentence],
        Meta(
            max_length=12,
            description="what it does: phrases that follow its name, e.g. 'develops core systems'",
        ),
    ]
    progress: Annotated[
        Text | None,
        Meta(description="a sentence: how far it has come, e.g. its team after its years of development"),
    ] = None
    achievements: Annotated[Text | None, Meta(description="a sentence: what it has achieved")] = None
    vision: Annotated[Sentence, Meta(description="a short line set on its own, as a quote")]
    mission: Annotated[
        list[Sentence],
        Meta(
            min_length=1,
            max_length=12,
            description="what it is committed to: phrases, e.g. 'cultivating first-class scientists'",
        ),
    ]
    international: Annotated[Text, Meta(description="sentences: its international exchange and cooperation")]
    milestones: Annotated[list[Milestone], Meta(max_length=24)] = field(default_factory=list)
    goals: Goals
    images: Annotated[
        dict[Name, Picture],
        Meta(
            max_length=40,
            description="pictures by key, e.g. 'cover'; layouts name the key; "
            "'logo' is the organisation's logo",
        ),
    ] = field(default_factory=dict)
