"""newsbrief's default extractor: central, consensual, lead-weighted sentences.

A sentence scores high when it is close to the centroid of the cluster, when the
other outlets (syndicated copies collapsed) state the same content, when it comes
early in its article, and when it shares words with the articles' titles. The
brief takes the best sentences that fit the budget and are not redundant with one
already taken, then puts them in reading order.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from newsbrief.summarize.base import Extractor, greedy_fill, reading_order
from newsbrief.summarize.features import Cluster
from newsbrief.text import content_terms


class Newsbrief(Extractor):
    """The default multi-document extractor (see the module docstring).

    Parameters are the weights of the score's parts.
    """

    name = "newsbrief"

    def __init__(
        self,
        centroid: float = 1.0,
        consensus: float = 1.0,
        lead: float = 0.3,
        title: float = 0.3,
    ) -> None:
        self.weights = {"centroid": centroid, "consensus": consensus, "lead": lead, "title": title}

    def scores(self, cluster: Cluster) -> np.ndarray:
        """The salience of every sentence of the cluster."""
        n = cluster.size
        if n == 0:
            return np.zeros(0)
        x = cluster.vectors
        groups = cluster.group_of
        n_groups = len(set(groups.tolist()))
        # centroid: every outlet group weighs the same, however many copies it has
        art = np.asarray(cluster.article_of)
        ind = sparse.csr_matrix((np.ones(n), (art, np.arange(n))), shape=(len(cluster.articles), n))
        art_vecs = np.asarray((ind @ x).todense())
        art_norm = np.linalg.norm(art_vecs, axis=1, keepdims=True)
        art_norm[art_norm == 0] = 1.0
        copies = np.bincount(groups, minlength=len(cluster.articles))[groups]
        centroid = ((art_vecs / art_norm) / copies[:, None]).sum(axis=0)
        cn = np.linalg.norm(centroid)
        cen = np.asarray(x @ (centroid / cn if cn else centroid)).ravel()

        # consensus: mean best match in each other outlet group
        if n_groups > 1:
            asim = cluster.article_similarity
            gsim = np.zeros((n, len(cluster.articles)), dtype=np.float32)
            np.maximum.at(gsim.T, groups, asim.T)
            own = groups[art]
            gsim[np.arange(n), own] = 0.0
            consensus = gsim.sum(axis=1) / (n_groups - 1)
        else:
            consensus = np.zeros(n)

        pos = np.array([s.position for s in cluster.sentences], dtype=np.float64)
        lead = 1.0 / (1.0 + pos)

        vocab = cluster.vocabulary
        title_terms = [
            vocab[t] for a in cluster.articles for t in content_terms(a.title) if t in vocab
        ]
        if title_terms:
            tv = np.bincount(title_terms, minlength=len(vocab)).astype(np.float64)
            tv /= np.linalg.norm(tv)
            title = np.asarray(x @ tv).ravel()
        else:
            title = np.zeros(n)

        w = self.weights
        return (
            w["centroid"] * cen + w["consensus"] * consensus + w["lead"] * lead + w["title"] * title
        )

    def select(self, cluster: Cluster, words: int) -> list[int]:
        scores = self.scores(cluster)
        ranked = np.argsort(-scores, kind="stable")
        chosen = greedy_fill(
            cluster, ranked.tolist(), words, redundancy=cluster.settings.redundancy_threshold
        )
        return reading_order(cluster, chosen)
