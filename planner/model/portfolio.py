"""A workshop's portfolio: several plan files shown side by side, priced on one rate snapshot.

Saved as ``.llmworkshop`` (JSON): the plan files it holds, as paths relative to the
workshop file (so a folder of plans can be moved or shared as a whole), what each
company's service record says, and the identity of the rate snapshot every plan is priced
with: the dates and hash of the rate tables, the advisor's own rate changes, and the
genai-prices version. The plans themselves stay in their own files.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from planner.model.jsonfile import JsonFileError, parse_json, read_text_file
from planner.model.plan import RateValue
from planner.model.planfile import describe_validation_error
from planner.model.safe_write import write_atomically

SUFFIX = ".llmworkshop"
MAX_WORKSHOP_BYTES = 4 * 1024 * 1024  # hundreds of times a day's workshop
MAX_PLANS = 200
ServiceType = Literal[
    "test_before_invest", "ai_suitability_assessment", "feasibility_study", "other"
]
SERVICE_TYPES: tuple[ServiceType, ...] = (
    "ai_suitability_assessment",
    "test_before_invest",
    "feasibility_study",
    "other",
)

_STRICT = ConfigDict(extra="forbid", validate_assignment=True, frozen=True)
Text = Annotated[str, Field(max_length=200)]
Overrides = dict[str, dict[str, dict[str, RateValue]]]


class PortfolioError(ValueError):
    """A workshop file that cannot be used; the message names the file and the field."""


class RateSnapshot(BaseModel):
    """Which rates a portfolio was priced with, so that the day's figures can be told apart
    from figures priced on other rates.

    Attributes:
        taken: the day the snapshot was taken (the date the portfolio names).
        tables_as_of: the newest date of any row in the rate tables.
        tables_hash: SHA-256 of the rate tables' content, before the advisor's changes.
        table_dates: the newest date of each table's rows, by table.
        genai_prices: the version of genai-prices that priced the API calls.
        overrides: the advisor's own rate changes, ``{table: {row: {field: value}}}``.
    """

    model_config = _STRICT

    taken: date
    tables_as_of: date
    tables_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    table_dates: dict[str, date] = Field(default_factory=dict)
    genai_prices: Annotated[str, Field(min_length=1, max_length=40)]
    overrides: Overrides = Field(default_factory=dict)


class PortfolioEntry(BaseModel):
    """One company's plan file and what the hub records about the service given."""

    model_config = _STRICT

    plan: Annotated[str, Field(min_length=1, max_length=4096)]
    service_type: ServiceType = "ai_suitability_assessment"
    service_value: Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)] | None = None
    note: Annotated[str, Field(max_length=5000)] = ""

    @field_validator("plan")
    @classmethod
    def _a_usable_path(cls, path: str) -> str:
        if "\x00" in path or not path.strip():
            raise ValueError("not a file name")
        return path


class Portfolio(BaseModel):
    """The plans of a workshop, who ran it and when, and the rates they are priced with."""

    model_config = _STRICT

    schema_version: Literal[1] = 1
    title: Text = ""  # the day or the hub's event, e.g. "AI costs workshop, Kraków"
    hub: Text = ""
    advisor: Text = ""
    day: date | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    plans: Annotated[list[PortfolioEntry], Field(max_length=MAX_PLANS)] = Field(
        default_factory=list
    )
    rates: RateSnapshot

    @field_validator("plans")
    @classmethod
    def _each_plan_once(cls, entries: list[PortfolioEntry]) -> list[PortfolioEntry]:
        seen: dict[str, int] = {}
        for index, entry in enumerate(entries):
            key = _comparable(entry.plan)
            if key in seen:
                raise ValueError(
                    f"plans[{index}]: {entry.plan!r} is already plans[{seen[key]}]; "
                    "a plan is shown once"
                )
            seen[key] = index
        return entries


def _comparable(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).as_posix()


def parse_portfolio(text: str, label: str) -> Portfolio:
    """The portfolio in JSON ``text``; errors name ``label`` and the field."""
    try:
        data = parse_json(text, label)
    except JsonFileError as error:
        raise PortfolioError(str(error)) from error
    if not isinstance(data, dict):
        raise PortfolioError(
            f"{label}: a workshop must be a JSON object, not {type(data).__name__}"
        )
    try:
        return Portfolio.model_validate(data)
    except ValidationError as error:
        raise PortfolioError(f"{label}: {describe_validation_error(error)}") from error


def load_portfolio(path: Path) -> Portfolio:
    """Read a workshop file; every failure becomes a PortfolioError naming the file."""
    text = read_text_file(path, "workshop file", MAX_WORKSHOP_BYTES, PortfolioError)
    return parse_portfolio(text, str(path))


def portfolio_json(portfolio: Portfolio) -> str:
    """The workshop file's text: the portfolio as indented JSON."""
    return portfolio.model_dump_json(indent=2) + "\n"


def save_portfolio(portfolio: Portfolio, path: Path) -> None:
    """Write ``portfolio`` to ``path`` atomically; its plan paths must already be relative
    to ``path`` (see ``entry_path``).

    Raises:
        OSError: The file could not be written; it is left as it was.
    """
    write_atomically(path, portfolio_json(portfolio).encode("utf-8"))


def entry_path(plan_file: Path, workshop_file: Path) -> str:
    """How a workshop file at ``workshop_file`` names ``plan_file``: relative to its folder,
    with ``/`` between folders whatever the system; absolute only where no relative path
    exists (another drive on Windows)."""
    plan = Path(os.path.abspath(plan_file))
    folder = Path(os.path.abspath(workshop_file)).parent
    try:
        relative = os.path.relpath(plan, folder)
    except ValueError:
        return plan.as_posix()
    return Path(relative).as_posix()


def plan_file(entry: PortfolioEntry, workshop_file: Path) -> Path:
    """The plan file an entry names, found from the workshop file's folder."""
    name = entry.plan
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute():
        return Path(name)
    return Path(os.path.normpath(Path(workshop_file).parent / Path(*PurePosixPath(name).parts)))
