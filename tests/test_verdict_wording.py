"""Verdict tips as a candidate reads them: counts with their Russian unit."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sobes.analysis.fillers import FillersSection
from sobes.analysis.verdicts import _hesitations
from tests.judges import DEFAULT


@pytest.mark.parametrize(("count", "said"), [(1, "— 1 раз."), (2, "— 2 раза."), (5, "— 5 раз.")])
def test_hesitations_are_counted_in_times(count, said):
    metrics = SimpleNamespace(fillers=FillersSection(hesitation_count=count, hesitations_per_min=12.0))
    verdict = _hesitations(metrics, DEFAULT)  # type: ignore[arg-type]
    assert verdict is not None
    assert f"Заминки «эээ»/«ммм» {said}" in verdict.tip
    assert ": 2." not in verdict.tip
