"""The app folder's recipe (packaging/): what it carries, what it leaves out, and the
``--smoke-test`` that checks a built folder without a person.

Building the folder takes a minute, so CI does that (``make bundle`` and
packaging/smoke_test.sh); these tests check the recipe and the smoke test from source.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PIL import Image

ROOT = Path(__file__).parents[1]
SPEC = ROOT / "packaging" / "llm-cost-planner.spec"


def _load_contents() -> ModuleType:
    # packaging/ is no package: the name would hide PyPA's `packaging`, which PyInstaller uses.
    spec = importlib.util.spec_from_file_location(
        "bundle_contents", ROOT / "packaging" / "bundle_contents.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contents = _load_contents()


# --- what the folder carries -------------------------------------------------------------
def test_every_data_file_the_loaders_read_is_bundled_where_they_look() -> None:
    data = {
        (Path(source).relative_to(ROOT).as_posix(), folder)
        for source, folder in contents.app_data(ROOT)
    }
    expected = {
        *(
            (f"planner/data/{p.name}", "planner/data")
            for p in (ROOT / "planner/data").glob("*.toml")
        ),
        *((f"templates/{p.name}", "templates") for p in (ROOT / "templates").glob("*.json")),
        ("assets/fonts/DejaVuSans.ttf", "assets/fonts"),
        ("assets/fonts/DejaVuSans-Bold.ttf", "assets/fonts"),
        ("assets/locale/pl/LC_MESSAGES/planner.mo", "assets/locale/pl/LC_MESSAGES"),
        ("assets/locale/uk/LC_MESSAGES/planner.mo", "assets/locale/uk/LC_MESSAGES"),
    }
    assert expected <= data
    assert all((ROOT / source).is_file() for source, _folder in data)
    assert not any(source.endswith((".po", ".pot", ".py")) for source, _folder in data)


def test_the_bundle_speaks_the_languages_the_catalogs_have() -> None:
    from tools.i18n import LANGUAGES

    assert contents.LANGUAGES == LANGUAGES


def test_genai_prices_metadata_is_bundled() -> None:
    """Without it the bundled app stops at start: genai_prices reads its own version."""
    spec = SPEC.read_text(encoding="utf-8")
    assert 'copy_metadata("genai-prices")' in spec
    from importlib.metadata import version

    assert version("genai-prices")


def test_qt_translations_the_app_loads_exist_in_the_installed_qt() -> None:
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert all((folder / name).is_file() for name in contents.QT_TRANSLATIONS)


# Run in a fresh interpreter: Babel keeps the locales it has loaded, so in a test session
# an earlier test would have loaded them already.
RECORD_BABEL_LOCALES = """
import json, os, sys
from datetime import date
import babel.localedata

loaded = set()
original = babel.localedata.load

def recording(name, merge_inherited=True):
    loaded.add(os.path.basename(name))
    return original(name, merge_inherited)

babel.localedata.load = recording
from planner.cli.main import run
from planner.words import formats
from planner.words.i18n import LANGUAGES, set_language

for code in LANGUAGES:
    set_language(code)
    formats.money(1234.5, "PLN"), formats.percent(0.4), formats.day(date(2026, 1, 31))
    formats.excel_money_format("EUR")
plan, out = sys.argv[1:3]
for code in ("pl", "uk"):
    exports = ["--xlsx", f"{out}-{code}.xlsx", "--pdf", f"{out}-{code}.pdf"]
    assert run(["estimate", plan, "--lang", code, "--json", *exports]) == 0
print(json.dumps(sorted(loaded)))
"""


def test_every_babel_locale_the_app_reads_is_kept(tmp_path: Path) -> None:
    """What Babel loads while formatting in every language and exporting in Polish and
    Ukrainian; the bundle keeps only BABEL_LOCALES."""
    plan = ROOT / "templates" / "customer_email.json"
    done = subprocess.run(
        [sys.executable, "-c", RECORD_BABEL_LOCALES, str(plan), str(tmp_path / "plan")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert {"root", "en_US", "pl_PL", "uk_UA"} <= loaded
    assert loaded <= contents.BABEL_LOCALES


# --- what it leaves out --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("destination", "kept"),
    [
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/Qt/lib/libQt6Charts.so.6", True),
        ("PySide6/Qt/lib/libQt6OpenGLWidgets.so.6", True),  # QtCharts links it
        ("PySide6/Qt/lib/libQt6ChartsQml.so.6", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
        ("PySide6/QtCharts.abi3.so", True),
        ("PySide6/QtMultimedia.abi3.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
        ("PySide6\\Qt6Widgets.dll", True),  # Windows
        ("PySide6\\Qt6Quick.dll", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui", True),  # macOS
        ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", False),
        ("libpython3.11.so.1.0", True),
        ("libQt6Quick.so.6", False),  # PyInstaller's link beside the executable
    ],
)
def test_only_the_qt_the_app_uses_is_kept(destination: str, kept: bool) -> None:
    assert contents.keep_binary(destination) is kept


@pytest.mark.parametrize(
    ("destination", "kept"),
    [
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/pl_PL.dat", True),
        ("babel/locale-data/uk.dat", True),
        ("babel/locale-data/de_DE.dat", False),
        ("PySide6/Qt/translations/qtbase_pl.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_pl.qm", False),
        ("PySide6/Qt/qml/QtQuick/Controls/qmldir", False),
        ("libQt6Pdf.so.6", False),
        ("templates/customer_email.json", True),
        ("genai_prices-0.2.3.dist-info/METADATA", True),
    ],
)
def test_only_our_languages_are_kept(destination: str, kept: bool) -> None:
    assert contents.keep_data(destination) is kept


def test_libraries_left_behind_by_plugins_left_out_are_dropped() -> None:
    links = {
        "QtCore.so": {"libQt6Core.so.6"},
        "libQt6Core.so.6": {"libicuuc.so.73"},
        "libqoffscreen.so": {"libfontconfig.so.1"},
        "libcairo.so.2": {"libpixman-1.so.0"},  # was there for the GTK theme plugin
    }
    binaries = [
        ("PySide6/QtCore.abi3.so", "QtCore.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "libicuuc.so.73", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "libqoffscreen.so", "BINARY"),
        ("libfontconfig.so.1", "libfontconfig.so.1", "BINARY"),
        ("libcairo.so.2", "libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "libpixman-1.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "libpython3.11.so.1.0", "BINARY"),
    ]
    kept = contents.needed_binaries(binaries, lambda source: links.get(source, set()))
    assert [entry[0] for entry in kept] == [
        "PySide6/QtCore.abi3.so",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libicuuc.so.73",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "libfontconfig.so.1",
        "libpython3.11.so.1.0",
    ]


# --- icons ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("platform", "size"), [("win32", (256, 256)), ("darwin", (1024, 1024)), ("linux", None)]
)
def test_each_platform_has_its_icon(platform: str, size: tuple[int, int] | None) -> None:
    path = contents.icon_for(ROOT, platform)
    if size is None:
        assert path is None
        return
    with Image.open(path) as icon:
        # .ico lists (width, height); .icns (width, height, scale): 512 at 2x is 1024 pixels
        largest = max(
            entry[0] * (entry[2] if len(entry) > 2 else 1) for entry in icon.info["sizes"]
        )
    assert (largest, largest) == size
    with Image.open(ROOT / "assets" / "icons" / "llm-cost-planner.png") as png:
        assert png.size == (512, 512) and png.mode == "RGBA"


# --- the smoke test ------------------------------------------------------------------------
def test_the_smoke_test_opens_the_window_offscreen_and_writes_nothing(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "XDG_CONFIG_HOME", "XDG_DATA_HOME")
    }
    env["HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "main.py", "--smoke-test", "--lang", "pl"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert line.startswith("smoke test OK: customer_email:"), line
    assert "recommended" in line and "(offscreen," in line
    written = [p for p in tmp_path.rglob("*") if ".cache" not in p.parts]
    assert written == []


def test_the_smoke_test_fails_with_a_message_when_the_results_cannot_be_made(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import planner.model.templates
    from ui.smoke import run_smoke_test

    def missing(template_id: str) -> Any:
        raise KeyError(f"unknown template {template_id!r}")

    monkeypatch.setattr(planner.model.templates, "template", missing)
    assert run_smoke_test(qapp) == 1
    assert not [w for w in qapp.topLevelWidgets() if w.isVisible()], "a window was left open"
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("smoke test FAILED: KeyError:")
    assert "customer_email" in captured.err


def test_the_smoke_test_script_is_valid_shell() -> None:
    for script in ("smoke_test.sh", "linux_runtime_libs.sh"):
        subprocess.run(["bash", "-n", str(ROOT / "packaging" / script)], check=True)
