"""Illustrations for demo articles, drawn with Pillow: gradients and simple shapes."""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageOps

SIZE = (800, 450)

# (sky top, sky bottom, accent) per motif; sober colours fit for a city portal.
PALETTES = {
    "city": ((23, 63, 116), (244, 196, 128), (250, 226, 160)),
    "river": ((30, 96, 145), (178, 222, 236), (255, 241, 190)),
    "field": ((70, 140, 200), (220, 236, 206), (255, 220, 120)),
    "night": ((12, 20, 48), (70, 64, 120), (255, 236, 170)),
    "festival": ((150, 30, 40), (250, 190, 80), (255, 250, 220)),
}

# What each motif shows, as alt text for readers who cannot see it.
ALT_TEXTS = {
    "city": "Tranh minh họa: dãy nhà trung tâm thành phố dưới bầu trời buổi sáng",
    "river": "Tranh minh họa: dòng sông và hàng cây ven bờ với mặt trời mọc",
    "field": "Tranh minh họa: cánh đồng lúa xanh trải dài dưới nắng",
    "night": "Tranh minh họa: khu phố lên đèn về đêm dưới trăng",
    "festival": "Tranh minh họa: cờ hoa rực rỡ trong ngày hội",
}


def illustration(motif: str, *, seed: int, size: tuple[int, int] = SIZE) -> ContentFile:
    """Return a JPEG illustration of the motif; the same seed draws the same picture."""
    rng = random.Random(seed)
    width, height = size
    top, bottom, accent = PALETTES[motif]
    gradient = Image.linear_gradient("L").resize(size)
    image = ImageOps.colorize(gradient, black=top, white=bottom)
    draw = ImageDraw.Draw(image)

    sun_x, sun_y, radius = rng.randint(width // 6, width * 5 // 6), height // 4, height // 9
    draw.ellipse((sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius), fill=accent)

    horizon = height * 2 // 3
    if motif in ("city", "night"):
        x = 0
        while x < width:
            block_width = rng.randint(40, 90)
            block_top = horizon - rng.randint(30, height // 3)
            shade = rng.randint(30, 70)
            draw.rectangle((x, block_top, x + block_width, height), fill=(shade, shade, shade + 20))
            for wy in range(block_top + 10, height - 10, 22):
                for wx in range(x + 8, x + block_width - 8, 16):
                    if rng.random() < 0.45:
                        draw.rectangle((wx, wy, wx + 7, wy + 10), fill=accent)
            x += block_width + rng.randint(2, 12)
    elif motif == "river":
        draw.rectangle((0, horizon, width, height), fill=(40, 110, 160))
        for y in range(horizon + 12, height, 18):
            offset = rng.randint(0, 40)
            for x in range(-offset, width, 80):
                draw.arc((x, y - 6, x + 40, y + 6), 0, 180, fill=(200, 230, 245), width=2)
        for x in range(20, width, 70):
            trunk = horizon - rng.randint(10, 30)
            draw.rectangle((x + 14, trunk, x + 20, horizon), fill=(80, 60, 40))
            draw.ellipse((x, trunk - 50, x + 36, trunk + 6), fill=(40, 120, 60))
    elif motif == "field":
        draw.polygon(
            [(0, horizon), (width, horizon - 40), (width, height), (0, height)], fill=(90, 160, 70)
        )
        for row in range(12):
            y = horizon + row * (height - horizon) // 12
            draw.line((0, y + 10, width, y - 20), fill=(70, 135, 55), width=3)
        for x in range(rng.randint(0, 60), width, rng.randint(90, 160)):
            base = horizon - 40 * x // width
            draw.rectangle((x + 8, base - 18, x + 12, base), fill=(90, 70, 40))
            draw.ellipse((x, base - 42, x + 20, base - 12), fill=(50, 120, 50))
    else:  # festival: bunting and lanterns
        for line in range(3):
            y = 40 + line * 60
            draw.line((0, y, width, y + 20), fill=(90, 20, 20), width=2)
            for x in range(0, width, 40):
                colour = rng.choice([(255, 215, 0), (220, 20, 60), (255, 255, 255)])
                draw.polygon(
                    [
                        (x, y + x * 20 // width),
                        (x + 30, y + 20 * (x + 30) // width),
                        (x + 15, y + 40),
                    ],
                    fill=colour,
                )
        for x in range(60, width, 140):
            draw.ellipse((x, horizon, x + 50, horizon + 70), fill=(230, 40, 40))
            draw.rectangle((x + 20, horizon + 70, x + 30, horizon + 90), fill=(255, 200, 0))

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return ContentFile(buffer.getvalue())
