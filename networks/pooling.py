"""Pooled anonymity for a network programme: one figure per municipality and one for the network.

The network is the total and each municipality a part, decided together by the disclosure engine
(core.disclosure.release_partition): a municipality is shown only with at least the threshold alone,
and only where no small municipality's figure could be worked out as the network total minus the
others."""

from dataclasses import dataclass

from core.disclosure import release_partition, threshold


@dataclass
class Share:
    municipality: object
    n: int | None  # None when hidden: a hidden share carries no count at all
    shown: bool


def pooled(counts, k=None):
    """(network count or None, [Share per municipality]) from {municipality: count}."""
    total, parts = release_partition(counts, k or threshold())
    return total, [Share(m, parts[m], parts[m] is not None) for m in counts]
