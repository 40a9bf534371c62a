"""Text that reaches the PDF: control characters, non-characters, lone surrogates and markup
in every text field still give a report, with the markup shown as typed (issue 8, item 4)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from planner.engine.estimate import estimate
from planner.export.files import export_files
from planner.model.plan import Plan
from planner.model.templates import template
from planner.rates import load_rates

RATES = load_rates()
FORBIDDEN = (
    "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff\ud800\udfff"
)
MARKUP = "<b>&amp; & <br/> <i>x</i>"
API_MODEL = "mistral-large-4"  # the API the customer e-mail template shows


def hostile_plan() -> Plan:
    plan = template("customer_email").plan
    return plan.model_copy(
        update={
            "name": f"Budżet{FORBIDDEN} {MARKUP}",
            "company": f"=cmd|' /C calc'!A0{FORBIDDEN}",
            "advisor": f"{FORBIDDEN}+1",
            "notes": f"@SUM(1)\n-1{FORBIDDEN} {MARKUP}",
            "rate_overrides": {
                "api_models": {API_MODEL: {"label": f"Mistral{FORBIDDEN} Large {MARKUP}"}}
            },
        }
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    plan = hostile_plan()
    result = estimate(plan, RATES)
    assert any(API_MODEL in option.id for option in result.shown), "the label must be shown"
    target = tmp_path_factory.mktemp("hostile") / "report.pdf"
    export_files(plan, result, RATES, pdf=target)
    assert target.read_bytes().startswith(b"%PDF-")
    return PdfReader(target)


def text_of(report: PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in report.pages)


def test_the_report_shows_the_markup_as_typed(report: PdfReader) -> None:
    text = text_of(report)
    assert f"Budżet {MARKUP}" in text
    assert f"Mistral Large {MARKUP}" in text
    assert "=cmd|' /C calc'!A0" in text


def test_the_report_properties_hold_the_cleaned_name(report: PdfReader) -> None:
    assert report.metadata is not None
    assert report.metadata.title == f"Budżet {MARKUP}"
    assert report.metadata.author == "+1"
