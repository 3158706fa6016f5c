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

# No `from __future__ import annotations` here: pydantic would compile and evaluate each
# field's annotation string again for every class that has the field (start-up time).
import datetime as dt
from typing import Annotated, Literal, Self

from pydantic import Field, Strict, model_validator

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
Amount = Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)]
#: A calendar date, written YYYY-MM-DD (strict: a number is not taken for a timestamp).
Date = Annotated[dt.date, Strict()]


class Quantity(Closed):
    """A number with its unit, e.g. 90.5 hectare; `qualifier` says how exact it is."""

    value: Amount
    unit: Unit
    qualifier: Qualifier | None = Field(None, description="'about', 'nearly', ...; None: exact")


class Fact(Quantity):
    """A named key figure: a quantity, its label, and optionally the same amount in another unit."""

    label: Label
    also: Quantity | None = Field(None, description="the same amount in another unit, e.g. mu")


class Founder(Closed):
    """An organisation that founded this one."""

    name: Phrase = Field(description="its name as it reads in a sentence, e.g. 'innovative enterprises'")
    description: Phrase | None = Field(
        None, description="a phrase set before the name, e.g. 'world-ranking' (Chinese: 世界一流)"
    )


class FocusArea(Closed):
    """A field of research; `name` is a phrase ('intelligent computing')."""

    id: Name
    name: Label
    summary: Text | None = Field(None, description="a sentence or two about the area")


class Milestone(Closed):
    """A point on the lab's timeline: a date, or a number of years after founding or from now."""

    date: Date | None = None
    after: str | None = Field(None, description="a fact reference: years after founding")
    ahead: str | None = Field(None, description="a fact reference: years from now (a goal)")
    title: Title
    text: Sentence

    @model_validator(mode="after")
    def _one_time(self) -> Self:
        given = [k for k in ("date", "after", "ahead") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a milestone needs exactly one of 'date', 'after' or 'ahead'")
        return self


class Goals(Closed):
    """The five-year goals: what the lab aspires to and the centres it will build."""

    horizon: str = Field(description="fact reference to the planning horizon, e.g. facts.horizon")
    summary: Text
    strengthen: list[Name] = Field(description="ids of the focus areas to consolidate")
    staff_target: str = Field(description="fact reference to the staff target")
    centres: list[Phrase] = Field(
        min_length=1, max_length=12, description="what it will build: phrases, e.g. 'a world-class AI …'"
    )
    outlook: Text | None = Field(
        None, description="a sentence: where the organisation expects to stand at the horizon"
    )


class Location(Closed):
    """Where the organisation sits."""

    city: Label
    country: Label | None = Field(None, description="e.g. China / 中国")
    description: Phrase | None = Field(
        None, description="a phrase about the city, e.g. 'a picturesque international metropolis'"
    )


class Focus(Closed):
    """A picture's focal point: `x` from its left edge, `y` from its top, each 0 to 1."""

    x: float = Field(0.5, ge=0, le=1)
    y: float = Field(0.5, ge=0, le=1)


class Picture(Closed):
    """A photograph or artwork of the organisation, shown where a layout names its key."""

    src: str = Field(min_length=1, max_length=300, description="a PNG or JPEG inside the project folder")
    alt: Text = Field(description="what the picture shows, for readers who cannot see it")
    credit: Text | None = Field(None, description="who made it; layouts may show it as a credit line")
    focus: Focus = Field(
        default_factory=Focus.model_construct,
        description="the point to keep in view when a frame crops the picture; default its centre",
    )


class Profile(Closed):
    """One organisation's profile: everything a brochure or deck says about it."""

    id: Name
    name: Label
    short_name: Label
    location: Location
    founded: Date
    founders: list[Founder] = Field(min_length=1, max_length=12)
    standing: Phrase | None = Field(
        None, description="a phrase: what it has become, e.g. 'one of the top research institutes in China'"
    )
    about: Text = Field(description="sentences: the organisation, its means and its campus")
    facts: dict[Name, Fact] = Field(max_length=40)
    focus_areas: list[FocusArea] = Field(max_length=12)
    work: list[Sentence] = Field(
        max_length=12, description="what it does: phrases that follow its name, e.g. 'develops core systems'"
    )
    progress: Text | None = Field(
        None, description="a sentence: how far it has come, e.g. its team after its years of development"
    )
    achievements: Text | None = Field(None, description="a sentence: what it has achieved")
    vision: Sentence = Field(description="a short line set on its own, as a quote")
    mission: list[Sentence] = Field(
        min_length=1,
        max_length=12,
        description="what it is committed to: phrases, e.g. 'cultivating first-class scientists'",
    )
    international: Text = Field(description="sentences: its international exchange and cooperation")
    milestones: list[Milestone] = Field(default_factory=list, max_length=24)
    goals: Goals
    images: dict[Name, Picture] = Field(
        default_factory=dict,
        max_length=40,
        description="pictures by key, e.g. 'cover'; layouts name the key; 'logo' is the organisation's logo",
    )
