"""Workshop files (.llmworkshop): what they hold, relative plan paths, and clear errors."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.model.portfolio import (
    MAX_WORKSHOP_BYTES,
    Portfolio,
    PortfolioEntry,
    PortfolioError,
    RateSnapshot,
    entry_path,
    load_portfolio,
    plan_file,
    save_portfolio,
)

SNAPSHOT = RateSnapshot(
    taken=date(2026, 12, 3),
    tables_as_of=date(2026, 11, 22),
    tables_hash="a" * 64,
    table_dates={"api_models": date(2026, 11, 22)},
    genai_prices="0.2.3",
    overrides={"api_models": {"mistral-large-4": {"input_mtok_usd_override": 0.5}}},
)


def workshop(*plans: str, **fields: Any) -> Portfolio:
    return Portfolio(plans=[PortfolioEntry(plan=p) for p in plans], rates=SNAPSHOT, **fields)


def test_a_saved_workshop_reads_back_as_it_was(tmp_path: Path) -> None:
    entry = PortfolioEntry(
        plan="acme.llmplan", service_type="test_before_invest", service_value=1200.0, note="T0: 42"
    )
    saved = Portfolio(
        title="AI costs workshop",
        hub="EDIH Kraków",
        advisor="Anna Nowak",
        day=date(2026, 12, 3),
        currency="PLN",
        plans=[entry, PortfolioEntry(plan="plans/bistro.llmplan")],
        rates=SNAPSHOT,
    )
    path = tmp_path / "day.llmworkshop"
    save_portfolio(saved, path)
    assert load_portfolio(path) == saved
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["plans"][1]["plan"] == "plans/bistro.llmplan"
    assert data["rates"]["overrides"] == SNAPSHOT.overrides  # the advisor's changes travel


def test_plan_paths_are_relative_to_the_workshop_and_survive_a_move(tmp_path: Path) -> None:
    folder = tmp_path / "day"
    (folder / "plans").mkdir(parents=True)
    plan = folder / "plans" / "acme.llmplan"
    plan.write_text("{}", encoding="utf-8")
    target = folder / "day.llmworkshop"
    assert entry_path(plan, target) == "plans/acme.llmplan"
    assert entry_path(tmp_path / "other.llmplan", target) == "../other.llmplan"
    save_portfolio(workshop(entry_path(plan, target)), target)
    moved = shutil.move(folder, tmp_path / "elsewhere")
    reread = load_portfolio(Path(moved) / "day.llmworkshop")
    assert plan_file(reread.plans[0], Path(moved) / "day.llmworkshop").read_text() == "{}"


def test_an_absolute_plan_path_is_kept_as_it_is(tmp_path: Path) -> None:
    entry = PortfolioEntry(plan=(tmp_path / "acme.llmplan").as_posix())
    assert plan_file(entry, Path("/somewhere/else/day.llmworkshop")) == tmp_path / "acme.llmplan"


def valid_data() -> dict[str, Any]:
    return json.loads(workshop("a.llmplan", "b.llmplan").model_dump_json())


def broken(change: Any) -> str:
    data = valid_data()
    change(data)
    return json.dumps(data)


BAD_WORKSHOPS = {
    "not JSON": ("{plans: []", "not valid JSON (line 1"),
    "not an object": ("[1, 2]", "a workshop must be a JSON object, not list"),
    "no snapshot": (broken(lambda d: d.pop("rates")), "rates: Field required"),
    "a hash that is not one": (
        broken(lambda d: d["rates"].update(tables_hash="xyz")),
        "rates.tables_hash: String should match pattern",
    ),
    "a bad date": (
        broken(lambda d: d.update(day="3 December")),
        "day: Input should be a valid date",
    ),
    "a negative value of service": (
        broken(lambda d: d["plans"][1].update(service_value=-5)),
        "plans.1.service_value: Input should be greater than or equal to 0",
    ),
    "an unknown service type": (
        broken(lambda d: d["plans"][0].update(service_type="lunch")),
        "plans.0.service_type: Input should be",
    ),
    "an empty plan path": (
        broken(lambda d: d["plans"][0].update(plan="  ")),
        "plans.0.plan: not a file name",
    ),
    "the same plan twice": (
        broken(lambda d: d["plans"][1].update(plan="./a.llmplan")),
        "plans: plans[1]: './a.llmplan' is already plans[0]",
    ),
    "an unknown field": (broken(lambda d: d.update(colour="red")), "colour: Extra inputs"),
    "a later format": (broken(lambda d: d.update(schema_version=2)), "schema_version: Input"),
}


@pytest.mark.parametrize("text, expected", BAD_WORKSHOPS.values(), ids=BAD_WORKSHOPS.keys())
def test_a_bad_workshop_file_is_named_with_its_field(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "day.llmworkshop"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PortfolioError) as caught:
        load_portfolio(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


def test_files_that_are_not_workshops_are_named(tmp_path: Path) -> None:
    missing = tmp_path / "missing.llmworkshop"
    binary = tmp_path / "binary.llmworkshop"
    binary.write_bytes(b"{\n\xff\xfe")
    huge = tmp_path / "huge.llmworkshop"
    huge.write_bytes(b" " * (MAX_WORKSHOP_BYTES + 1))
    cases = {
        missing: "no such file",
        tmp_path: "is a folder",
        binary: "not UTF-8 text, line 2",
        huge: "too large",
    }
    for path, expected in cases.items():
        with pytest.raises(PortfolioError, match=expected) as caught:
            load_portfolio(path)
        assert str(caught.value).startswith(str(path))


def test_a_failed_save_leaves_the_earlier_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "day.llmworkshop"
    save_portfolio(workshop("a.llmplan"), path)
    before = path.read_bytes()

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)
    with pytest.raises(OSError):
        save_portfolio(workshop("a.llmplan", "b.llmplan"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["day.llmworkshop"]
