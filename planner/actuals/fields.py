"""Reading one field: counts, money, timestamps and flags, as the exports write them.

Each reader raises ``FieldError`` naming the field; the importer turns that into a
skipped row with its file and line.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from planner.actuals.records import FieldError

_TRUE = frozenset({"true", "1", "yes", "t", "y"})
_FALSE = frozenset({"false", "0", "no", "f", "n", ""})
# Epoch numbers larger than these are in ms, µs or ns rather than seconds.
_EPOCH_UNITS = ((10**17, 10**9), (10**14, 10**6), (10**11, 10**3))


def count(value: object, field: str) -> int:
    """A whole, non-negative count; empty means 0 and ``"59200.0"`` means 59200."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise FieldError(field, "not_a_number", str(value))
    number = value if isinstance(value, int) else _whole(value, field)
    if number < 0:
        raise FieldError(field, "negative", str(value))
    return number


def _whole(value: object, field: str) -> int:
    text = str(value).strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        exact = Decimal(text)
    except InvalidOperation:
        raise FieldError(field, "not_a_number", text) from None
    if not exact.is_finite() or exact != exact.to_integral_value():
        raise FieldError(field, "not_whole", text)
    return int(exact)


def money(value: object, field: str, *, scale: int = 0) -> str:
    """An exact amount as a plain decimal string; ``scale`` divides by 10**scale (cents)."""
    if isinstance(value, bool) or value is None:
        raise FieldError(field, "not_a_number", str(value))
    text = str(value).strip()
    try:
        exact = Decimal(text)
    except InvalidOperation:
        raise FieldError(field, "missing" if not text else "not_a_number", text) from None
    if not exact.is_finite():
        raise FieldError(field, "not_a_number", text)
    return decimal_text(exact.scaleb(-scale))


def decimal_text(value: Decimal) -> str:
    """The shortest plain (never exponent) text of an exact amount."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def optional_money(value: object, field: str) -> str:
    """An amount, or "" when the field is empty."""
    if value is None or value == "":
        return ""
    return money(value, field)


def timestamp(value: object, field: str) -> str:
    """A moment as UTC ISO 8601 ending in ``Z``; a time without a zone is taken as UTC.

    Accepts ISO 8601 (``T`` or space), a bare date, and Unix time in s, ms, µs or ns.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(float(value), field)
    text = str(value).strip() if value is not None else ""
    if not text:
        raise FieldError(field, "missing")
    if text.isdigit():
        return _from_epoch(float(text), field)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise FieldError(field, "bad_timestamp", text) from None
    if text[-1] == "Z" and len(text) > 10 and text[10] == "T":
        return text
    return _utc_text(moment)


def _from_epoch(number: float, field: str) -> str:
    for limit, per_second in _EPOCH_UNITS:
        if number >= limit:
            number /= per_second
            break
    try:
        return _utc_text(datetime.fromtimestamp(number, UTC))
    except (OverflowError, OSError, ValueError):
        raise FieldError(field, "bad_timestamp", str(number)) from None


def _utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def day(value: object, field: str) -> str:
    """A UTC day as ``YYYY-MM-DD`` from a date or a timestamp."""
    text = str(value).strip() if value is not None else ""
    if len(text) == 10 and not text.isdigit():
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise FieldError(field, "bad_date", text) from None
    return timestamp(value, field)[:10]


def flag(value: object, field: str) -> int:
    """``TRUE``/``FALSE`` (any case), 1/0 or a JSON boolean, as 1 or 0; empty is 0."""
    if isinstance(value, bool):
        return int(value)
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return 1
    if text in _FALSE:
        return 0
    raise FieldError(field, "not_a_flag", str(value))


def text(value: object) -> str:
    """A dimension (project, user, key) as text; missing is ""."""
    if value is None:
        return ""
    return str(value).strip()
