"""Unsupervised baselines behind the same :class:`Extractor` call as the default.

Every baseline ranks the sentences of one shared :class:`Cluster` (the same splits,
the same tf-idf vectors and similarities) and fills a word budget from that ranking:

- ``random``: a seeded random order;
- ``lead``: the first sentence of every article (in article order), then the second ...;
- ``textrank``: PageRank over the tf-idf cosine similarity graph (Mihalcea & Tarau 2004);
- ``lexrank``: PageRank over the graph of pairs more similar than 0.1 (Erkan & Radev 2004);
- ``centroid``: cosine similarity to the mean tf-idf vector of the cluster (Radev et al. 2004);
- ``submodular``: greedy budgeted maximization of coverage plus diversity
  (Lin & Bilmes 2011).
"""

from __future__ import annotations

import numpy as np

from newsbrief.summarize.base import Extractor, greedy_fill, reading_order
from newsbrief.summarize.features import Cluster

__all__ = [
    "Centroid",
    "Lead",
    "LexRank",
    "Random",
    "Ranker",
    "Submodular",
    "TextRank",
    "pagerank",
]


class Ranker(Extractor):
    """An extractor defined by a ranking: select fills the budget in rank order."""

    name = "ranker"

    def rank(self, cluster: Cluster) -> list[int]:  # pragma: no cover - abstract
        raise NotImplementedError

    def select(self, cluster: Cluster, words: int) -> list[int]:
        """Whole sentences in rank order while they fit ``words``, in reading order."""
        return reading_order(cluster, greedy_fill(cluster, self.rank(cluster), words))


def order_by(scores: np.ndarray) -> list[int]:
    """Indices by descending score; ties keep document order."""
    return [int(i) for i in np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")]


def pagerank(
    weights: np.ndarray, damping: float = 0.85, tol: float = 1e-8, max_iter: int = 200
) -> np.ndarray:
    """Stationary scores of a random walk on a weighted graph (power iteration).

    ``weights[i, j]`` is the weight of the edge i-j (self-loops are ignored); a node
    without edges jumps uniformly. The scores sum to 1.
    """
    n = len(weights)
    if n == 0:
        return np.zeros(0)
    w = np.array(weights, dtype=np.float64)
    np.fill_diagonal(w, 0.0)
    w[w < 0] = 0.0
    out = w.sum(axis=1)
    dangling = out == 0
    out[dangling] = 1.0
    transition = w / out[:, None]
    transition[dangling] = 1.0 / n
    r = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        nxt = (1.0 - damping) / n + damping * (transition.T @ r)
        if np.abs(nxt - r).sum() < tol:
            r = nxt
            break
        r = nxt
    return r / r.sum()


class Random(Ranker):
    """Eligible sentences in a random order drawn with a fixed seed."""

    name = "random"

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def __repr__(self) -> str:
        return f"Random(seed={self.seed})"

    def rank(self, cluster: Cluster) -> list[int]:
        rng = np.random.default_rng(self.seed)
        eligible = cluster.eligible()
        good = np.flatnonzero(eligible)
        rest = np.flatnonzero(~eligible)
        return [int(i) for i in rng.permutation(good)] + [int(i) for i in rest]


class Lead(Ranker):
    """The first usable sentence of each article in article order, then the second, ..."""

    name = "lead"

    def rank(self, cluster: Cluster) -> list[int]:
        eligible = cluster.eligible()
        seen: dict[int, int] = {}
        keys: list[tuple[int, int, int, int]] = []
        for i in range(cluster.size):
            a = int(cluster.article_of[i])
            if eligible[i]:
                k = seen.get(a, 0)
                seen[a] = k + 1
                keys.append((0, k, a, i))
            else:
                keys.append((1, cluster.sentences[i].position, a, i))
        return [key[3] for key in sorted(keys)]


class TextRank(Ranker):
    """PageRank over the tf-idf cosine similarity graph of the sentences."""

    name = "textrank"

    def __init__(self, damping: float = 0.85) -> None:
        self.damping = damping

    def __repr__(self) -> str:
        return f"TextRank(damping={self.damping})"

    def rank(self, cluster: Cluster) -> list[int]:
        return order_by(pagerank(cluster.similarity, self.damping))


class LexRank(Ranker):
    """PageRank over the unweighted graph of sentence pairs with cosine above a threshold."""

    name = "lexrank"

    def __init__(self, threshold: float = 0.1, damping: float = 0.85) -> None:
        self.threshold = threshold
        self.damping = damping

    def __repr__(self) -> str:
        return f"LexRank(threshold={self.threshold}, damping={self.damping})"

    def rank(self, cluster: Cluster) -> list[int]:
        graph = (cluster.similarity > self.threshold).astype(np.float64)
        return order_by(pagerank(graph, self.damping))


class Centroid(Ranker):
    """Sentences by cosine similarity to the centroid (mean tf-idf vector) of the cluster."""

    name = "centroid"

    def rank(self, cluster: Cluster) -> list[int]:
        if cluster.size == 0:
            return []
        centroid = np.asarray(cluster.vectors.mean(axis=0)).ravel()
        norm = float(np.linalg.norm(centroid))
        if norm == 0:
            return list(range(cluster.size))
        return order_by(cluster.vectors @ (centroid / norm))


class Submodular(Ranker):
    """Lin & Bilmes (2011): greedy budgeted maximization of coverage plus diversity.

    ``F(S) = L(S) + diversity * R(S)`` with the saturated coverage
    ``L(S) = sum_i min(C_i(S), alpha * C_i(V))`` (``C_i(S)`` the summed similarity of
    sentence i to S, ``alpha = saturation / N``) and the diversity reward
    ``R(S) = sum_k sqrt(sum_{j in S, j in P_k} r_j)`` over k-means clusters ``P_k``
    (``N * cluster_share`` of them) with singleton rewards ``r_j = mean_i w_ij``.
    Each greedy step takes the sentence of best gain per ``words ** scale``.
    """

    name = "submodular"

    def __init__(
        self,
        saturation: float = 5.0,
        diversity: float = 6.0,
        cluster_share: float = 0.2,
        scale: float = 0.3,
        seed: int = 0,
    ) -> None:
        self.saturation = saturation
        self.diversity = diversity
        self.cluster_share = cluster_share
        self.scale = scale
        self.seed = seed

    def __repr__(self) -> str:
        return (
            f"Submodular(saturation={self.saturation}, diversity={self.diversity}, "
            f"cluster_share={self.cluster_share}, scale={self.scale})"
        )

    def _partition(self, cluster: Cluster) -> np.ndarray:
        n = cluster.size
        k = max(1, min(n, round(n * self.cluster_share)))
        if k == 1 or cluster.vectors.nnz == 0:
            return np.zeros(n, dtype=np.int64)
        from sklearn.cluster import KMeans

        km = KMeans(n_clusters=k, n_init=1, random_state=self.seed)
        return km.fit_predict(cluster.vectors).astype(np.int64)

    def _greedy(self, cluster: Cluster, words: int | None) -> list[int]:
        n = cluster.size
        if n == 0:
            return []
        w = np.array(cluster.similarity, dtype=np.float64)
        cap = (self.saturation / n) * w.sum(axis=1)
        reward = w.mean(axis=0)
        part = self._partition(cluster)
        part_sum = np.zeros(int(part.max()) + 1)
        cost = np.maximum(cluster.words, 1).astype(np.float64) ** self.scale
        open_ = cluster.eligible().copy()
        budget = words if words is not None else 10**9
        cover = np.zeros(n)
        chosen: list[int] = []
        used = 0
        while True:
            fits = open_ & (cluster.words <= budget - used)
            if not fits.any():
                break
            base = np.minimum(cover, cap).sum()
            coverage = np.minimum(cover[:, None] + w, cap[:, None]).sum(axis=0) - base
            own = part_sum[part]
            diversity = np.sqrt(own + reward) - np.sqrt(own)
            gains = (coverage + self.diversity * diversity) / cost
            gains[~fits] = -np.inf
            best = int(np.argmax(gains))
            chosen.append(best)
            used += int(cluster.words[best])
            open_[best] = False
            cover += w[:, best]
            part_sum[part[best]] += reward[best]
            if words is None and used >= 400:
                break
        return chosen

    def rank(self, cluster: Cluster) -> list[int]:
        head = self._greedy(cluster, None)
        seen = set(head)
        return head + [i for i in range(cluster.size) if i not in seen]

    def select(self, cluster: Cluster, words: int) -> list[int]:
        chosen = self._greedy(cluster, words)
        if not chosen:
            chosen = greedy_fill(cluster, self.rank(cluster), words)
        return reading_order(cluster, chosen)
