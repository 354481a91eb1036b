"""Did-you-mean suggestions that do not compare a misspelt name with every known name.

`difflib.get_close_matches` scores a word against each candidate, so a file with a thousand misspelt ids checked
against a thousand known ones does a million comparisons (issue 13: 11–18 s for one 310 KB file). A Suggester
indexes one fixed list of names once and remembers each answer:

- a long list is indexed by character bigrams (with the word's start and end marked), and a word is compared
  only with the names that share the most bigrams with it (SHORTLIST per match asked for);
- the names compared are taken in order of difflib's own upper bound on its score (its `quick_ratio`: the letters
  two names share, in any order), and the search stops as soon as no name left can beat the matches found. So
  within the names compared, the answer is exactly `get_close_matches`'s, ties included; lists of up to SMALL
  names per match asked for are compared in full, which gives difflib's answer over the whole list.

A Suggester holds no global state: make one per list of names (the checks make one per kind of name).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher
from itertools import chain
from operator import itemgetter

SMALL = 40  # up to this many names per match asked for, compare with all of them (difflib's exact answer)
SHORTLIST = 32  # otherwise, per match asked for, compare with the names sharing the most bigrams with the word


def _bigrams(word: str) -> set[str]:
    padded = f"\x02{word}\x03"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def _ratio(matches: int, length: int) -> float:
    return 2.0 * matches / length if length else 1.0  # difflib's own formula, so that bounds compare exactly


class Suggester:
    """Close matches for words among one fixed list of names."""

    def __init__(self, names: Iterable[str]):
        self.names: list[str] = list(dict.fromkeys(n for n in names if isinstance(n, str)))
        self.known = frozenset(self.names)
        self._lens = [len(n) for n in self.names]
        self._alphabet: dict[str, int] = {}  # every letter of the names -> its place in the count vectors
        self._letters: list[tuple[int, ...]] = []  # each name's letter counts over the alphabet, for the bound
        self._postings: dict[str, list[int]] | None = None  # bigram -> indices of the names holding it
        self._sizes: list[int] = []  # bigrams per name
        self._memo: dict[tuple[str, int, float], list[str]] = {}

    def __contains__(self, name: object) -> bool:
        return name in self.known

    def __len__(self) -> int:
        return len(self.names)

    def close(self, word: str, n: int = 1, cutoff: float = 0.6) -> list[str]:
        """`difflib.get_close_matches(word, names, n, cutoff)`, searching a shortlist of the names when there are
        more than SMALL per match asked for."""
        key = (word, n, cutoff)
        found = self._memo.get(key)
        if found is None:
            if len(self.names) <= SMALL * n:
                pool: Iterable[int] = range(len(self.names))
            else:
                pool = self._shortlist(word, cutoff, SHORTLIST * n)
            found = self._memo[key] = self._best(word, pool, n, cutoff)
        return list(found)

    def _best(self, word: str, pool: Iterable[int], n: int, cutoff: float) -> list[str]:
        """get_close_matches over the names in `pool`: the n best scores of at least `cutoff`, the larger name
        first among equal scores. Names are scored in order of their upper bound, until none left can enter."""
        if not self._alphabet and self.names:
            self._alphabet = {c: k for k, c in enumerate(sorted({c for name in self.names for c in name}))}
            for name in self.names:
                counts = [0] * len(self._alphabet)
                for c in name:
                    counts[self._alphabet[c]] += 1
                self._letters.append(tuple(counts))
        letters, lens, names = self._letters, self._lens, self.names
        have = Counter(c for c in word if c in self._alphabet)  # letters no name has cannot match
        places, wanted = [self._alphabet[c] for c in have] + [0, 0], [*have.values(), 0, 0]  # padded: a tuple
        pick = itemgetter(*places)
        length = len(word)
        bounds = []
        for i in pool:
            total = length + lens[i]
            if _ratio(min(length, lens[i]), total) < cutoff:  # difflib's real_quick_ratio
                continue
            bound = _ratio(sum(map(min, pick(letters[i]), wanted)), total)  # its quick_ratio: letters in common
            if bound >= cutoff:
                bounds.append((bound, i))
        bounds.sort(key=lambda b: -b[0])
        matcher = SequenceMatcher()
        matcher.set_seq2(word)  # as get_close_matches: the word is the second sequence
        top: list[tuple[float, str]] = []  # a min-heap of the n best (score, name)
        for bound, i in bounds:
            if len(top) == n and bound < top[0][0]:
                break
            matcher.set_seq1(names[i])
            score = matcher.ratio()
            if score >= cutoff:
                if len(top) < n:
                    heapq.heappush(top, (score, names[i]))
                else:
                    heapq.heappushpop(top, (score, names[i]))
        return [name for _, name in sorted(top, reverse=True)]

    def _index(self) -> dict[str, list[int]]:
        if self._postings is None:
            postings: dict[str, list[int]] = {}
            sizes = []
            for i, name in enumerate(self.names):
                grams = _bigrams(name)
                sizes.append(len(grams))
                for g in grams:
                    postings.setdefault(g, []).append(i)
            self._sizes = sizes
            self._postings = postings
        return self._postings

    def _shortlist(self, word: str, cutoff: float, size: int) -> list[int]:
        """The `size` names sharing the largest part of their bigrams with the word."""
        postings = self._index()
        grams = _bigrams(word)
        lists = sorted((postings[g] for g in grams if g in postings), key=len)
        # Bigrams most names share (`_e`, `ev` in `*_event_*`) say little and cost most: leave them out, but keep
        # at least the three rarest, so a word made only of common bigrams still finds its names.
        common = max(size, len(self.names) // 2)
        kept = [p for i, p in enumerate(lists) if i < 3 or len(p) <= common]
        shared = Counter(chain.from_iterable(kept))
        length, sizes, lens, total = len(word), self._sizes, self._lens, len(grams)

        def score(item: tuple[int, int]) -> float:
            return 2 * item[1] / (total + sizes[item[0]])

        fits = (item for item in shared.items() if _ratio(min(length, lens[item[0]]), length + lens[item[0]]) >= cutoff)
        return [i for i, _ in heapq.nlargest(size, fits, key=score)]
