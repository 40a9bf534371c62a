"""The PDF report: its text read back (pypdf, and pdftotext when installed) holds the
sections, names, figures and page furniture put in, in any script the font can draw."""

from __future__ import annotations

import gettext
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from planner.engine.estimate import estimate
from planner.engine.recommend import GROUPS, group_of
from planner.export.report.budget import month_cost, notable_exclusions
from planner.export.report.document import write_report
from planner.export.report.text import REPLACEMENT, clean, drawable
from planner.export.shown import shown_options
from planner.model.plan import Plan
from planner.model.result import EstimateResult
from planner.model.templates import template
from planner.rates import load_rates
from planner.scenarios.volume_curve import CurvePoint, cost_curve
from planner.words import i18n
from planner.words.formats import about, money
from planner.words.i18n import set_language

RATES = load_rates()
TODAY = date(2026, 3, 15)
POLISH = "Zażółć gęślą jaźń Sp. z o.o."
UKRAINIAN = "Київська пекарня"
SECTIONS = (
    "Summary",
    "What would change the answer",
    "About these figures",
    "The options compared",
    "What a month costs, by category",
    "How the totals move",
    "Cost against volume",
    "Month-by-month budget",
    "Assumptions and sources",
    "Options ruled out",
)


def support_plan(**changes: object) -> Plan:
    """The largest template (support agent, 10,000 requests a day), starting Jan 2027."""
    base = template("support_agent").plan
    return base.model_copy(update={"start_date": date(2027, 1, 1), **changes})


@cache
def small_curve(plan_json: str) -> list[CurvePoint]:
    """Three volumes instead of the report's nine, to keep the tests quick."""
    return cost_curve(Plan.model_validate_json(plan_json), RATES, [10.0, 1000.0, 100000.0])


def report(plan: Plan, result: EstimateResult | None = None) -> bytes:
    result = result or estimate(plan, RATES)
    stream = io.BytesIO()
    unnamed = plan.model_copy(update={"name": "", "company": "", "advisor": "", "notes": ""})
    curve = small_curve(unnamed.model_dump_json())
    write_report(plan, result, RATES, stream, curve=curve, today=TODAY)
    return stream.getvalue()


def flat(text: str) -> str:
    """Whitespace of any kind (line breaks, no-break spaces) as single spaces."""
    return " ".join(text.split())


def pages_text(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdftotext_pages(pdf: bytes) -> list[str] | None:
    """Each page's text as poppler's pdftotext reads it, or None where it is missing."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    out = subprocess.run(
        [tool, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return [flat(page) for page in out.stdout.decode("utf-8").split("\f")[:-1]]


def readers(pdf: bytes) -> Iterator[tuple[str, list[str]]]:
    yield "pypdf", pages_text(pdf)
    poppler = pdftotext_pages(pdf)
    if poppler is not None:
        yield "pdftotext", poppler


@pytest.fixture(scope="module")
def polish_report() -> tuple[Plan, EstimateResult, bytes]:
    plan = support_plan(company=POLISH, advisor="Łukasz Żółkiewski")
    result = estimate(plan, RATES)
    return plan, result, report(plan, result)


@pytest.mark.parametrize(
    "company", [POLISH, UKRAINIAN, "Bäckerei Müller GmbH", "Blåbær og Søtt AS"]
)
def test_the_company_reads_back_exactly_on_the_cover_and_in_every_footer(company: str) -> None:
    pdf = report(support_plan(company=company))
    for reader, pages in readers(pdf):
        assert company in pages[0], reader
        for number, text in enumerate(pages, start=1):
            assert f"Support agent with retrieval — {company}" in text, (reader, number)


def test_every_page_is_numbered_out_of_the_total(
    polish_report: tuple[Plan, EstimateResult, bytes],
) -> None:
    for reader, pages in readers(polish_report[2]):
        total = len(pages)
        assert total >= 9, reader
        for number, text in enumerate(pages, start=1):
            assert f"Page {number} of {total}" in text, (reader, number)


def test_the_sections_appear_in_order(polish_report: tuple[Plan, EstimateResult, bytes]) -> None:
    for reader, pages in readers(polish_report[2]):
        whole, position = " ".join(pages), 0
        for title in SECTIONS:
            position = whole.find(title, position)
            assert position >= 0, (reader, title)


def test_the_summary_page_leads_with_the_recommendation_and_its_costs(
    polish_report: tuple[Plan, EstimateResult, bytes],
) -> None:
    plan, result, pdf = polish_report
    best = result.recommended
    assert best is not None
    for reader, pages in readers(pdf):
        summary = pages[1]
        assert summary.startswith("Summary"), reader
        assert flat(best.label) in summary, reader
        for amount in (best.monthly_cost, best.one_off_cost, best.horizon_cost):
            assert flat(money(amount, plan.currency)) in summary, (reader, amount)
        assert "Running a model yourself becomes cheaper" in summary, reader
        point = result.break_even
        assert point is not None and point.requests_per_day is not None
        assert flat(about(point.requests_per_day)) in summary  # the break-even volume


def test_each_shown_option_and_its_totals_are_in_the_comparison(
    polish_report: tuple[Plan, EstimateResult, bytes],
) -> None:
    plan, result, pdf = polish_report
    whole = " ".join(pages_text(pdf))
    for option in shown_options(result):
        assert flat(option.label) in whole
        for amount in (option.monthly_cost, option.one_off_cost, option.horizon_cost):
            assert flat(money(amount, plan.currency)) in whole, (option.id, amount)


def test_assumptions_list_their_sources_and_dates(
    polish_report: tuple[Plan, EstimateResult, bytes],
) -> None:
    whole = " ".join(pages_text(polish_report[2]))
    assert "ECB euro foreign exchange reference rates" in whole
    assert "Uptime Institute Global Data Center Survey 2024" in whole
    assert "May 8, 2026" in whole


def test_the_charts_are_vector_drawings_in_the_embedded_font(
    polish_report: tuple[Plan, EstimateResult, bytes],
) -> None:
    reader = PdfReader(io.BytesIO(polish_report[2]))
    fonts: set[str] = set()
    for page in reader.pages:
        assert not page.images
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("DejaVuSans" in name for name in fonts), fonts


def test_a_long_horizon_splits_the_budget_across_pages_with_its_header_repeated() -> None:
    plan = support_plan(horizon_months=120, company=UKRAINIAN)
    result = estimate(plan, RATES)
    pages = pages_text(report(plan, result))
    budget_pages = [text for text in pages if re.search(r"\b\d+ · \w+ \d{4}\b", text)]
    assert len(budget_pages) >= 3
    headers = ["Month", "Cloud AI service", "Small computer in the office"]
    for text in budget_pages:
        assert all(header in text for header in headers)
    whole = " ".join(budget_pages)
    assert "1 · Jan 2027" in whole and "120 · Dec 2036" in whole
    best = result.recommended
    assert best is not None
    assert flat(money(best.horizon_cost, plan.currency)) in budget_pages[-1]


def test_month_one_carries_the_one_off_costs_and_the_months_add_up_to_the_total() -> None:
    result = estimate(support_plan(horizon_months=24), RATES)
    for option in shown_options(result):
        months = [month_cost(option, m) for m in range(24)]
        assert months[0] == pytest.approx(option.monthly_series[0] + option.one_off_cost)
        assert sum(months) == pytest.approx(option.horizon_cost, rel=1e-9, abs=0.01)


def test_notable_exclusions_are_a_few_cheapest_per_reason_and_kind() -> None:
    result = estimate(support_plan(), RATES)
    for group in GROUPS:
        notable = notable_exclusions(result.options, group)
        assert len(notable) <= 4
        assert all(not o.feasible and group_of(o) == group for o in notable)
        first_reasons = [o.excluded_reasons[0].code for o in notable]
        assert len(set(first_reasons)) == len(first_reasons)
        costs = [o.horizon_cost for o in notable]
        assert costs == sorted(costs)


def test_a_300_character_name_full_of_emoji_and_markup_does_not_break_the_report() -> None:
    name = ("Pierogi 🥟 & <b>Borscht</b> 🇺🇦🇵🇱 ‍👩‍🍳 " * 10)[:300]
    company = 'Café "Ω" <script>&amp; 🚀 ' + "x" * 250
    notes = "Line one\nLine two\x00\x07 with a tab\there 🎉\n" * 20
    result = estimate(support_plan(), RATES)
    # Longer than a plan allows (200): the report must cope with whatever it is given.
    plan = support_plan(name=name, company=company, advisor="🙂" * 50, notes=notes)
    pages = pages_text(report(plan, result))
    assert all(re.search(r"Page \d+ of \d+", text) for text in pages)
    assert "& <b>Borscht</b>" in pages[0]  # markup is shown as typed, not interpreted
    assert "<script>&amp;" in pages[0]
    assert "…" in pages[-1]  # the footer cuts what does not fit
    assert "\x00" not in "".join(pages)


def test_no_feasible_option_still_gives_a_report_that_says_so() -> None:
    needs = support_plan().needs.model_copy(
        update={
            "data_sensitivity": "on_premises_only",
            "quality": "frontier",
            "it_capacity": "none",
        }
    )
    plan = support_plan(needs=needs)
    result = estimate(plan, RATES)
    assert result.recommended is None
    whole = " ".join(pages_text(report(plan, result)))
    assert "No option meets every need" in whole
    assert "options were ruled out" in whole


def test_money_follows_the_current_language() -> None:
    set_language("pl")
    plan = support_plan(company=POLISH, currency="PLN")
    result = estimate(plan, RATES)
    best = result.recommended
    assert best is not None
    whole = " ".join(pages_text(report(plan, result)))
    assert flat(money(best.horizon_cost, "PLN", "pl")) in whole
    assert "zł" in whole


def test_the_default_curve_estimates_the_plan_at_each_power_of_ten() -> None:
    plan = support_plan(company=UKRAINIAN)
    stream = io.BytesIO()
    result = estimate(plan, RATES)
    write_report(plan, result, RATES, stream, today=TODAY)
    whole = " ".join(pages_text(stream.getvalue()))
    point = result.break_even
    assert point is not None and point.requests_per_day is not None
    assert "1,000,000" in whole and f"Break-even: {about(point.requests_per_day)}" in whole


def test_clean_keeps_what_the_font_draws_and_replaces_the_rest() -> None:
    assert clean(POLISH) == POLISH
    assert clean(UKRAINIAN) == UKRAINIAN
    assert clean("a\x00b\x1bc") == "abc"
    assert clean("chef 👩‍🍳 ok") == f"chef {REPLACEMENT} ok"
    assert clean("one\r\ntwo") == "one\ntwo"


@given(st.text(max_size=200))
@settings(max_examples=200)
def test_clean_leaves_only_drawable_characters(text: str) -> None:
    glyphs = drawable()
    assert all(ord(char) in glyphs or char == "\n" for char in clean(text))


SCRIPTS = st.text(
    alphabet=st.sampled_from(
        "aąbcćdeęfghijklłmnńoóprsśtuwyzźżäöüßåæøéèçАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюя0123456789-.,'()"
    ),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() == s and "  " not in s and s)


@given(company=SCRIPTS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_latin_or_cyrillic_company_reads_back_as_typed(company: str) -> None:
    pdf = report(support_plan(company=company))
    first = pages_text(pdf)[0]
    assert company in first


class Stretched(gettext.NullTranslations):
    """Every message 40% longer, as a longer language's would be (Vorta's trick)."""

    def gettext(self, message: str) -> str:
        return message + " " + "Ŵ" * (len(message) * 2 // 5)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def test_longer_translations_still_lay_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_active", Stretched())
    pages = pages_text(report(support_plan(company=UKRAINIAN)))
    assert all(UKRAINIAN in text for text in pages)
    assert f"Page {len(pages)} of {len(pages)} Ŵ" in pages[-1]
