"""Sources as a reader cites them: no file of this program, no internal name, no note."""

from __future__ import annotations

from datetime import date

import pytest

from planner.rates import load_rates
from planner.rates.loader import TABLE_SCHEMAS
from planner.words.i18n import set_language
from planner.words.sources import DERIVED_SOURCE, PLAN_SOURCE, cite, cite_dated, internal_notes


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "Empirium, FAQ: 'Add 30% buffer.' (shared/seeds/003_6abb9a654ba5918a.txt)",
            "Empirium, FAQ: 'Add 30% buffer.'",
        ),
        (
            "Fitted on data/measurements.toml rows (llama.cpp on A100)",
            "Fitted on rows (llama.cpp on A100)",
        ),
        (
            "NVIDIA, https://github.com/NVIDIA/TensorRT-LLM/blob/v0.17.0/perf-overview.md",
            "NVIDIA, https://github.com/NVIDIA/TensorRT-LLM/blob/v0.17.0/perf-overview.md",
        ),
    ],
)
def test_a_source_keeps_its_citation_and_loses_the_programs_own_files(
    source: str, expected: str
) -> None:
    assert cite(source) == expected


def test_the_plans_own_and_worked_out_figures_are_named_in_the_readers_language() -> None:
    set_language("pl")
    try:
        assert cite(PLAN_SOURCE) == "Dane planu"
        assert cite(DERIVED_SOURCE) not in ("", DERIVED_SOURCE)
    finally:
        set_language("en")
    assert cite(PLAN_SOURCE) == "Your plan"


def test_a_dated_citation_gives_the_date_in_the_readers_format() -> None:
    assert cite_dated("Eurostat, nrg_pc_205", date(2025, 10, 29)).endswith("(as of Oct 29, 2025)")
    assert cite_dated(PLAN_SOURCE, date(2025, 10, 29)) == "Your plan"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Estimate: setup_hours_api (40 h) plus a week", ["setup_hours_api"]),
        ("Seed article 003 (Empirium)", ["Seed"]),
        (
            "see REFERENCES.md and data/measurements.toml",
            ["REFERENCES.md", "data/measurements.toml"],
        ),
        ("Eurostat nrg_pc_205, https://example.org/a_b_c/file.md", []),
    ],
)
def test_internal_notes_are_found_outside_links(text: str, found: list[str]) -> None:
    assert internal_notes(text) == found


def test_no_bundled_source_or_description_reads_as_an_internal_note() -> None:
    """What the tables show a reader (sources, descriptions, units) cites public material."""
    rates = load_rates()
    offending = []
    for table in TABLE_SCHEMAS:
        for row in rates.table(table):
            for field in ("source", "price_source", "description", "unit", "label", "notes"):
                text = getattr(row, field, None)
                if isinstance(text, str) and internal_notes(cite(text)):
                    offending.append((table, field, internal_notes(cite(text)), text[:80]))
    assert offending == []
