"""Draw data/icon.png, the page icon: a local file, so the dashboard makes no request to a font CDN."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICON = Path(__file__).resolve().parents[1] / "data" / "icon.png"
SIZE = 64
BARS = ((10, 40), (24, 28), (38, 16))  # (left, top) of three rising bars, each 12 px wide, down to the baseline


def draw_icon() -> Image.Image:
    icon = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(icon)
    pen.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=14, fill=(31, 119, 180, 255))
    for left, top in BARS:
        pen.rounded_rectangle((left, top, left + 12, 54), radius=3, fill=(255, 255, 255, 255))
    return icon


if __name__ == "__main__":
    draw_icon().save(ICON, optimize=True)
    print(f"wrote {ICON}")
