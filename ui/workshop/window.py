"""The workshop window: several companies side by side, one column each.

It sits beside the main window: "Open the full results" opens a company's plan there,
and editing that plan there updates its column here. Exports are written off the GUI
thread from the results on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from planner.words.i18n import _
from ui import dialogs
from ui.theme import set_role
from ui.workshop import file_dialogs
from ui.workshop.delegate import RoomyDelegate
from ui.workshop.session import WorkshopSession
from ui.workshop.table_model import OPEN_ROW, PortfolioModel

if TYPE_CHECKING:
    from ui.main_window import MainWindow

FOLLOW_MS = 300  # a pause in typing before an edited plan is priced again
COLUMN_CHARACTERS = 30


class WorkshopWindow(QMainWindow):
    def __init__(self, main: MainWindow) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.main = main
        self.session = WorkshopSession(main.rates)
        self.model = PortfolioModel(self.session)
        self.view = self._table()
        self.rates_label = QLabel()
        self.rates_label.setWordWrap(True)
        set_role(self.rates_label, "muted")
        self.use_rates = QPushButton(_("Use my current rates"))
        self.use_rates.clicked.connect(self.session.use_current_rates)
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(FOLLOW_MS)
        self._follow.timeout.connect(self._follow_document)
        self._fit = QTimer(self)  # a child: it never fires once the window is gone
        self._fit.setSingleShot(True)
        self._fit.setInterval(0)
        self._fit.timeout.connect(self._fit_columns)
        self._layout()
        self._toolbar()
        self._connect()
        self._show_state()
        self.resize(1200, 720)

    # --- building -------------------------------------------------------------------------
    def _table(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setWordWrap(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.setAccessibleName(_("Companies side by side"))
        view.setItemDelegate(RoomyDelegate(view))
        return view

    def _layout(self) -> None:
        self.title_edit, self.hub_edit, self.advisor_edit = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.title_edit, self.hub_edit, self.advisor_edit):
            edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(_("e.g. AI costs workshop, Kraków"))
        self.day_edit = QDateEdit()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("d MMM yyyy")
        left, right = QFormLayout(), QFormLayout()
        left.addRow(_("Workshop"), self.title_edit)
        left.addRow(_("Hub"), self.hub_edit)
        right.addRow(_("Advisor"), self.advisor_edit)
        right.addRow(_("Date"), self.day_edit)
        header = QHBoxLayout()
        header.addLayout(left, 3)
        header.addLayout(right, 2)
        rates = QHBoxLayout()
        rates.addWidget(self.rates_label, 1)
        rates.addWidget(self.use_rates)
        self.empty = QLabel(
            _(
                "Add the plans of the companies you advise: one column each, priced with the same rates."
            )
        )
        self.empty.setWordWrap(True)
        set_role(self.empty, "muted")
        central = QWidget()
        column = QVBoxLayout(central)
        column.addLayout(header)
        column.addLayout(rates)
        column.addWidget(self.empty)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)

    def _toolbar(self) -> None:
        bar = QToolBar(_("Workshop"))
        bar.setMovable(False)
        self.addToolBar(bar)
        actions = (
            (_("Add plans…"), self.add_plans, QKeySequence.StandardKey.Open),
            (_("Remove"), self.remove_current, QKeySequence.StandardKey.Delete),
            (_("Service record…"), self.edit_record, None),
            (_("Open the full results"), self.open_current, None),
            (_("Save"), self.save, QKeySequence.StandardKey.Save),
            (_("Save as…"), self.save_as, None),
        )
        self.actions_by_name = {}
        for text, slot, shortcut in actions:
            action = bar.addAction(text)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            self.actions_by_name[text] = action
        bar.addSeparator()
        for kind, text in (
            ("xlsx", _("Export workbook…")),
            ("pdf", _("Export PDF…")),
            ("csv", _("Export CSV…")),
        ):
            action = bar.addAction(text)
            action.triggered.connect(lambda _checked=False, k=kind: self.export(k))

    def _connect(self) -> None:
        session = self.session
        session.state_changed.connect(self._show_state)
        # Through the child timer: the session may outlive this window, and Qt drops the
        # connection when the timer goes with the window (a bound method would be called on
        # a deleted table).
        session.columns_reset.connect(self._fit.start)
        session.column_changed.connect(self._column_changed)
        self.view.clicked.connect(self._clicked)
        self.view.doubleClicked.connect(lambda index: self.open_results(index.column()))
        self.view.activated.connect(self._clicked)
        self.main.document.changed.connect(self._follow.start)
        self.main.rates.changed.connect(self._show_state)
        self.title_edit.textEdited.connect(lambda text: session.set_header(title=text))
        self.hub_edit.textEdited.connect(lambda text: session.set_header(hub=text))
        self.advisor_edit.textEdited.connect(lambda text: session.set_header(advisor=text))
        self.day_edit.dateChanged.connect(self._day_changed)

    # --- state ----------------------------------------------------------------------------
    def _show_state(self) -> None:
        from planner.export.portfolio.words import snapshot_sentence

        session = self.session
        self.setWindowTitle(_("{name}[*] — workshop").format(name=session.display_name()))
        self.setWindowModified(session.dirty)
        header = session.header
        for edit, text in (
            (self.title_edit, header.title),
            (self.hub_edit, header.hub),
            (self.advisor_edit, header.advisor),
        ):
            if edit.text() != text:
                edit.setText(text)
        if header.day is not None and self.day_edit.date().toPython() != header.day:
            self.day_edit.blockSignals(True)
            self.day_edit.setDate(QDate(header.day.year, header.day.month, header.day.day))
            self.day_edit.blockSignals(False)
        text = snapshot_sentence(session.snapshot)
        if session.columns:
            text += " " + _("All costs in {currency}.").format(currency=session.currency())
        current = session.follows_current_rates()
        if not current:
            text += " " + _(
                "Your rates have changed since: the full results in the main window use them."
            )
        self.rates_label.setText(text)
        self.use_rates.setVisible(not current)
        self.empty.setVisible(not session.columns)

    def _column_changed(self, _column: int) -> None:
        self.view.resizeRowsToContents()

    def _fit_columns(self) -> None:
        """Columns wide enough for a long option name; a few companies share the width,
        many scroll sideways (the projector's larger text widens them with the font)."""
        least = max(self.view.fontMetrics().horizontalAdvance("x") * COLUMN_CHARACTERS, 180)
        count = len(self.session.columns)
        room = self.view.viewport().width() // count if count else least
        self.view.horizontalHeader().setDefaultSectionSize(max(least, min(room, least * 3 // 2)))
        self.view.resizeRowsToContents()
        self.empty.setVisible(not count)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit.start()  # once the layout has sized the table

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # View → Larger text
            self._fit.start()

    def _day_changed(self, value: QDate) -> None:
        self.session.set_header(day=value.toPython())

    # --- opening --------------------------------------------------------------------------
    def open_paths(self, paths: list[Path]) -> None:
        """A workshop file (alone) replaces this workshop; plan files are added to it."""
        from planner.model.portfolio import SUFFIX

        workshops = [path for path in paths if path.suffix.lower() == SUFFIX]
        if workshops:
            self.open_workshop_file(workshops[0])
            paths = [path for path in paths if path.suffix.lower() != SUFFIX]
        if paths:
            self._tell(self.session.add_files(paths), _("Some plans were not added"))

    def open_workshop_file(self, path: Path) -> bool:
        from planner.model.portfolio import PortfolioError

        if not self.may_close():
            return False
        try:
            problems = self.session.load(path)
        except PortfolioError as error:
            dialogs.show_error(
                self,
                _("Cannot open the workshop"),
                _(
                    "This file could not be opened as a workshop. Your current workshop is unchanged."
                ),
                str(error),
            )
            return False
        self._tell(problems, _("Some plans of the workshop cannot be read"))
        check = self.session.snapshot_check()
        if not check.same:
            self.statusBar().showMessage(
                _(
                    "The rate tables have changed since this workshop was saved; the figures use today's tables with the workshop's rate changes."
                ),
                15_000,
            )
        return True

    def _tell(self, problems: list[str], title: str) -> None:
        if problems:
            dialogs.show_error(
                self,
                title,
                _("They are named below; every other plan is shown."),
                "\n".join(problems),
            )

    def add_plans(self) -> None:
        folder = self.main.settings.last_folder()
        paths = file_dialogs.ask_workshop_paths(self, _("Add plans"), folder)
        if paths:
            self.open_paths(paths)

    def current_column(self) -> int | None:
        index = self.view.currentIndex()
        if index.isValid():
            return index.column()
        return 0 if len(self.session.columns) == 1 else None

    def remove_current(self) -> None:
        column = self.current_column()
        if column is not None:
            self.session.remove(column)

    def edit_record(self) -> None:
        from ui.workshop.record_dialog import ServiceRecordDialog

        column = self.current_column()
        if column is None:
            return
        chosen = self.session.columns[column]
        dialog = ServiceRecordDialog(chosen.title, chosen.entry, self.session.currency(), self)
        if dialog.exec():
            self.session.set_entry(column, dialog.entry())

    # --- the main window --------------------------------------------------------------------
    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() == OPEN_ROW:
            self.open_results(index.column())

    def open_current(self) -> None:
        column = self.current_column()
        if column is not None:
            self.open_results(column)

    def open_results(self, column: int) -> None:
        """The company's plan in the main window, on its results page."""
        from ui.main_window import QUESTIONS

        chosen = self.session.columns[column]
        if chosen.plan is None:
            return
        main = self.main
        showing = (
            main.document.path is not None and self.session.index_of(main.document.path) == column
        )
        if not showing and not main.files.open_path(chosen.file):
            return
        main.go_to(QUESTIONS)
        main.raise_()
        main.activateWindow()

    def _follow_document(self) -> None:
        document = self.main.document
        if document.path is not None and document.loaded:
            self.session.update_plan(document.path, document.plan)

    # --- saving and exporting -------------------------------------------------------------
    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._write(self.session.path)

    def save_as(self) -> bool:
        from planner.model.portfolio import SUFFIX

        folder = self.session.path.parent if self.session.path else self.main.settings.last_folder()
        name = _file_stem(self.session.header.title or _("workshop"))
        path = file_dialogs.ask_save_workshop(self, folder / f"{name}{SUFFIX}")
        return self._write(path) if path is not None else False

    def _write(self, path: Path) -> bool:
        try:
            self.session.save(path)
        except OSError as error:
            dialogs.show_error(
                self,
                _("Cannot save the workshop"),
                _("The workshop could not be saved to {path}; it is still open.").format(path=path),
                error.strerror or str(error),
            )
            return False
        self.statusBar().showMessage(_("Saved {path}").format(path=path), 8000)
        return True

    def export(self, kind: str) -> None:
        from ui.workshop.exports import export_portfolio_file

        export_portfolio_file(self, kind)

    def may_close(self) -> bool:
        """True when the workshop may be closed or replaced: saved, or the user chose so."""
        if not self.session.dirty or not self.session.columns:
            return True
        choice = dialogs.ask_unsaved(self, self.session.display_name())
        if choice == "save":
            return self.save()
        return choice == "discard"

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_close():
            event.ignore()
            return
        self.session.clear()  # the window is kept for the next workshop, empty
        event.accept()


def _file_stem(text: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in text).strip()
    return cleaned[:80] or "workshop"
