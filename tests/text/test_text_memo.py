"""The per-process memo: computed once, bounded, and a shared chain gives what a fresh one does."""

from __future__ import annotations

from zjlab_reports.text import FontChain, break_opportunities, layout_lines, measure
from zjlab_reports.text.chain import fonts_per_char
from zjlab_reports.text.memo import Memo


def test_a_value_is_computed_once_per_key():
    memo = Memo()
    calls: list[int] = []
    for _ in range(3):
        assert memo.get("k", lambda: calls.append(1) or 42) == 42
    assert calls == [1]


def test_a_full_memo_forgets_its_oldest_entries_and_stays_bounded():
    memo = Memo(limit=8)
    for key in range(100):
        memo.get(key, lambda k=key: k * 2)
    assert len(memo) <= 8
    assert memo.get(99, lambda: -1) == 198  # the newest is kept
    assert memo.get(0, lambda: -1) == -1  # the oldest was forgotten, computed again


def test_entries_in_use_outlive_a_stream_of_one_off_keys():
    """A batch: texts every document shares stay while each document's own ones come and go."""
    for limit, shared_count in ((8, 3), (64, 20)):
        memo = Memo(limit=limit)
        computed: list[object] = []

        def compute(key: object, into: list[object] = computed) -> object:
            into.append(key)
            return key

        for document in range(10 * limit):
            for key in [f"shared-{i}" for i in range(shared_count)] + [document]:
                memo.get(key, lambda k=key: compute(k))
            assert len(memo) <= limit
        assert computed.count("shared-0") == 1  # used by every document: never forgotten
        assert memo.get(0, lambda: "again") == "again"  # an early one-off key was


def test_a_shared_chain_lays_out_what_a_fresh_chain_does(latin, east_asian):
    shared = FontChain(latin=(latin,), east_asian=(east_asian,))
    texts = ["之江实验室 AI for science", "ab cd ef gh ij kl", "之江实验室，“智能计算”。"]
    for width in (30.0, 55.0, 200.0):
        for text in texts * 2:  # the second round comes from the memo
            fresh = FontChain(latin=(latin,), east_asian=(east_asian,))
            for lang in ("en", "zh"):
                assert layout_lines(text, shared, 10.0, 14.0, width, lang) == layout_lines(
                    text, fresh, 10.0, 14.0, width, lang
                )
                assert measure(text, shared, 10.0, lang) == measure(text, fresh, 10.0, lang)
    assert len(shared.memo) > 0


def test_callers_cannot_change_a_memo_entry(chain):
    fonts = fonts_per_char("ab之江", chain, "zh")
    fonts.clear()
    assert len(fonts_per_char("ab之江", chain, "zh")) == 4


def test_break_opportunities_are_remembered_per_language_and_cannot_be_changed():
    for _ in range(2):  # the second round comes from the memo
        assert break_opportunities("x…y a·b", "zh") == [2, 4, 6]
        assert break_opportunities("x…y a·b", "en") == [4]
        assert break_opportunities("x…y a·b", "zh-CN") == [2, 4, 6]
    found = break_opportunities("x…y a·b", "zh")
    found.clear()
    assert break_opportunities("x…y a·b", "zh") == [2, 4, 6]


def test_per_object_computes_once_per_object_and_never_trusts_a_reused_id() -> None:
    memo = Memo(limit=8)
    made: list[str] = []
    first, second = object(), object()
    assert memo.per_object(first, lambda: made.append("first") or "one") == "one"
    assert memo.per_object(first, lambda: made.append("again") or "other") == "one"
    assert memo.per_object(second, lambda: made.append("second") or "two") == "two"
    assert memo.per_object(first, lambda: made.append("keyed") or "three", 2) == "three"  # other key
    assert made == ["first", "second", "keyed"]
    stranger = object()  # an entry under `stranger`'s id that another object left behind
    memo.put((id(stranger),), (object(), "stale"))
    assert memo.per_object(stranger, lambda: "fresh") == "fresh"
