"""What a reader gets (PDF text, workbook cells, the command line's table) holds no file of
this program, no data-file name, no "seed" and no internal name joined with underscores;
the workbook may show its own defined names, as names (issue 12)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from planner.cli.main import run
from planner.engine.estimate import estimate
from planner.export.files import export_files
from planner.model.templates import template
from planner.rates import load_rates
from planner.words.i18n import set_language
from planner.words.sources import internal_notes

ROOT = Path(__file__).parents[3]
RATES = load_rates()
TEMPLATES = ("customer_email", "support_agent")
# Engine codes that must never reach a reader as they are.
CODES = re.compile(
    r"\b(?:api_tokens|compute_rental|hardware_amortisation|monitoring_and_tools|fine_tuning"
    r"|external_provider|ml_team|on_premises_only|special_category|excluded_count"
    r"|quality_below_need|legacy_model|price_unknown)\b"
)


OURS = ("shared/", "data/", "planner/", "templates/", "seeds", ".toml", ".txt")


def leaks(text: str) -> list[str]:
    return list(dict.fromkeys(internal_notes(text) + CODES.findall(text)))


def pdf_leaks(text: str) -> list[str]:
    """As ``leaks``, for text read back from a PDF, where a long link wraps onto the next
    line: pieces of a link (with a slash) count only when they name a file of ours."""
    kept = [w for w in text.split() if "/" not in w or any(mark in w for mark in OURS)]
    return leaks(" ".join(kept))


@pytest.fixture(scope="module", params=[(t, lang) for t in TEMPLATES for lang in ("en", "pl")])
def exported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, openpyxl.Workbook]:
    template_id, language = request.param
    set_language(language)
    try:
        plan = template(template_id).plan
        plan = plan.model_copy(update={"currency": "PLN"}) if language == "pl" else plan
        folder = tmp_path_factory.mktemp(f"{template_id}-{language}")
        pdf, xlsx = folder / "plan.pdf", folder / "plan.xlsx"
        export_files(plan, estimate(plan, RATES), RATES, pdf=pdf, xlsx=xlsx)
    finally:
        set_language("en")
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text, openpyxl.load_workbook(xlsx)


def test_the_pdf_text_holds_no_internal_note(exported: tuple[str, openpyxl.Workbook]) -> None:
    text, _workbook = exported
    assert pdf_leaks(text) == []


def test_the_workbook_cells_hold_no_internal_note(exported: tuple[str, openpyxl.Workbook]) -> None:
    _text, workbook = exported
    names = {name.lower() for name in workbook.defined_names}
    found = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str) or value.startswith("=") or value.lower() in names:
                    continue
                if leaks(value):
                    found.append((sheet.title, cell.coordinate, leaks(value)))
    assert found == []


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_command_lines_table_holds_no_internal_note(
    language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for template_id in TEMPLATES:
        path = ROOT / "templates" / f"{template_id}.json"
        assert run(["estimate", str(path), "--all", "--lang", language]) == 0
    assert leaks(capsys.readouterr().out) == []


def test_the_scan_finds_what_it_looks_for() -> None:
    assert leaks("Estimate: setup_hours_api plus (shared/seeds/003.txt), api_tokens") == [
        "shared/seeds/003.txt",
        "seeds",
        "setup_hours_api",
        "api_tokens",
    ]
