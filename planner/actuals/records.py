"""The facts an import produces: usage, billed cost, labels, and the rows it had to skip.

Usage and cost rows are named tuples of plain strings and integers: an import streams a
million of them straight into the ledger, and a tuple is what ``sqlite3`` binds fastest.
Money is a decimal string here and a ``Decimal`` wherever it is added up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class UsageRow(NamedTuple):
    """Requests and tokens of one time bucket (or one request) and one set of dimensions.

    ``input_tokens`` counts every input token, cache reads and writes included (the
    genai-prices convention); ``cache_write_tokens`` is the sum of the 5-minute and 1-hour
    writes when a source splits them. ``bucket_end`` is empty for a single request.
    """

    bucket_start: str  # ISO 8601, UTC, "YYYY-MM-DDTHH:MM:SS[.ffffff]Z"
    bucket_end: str
    provider: str  # genai-prices provider id, or "" to find it from the model
    model: str
    project: str = ""
    feature: str = ""
    user: str = ""
    api_key: str = ""
    service_tier: str = ""
    is_batch: int = 0
    ref: str = ""  # a request id, when the source has one
    context_window: str = ""  # a size band the source reports ("≤ 200k"), for tiers
    requests: int = 1
    input_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cache_write_5m_tokens: int = 0
    cache_write_1h_tokens: int = 0
    output_tokens: int = 0
    input_audio_tokens: int = 0
    output_audio_tokens: int = 0
    web_searches: int = 0
    reported_cost: str = ""  # what the source says the usage cost, as a decimal string
    reported_currency: str = ""


USAGE_COUNTS: tuple[str, ...] = UsageRow._fields[
    UsageRow._fields.index("requests") : UsageRow._fields.index("web_searches") + 1
]
"""The additive counts of a usage row, from ``requests`` to ``web_searches``."""


class CostRow(NamedTuple):
    """Money a provider says is owed for one UTC day and line item."""

    day: str  # YYYY-MM-DD
    provider: str
    kind: str  # "bill" (a provider's export or API) or "invoice" (typed in or invoice CSV)
    line_item: str
    amount: str  # decimal string, in ``currency``; FOCUS: EffectiveCost
    currency: str
    project: str = ""
    api_key: str = ""
    model: str = ""
    token_type: str = ""
    billed_amount: str = ""  # FOCUS BilledCost, when it differs from the amount used
    list_amount: str = ""


class LabelRow(NamedTuple):
    """The company's own project and feature names for an API key, project or tag."""

    source: str  # "api_key", "project" or "feature"
    raw: str
    project: str = ""
    feature: str = ""


LABEL_SOURCES = ("api_key", "project", "feature")


@dataclass(frozen=True)
class RowProblem:
    """A row that was skipped, with where it is and what was wrong (a code, not a sentence)."""

    file: str
    line: int
    field: str
    code: str  # see planner.actuals.commands.PROBLEM_WORDS
    value: str = ""


class ImportRefused(Exception):
    """A whole file that cannot be imported; nothing of it reaches the ledger."""

    def __init__(self, file: str, code: str, detail: str = "") -> None:
        super().__init__(f"{file}: {code}" + (f" ({detail})" if detail else ""))
        self.file = file
        self.code = code
        self.detail = detail


class FieldError(ValueError):
    """One field of one row cannot be read; the importer turns it into a RowProblem."""

    def __init__(self, field: str, code: str, value: str = "") -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code
        self.value = value


Item = UsageRow | CostRow | LabelRow | RowProblem
"""What a format's parser yields."""
