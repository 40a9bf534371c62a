"""An API option's token bill as formulas, restating ``planner/engine/api_option.py``.

A call is priced as genai-prices prices it (``planner/rates/api_prices.py``): each price
per million tokens is the tier of the call's whole input, the cached share of the input at
the cache-read price; a price change scheduled inside the horizon applies from its month.
A price by the time of day is written as the average the plan's calls pay, the share of
calls in each group of hours noted beside it.
"""

from __future__ import annotations

from planner.engine.api_option import plan_call_hours
from planner.engine.eligibility import needs_eu_surcharge
from planner.engine.inputs import Inputs
from planner.export.shown import option_rows
from planner.export.workbook.assumption_rows import InputBook
from planner.export.workbook.columns import Column
from planner.model.money import half_up
from planner.model.result import Option
from planner.rates.api_prices import PricePeriod, Tiers, price_periods
from planner.rates.schema import ApiModel
from planner.words.formats import percent
from planner.words.i18n import _


def api_columns(
    book: InputBook, inputs: Inputs, option: Option, prefix: str, share: str, rates_source: str
) -> list[Column]:
    """The column of the API's token bill.

    Args:
        book: The Assumptions rows; the model's prices are registered in it.
        inputs: The engine's inputs for the plan.
        option: An API option, or a hybrid's API part.
        prefix: Starts the names of the option's rows.
        share: A formula for the share of model calls the API answers (``1`` alone).
        rates_source: Where the prices come from, shown beside them.
    """
    model = option_rows(option, inputs.rates).api
    assert model is not None
    months = [inputs.month_start(m) for m in range(inputs.plan.horizon_months)]
    in_call, out_call = inputs.call_tokens
    call = (in_call, half_up(in_call * inputs.levers.prompt_cache_share), out_call)
    periods = price_periods(model, months, plan_call_hours(inputs), call)
    per_call = _per_call_names(book, prefix, model.label, periods, rates_source)
    price = per_call[0][1]
    for start, name in per_call[1:]:
        price = f"IF({{m}}>={start},{name},{price})"
    factor = _price_factor(book, inputs, model, prefix)
    tokens = Column(
        "api_tokens",
        _("API tokens"),
        f"{{calls}}*{share}*days_per_month*{price}*{factor}*usd_rate",
        category="api_tokens",
    )
    return [tokens]


def _per_call_names(
    book: InputBook, prefix: str, label: str, periods: list[PricePeriod], source: str
) -> list[tuple[int, str]]:
    """(first month, name of the price of one call) for each price period."""
    names = []
    for number, period in enumerate(periods, 1):
        tag = f"{prefix}_p{number}"
        when = _(" (from month {month})").format(month=period.start_month + 1) if number > 1 else ""
        noted = source + _hours_note(period)
        prices = [
            _tiered(book, f"{tag}_{kind}", label + text + when, tiers, noted)
            for kind, text, tiers in (
                ("input", _(": input"), period.input),
                ("output", _(": output"), period.output),
                ("cached", _(": cached input"), period.cache_read),
            )
        ]
        input_price, output_price, cache_price = prices
        per_call = book.formula(
            f"{tag}_per_call",
            _("API prices"),
            label + _(": one call") + when,
            "USD",
            f"((in_call-cached_call)*{input_price}+cached_call*{cache_price}"
            f"+out_call*{output_price})/1000000",
        )
        names.append((period.start_month + 1, per_call))
    return names


def _hours_note(period: PricePeriod) -> str:
    """For a price by the time of day: the share of calls paying each price, by its UTC
    hours (empty for a price that is the same at every hour)."""
    parts = [
        _("{share} of calls at the price of {hours} UTC").format(
            share=percent(share),
            hours=", ".join(f"{_clock(start)}–{_clock(end)}" for start, end in segments),
        )
        for share, segments in period.hours
    ]
    if not parts:
        return ""
    return "; " + _("averaged over when the calls are made") + ": " + "; ".join(parts)


def _clock(seconds: int) -> str:
    """``06:30`` for 23,400 seconds from midnight (``24:00`` at the day's end)."""
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def _tiered(book: InputBook, name: str, label: str, tiers: Tiers, source: str) -> str:
    """A price per million tokens as a formula: the tier of the call's input size."""
    base, steps = tiers
    section = _("API prices")
    formula = book.add(name, section, label, base, _("USD per million tokens"), source)
    for index, (start, price) in enumerate(steps, 1):
        start_name = book.add(
            f"{name}_tier{index}_from",
            section,
            label + _(" — larger calls from"),
            start,
            _("tokens"),
            source,
        )
        price_name = book.add(
            f"{name}_tier{index}",
            section,
            label + _(" — larger calls"),
            price,
            _("USD per million tokens"),
            source,
        )
        # A tier applies to every token of a call whose input exceeds its start.
        formula = f"IF(in_call>{start_name},{price_name},{formula})"
    return formula


def _price_factor(book: InputBook, inputs: Inputs, model: ApiModel, prefix: str) -> str:
    """Batch discount on the batch share, EU-processing surcharge where the plan needs it."""
    section = _("API prices")
    discount = book.add(
        f"{prefix}_batch_discount",
        section,
        model.label + _(": batch discount"),
        model.batch_discount_pct,
        "%",
        model.source,
        model.as_of,
    )
    surcharge = book.add(
        f"{prefix}_eu_surcharge",
        section,
        model.label + _(": EU processing surcharge"),
        inputs.value("eu_processing_surcharge_pct") if needs_eu_surcharge(inputs, model) else 0.0,
        "%",
        inputs.rates.assumption_row("eu_processing_surcharge_pct").source,
    )
    return book.formula(
        f"{prefix}_price_factor",
        section,
        model.label + _(": price factor"),
        _("ratio"),
        f"(1-batch_share*{discount}/100)*(1+{surcharge}/100)",
    )
