"""``make screenshots``: the real app, walked through like a user, one PNG per page.

Under Xvfb when it is installed (the app runs on the X11 platform plugin and the window is
captured from the screen); otherwise, or if that fails, offscreen with ``QWidget.grab()``.

    python -m tools.screenshots [--lang en|pl|uk] [--larger-text] [--size 1280x800]
                                [--stretch 1.3] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD_FLAG = "LLM_COST_PLANNER_SCREENSHOT_CHILD"
SIZE = (1400, 900)
ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = "customer_email"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=("en", "pl", "uk"))
    parser.add_argument("--larger-text", action="store_true", help="the projector setting")
    parser.add_argument("--out", type=Path, help="folder for the PNGs (default docs/screenshots)")
    parser.add_argument(
        "--offscreen", action="store_true", help="do not use Xvfb even if installed"
    )
    parser.add_argument("--dark", action="store_true", help="as on a system with a dark palette")
    parser.add_argument(
        "--size", type=window_size, default=SIZE, help="window size, e.g. 1280x800 or 1024x700"
    )
    parser.add_argument(
        "--stretch", type=float, default=1.0, help="lengthen every text by this factor"
    )
    return parser.parse_args(argv)


def window_size(text: str) -> tuple[int, int]:
    """``1280x800`` as (width, height)."""
    width, _, height = text.lower().partition("x")
    try:
        return int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size like 1280x800: {text!r}") from None


def output_folder(options: argparse.Namespace) -> Path:
    if options.out:
        return Path(options.out)
    folder = ROOT / "docs" / "screenshots"
    if options.lang != "en":
        folder /= options.lang
    if options.larger_text:
        folder /= "larger-text"
    if options.dark:
        folder /= "dark"
    return folder


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    options = parse_args(args)
    if os.environ.get(CHILD_FLAG) or options.offscreen or not shutil.which("Xvfb"):
        return capture(options)
    status = run_under_xvfb(args, options.size)
    if status != 0:
        print("screenshots: Xvfb run failed; taking them offscreen instead", file=sys.stderr)
        return capture(options, force_offscreen=True)
    return 0


def run_under_xvfb(args: list[str], size: tuple[int, int]) -> int:
    """Start a private X server, run this module again inside it, stop the server."""
    read_end, write_end = os.pipe()
    width, height = max(size[0], SIZE[0]), max(size[1], SIZE[1])
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width + 100}x{height + 100}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as stream:
            display = stream.readline().strip()
        if not display:
            return 1
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb", CHILD_FLAG: "1"}
        return subprocess.run(
            [sys.executable, "-m", "tools.screenshots", *args], env=env, cwd=ROOT
        ).returncode
    finally:
        server.terminate()
        server.wait(timeout=10)


def capture(options: argparse.Namespace, *, force_offscreen: bool = False) -> int:
    if force_offscreen or not os.environ.get(CHILD_FLAG):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="llm-planner-shots-") as scratch:
        from planner.words.i18n import set_stretch
        from tools.screenshot_walk import Walk

        set_stretch(options.stretch)

        walk = Walk(
            Path(scratch),
            output_folder(options),
            options.lang,
            options.larger_text,
            options.size,
            options.dark,
        )
        written = walk.run(TEMPLATE)
        from PySide6.QtGui import QGuiApplication

        how = "under Xvfb" if QGuiApplication.platformName() == "xcb" else "offscreen"
        print(f"screenshots taken {how} ({QGuiApplication.platformName()})")
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


def sample_price_file(folder: Path, rows: list[tuple[str, float, float]]) -> Path:
    """A LiteLLM-style price file with the given (model, input, output per million) rows."""
    data = {
        model: {
            "input_cost_per_token": price_in / 1e6,
            "output_cost_per_token": price_out / 1e6,
            "litellm_provider": "openai",
            "mode": "chat",
        }
        for model, price_in, price_out in rows
    }
    path = folder / "model_prices_and_context_window.json"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def wait(seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    sys.exit(main())
