"""The month's headline figures (spent, heading for, budget, plan) and the screen's
short texts: where the ledger is and how recent its figures are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from planner.actuals.dashboard import Dashboard
from planner.actuals.guard_records import Budget
from planner.words.alerts import month_name, scope_name
from planner.words.formats import day, money, number, percent
from planner.words.i18n import _, ngettext
from ui.theme import set_role


def where_text(ledger: Path | None, board: Dashboard | None) -> str:
    if ledger is None:
        return _("The plan is not saved yet.")
    if board is None or board.last_day is None:
        return _("Kept in {file}").format(file=ledger.name)
    text = _("{month}, figures up to {day} · kept in {file}").format(
        month=month_name(board.month), day=day(date.fromisoformat(board.last_day)), file=ledger.name
    )
    return text[:1].upper() + text[1:]  # a month starts the line (lower case in Polish)


def alerts_tab_title(board: Dashboard) -> str:
    new = sum(1 for alert in board.alerts if alert.new)
    if new:
        return ngettext("Alerts ({count} new)", "Alerts ({count} new)", new).format(count=new)
    return _("Alerts ({count})").format(count=len(board.alerts)) if board.alerts else _("Alerts")


def budget_scopes(board: Dashboard | None) -> list[str]:
    """The providers and projects a budget can be for, from what the ledger holds."""
    if board is None:
        return []
    from planner.actuals.dashboard import NOT_ITEMISED
    from planner.actuals.labels import NO_NAME

    scopes = [f"provider:{name}" for name in board.by_provider if not name.startswith("(")]
    scopes += [
        f"project:{name}" for name in board.by_project if name not in (NO_NAME, NOT_ITEMISED)
    ]
    scopes += [f"feature:{name}" for name, _cost in board.top_features if name != NO_NAME]
    return scopes


def budget_saved_text(budget: Budget) -> str:
    return _("Budget saved: {scope}, {amount}.").format(
        scope=scope_name(budget.scope), amount=money(float(budget.amount), budget.currency)
    )


class _Figure(QFrame):
    def __init__(self, title: str, name: str) -> None:
        super().__init__()
        set_role(self, "card")
        self.setObjectName(name)
        self.title = QLabel(title)
        set_role(self.title, "muted")
        self.value = QLabel()
        set_role(self.value, "money")
        self.note = QLabel()
        self.note.setWordWrap(True)
        set_role(self.note, "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        for label in (self.title, self.value, self.note):
            layout.addWidget(label)

    def show(self, value: str, note: str = "") -> None:  # type: ignore[override]
        self.value.setText(value)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        super().show()


class FiguresRow(QFrame):
    """Spent so far, where the month is heading, the budget and the plan."""

    def __init__(self) -> None:
        super().__init__()
        self.spent = _Figure(_("Spent so far"), "figure-spent")
        self.heading = _Figure(_("Heading for"), "figure-forecast")
        self.budget = _Figure(_("Budget"), "figure-budget")
        self.plan = _Figure(_("Plan"), "figure-plan")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 4)
        for figure in (self.spent, self.heading, self.budget, self.plan):
            row.addWidget(figure, 1)

    def show_board(self, board: Dashboard) -> None:
        currency = board.currency
        self.spent.show(money(float(board.month_to_date), currency),
                        ngettext("{count} request", "{count} requests", board.requests)
                        .format(count=number(board.requests)))  # fmt: skip
        fc = board.forecast
        if fc.month_end is None or fc.method == "none":
            self.heading.show(_("not yet known"), _("needs a complete day of data"))
        elif fc.method == "complete":
            self.heading.show(money(float(fc.month_end), currency), _("the month is over"))
        else:
            low, high = money(float(fc.low or 0), currency), money(float(fc.high or 0), currency)
            note = (_("likely {low} to {high}").format(low=low, high=high) if low != high
                    else ngettext("from {count} complete day", "from {count} complete days",
                                  fc.complete_days).format(count=fc.complete_days))  # fmt: skip
            self.heading.show(
                _("about {amount}").format(amount=money(float(fc.month_end), currency)), note
            )
        self._budget(board)
        if board.plan_monthly is None:
            self.plan.show("—", _("the plan recommends no option"))
        else:
            self.plan.show(money(float(board.plan_monthly), currency), _("a month of usage"))

    def _budget(self, board: Dashboard) -> None:
        total = next((s for s in board.budgets if s.budget.scope == "total"
                      and s.budget.period == "month"), None)  # fmt: skip
        if total is None:
            self.budget.show(_("none set"), _("set one to be warned in time"))
            return
        budget = total.budget
        note = _("{share} used").format(share=percent(float(total.used)))
        if budget.source == "plan" and budget.snapshot is not None:
            note += " · " + _("from the plan, {day}").format(
                day=day(date.fromisoformat(budget.snapshot.taken_on))
            )
        self.budget.show(money(float(budget.amount), budget.currency), note)
