"""Text that reaches the workbook: whatever a plan's fields or a rate label hold, the file is
well-formed XML that Excel and LibreOffice open, and text that looks like a formula stays
text (issue 8, item 4)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from planner.engine.estimate import estimate
from planner.export.files import export_files
from planner.export.workbook.cells import xml_text
from planner.model.plan import Plan
from planner.model.templates import template
from planner.rates import load_rates

RATES = load_rates()
# Every character XML 1.0 forbids: C0 controls but tab, line feed and carriage return, the
# two non-characters and lone surrogates (which JSON can carry: "\ud800").
FORBIDDEN = (
    "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff\ud800\udfff"
)
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MARKUP = " <b>&amp; & < > \" '"
INJECTIONS = ("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)")
API_MODEL = "mistral-large-4"  # the API the customer e-mail template shows


def hostile_plan() -> Plan:
    """Forbidden characters in every text field and in a rate table's label, with markup
    and text that looks like a formula once they are dropped."""
    plan = template("customer_email").plan
    label = {"label": f"Mistral{FORBIDDEN} Large{MARKUP}"}
    return plan.model_copy(
        update={
            "name": f"Budżet{FORBIDDEN}{MARKUP}",
            "company": f"{INJECTIONS[0]}{FORBIDDEN}",
            "advisor": f"{FORBIDDEN}{INJECTIONS[1]}",
            "notes": f"Zażółć\n{FORBIDDEN}gęślą\r\njaźń\t{MARKUP}",
            "rate_overrides": {"api_models": {API_MODEL: label}},
        }
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = hostile_plan()
    result = estimate(plan, RATES, analysis=False)
    assert any(API_MODEL in option.id for option in result.shown), "the label must be shown"
    target = tmp_path_factory.mktemp("hostile") / "budget.xlsx"
    export_files(plan, result, RATES, xlsx=target)
    return target


def test_every_xml_part_of_the_workbook_parses(exported: Path) -> None:
    path = exported
    with zipfile.ZipFile(path) as archive:
        parts = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
        assert {"docProps/core.xml", "docProps/app.xml", "xl/worksheets/sheet1.xml"} <= set(parts)
        for name in parts:
            ElementTree.fromstring(archive.read(name))  # raises on a malformed part


def test_the_workbook_opens_with_every_text_cleaned_and_kept(exported: Path) -> None:
    path = exported
    workbook = openpyxl.load_workbook(path)
    texts = [
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert not [text for text in texts if NOT_XML.search(text)]
    summary = {c.value for row in workbook["Summary"].iter_rows() for c in row}
    assert f"AI budget: Budżet{MARKUP}" in summary
    # Line breaks and tabs are kept (XML reads a CR LF back as LF).
    assert f"Zażółć\ngęślą\njaźń\t{MARKUP}" in summary
    assert any(text.startswith(f"Mistral Large{MARKUP}") for text in texts)


def test_the_document_properties_hold_the_cleaned_name_and_company(
    exported: Path,
) -> None:
    path = exported
    workbook = openpyxl.load_workbook(path)
    assert workbook.properties.title == f"AI budget: Budżet{MARKUP}"
    assert workbook.properties.description == INJECTIONS[0]
    with zipfile.ZipFile(path) as archive:
        app = ElementTree.fromstring(archive.read("docProps/app.xml"))
    company = [element.text for element in app.iter() if element.tag.endswith("Company")]
    assert company == [INJECTIONS[0]]


@pytest.mark.parametrize("text", INJECTIONS)
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, text: str) -> None:
    plan = template("document_analysis").plan.model_copy(
        update={"name": "Plan", "company": text, "advisor": text, "notes": text}
    )
    target = tmp_path / "budget.xlsx"
    export_files(plan, estimate(plan, RATES, analysis=False), RATES, xlsx=target)
    cells = [
        cell
        for row in openpyxl.load_workbook(target)["Summary"].iter_rows()
        for cell in row
        if cell.value == text
    ]
    assert len(cells) == 3  # company, advisor, notes
    assert {cell.data_type for cell in cells} == {"s"}
    with zipfile.ZipFile(target) as archive:
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    formulas = [element.text or "" for element in sheet.iter() if element.tag.endswith("}f")]
    assert formulas, "the Summary's own figures are formulas"
    assert not [f for f in formulas if text.lstrip("=") in f or "cmd" in f]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x00b\x08c\x0bd\x0ce\x1ff", "abcdef"),
        ("tab\tline\ncr\r", "tab\tline\ncr\r"),
        ("\ufffe\uffff\ud800\udbff\udc00\udfff", ""),
        ("Zażółć 😀 \u00a0\u2028", "Zażółć 😀 \u00a0\u2028"),
    ],
)
def test_xml_text_drops_exactly_what_xml_forbids(raw: str, clean: str) -> None:
    assert xml_text(raw) == clean
