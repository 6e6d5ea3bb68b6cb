"""Pooled anonymity for a network programme: one figure per municipality and one for the network.

The network is the parent and each municipality a child in the anonymity engine's tree
(evaluation.anonymity.Group), and `decide` applies its rules: a municipality is shown only with at
least the threshold alone, and complementary suppression hides more municipalities until the hidden
ones together hold 0 or at least the threshold, so no hidden municipality's figure is the network
total minus the others. When the engine of the disclosure issue lands, this is one more tree it
is given: a "municipality" dimension under the programme (see the README's network section)."""

from dataclasses import dataclass

from evaluation.anonymity import Group, decide, threshold


@dataclass
class Share:
    municipality: object
    n: int | None  # None when hidden: a hidden share carries no count at all
    shown: bool


def pooled(counts, k=None):
    """(network count or None, [Share per municipality]) from {municipality: count}."""
    k = k or threshold()
    root = Group(key="network", n=sum(counts.values()), children=[Group(key=m, n=n) for m, n in counts.items()])
    decide(root, k)
    shares = [Share(c.key, c.n if c.shown else None, c.shown) for c in root.children]
    return (root.n if root.shown else None), shares
