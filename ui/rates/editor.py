"""Tools → Rates and prices: every bundled table with sources and dates, the user's own
values (kept in the user's configuration folder), reset, and importing newer prices."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import QSize, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.rates import RateOverrides, RateTableError
from planner.rates.loader import TABLE_SCHEMAS
from planner.rates.price_import import (
    INPUT_FIELD,
    OUTPUT_FIELD,
    PriceImportError,
    changes_as_overrides,
    compare_prices,
    current_prices,
    read_price_file,
)
from planner.rates.schema import ApiModel
from planner.rates.user_rates import clear_override, merge_overrides, set_override
from planner.words.fields import table_title
from planner.words.formats import day
from planner.words.i18n import _
from ui import dialogs
from ui.rates.import_preview import ImportPreview
from ui.rates.table_model import KEY_ROLE, SORT_ROLE, Column, RateTableModel
from ui.rates_service import RatesService
from ui.theme import set_role


def price_columns() -> list[Column]:
    """API prices in use (genai-prices, or your own value), editable like any figure."""
    today = date.today()

    def reading(row: BaseModel) -> float | None:
        return current_prices(row, today)[0] if isinstance(row, ApiModel) else None

    def writing(row: BaseModel) -> float | None:
        return current_prices(row, today)[1] if isinstance(row, ApiModel) else None

    return [
        Column("price_in", _("Reading (USD per million tokens)"), reading, INPUT_FIELD),
        Column("price_out", _("Writing (USD per million tokens)"), writing, OUTPUT_FIELD),
    ]


class RatesEditor(QDialog):
    def __init__(self, rates: RatesService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rates = rates
        self.setWindowTitle(_("Rates and prices"))
        self.tables = QListWidget()
        self.tables.setObjectName("rateTables")
        for name in TABLE_SCHEMAS:
            item = QListWidgetItem(table_title(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            # Room for the padding the stylesheet gives, so the names never run together.
            item.setSizeHint(QSize(0, self.tables.fontMetrics().lineSpacing() + 12))
            self.tables.addItem(item)
        self.tables.setMaximumWidth(260)
        self.model = RateTableModel()
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.view = QTableView()
        self.view.setObjectName("rate-rows")
        self.view.setModel(self.proxy)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Find a row"))
        self.search.setClearButtonEnabled(True)
        self.provenance = QLabel()
        self.provenance.setWordWrap(True)
        self.provenance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.provenance.setMinimumHeight(self.provenance.fontMetrics().lineSpacing() * 3)
        self.problem = QLabel()
        set_role(self.problem, "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self._layout()
        self._connect()
        self.tables.setCurrentRow(0)
        self.view.selectRow(0)
        self.resize(1200, 700)

    def _layout(self) -> None:
        intro = QLabel(
            _(
                "Every figure the planner uses, with its source and date. Double-click a number to "
                "use your own value in every plan; bold values are yours. The bundled tables are "
                "never changed."
            )
        )
        intro.setWordWrap(True)
        self.reset_row = QPushButton(_("Reset row to bundled"))
        self.reset_table = QPushButton(_("Reset table"))
        self.reset_all = QPushButton(_("Reset everything"))
        self.import_button = QPushButton(_("Load newer prices…"))
        self.import_button.setToolTip(
            _(
                "Read a genai-prices data file or LiteLLM's model_prices_and_context_window.json "
                "and preview what would change."
            )
        )
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.view, 1)
        column.addWidget(self.provenance)
        column.addWidget(self.problem)
        splitter = QSplitter()
        splitter.addWidget(self.tables)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        actions = QHBoxLayout()
        for button in (self.reset_row, self.reset_table, self.reset_all):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(close)

    def _connect(self) -> None:
        self.tables.currentItemChanged.connect(lambda *_args: self.show_table())
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view.selectionModel().currentRowChanged.connect(lambda *_args: self._show_provenance())
        self.model.edited.connect(self._on_edited)
        self.model.rejected.connect(self.show_problem)
        self.reset_row.clicked.connect(self._reset_row)
        self.reset_table.clicked.connect(
            lambda: self._apply(clear_override(self.rates.overrides(), self.table))
        )
        self.reset_all.clicked.connect(self._reset_all)
        self.import_button.clicked.connect(self.import_prices)

    @property
    def table(self) -> str:
        item = self.tables.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else "api_models"

    def show_table(self) -> None:
        book = self.rates.book()
        extra = price_columns() if self.table == "api_models" else None
        self.model.set_rows(
            self.table,
            book.table(self.table),
            self.rates.bundled().table(self.table),
            self.rates.overrides(),
            extra,
        )
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), 280))
        self._show_provenance()
        self.reset_table.setEnabled(self.table in self.rates.overrides())
        self.reset_all.setEnabled(bool(self.rates.overrides()))

    def _current_key(self) -> str | None:
        index = self.view.currentIndex()
        return str(index.data(KEY_ROLE)) if index.isValid() else None

    def _show_provenance(self) -> None:
        index = self.proxy.mapToSource(self.view.currentIndex())
        if not index.isValid():
            self.provenance.setText(_("Select a row to see where its figures come from."))
            self.reset_row.setEnabled(False)
            return
        row = self.model.row(index.row())
        text = _("Source: {source}").format(source=getattr(row, "source", ""))
        as_of = getattr(row, "as_of", None)
        if as_of is not None:
            text += "\n" + _("As of {date}").format(date=day(as_of))
        self.provenance.setText(text)
        key = self._current_key()
        self.reset_row.setEnabled(bool(key and key in self.rates.overrides().get(self.table, {})))

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def _on_edited(self, table: str, key: str, field: str, value: object) -> None:
        if not isinstance(value, (int, float)):
            return
        overrides = set_override(self.rates.overrides(), table, key, field, value)
        if table == "api_models" and field in (INPUT_FIELD, OUTPUT_FIELD):
            overrides = self._complete_price(overrides, key)
        self._apply(overrides)

    def _complete_price(self, overrides: RateOverrides, key: str) -> RateOverrides:
        """Your price replaces the whole list price, so the other half is kept as it was."""
        reading, writing = current_prices(self.rates.book().api_model(key), date.today())
        fields = overrides["api_models"][key]
        for field, current in ((INPUT_FIELD, reading), (OUTPUT_FIELD, writing)):
            if field not in fields and current is not None:
                overrides = set_override(overrides, "api_models", key, field, current)
        return overrides

    def _reset_row(self) -> None:
        key = self._current_key()
        if key:
            self._apply(clear_override(self.rates.overrides(), self.table, key))

    def _reset_all(self) -> None:
        if dialogs.ask_yes_no(
            self,
            _("Reset everything"),
            _("Remove all your own values and use the bundled tables again?"),
        ):
            self._apply(clear_override(self.rates.overrides()))

    def _apply(self, overrides: RateOverrides) -> bool:
        try:
            self.rates.set_overrides(overrides)
        except RateTableError as error:
            self.show_problem(_("Not changed: {problem}").format(problem=error))
            return False
        except OSError as error:
            self.show_problem(_("Could not save your values: {problem}").format(problem=error))
            return False
        self.show_problem("")
        current = self.view.currentIndex()
        self.show_table()
        if current.isValid():
            self.view.setCurrentIndex(self.proxy.index(current.row(), current.column()))
        return True

    def import_prices(self) -> None:
        filters = _("Price files (*.json)") + ";;" + _("All files (*)")
        path = dialogs.ask_open_path(
            self, _("Load newer prices"), self.rates.overrides_path.parent, filters
        )
        if path is None:
            return
        preview = self.preview(path)
        if preview is not None and preview.exec() == QDialog.DialogCode.Accepted:
            self.apply_preview(preview)

    def preview(self, path: Path) -> ImportPreview | None:
        """The changes a price file would bring, or None (after saying why) if it is unusable."""
        try:
            price_file = read_price_file(path)
        except PriceImportError as error:
            dialogs.show_error(
                self, _("Cannot read the price file"), _("Nothing was changed."), str(error)
            )
            return None
        return ImportPreview(price_file, compare_prices(self.rates.book(), price_file), self)

    def apply_preview(self, preview: ImportPreview) -> bool:
        chosen = preview.chosen()
        if not chosen:
            return False
        return self._apply(merge_overrides(self.rates.overrides(), changes_as_overrides(chosen)))
