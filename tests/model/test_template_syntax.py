"""Template syntax: texts in, parts (literal text, references, optional groups) or a clear error out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zjlab_reports.model.template import Group, Ref, TemplateSyntaxError, parse_template, refs_in


def test_a_plain_reference_and_the_text_around_it() -> None:
    assert parse_template("In {location.city}.") == (
        "In ",
        Ref("location.city", "and", None, "{location.city}"),
        ".",
    )


def test_a_list_style_and_an_item_template_with_an_optional_group() -> None:
    (ref,) = parse_template("{founders|or: [the {description} ]{name}}")
    assert isinstance(ref, Ref) and (ref.path, ref.style) == ("founders", "or")
    assert ref.item is not None
    group, name = ref.item
    assert isinstance(group, Group) and group.text == "[the {description} ]"
    assert [r.path for r in refs_in(group.parts)] == ["description"]
    assert name == Ref("name", "and", None, "{name}")


def test_spaces_after_the_colon_are_not_part_of_the_item_template() -> None:
    (ref,) = parse_template("{work:   {.}}")
    assert isinstance(ref, Ref) and ref.item == (Ref(".", "and", None, "{.}"),)


def test_groups_nest_and_only_direct_references_belong_to_a_group() -> None:
    (outer,) = parse_template("[[Focusing on {focus_areas}, ]{name} {work}.]")
    assert isinstance(outer, Group)
    inner = outer.parts[0]
    assert isinstance(inner, Group)
    direct = [node.path for node in outer.parts if isinstance(node, Ref)]
    assert direct == ["name", "work"]
    assert [r.path for r in refs_in(outer.parts)] == ["focus_areas", "name", "work"]


@pytest.mark.parametrize("strict", [True, False])
def test_backslash_escapes_give_literal_braces_and_brackets(strict: bool) -> None:
    assert parse_template(r"\{name\} \[1\] a\\b \x", strict=strict) == (r"{name} [1] a\b \x",)


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("{name", "unclosed reference '{name'", "end the reference with }"),
        ("{ name }", "'{ name }' is not a reference", "write \\{ for a brace"),
        ("a } b", "unmatched '}'", "write \\} for a literal }"),
        ("a ] b", "unmatched ']'", "write \\] for a literal ]"),
        ("Today[ {standing}.", "unclosed optional group '[ {standing}.'", "end the group with ]"),
        ("{founders: [the {description} {name}}", "unclosed optional group", "end the group with ]"),
        ("{focus_areas|nad}", "unknown list style 'nad'", "list styles: and, or, comma"),
        ("[sic]", "optional group '[sic]' holds no field", "write \\[ and \\] for brackets"),
        ("{work: {.}]", "unexpected ']' in reference", "{path: item template}"),
    ],
)
def test_mistakes_in_a_layout_text_are_errors_with_hints(text: str, message: str, hint: str) -> None:
    with pytest.raises(TemplateSyntaxError) as raised:
        parse_template(text)
    assert message in raised.value.message
    assert any(hint in h for h in raised.value.hints), raised.value.hints


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "}",
        "{}",
        "{ name }",
        "{1}",
        "{中文}",
        "a{b",
        "c}d",
        "[1]",
        "][",
        "[see page 3]",
        "{name",
        "{a|zz}",
    ],
)
def test_a_profile_text_keeps_what_is_no_reference_as_text(text: str) -> None:
    assert "".join(str(part) for part in parse_template(text, strict=False)) == text


def test_a_profile_text_reads_references_and_groups_that_are_well_formed() -> None:
    parts = parse_template(
        "By {founders: [the {description} ]{name}} [in {location.city}] (see [1])", strict=False
    )
    kinds = [type(part).__name__ for part in parts]
    assert kinds == ["str", "Ref", "str", "Group", "str"]
    assert parts[-1] == " (see [1])"


def test_long_templates_are_shortened_in_messages() -> None:
    with pytest.raises(TemplateSyntaxError) as raised:
        parse_template("{name " + "x" * 200)
    assert len(raised.value.message) < 80


#: Texts of any characters but the five that open, close or escape something.
_PLAIN_TEXT = st.text(st.characters(exclude_characters="{}[]\\", exclude_categories=("Cs",)), min_size=1)


@settings(max_examples=200, derandomize=True, database=None)
@given(before=_PLAIN_TEXT, after=_PLAIN_TEXT, strict=st.booleans())
def test_plain_text_around_escapes_and_references_stays_whole(before: str, after: str, strict: bool) -> None:
    """Plain text is read in runs: whatever its length and characters, it comes out as written,
    joined with the escaped characters beside it, and split only by references."""
    assert parse_template(before, strict=strict) == (before,)
    assert parse_template(f"{before}\\{{{after}", strict=strict) == (f"{before}{{{after}",)
    ref = Ref("facts.area", "and", None, "{facts.area}")
    assert parse_template(f"{before}{{facts.area}}{after}", strict=strict) == (before, ref, after)
