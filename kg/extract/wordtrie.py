"""Word lists compiled into one regex shaped like a trie.

The figure and date readers match hundreds of words in every sentence; ``re`` tries
alternatives one by one, so sharing prefixes lets it reject most words on their first letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["word_trie"]

_Node = dict[str, "_Node"]


def word_trie(phrases: Iterable[str], capitalised: bool = True, tails: dict[str, str] | None = None) -> str:
    """One regex for a word list, as a trie: ``re`` tries alternatives one by one, and sharing
    prefixes lets it reject most words on their first letter. Longer phrases are tried first.

    ``capitalised`` also matches a capital first letter ("Some 11,000"): news writes these
    lower case or at a sentence start, and a case-sensitive regex is several times faster.
    ``tails`` adds a regex after a phrase ("twenty" takes an optional "-five").
    """
    root: _Node = {}
    for phrase in phrases:
        node = root
        for char in " ".join(phrase.split()):
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Node, first: bool, path: str) -> str:
        branches = []
        for char, child in sorted(node.items(), reverse=True):  # "" (the end) sorts last
            if char == "":
                branches.append((tails or {}).get(path, ""))
                continue
            head = r"\s+" if char == " " else re.escape(char)
            if first and capitalised and char.isalpha():
                head = f"[{char.upper()}{char}]"
            branches.append(head + emit(child, False, path + char))
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return emit(root, True, "")
