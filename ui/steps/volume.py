"""Step 2: how much? Volume and length in business units, and the tokens they become."""

from __future__ import annotations

from babel import Locale
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from planner.model.plan import TokenBreakdown, Workload
from planner.rates.typical import typical_workload
from planner.rates.units import language_factor, tokens_from_pages, tokens_from_words
from planner.words.formats import locale_for
from planner.words.i18n import _
from ui.document import PlanDocument
from ui.fields import NumberField
from ui.rates_service import RatesService
from ui.steps.base import Step, align_labels, compact_form
from ui.steps.people import WhoDoesTheWork
from ui.steps.volume_text import count_units, token_explanation, unit_for_template
from ui.theme import set_role

MAX_WORDS = 1_000_000
MAX_INPUT_TOKENS = 2_000_000  # the plan's limits per request
MAX_OUTPUT_TOKENS = 200_000
MAX_PAGES = 2_000


class LengthField(NumberField):
    """A length in words, or in pages where a page makes sense."""

    def __init__(self, with_pages: bool) -> None:
        super().__init__(0, MAX_WORDS, example=200)
        self.unit.hide()
        self.units = QComboBox()
        self.units.addItem(_("words"), "words")
        if with_pages:
            self.units.addItem(_("pages"), "pages")
        self.units.setToolTip(_("Count in words, or in pages of typed text."))
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(2, self.units)

    def in_pages(self) -> bool:
        return bool(self.units.currentData() == "pages")


class VolumeStep(Step):
    def __init__(self, document: PlanDocument, rates: RatesService) -> None:
        super().__init__(
            document,
            _("How much?"),
            _(
                "Tell us in your own units: how many e-mails, documents, chats or calls a day, "
                "and how long they are. We work out what the AI reads and writes."
            ),
        )
        self.rates = rates
        self.people = WhoDoesTheWork(document, rates)
        self.body_layout.addWidget(self.people)
        self._build_amount()
        self._build_length()
        self._build_tokens()
        self.body_layout.addStretch(1)
        align_labels(self.amount_form, self.length_form)
        self.guard_fields()
        self.refresh()

    # --- building -------------------------------------------------------------------
    def _build_amount(self) -> None:
        box = QGroupBox(_("How many"))
        form = self.amount_form = compact_form(box)
        self.count_unit = QComboBox()
        for key, label in count_units():
            self.count_unit.addItem(label, key)
        self.count_unit.setToolTip(
            _("What one piece of work is for you; it only changes the wording.")
        )
        self.per_day = NumberField.for_field(Workload, "requests_per_day", decimals=1, example=250)
        self.per_day.setToolTip(
            _(
                "On a normal working day, how many of these the AI would handle. A rough figure is fine."
            )
        )
        self.days = NumberField.for_field(
            Workload, "days_per_month", decimals=1, unit=_("days a month"), example=22
        )
        self.days.setToolTip(
            _("Days a month with this work: about 22 for office days, 30 for every day.")
        )
        self.language = QComboBox()
        self.language.setToolTip(
            _(
                "The language of the texts. Polish or Ukrainian words cost about twice as many tokens as English ones."
            )
        )
        form.addRow(_("We count"), self.count_unit)
        self.per_day_label = QLabel()
        form.addRow(self.per_day_label, self.per_day)
        form.addRow(_("On how many days"), self.days)
        form.addRow(_("Language of the texts"), self.language)
        self.body_layout.addWidget(box)
        self.count_unit.currentIndexChanged.connect(self._relabel)
        self.per_day.valueEdited.connect(lambda v: self._set("workload.requests_per_day", v))
        self.days.valueEdited.connect(lambda v: self._set("workload.days_per_month", v))
        self.language.activated.connect(self._on_language)

    def _build_length(self) -> None:
        box = QGroupBox(_("How long, typically"))
        form = self.length_form = compact_form(box)
        self.incoming = LengthField(with_pages=True)
        self.incoming.setToolTip(
            _("The text the AI reads each time: the e-mail, the document, the question.")
        )
        self.instructions = LengthField(with_pages=False)
        self.instructions.setToolTip(
            _(
                "Standing instructions sent with every request: tone, rules, what to do. Often 200 to 500 words."
            )
        )
        self.reference = LengthField(with_pages=True)
        self.reference.setToolTip(
            _(
                "Background looked up for each request, such as articles from your knowledge base. Zero if none."
            )
        )
        self.answer = LengthField(with_pages=False)
        self.answer.setToolTip(_("How long a typical answer from the AI is."))
        self.turns = NumberField.for_field(
            TokenBreakdown, "turns", unit=_("messages from the customer"), example=1
        )
        self.turns.setToolTip(
            _(
                "In a chat or call, how many times the customer writes or speaks. One for an e-mail or document."
            )
        )
        self.incoming_label = QLabel()
        form.addRow(self.incoming_label, self.incoming)
        form.addRow(_("Standing instructions"), self.instructions)
        form.addRow(_("Reference text looked up"), self.reference)
        form.addRow(_("Each answer"), self.answer)
        form.addRow(_("Back and forth"), self.turns)
        unknown = QPushButton(_("I don't know: use typical figures"))
        unknown.setToolTip(
            _(
                "100 a day; about 200 words in, 150 words out and 300 words of instructions; one message each."
            )
        )
        unknown.clicked.connect(self._use_typical)
        form.addRow("", unknown)
        self.body_layout.addWidget(box)
        for field in (self.incoming, self.instructions, self.reference, self.answer):
            field.valueEdited.connect(self._on_lengths)
            field.units.activated.connect(lambda _index: self.refresh())
        self.turns.valueEdited.connect(self._on_lengths)

    def _build_tokens(self) -> None:
        box = QGroupBox(_("What the AI reads and writes"))
        layout = QVBoxLayout(box)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        row = QHBoxLayout()
        self.input_tokens = NumberField.for_field(
            Workload, "input_tokens", unit=_("tokens in"), example=1000
        )
        self.input_tokens.setToolTip(
            _(
                "Tokens the AI reads per request, all messages included. Correct it if you have measured it."
            )
        )
        self.output_tokens = NumberField.for_field(
            Workload, "output_tokens", unit=_("tokens out"), example=500
        )
        self.output_tokens.setToolTip(
            _("Tokens the AI writes per request. Correct it if you have measured it.")
        )
        correct = QLabel(_("Per request:"))
        row.addWidget(correct)
        row.addWidget(self.input_tokens)
        row.addSpacing(16)
        row.addWidget(self.output_tokens)
        row.addStretch(1)
        layout.addLayout(row)
        note = QLabel(
            _(
                "A token is a piece of a word; AI services charge by the token. "
                "If you type your own totals here, they replace the calculation above."
            )
        )
        note.setWordWrap(True)
        set_role(note, "muted")
        layout.addWidget(note)
        self.body_layout.addWidget(box)
        self.input_tokens.valueEdited.connect(self._on_totals)
        self.output_tokens.valueEdited.connect(self._on_totals)

    # --- showing --------------------------------------------------------------------
    def refresh(self) -> None:
        plan = self.document.plan
        work = plan.workload
        self.people.refresh()
        self._fill_languages(work.language)
        self.count_unit.blockSignals(True)
        unit = unit_for_template(plan.template)
        if unit and self.count_unit.property("template") != plan.template:
            self.count_unit.setCurrentIndex(max(0, self.count_unit.findData(unit)))
        self.count_unit.setProperty("template", plan.template)
        self.count_unit.blockSignals(False)
        self._relabel()
        self.per_day.setValue(work.requests_per_day)
        self.days.setValue(work.days_per_month)
        parts = self._breakdown()
        self._show_length(self.incoming, parts.user_tokens)
        self._show_length(self.instructions, parts.system_prompt_tokens)
        self._show_length(self.reference, parts.retrieved_context_tokens)
        self._show_length(self.answer, parts.output_tokens_per_turn)
        self.turns.setValue(parts.turns)
        self.input_tokens.setValue(work.input_tokens)
        self.output_tokens.setValue(work.output_tokens)
        self.explanation.setText(token_explanation(self.rates.book(), plan, parts))

    def _breakdown(self) -> TokenBreakdown:
        """The plan's breakdown, or its totals read as one message in and one answer."""
        work = self.document.plan.workload
        if work.breakdown is not None:
            return work.breakdown
        return TokenBreakdown(
            user_tokens=work.input_tokens, output_tokens_per_turn=work.output_tokens, turns=1
        )

    def _show_length(self, field: LengthField, tokens: int) -> None:
        factor = language_factor(self.rates.book(), self.document.plan.workload.language)
        words = tokens / factor.tokens_per_word
        if field.in_pages():
            field.decimals = 1
            field.maximum = MAX_PAGES
            field.setValue(round(words / factor.words_per_page, 1))
        else:
            field.decimals = 0
            field.maximum = MAX_WORDS
            field.setValue(round(words))

    def _fill_languages(self, current: str) -> None:
        if self.language.count() == 0:
            locale = Locale.parse(locale_for())
            for row in self.rates.book().languages:
                self.language.addItem(locale.languages.get(row.code, row.code), row.code)
        self.language.setCurrentIndex(max(0, self.language.findData(current)))

    def _relabel(self) -> None:
        labels = dict(count_units(per_day=True))
        self.per_day_label.setText(labels[self.count_unit.currentData()])
        incoming = dict(count_units(incoming=True))
        self.incoming_label.setText(incoming[self.count_unit.currentData()])

    # --- editing --------------------------------------------------------------------
    def _set(self, path: str, value: object) -> None:
        self.report(self.document.set_value(path, value))

    def _on_language(self, _index: int) -> None:
        self._set("workload.language", self.language.currentData())

    def _tokens(self, field: LengthField) -> int:
        book, language = self.rates.book(), self.document.plan.workload.language
        value = field.value() or 0
        if field.in_pages():
            return tokens_from_pages(book, value, language)
        return tokens_from_words(book, value, language)

    def _on_lengths(self) -> None:
        """Every length field holds a valid value (a bad one shows its message and keeps the
        value from before), so the breakdown is always made from valid figures."""
        breakdown = {
            "user_tokens": min(self._tokens(self.incoming), MAX_INPUT_TOKENS),
            "system_prompt_tokens": min(self._tokens(self.instructions), MAX_INPUT_TOKENS),
            "retrieved_context_tokens": min(self._tokens(self.reference), MAX_INPUT_TOKENS),
            "output_tokens_per_turn": max(1, min(self._tokens(self.answer), MAX_OUTPUT_TOKENS)),
            "turns": int(self.turns.value() or 1),
        }
        parts = TokenBreakdown(**breakdown)
        if parts.input_tokens() > MAX_INPUT_TOKENS or parts.output_tokens() > MAX_OUTPUT_TOKENS:
            edited = self.sender()
            field = edited if isinstance(edited, NumberField) else self.turns
            field.show_problem(
                _(
                    "That is more text than an AI can read at once; shorten the texts or the conversation."
                )
            )
            return
        self._set("workload.breakdown", breakdown)

    def _on_totals(self) -> None:
        data = self.document.plan.model_dump()
        work = data["workload"]
        work.update(
            breakdown=None,
            input_tokens=int(self.input_tokens.value() or 1),
            output_tokens=int(self.output_tokens.value() or 1),
            calls_per_request=1,
        )
        self.report(self.document.update_from_data(data))

    def _use_typical(self) -> None:
        data = self.document.plan.model_dump()
        typical = typical_workload(self.rates.book(), self.document.plan.workload.language)
        data["workload"]["requests_per_day"] = typical.requests_per_day
        data["workload"]["breakdown"] = (
            typical.breakdown.model_dump() if typical.breakdown else None
        )
        self.report(self.document.update_from_data(data))
        self.refresh()
