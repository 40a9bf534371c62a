"""``--help`` shows the desktop app's own options too: a plan file to open, --lang."""

from __future__ import annotations

import pytest

from main import main


def test_help_names_the_apps_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert "estimate" in out  # the commands
    assert "PLAN.llmplan" in out and "--lang en|pl|uk" in out  # and the app
