"""Every deliberately wrong rewrite verify can judge fails (tests/verify/wrong_rewrites.py holds the set and the
catch rate over all of it, the ones verify still misses included)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.runtime.harness import require_tensorflow
from tests.verify.wrong_rewrites import CAUGHT, Wrong, judged
from tfvarfix.verify import Pool

pytestmark = pytest.mark.tensorflow


@pytest.fixture(scope="module")
def pool() -> Iterator[Pool]:
    require_tensorflow()
    with Pool() as warm:
        yield warm


@pytest.mark.parametrize("wrong", CAUGHT, ids=[w.name for w in CAUGHT])
def test_a_wrong_rewrite_fails(pool: Pool, wrong: Wrong) -> None:
    status, why = judged(wrong, pool)
    assert status == "failed", why
    assert why
