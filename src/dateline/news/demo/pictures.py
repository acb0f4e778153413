"""Demo pictures: simple illustrations drawn with Pillow, two per section, put in the library.

They go through the same door as an editor's upload (:func:`check_upload`), and their
renditions are made by the library's task, so the demo exercises the real path. A second
run finds them by file name and draws nothing.

>>> pool = ensure_pictures()          # doctest: +SKIP
>>> pool["sport"][0].alt
'Illustration: a football pitch seen from the stands, under floodlights'
"""

import io
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow
from PIL import ImageDraw

from dateline.media.library import schedule_renditions
from dateline.media.models import Image
from dateline.media.validation import check_upload

SIZE = (1600, 1000)
CREDIT = "Dateline demo illustration"
PREFIX = "dateline-demo-"  # the uploaded names, by which a later run finds them

Draw = Callable[[ImageDraw.ImageDraw, random.Random], None]


@dataclass(frozen=True)
class Illustration:
    key: str
    section: str
    alt: str
    caption: str
    sky: tuple[tuple[int, int, int], tuple[int, int, int]]
    ground: tuple[int, int, int]
    focal: tuple[float, float]
    draw: Draw


W, H = SIZE
HORIZON = int(H * 0.68)


def _parliament(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    left, right, top = int(W * 0.25), int(W * 0.75), int(H * 0.42)
    d.rectangle([left, top, right, HORIZON], fill=(225, 215, 190))
    for x in range(left + 30, right - 20, 60):
        d.rectangle([x, top + 40, x + 22, HORIZON], fill=(245, 240, 225))
    d.polygon([(left - 20, top), (W // 2, top - 90), (right + 20, top)], fill=(205, 195, 170))
    d.pieslice([W // 2 - 150, top - 240, W // 2 + 150, top + 60], 180, 360, fill=(120, 160, 150))


def _flags(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    d.rectangle([0, int(H * 0.45), W, HORIZON], fill=(190, 185, 175))
    colours = [(0, 150, 200), (220, 40, 50), (40, 160, 80), (250, 200, 40), (30, 60, 140)]
    for n, x in enumerate(range(200, W - 150, 180)):
        d.rectangle([x, int(H * 0.2), x + 8, HORIZON], fill=(90, 90, 90))
        colour = colours[n % len(colours)]
        d.polygon([(x + 8, int(H * 0.2)), (x + 130, int(H * 0.24)), (x + 8, int(H * 0.3))], colour)


def _chart(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    for n, x in enumerate(range(180, W - 200, 150)):
        height = int(H * (0.12 + 0.05 * n + rng.uniform(-0.03, 0.03)))
        d.rectangle([x, HORIZON - height, x + 90, HORIZON], fill=(40, 110 + 12 * n, 90))
    d.line([(150, HORIZON - 60), (W - 160, int(H * 0.12))], fill=(250, 250, 250), width=10)


def _port(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    for x in range(150, W - 150, 320):
        d.rectangle([x, int(H * 0.2), x + 20, HORIZON], fill=(200, 60, 40))
        d.rectangle([x - 120, int(H * 0.2), x + 220, int(H * 0.23)], fill=(200, 60, 40))
    for row in range(4):
        for x in range(100, W - 100, 130):
            colour = rng.choice([(180, 40, 40), (40, 90, 160), (220, 160, 40), (60, 130, 70)])
            y = HORIZON - 50 * (row + 1)
            d.rectangle([x, y, x + 120, y + 45], fill=colour)


def _school(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    d.rectangle([int(W * 0.2), int(H * 0.35), int(W * 0.8), HORIZON], fill=(190, 90, 70))
    for x in range(int(W * 0.23), int(W * 0.77), 110):
        for y in (int(H * 0.42), int(H * 0.54)):
            d.rectangle([x, y, x + 60, y + 55], fill=(250, 235, 170))
    d.ellipse([W // 2 - 60, int(H * 0.2), W // 2 + 60, int(H * 0.2) + 120], fill=(250, 250, 245))
    d.line([(W // 2, int(H * 0.2) + 60), (W // 2, int(H * 0.2) + 20)], fill=(20, 20, 20), width=6)


def _park(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    for _ in range(9):
        x, size = rng.randint(80, W - 80), rng.randint(90, 170)
        d.rectangle([x - 12, HORIZON - size, x + 12, HORIZON + 20], fill=(100, 70, 40))
        d.ellipse([x - size, HORIZON - 2 * size - 60, x + size, HORIZON - size + 30], (50, 130, 60))
    d.rectangle([int(W * 0.4), HORIZON + 60, int(W * 0.6), HORIZON + 80], fill=(120, 80, 50))


def _globe(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    box = [W // 2 - 260, int(H * 0.1), W // 2 + 260, int(H * 0.1) + 520]
    d.ellipse(box, fill=(40, 110, 190))
    for inset in range(0, 260, 65):
        d.ellipse(
            [box[0] + inset, box[1], box[2] - inset, box[3]], outline=(230, 240, 250), width=4
        )
    for y in range(box[1] + 80, box[3], 90):
        d.line([(box[0] + 30, y), (box[2] - 30, y)], fill=(230, 240, 250), width=3)


def _plane(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    for _ in range(7):
        x, y = rng.randint(0, W), rng.randint(int(H * 0.45), HORIZON)
        d.ellipse([x - 220, y - 50, x + 220, y + 50], fill=(245, 245, 250))
    cx, cy = int(W * 0.62), int(H * 0.3)
    d.polygon(
        [(cx - 300, cy), (cx + 260, cy - 20), (cx + 300, cy), (cx - 280, cy + 24)], (235, 235, 240)
    )
    d.polygon([(cx - 40, cy), (cx + 60, cy), (cx - 120, cy + 170)], fill=(210, 210, 220))
    d.polygon([(cx - 260, cy), (cx - 210, cy), (cx - 290, cy - 90)], fill=(200, 40, 40))


def _pitch(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    d.rectangle([0, int(H * 0.5), W, H], fill=(40, 140, 60))
    d.rectangle([120, int(H * 0.58), W - 120, H - 40], outline=(250, 250, 250), width=6)
    d.line([(W // 2, int(H * 0.58)), (W // 2, H - 40)], fill=(250, 250, 250), width=6)
    d.ellipse(
        [W // 2 - 110, int(H * 0.66), W // 2 + 110, int(H * 0.86)], outline=(250,) * 3, width=6
    )
    for x in (200, W - 200):
        d.rectangle([x - 8, int(H * 0.05), x + 8, int(H * 0.5)], fill=(200, 200, 200))
        d.rectangle([x - 60, int(H * 0.05), x + 60, int(H * 0.1)], fill=(255, 250, 210))


def _track(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    d.rectangle([0, int(H * 0.52), W, H], fill=(190, 80, 60))
    for n in range(7):
        y = int(H * 0.55) + n * 60
        d.line([(0, y), (W, y + 40)], fill=(250, 250, 250), width=5)
    d.rectangle([int(W * 0.7), int(H * 0.52), int(W * 0.7) + 14, H], fill=(250, 250, 250))


def _stage(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    d.rectangle([0, 0, W, H], fill=(30, 20, 25))
    d.rectangle([int(W * 0.15), int(H * 0.15), int(W * 0.85), int(H * 0.8)], fill=(70, 50, 40))
    light = [(0.35, 0.15), (0.65, 0.15), (0.75, 0.8), (0.25, 0.8)]
    d.polygon([(int(W * x), int(H * y)) for x, y in light], fill=(230, 210, 150))
    for side in (0, 1):
        x0 = int(W * 0.15) if side == 0 else int(W * 0.7)
        d.rectangle([x0, int(H * 0.12), x0 + int(W * 0.15), int(H * 0.8)], fill=(160, 20, 30))
    d.rectangle([0, int(H * 0.8), W, H], fill=(60, 40, 30))


def _books(d: ImageDraw.ImageDraw, rng: random.Random) -> None:
    d.rectangle([0, int(H * 0.75), W, H], fill=(120, 80, 50))
    y = int(H * 0.75)
    for _ in range(7):
        height, width = rng.randint(45, 70), rng.randint(420, 560)
        x = int(W * 0.35) + rng.randint(-40, 40)
        colour = rng.choice([(150, 30, 40), (30, 70, 120), (40, 110, 70), (200, 150, 50)])
        d.rectangle([x, y - height, x + width, y], fill=colour)
        y -= height
    d.rectangle([int(W * 0.15), int(H * 0.3), int(W * 0.15) + 14, int(H * 0.75)], (60, 60, 60))
    shade = [(0.1, 0.3), (0.24, 0.3), (0.21, 0.18), (0.13, 0.18)]
    d.polygon([(int(W * x), int(H * y)) for x, y in shade], fill=(250, 220, 120))


def _i(key, section, alt, caption, sky, ground, focal, draw) -> Illustration:
    return Illustration(key, section, f"Illustration: {alt}", caption, sky, ground, focal, draw)


ILLUSTRATIONS = (
    _i("parliament", "politics", "a domed parliament building under an evening sky",
       "The chamber sits late this week.", ((250, 170, 110), (90, 70, 140)), (80, 90, 70),
       (0.5, 0.35), _parliament),
    _i("flags", "politics", "a row of flags in front of a government building",
       "Delegations arrived in the morning.", ((150, 200, 240), (230, 240, 250)), (120, 120, 110),
       (0.5, 0.3), _flags),
    _i("chart", "economy", "bar chart columns rising over the ground, with a trend line",
       "Prices and wages, drawn for the demo.", ((30, 40, 70), (70, 90, 130)), (50, 50, 60),
       (0.6, 0.45), _chart),
    _i("port", "economy", "container cranes and stacked containers at a port",
       "Freight volumes rose this quarter.", ((170, 210, 240), (240, 240, 235)), (70, 80, 100),
       (0.5, 0.55), _port),
    _i("school", "society", "a red-brick school with a clock above the entrance",
       "The new term starts on Monday.", ((160, 210, 250), (235, 245, 250)), (110, 150, 90),
       (0.5, 0.4), _school),
    _i("park", "society", "trees and a bench in a city park",
       "The park reopens after repairs.", ((180, 220, 250), (240, 245, 250)), (90, 150, 80),
       (0.5, 0.55), _park),
    _i("globe", "world", "a blue globe with lines of latitude and longitude",
       "Talks continue in the capital.", ((20, 30, 60), (60, 80, 120)), (30, 35, 50),
       (0.5, 0.4), _globe),
    _i("plane", "world", "an airliner flying above the clouds",
       "Direct flights resume next month.", ((90, 150, 230), (200, 225, 250)), (230, 235, 245),
       (0.62, 0.3), _plane),
    _i("pitch", "sport", "a football pitch seen from the stands, under floodlights",
       "The final is played on Saturday.", ((20, 30, 60), (50, 60, 100)), (40, 140, 60),
       (0.5, 0.7), _pitch),
    _i("track", "sport", "lanes of a red running track with the finish line",
       "Records fell at the national championships.", ((150, 200, 240), (230, 240, 250)),
       (190, 80, 60), (0.7, 0.7), _track),
    _i("stage", "culture", "a theatre stage lit between red curtains",
       "The season opens with a new production.", ((30, 20, 25), (30, 20, 25)), (60, 40, 30),
       (0.5, 0.45), _stage),
    _i("books", "culture", "a stack of books beside a reading lamp",
       "Readers' choice, drawn for the demo.", ((240, 225, 200), (250, 240, 225)),
       (120, 80, 50), (0.45, 0.6), _books),
)  # fmt: skip


def draw(illustration: Illustration, seed: int = 0) -> bytes:
    """The illustration as a JPEG, the way a photo desk would upload it."""
    rng = random.Random(f"{illustration.key}:{seed}")
    picture = Pillow.new("RGB", SIZE)
    canvas = ImageDraw.Draw(picture)
    (top_r, top_g, top_b), (low_r, low_g, low_b) = illustration.sky
    for y in range(HORIZON):
        t = y / HORIZON
        canvas.line(
            [(0, y), (W, y)],
            fill=(
                round(top_r + (low_r - top_r) * t),
                round(top_g + (low_g - top_g) * t),
                round(top_b + (low_b - top_b) * t),
            ),
        )
    canvas.rectangle([0, HORIZON, W, H], fill=illustration.ground)
    illustration.draw(canvas, rng)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def ensure_pictures() -> dict[str, list[Image]]:
    """The demo pictures by section key, added to the library when missing."""
    existing = {
        image.original_name: image
        for image in Image.objects.filter(original_name__startswith=PREFIX)
    }
    pool: dict[str, list[Image]] = {}
    for illustration in ILLUSTRATIONS:
        name = f"{PREFIX}{illustration.key}.jpg"
        image = existing.get(name)
        if image is None:
            checked = check_upload(SimpleUploadedFile(name, draw(illustration), "image/jpeg"))
            image = Image(
                alt=illustration.alt,
                caption=illustration.caption,
                credit=CREDIT,
                focal_x=illustration.focal[0],
                focal_y=illustration.focal[1],
                original_name=name,
                file_size=len(checked.content),
            )
            image.file = ContentFile(checked.content, name=checked.name)
            image.save()
            schedule_renditions(image.pk)
        pool.setdefault(illustration.section, []).append(image)
    return pool
