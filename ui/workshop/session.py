"""The open workshop: its plans, the one rate snapshot they are priced with, its file.

Each company is a column. A column is priced off the GUI thread as soon as its plan is
added or changes; a result for a plan that has changed since is dropped. A plan that
cannot be read stays in the workshop as a column that says why, so saving the workshop
never loses it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from planner.words.i18n import _
from ui.rates_service import RatesService
from ui.worker import run_in_background

if TYPE_CHECKING:
    from planner.model.plan import Plan
    from planner.model.portfolio import Portfolio, PortfolioEntry, RateSnapshot
    from planner.rates import RateBook
    from planner.scenarios.portfolio import PricedPlan, PricedPortfolio, SnapshotCheck


@dataclass(frozen=True)
class Column:
    """One company: its plan file, the plan (None when it cannot be read), the hub's record
    of the service, its priced result once there, and what is wrong if anything."""

    file: Path
    plan: Plan | None
    entry: PortfolioEntry
    priced: PricedPlan | None = None
    problem: str = ""
    generation: int = 0

    @property
    def title(self) -> str:
        if self.priced is not None:
            return self.priced.company
        if self.plan is not None:
            return self.plan.company.strip() or self.plan.name.strip() or self.file.stem
        return self.file.name


class WorkshopSession(QObject):
    columns_reset = Signal()  # columns added, removed or reordered
    column_changed = Signal(int)  # one column's plan or result changed
    state_changed = Signal()  # file, unsaved changes, header or rates changed

    def __init__(self, rates: RatesService) -> None:
        super().__init__()
        self.rates = rates
        self.columns: list[Column] = []
        self.path: Path | None = None
        self.dirty = False
        self.header = _new_header(self._take_snapshot())
        self.book: RateBook = self._book()

    # --- the rate snapshot ------------------------------------------------------------
    def _take_snapshot(self) -> RateSnapshot:
        from planner.scenarios.portfolio import take_snapshot

        return take_snapshot(self.rates.bundled(), self.rates.overrides(), date.today())

    def _book(self) -> RateBook:
        from planner.scenarios.portfolio import snapshot_rates

        return snapshot_rates(self.header.rates, self.rates.bundled())

    @property
    def snapshot(self) -> RateSnapshot:
        return self.header.rates

    def snapshot_check(self) -> SnapshotCheck:
        """Whether the tables in use now are those of the snapshot."""
        from planner.scenarios.portfolio import check_snapshot

        return check_snapshot(self.snapshot, self.rates.bundled())

    def follows_current_rates(self) -> bool:
        """Whether the snapshot holds the advisor's rate changes as they are now."""
        return self.snapshot_check().same and self.snapshot.overrides == self.rates.overrides()

    def use_current_rates(self) -> None:
        """Take a new snapshot of today's tables and the advisor's changes; price again."""
        self.header = self.header.model_copy(update={"rates": self._take_snapshot()})
        self.book = self._book()
        self._changed()
        self.price_all()

    # --- columns ------------------------------------------------------------------------
    def add_files(self, paths: list[Path]) -> list[str]:
        """Add each plan not already shown; returns one line per plan that cannot be used
        (those are not added)."""
        from planner.model.portfolio import PortfolioEntry

        known = {_same_file(column.file) for column in self.columns}
        problems: list[str] = []
        before, first_new = self.currency(), len(self.columns)
        for path in paths:
            if _same_file(path) in known:
                continue
            known.add(_same_file(path))
            column = self._read(path, PortfolioEntry(plan=path.as_posix()))
            if column.problem:
                problems.append(column.problem)
            else:
                self.columns.append(column)
        if len(self.columns) > first_new:
            self.columns_reset.emit()
            self._changed()
            self._reprice(before, range(first_new, len(self.columns)))
        return problems

    def _reprice(self, currency_before: str, new: range) -> None:
        """Price the new columns; all of them when the portfolio's currency has changed
        (it is the one most plans use)."""
        for index in range(len(self.columns)) if self.currency() != currency_before else new:
            self._price(index)

    def _read(self, path: Path, entry: PortfolioEntry) -> Column:
        from planner.model.planfile import PlanError
        from planner.rates.plan_rates import open_plan

        try:
            plan = open_plan(path, self.book)
        except PlanError as error:
            return Column(path, None, entry, problem=str(error))
        except Exception as error:  # any file may break a reader: say so, keep the rest
            return Column(path, None, entry, problem=f"{path}: {type(error).__name__}: {error}")
        return Column(path, plan, entry)

    def remove(self, index: int) -> None:
        before = self.currency()
        del self.columns[index]
        self.columns_reset.emit()
        self._changed()
        self._reprice(before, range(0))

    def index_of(self, path: Path) -> int | None:
        target = _same_file(path)
        for index, column in enumerate(self.columns):
            if _same_file(column.file) == target:
                return index
        return None

    def update_plan(self, path: Path, plan: Plan) -> None:
        """The plan in ``path`` was edited (in the main window): price its column again."""
        index = self.index_of(path)
        if index is None or self.columns[index].plan == plan:
            return
        before = self.currency()
        self.columns[index] = replace(self.columns[index], plan=plan, problem="")
        self._reprice(before, range(index, index + 1))

    def set_entry(self, index: int, entry: PortfolioEntry) -> None:
        """The hub's record of one company's service changed."""
        column = self.columns[index]
        priced = replace(column.priced, entry=entry) if column.priced is not None else None
        self.columns[index] = replace(column, entry=entry, priced=priced)
        self.column_changed.emit(index)
        self._changed()

    def set_header(self, **fields: object) -> None:
        """Title, hub, advisor or day of the workshop."""
        self.header = self.header.model_copy(update=fields)
        self._changed()

    # --- pricing ------------------------------------------------------------------------
    def currency(self) -> str:
        from planner.scenarios.portfolio import portfolio_currency

        plans = [column.plan for column in self.columns if column.plan is not None]
        return portfolio_currency(plans, self.header.currency)

    def price_all(self) -> None:
        for index in range(len(self.columns)):
            self._price(index)

    def _price(self, index: int) -> None:
        from planner.scenarios.portfolio import in_currency, price_plan

        column = self.columns[index]
        if column.plan is None:
            return
        generation = column.generation + 1
        self.columns[index] = replace(column, generation=generation, priced=None)
        self.column_changed.emit(index)
        plan, book = in_currency(column.plan, self.currency()), self.book

        def work() -> PricedPlan:
            return price_plan(column.file, plan, column.entry, book)

        run_in_background(
            work,
            lambda priced: self._priced(column.file, generation, priced),
            lambda error: self._failed(column.file, generation, error),
        )

    def _current(self, file: Path, generation: int) -> int | None:
        index = self.index_of(file)
        if index is None or self.columns[index].generation != generation:
            return None  # removed, or changed again since: a newer result is on its way
        return index

    def _priced(self, file: Path, generation: int, priced: PricedPlan) -> None:
        index = self._current(file, generation)
        if index is not None:
            entry = self.columns[index].entry
            self.columns[index] = replace(self.columns[index], priced=replace(priced, entry=entry))
            self.column_changed.emit(index)

    def _failed(self, file: Path, generation: int, error: BaseException) -> None:
        index = self._current(file, generation)
        if index is not None:
            problem = _("{file}: cannot be priced ({error})").format(file=file, error=error)
            self.columns[index] = replace(self.columns[index], problem=problem)
            self.column_changed.emit(index)

    def busy(self) -> bool:
        return any(c.plan is not None and c.priced is None and not c.problem for c in self.columns)

    def priced(self) -> PricedPortfolio | None:
        """Every company priced, as the exporters take it; None while any is still pending
        or cannot be read."""
        from planner.scenarios.portfolio import PricedPortfolio

        if not self.columns or any(column.priced is None for column in self.columns):
            return None
        companies = tuple(column.priced for column in self.columns if column.priced is not None)
        return PricedPortfolio(self.portfolio_at(None), companies, self.book, self.currency())

    # --- the workshop file --------------------------------------------------------------
    def portfolio_at(self, target: Path | None) -> Portfolio:
        """The workshop as a file at ``target`` holds it (plan paths relative to it)."""
        from planner.model.portfolio import entry_path

        entries = [
            column.entry.model_copy(
                update={"plan": entry_path(column.file, target) if target else str(column.file)}
            )
            for column in self.columns
        ]
        return self.header.model_copy(update={"plans": entries})

    def save(self, path: Path) -> None:
        """Write the workshop file; raises ``OSError`` and stays unsaved when it fails."""
        from planner.model.portfolio import save_portfolio

        save_portfolio(self.portfolio_at(path), path)
        self.path, self.dirty = path, False
        self.state_changed.emit()

    def load(self, path: Path) -> list[str]:
        """Open a workshop file in place of this one; returns one line per plan in it that
        cannot be read (kept as a column that says so). Raises ``PortfolioError`` naming
        the file and field when the workshop itself cannot be used, keeping this one."""
        from planner.model.portfolio import load_portfolio, plan_file
        from planner.rates import RateTableError
        from planner.scenarios.portfolio import snapshot_rates

        portfolio = load_portfolio(path)
        try:
            book = snapshot_rates(portfolio.rates, self.rates.bundled())
        except RateTableError as error:
            from planner.model.portfolio import PortfolioError

            raise PortfolioError(f"{path}: rates.overrides: {error}") from error
        self.header, self.book, self.path = portfolio, book, path
        self.columns = [self._read(plan_file(e, path), e) for e in portfolio.plans]
        self.dirty = False
        self.columns_reset.emit()
        self.state_changed.emit()
        self.price_all()
        return [column.problem for column in self.columns if column.problem]

    def clear(self) -> None:
        """An empty workshop on today's rates (results still on their way are dropped)."""
        self.columns, self.path, self.dirty = [], None, False
        self.header = _new_header(self._take_snapshot())
        self.book = self._book()
        self.columns_reset.emit()
        self.state_changed.emit()

    def display_name(self) -> str:
        return self.path.name if self.path else (self.header.title or _("New workshop"))

    def _changed(self) -> None:
        self.dirty = True
        self.state_changed.emit()


def _new_header(snapshot: RateSnapshot) -> Portfolio:
    from planner.model.portfolio import Portfolio

    return Portfolio(day=date.today(), rates=snapshot)


def _same_file(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))
