"""Plain values in; the raw XML of a PPTX package out — every element the PPTX backend writes.

Parts written anew for each deck are markup strings from templates (`markup`: escaping as
lxml does, declarations, a part's bytes); the template's parts a deck edits (presentation,
masters, layouts, themes) are lxml trees (`elements`: namespaces, element building, parsing
and serialising). Modules: `text` (text bodies, paragraphs, run properties), `shapes` (a
slide's shapes and the slide part: text boxes, placeholders, autoshapes, connectors,
pictures, chart frames, alt text and the decorative mark), `parts`
(content types, relationships, core and app properties, the presentation part, masters and
layouts), `theme` (colour and font schemes), `charts` (native bar and column charts) and
`workbook` (a chart's embedded workbook). Nothing here knows the Document, and nothing
imports python-pptx.
"""

from .charts import ChartSeriesData, ChartSpec, chart_space
from .elements import NS, Element, parse, qn, serialize
from .parts import (
    CoreProperties,
    Relationship,
    app_properties,
    content_types,
    core_properties,
    layout_name,
    layout_placeholders,
    parse_content_types,
    parse_relationships,
    relationships,
    scale_frames,
    set_default_language,
    set_slide_list,
    set_slide_size,
    slide_size,
)
from .shapes import (
    DECORATIVE_URI,
    Box,
    Label,
    Outline,
    ShapeLook,
    autoshape,
    chart_frame,
    connector,
    picture,
    placeholder,
    slide,
    text_box,
)
from .text import ParagraphLook, RunLook, paragraph, run_properties, runs, text_body
from .theme import COLOR_SLOTS, set_color_scheme, set_font_scheme, set_theme_name
from .workbook import (
    Cell,
    shared_strings,
    workbook_content_types,
    workbook_core,
    workbook_relationships,
    worksheet,
)

__all__ = [
    "COLOR_SLOTS",
    "DECORATIVE_URI",
    "NS",
    "Box",
    "Cell",
    "ChartSeriesData",
    "ChartSpec",
    "CoreProperties",
    "Element",
    "Label",
    "Outline",
    "ParagraphLook",
    "Relationship",
    "RunLook",
    "ShapeLook",
    "app_properties",
    "autoshape",
    "chart_frame",
    "chart_space",
    "connector",
    "content_types",
    "core_properties",
    "layout_name",
    "layout_placeholders",
    "paragraph",
    "parse",
    "parse_content_types",
    "parse_relationships",
    "picture",
    "placeholder",
    "qn",
    "relationships",
    "run_properties",
    "runs",
    "scale_frames",
    "serialize",
    "set_color_scheme",
    "set_default_language",
    "set_font_scheme",
    "set_slide_list",
    "set_slide_size",
    "set_theme_name",
    "shared_strings",
    "slide",
    "slide_size",
    "text_body",
    "text_box",
    "workbook_content_types",
    "workbook_core",
    "workbook_relationships",
    "worksheet",
]
