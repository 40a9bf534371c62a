"""Shared fixtures: a fresh ledger and the synthetic export files beside these tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.actuals.importer import FileReport, import_files
from planner.actuals.store import SqliteLedger, open_ledger

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[SqliteLedger]:
    store = open_ledger(tmp_path / "company.llmledger")
    yield store
    store.close()


def load(store: SqliteLedger, *names: str, **options: object) -> list[FileReport]:
    """Import fixture files by name."""
    return import_files(store, [FIXTURES / name for name in names], **options)  # type: ignore[arg-type]
