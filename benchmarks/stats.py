"""Medians and 95th percentiles of timings, by nearest rank so that every figure is a real sample."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass


def percentile(samples, fraction: float) -> float:
    """The nearest-rank percentile: the smallest sample with at least `fraction` of the samples at or below it."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("no samples")
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Timing:
    """Durations of repeated runs of one thing, in seconds."""

    seconds: tuple[float, ...]

    @property
    def count(self) -> int:
        return len(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        return percentile(self.seconds, 0.95)


def ratio(numerator: float, denominator: float) -> float:
    return math.inf if denominator == 0 else numerator / denominator
