"""What each saving lever would save on the recommended option, as a table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from planner.scenarios.levers import LeverSaving
from planner.words.formats import money, percent
from planner.words.i18n import _
from planner.words.names import lever_explanation, lever_name
from ui.table_model import Index, RowsTableModel
from ui.text import share

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

LEVER, ASSUMED, AFTER, SAVING, SHARE = range(5)


def assumed_setting(saving: LeverSaving) -> str:
    """The lever's setting in words: what share of the work it is assumed to touch."""
    setting = percent(saving.setting)
    texts = {
        "prompt_caching": _("{share} of each request repeats"),
        "semantic_cache": _("{share} of questions asked before"),
        "routing": _("{share} of requests are routine"),
        "batch_api": _("{share} of the work can wait"),
        "off_peak_batch": _("{share} of the work waits for cheaper hours"),
        "shorter_prompts": _("instructions {share} shorter"),
    }
    return texts.get(saving.lever, "{share}").format(share=setting)


class LeversModel(RowsTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[LeverSaving] = []
        self._currency = "EUR"

    def set_rows(self, savings: list[LeverSaving], currency: str) -> None:
        self.beginResetModel()
        self._rows = sorted(savings, key=lambda s: s.monthly_saving, reverse=True)
        self._currency = currency
        self.endResetModel()

    def headers(self) -> list[str]:
        return [_("Saving"), _("Assuming"), _("Then a month"), _("Saves a month"), _("Share saved")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        saving = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                LEVER: lever_name(saving.lever),
                ASSUMED: assumed_setting(saving),
                AFTER: money(saving.monthly_after, self._currency),
                SAVING: money(saving.monthly_saving, self._currency),
                SHARE: share(saving.saving_share),
            }[column]
        if role == SORT_ROLE:
            return {
                LEVER: lever_name(saving.lever),
                ASSUMED: saving.setting,
                AFTER: saving.monthly_after,
                SAVING: saving.monthly_saving,
                SHARE: saving.saving_share,
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == LEVER:
            return lever_explanation(saving.lever)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (AFTER, SAVING, SHARE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
