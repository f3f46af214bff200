"""Convex fusion of standardised dense and BM25 scores."""

from __future__ import annotations

import pytest

from assistant.fusion import convex_fusion


def test_strong_in_both_beats_top_of_one() -> None:
    dense = {1: 0.90, 2: 0.89, 3: 0.80, 4: 0.80}
    lexical = {1: 1.0, 2: 9.0, 3: 8.0, 4: 1.0}
    ranked = [row for row, _ in convex_fusion(dense, lexical, dense_weight=0.5)]
    assert ranked[0] == 2  # near the dense top and at the BM25 top
    assert ranked[-1] == 4


def test_score_gaps_count_not_just_order() -> None:
    # Row 1 leads dense by a wide margin, row 2 leads BM25 by a hair: rank fusion would tie them.
    dense = {1: 0.95, 2: 0.80, 3: 0.79}
    lexical = {1: 5.0, 2: 5.1, 3: 0.1}
    assert convex_fusion(dense, lexical, dense_weight=0.5)[0][0] == 1


def test_weight_moves_the_balance() -> None:
    dense = {1: 0.9, 2: 0.8}
    lexical = {1: 1.0, 2: 6.0}
    assert convex_fusion(dense, lexical, dense_weight=1.0)[0][0] == 1
    assert convex_fusion(dense, lexical, dense_weight=0.0)[0][0] == 2


def test_missing_lexical_score_counts_as_zero_and_flat_signal_is_ignored() -> None:
    ranked = convex_fusion({1: 0.7, 2: 0.9}, {}, dense_weight=0.3)
    assert [row for row, _ in ranked] == [2, 1]
    assert convex_fusion({}, {}, dense_weight=0.5) == []


def test_weight_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="dense_weight"):
        convex_fusion({1: 0.5}, {}, dense_weight=1.5)


def test_weighted_fusion_adds_a_third_signal() -> None:
    from assistant.fusion import weighted_fusion

    signals = {"dense": {1: 0.9, 2: 0.8}, "bm25": {1: 1.0, 2: 1.0}, "second": {1: 0.1, 2: 0.9}}
    assert weighted_fusion(signals, {"dense": 0.3, "bm25": 0.2, "second": 0.5})[0][0] == 2
    assert weighted_fusion(signals, {"dense": 0.8, "bm25": 0.2, "second": 0.0})[0][0] == 1
    with pytest.raises(ValueError, match="negatief"):
        weighted_fusion(signals, {"dense": -1.0})
