"""Cells with room around their text, wrapped at the width the text really has.

A style-sheet padding on table items is painted but not counted when a row's height is
worked out for wrapped text, so long option names were cut off; here the same inset is
used for both.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

PAD = 6  # pixels either side of a cell's text


class RoomyDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        narrower = QStyleOptionViewItem(option)
        narrower.rect = option.rect.adjusted(0, 0, -2 * PAD, 0)
        size = super().sizeHint(narrower, index)
        return QSize(size.width() + 2 * PAD, size.height() + 2 * PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""  # the selection and focus over the whole cell, no text
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        inset = QStyleOptionViewItem(option)
        inset.rect = option.rect.adjusted(PAD, 0, -PAD, 0)
        inset.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, inset, index)
