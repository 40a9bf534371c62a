"""The app's icon for every platform, drawn with Pillow: ``python -m tools.make_icons``.

Rising bars and a coin on a blue tile: costs over time. It writes
assets/icons/llm-cost-planner.png (Linux, the window), .ico (Windows: the executable and the
installer) and .icns (macOS: the .app). The files are committed; run this again only to
change the drawing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).parents[1]
FOLDER = ROOT / "assets" / "icons"
NAME = "llm-cost-planner"
CANVAS = 1024
TILE = (31, 95, 139, 255)  # the blue of the app's accent
BARS = (255, 255, 255, 255)
COIN = (242, 184, 48, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = CANVAS) -> Image.Image:
    """The icon at ``size`` pixels, drawn four times larger and scaled down for smooth edges."""
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin = big * 0.06
    pen.rounded_rectangle((margin, margin, big - margin, big - margin), radius=big * 0.2, fill=TILE)
    floor = big * 0.78
    width = big * 0.13
    for index, height in enumerate((0.22, 0.34, 0.48)):
        left = big * (0.255 + index * 0.18)
        pen.rounded_rectangle(
            (left, floor - big * height, left + width, floor), radius=big * 0.025, fill=BARS
        )
    centre, radius = (big * 0.34, big * 0.31), big * 0.1
    pen.ellipse(
        (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius),
        fill=COIN,
    )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def write_icons(folder: Path = FOLDER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    icon = draw()
    png, ico, icns = (folder / f"{NAME}{suffix}" for suffix in (".png", ".ico", ".icns"))
    icon.resize((512, 512), Image.Resampling.LANCZOS).save(png, optimize=True)
    icon.save(ico, sizes=ICO_SIZES)
    icon.save(icns)
    return [png, ico, icns]


def main() -> int:
    for path in write_icons():
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
