"""The public surface is exactly what ``kg.__all__`` promises."""

from __future__ import annotations

import kg


def test_api_all_names_exist_and_are_sorted() -> None:
    assert kg.__all__ == sorted(kg.__all__)
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name


def test_api_errors_share_one_root() -> None:
    for name in kg.__all__:
        obj = getattr(kg, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, kg.KGError), name
