"""Pictures of the demo albums, drawn with Pillow: each shows what its alt text says.

Flat drawings (a stage, wind turbines, a meeting hall), not photographs; the alt
texts say so ("Hình minh họa: …"), so that no reader is told of a scene that is not there.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageOps

SIZE = (1600, 1000)

SKIN = (224, 182, 146)
HAIR = (38, 30, 28)
RED = (176, 28, 36)
GOLD = (240, 190, 40)
WHITE = (250, 250, 246)


def _sky(top, bottom, size=SIZE) -> Image.Image:
    """Return a vertical gradient from top to bottom colour."""
    gradient = Image.linear_gradient("L").resize(size)
    return ImageOps.colorize(gradient, black=top, white=bottom)


def _person(draw, x, base, height, *, shirt, facing_back=False, seated=False):
    """Draw a person standing (or seated) on base, centred on x."""
    head = height * 0.16
    body_top = base - height + head * 2.1
    if seated:
        body_top = base - height * 0.62 + head * 2.1
    width = height * 0.3
    draw.rounded_rectangle(
        (x - width / 2, body_top, x + width / 2, base), radius=width * 0.3, fill=shirt
    )
    cy = body_top - head * 0.95
    draw.ellipse((x - head, cy - head, x + head, cy + head), fill=HAIR if facing_back else SKIN)
    if not facing_back:
        draw.chord((x - head, cy - head, x + head, cy + head * 0.2), 180, 360, fill=HAIR)


def _stage(draw, width, height, floor):
    """Draw a stage: red curtains at the sides, a valance, the boards."""
    draw.rectangle((0, 0, width, 90), fill=(120, 16, 24))
    for x in range(0, width, 80):
        draw.pieslice((x, 40, x + 80, 140), 0, 180, fill=(140, 20, 30))
    for side in (0, 1):
        left = 0 if side == 0 else width - 230
        draw.rectangle((left, 0, left + 230, floor), fill=(150, 22, 32))
        for fold in range(left + 20, left + 230, 45):
            draw.line((fold, 90, fold, floor), fill=(110, 14, 22), width=8)
    draw.rectangle((0, floor, width, floor + 40), fill=(120, 78, 40))
    draw.rectangle((0, floor + 40, width, height), fill=(84, 54, 30))


def _spotlights(image, sources, floor):
    """Lay soft yellow light beams from the sources down to the stage floor."""
    light = Image.new("RGB", image.size, (255, 226, 130))
    mask = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(mask)
    for x in sources:
        draw.polygon([(x - 20, 95), (x + 20, 95), (x + 260, floor), (x - 260, floor)], fill=70)
    return Image.composite(light, image, mask)


def festival_stage(rng: random.Random) -> Image.Image:
    """A festival stage at night: red curtains, yellow spotlights, lanterns above."""
    image = _sky((16, 14, 40), (60, 30, 70))
    draw = ImageDraw.Draw(image)
    floor = 760
    _stage(draw, *SIZE, floor)
    image = _spotlights(image, [500, 800, 1100], floor)
    draw = ImageDraw.Draw(image)
    for x in range(300, 1320, 140):
        draw.line((x + 30, 90, x + 30, 150), fill=(60, 20, 20), width=3)
        draw.ellipse((x, 150, x + 60, 230), fill=(230, 40, 40))
        draw.rectangle((x + 24, 230, x + 36, 250), fill=GOLD)
    for x in (640, 960):
        draw.rectangle((x - 6, 560, x + 6, floor), fill=(40, 40, 40))
        draw.ellipse((x - 16, 540, x + 16, 575), fill=(40, 40, 40))
    return image


def musicians(rng: random.Random) -> Image.Image:
    """Two musicians seated on a stage, one with a long-necked lute, one singing."""
    image = _sky((30, 20, 50), (90, 40, 60))
    draw = ImageDraw.Draw(image)
    floor = 780
    _stage(draw, *SIZE, floor)
    image = _spotlights(image, [640, 980], floor)
    draw = ImageDraw.Draw(image)
    # A low platform with a mat, as đờn ca tài tử is played seated.
    draw.rectangle((440, 700, 1180, floor), fill=(150, 100, 50))
    draw.rectangle((460, 690, 1160, 705), fill=(200, 60, 60))
    _person(draw, 640, 700, 330, shirt=(30, 60, 120), seated=True)
    _person(draw, 980, 700, 330, shirt=(190, 40, 70), seated=True)
    # The lute: a round body on the lap, a long neck across the chest.
    draw.ellipse((600, 600, 690, 690), fill=(170, 110, 40), outline=(90, 50, 20), width=4)
    draw.line((645, 645, 780, 470), fill=(90, 50, 20), width=10)
    # The singer's microphone on its stand.
    draw.line((1060, 700, 1060, 560), fill=(40, 40, 40), width=6)
    draw.ellipse((1046, 540, 1074, 574), fill=(40, 40, 40))
    return image


def crowd(rng: random.Random) -> Image.Image:
    """People seen from behind filling a square in front of a lit stage."""
    image = _sky((18, 18, 50), (80, 50, 90))
    draw = ImageDraw.Draw(image)
    draw.rectangle((380, 220, 1220, 560), fill=(150, 22, 32))
    draw.rectangle((420, 260, 1180, 560), fill=(250, 210, 120))
    draw.rectangle((340, 560, 1260, 600), fill=(120, 78, 40))
    draw.rectangle((0, 600, 1600, 1000), fill=(40, 36, 50))
    for row in range(6):
        size = 90 + row * 40
        base = 640 + row * 80 + size
        for x in range(-40 + (row % 2) * size // 2, 1640, size):
            shade = rng.randint(40, 110)
            shirt = (shade, shade // 2 + 20, shade + 30)
            _person(draw, x + rng.randint(-12, 12), base, size * 1.6, shirt=shirt, facing_back=True)
    return image


def _turbine(draw, x, base, height, angle, colour=WHITE):
    """Draw a three-bladed wind turbine; angle turns its rotor (degrees)."""
    hub = (x, base - height)
    draw.polygon(
        [(x - height * 0.025, base), (x + height * 0.025, base), (x + 3, hub[1]), (x - 3, hub[1])],
        fill=colour,
    )
    blade = height * 0.5
    for step in range(3):
        theta = math.radians(angle + step * 120)
        tip = (hub[0] + blade * math.cos(theta), hub[1] + blade * math.sin(theta))
        side = math.radians(angle + step * 120 + 90)
        root = height * 0.03
        draw.polygon(
            [
                (hub[0] + root * math.cos(side), hub[1] + root * math.sin(side)),
                tip,
                (hub[0] - root * math.cos(side), hub[1] - root * math.sin(side)),
            ],
            fill=colour,
        )
    radius = height * 0.035
    draw.ellipse((hub[0] - radius, hub[1] - radius, hub[0] + radius, hub[1] + radius), fill=colour)


def wind_farm(rng: random.Random) -> Image.Image:
    """A row of wind turbines standing in shallow sea off a muddy shore."""
    image = _sky((70, 130, 200), (200, 225, 240))
    draw = ImageDraw.Draw(image)
    horizon = 600
    draw.rectangle((0, horizon, 1600, 1000), fill=(90, 140, 160))
    for y in range(horizon + 20, 1000, 28):
        for x in range(rng.randint(0, 60), 1600, 120):
            draw.line((x, y, x + 50, y), fill=(150, 190, 205), width=3)
    draw.polygon([(0, 860), (700, 900), (1600, 880), (1600, 1000), (0, 1000)], fill=(120, 100, 70))
    for index in range(7):
        x = 120 + index * 230
        height = 430 - index * 25
        draw.line((x, horizon + 40 - index * 5, x, horizon + 90), fill=(70, 70, 70), width=4)
        _turbine(draw, x, horizon + 40 - index * 5, height, rng.randint(0, 119))
    return image


def turbine_close(rng: random.Random) -> Image.Image:
    """One wind turbine seen from near its foot against a clear blue sky."""
    image = _sky((30, 90, 170), (150, 200, 240))
    draw = ImageDraw.Draw(image)
    for left, top in ((200, 160), (1150, 240)):
        for dx, dy, r in ((0, 0, 60), (60, -20, 70), (130, 0, 55)):
            draw.ellipse((left + dx - r, top + dy - r, left + dx + r, top + dy + r), fill=WHITE)
    _turbine(draw, 800, 1000, 820, 75)
    _turbine(draw, 1380, 900, 300, 20, colour=(225, 232, 240))
    return image


def _hall(draw, banner=True):
    """Draw a meeting hall's back wall, its red banner and the floor."""
    draw.rectangle((0, 0, 1600, 1000), fill=(236, 226, 206))
    if banner:
        draw.rectangle((160, 60, 1440, 200), fill=RED)
        for x in range(260, 1340, 60):
            draw.rectangle((x, 118, x + 36, 142), fill=GOLD)
    draw.rectangle((0, 620, 1600, 1000), fill=(150, 40, 40))


def meeting(rng: random.Random) -> Image.Image:
    """Delegates seen from behind at rows of desks, facing a head table under a red banner."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    _hall(draw)
    draw.rectangle((300, 380, 1300, 470), fill=WHITE)
    for x in range(380, 1300, 150):
        _person(draw, x, 400, 180, shirt=(40, 50, 80), seated=True)
    draw.rectangle((300, 400, 1300, 470), fill=WHITE)
    for row in range(3):
        top = 600 + row * 130
        for x in range(120 + row * 30, 1560, 170):
            _person(draw, x, top + 60, 220, shirt=(rng.randint(30, 90),) * 3, facing_back=True)
        draw.rectangle((40, top + 60, 1560, top + 100), fill=(120, 80, 50))
    return image


def speech(rng: random.Random) -> Image.Image:
    """A speaker at a wooden lectern with a microphone, a red banner behind."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    _hall(draw)
    for x in (180, 1420):
        draw.rectangle((x - 8, 260, x + 8, 900), fill=(120, 90, 40))
        draw.polygon([(x + 8, 270), (x + 150, 310), (x + 8, 360)], fill=RED)
    _person(draw, 800, 720, 560, shirt=(30, 40, 70))
    draw.polygon([(780, 400), (820, 400), (810, 520), (790, 520)], fill=(180, 30, 40))
    draw.polygon([(620, 560), (980, 560), (940, 940), (660, 940)], fill=(140, 90, 50))
    draw.rectangle((600, 540, 1000, 575), fill=(110, 70, 40))
    draw.ellipse((770, 590, 830, 650), fill=GOLD)
    draw.line((800, 545, 760, 430), fill=(40, 40, 40), width=6)
    draw.ellipse((748, 410, 772, 440), fill=(40, 40, 40))
    return image


def awards(rng: random.Random) -> Image.Image:
    """A row of people on a stage, each holding a framed certificate, flowers at the front."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    _hall(draw)
    draw.rectangle((100, 760, 1500, 800), fill=(110, 70, 40))
    for index, x in enumerate(range(260, 1400, 180)):
        shirt = (40, 50, 80) if index % 2 else (200, 200, 205)
        _person(draw, x, 760, 420, shirt=shirt)
        draw.rectangle((x - 62, 520, x + 62, 610), fill=(190, 150, 60))
        draw.rectangle((x - 52, 528, x + 52, 602), fill=WHITE)
        draw.line((x - 34, 550, x + 34, 550), fill=RED, width=5)
        for line in (568, 582):
            draw.line((x - 34, line, x + 34, line), fill=(150, 150, 150), width=3)
    for x in range(140, 1480, 110):
        draw.ellipse((x, 800, x + 70, 860), fill=(230, 60, 90))
        draw.ellipse((x + 40, 820, x + 100, 870), fill=(250, 200, 60))
        draw.rectangle((x + 20, 860, x + 80, 1000), fill=(50, 120, 60))
    return image


def picture(draw_scene, seed: int) -> bytes:
    """Return the scene as a JPEG; the same seed draws the same picture."""
    image = draw_scene(random.Random(seed))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=86, optimize=True)
    return buffer.getvalue()
