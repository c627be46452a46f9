#!/usr/bin/env python3
"""Draw the app icon (a red rounded square, a gold star and 党建) as a 1024x1024 PNG.

The icons under src-tauri/icons/ were made from it; to change them, edit this
file and run, from the repository root:

    pip install --user Pillow
    python3 scripts/make-icon.py /tmp/icon-1024.png
    (cd ui && npx tauri icon /tmp/icon-1024.png -o ../src-tauri/icons)
    rm -rf src-tauri/icons/android src-tauri/icons/ios   # desktop only

It needs a CJK font for the two characters; Debian's fonts-droid-fallback is used
unless another font file is given as the second argument.
"""
import math
import sys

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "icon-1024.png"
    font_path = sys.argv[2] if len(sys.argv) > 2 else FONT
    size = 1024
    red, gold = (200, 16, 46, 255), (255, 205, 0, 255)

    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle([32, 32, size - 32, size - 32], radius=180, fill=red)

    # A five-pointed star in the upper half: outer radius 190, inner radius from the star's geometry.
    cx, cy, outer = size / 2, 330, 190
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + 36 * i)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=gold)

    font = ImageFont.truetype(font_path, 300)
    text = "党建"
    left, top, right, _ = draw.textbbox((0, 0), text, font=font)
    draw.text(((size - (right - left)) / 2 - left, 590 - top), text, font=font, fill=gold)

    img.save(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
