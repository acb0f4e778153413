"""Which renditions a picture has, making the missing ones, and finding them without queries.

A *family* is a crop (``""`` for the whole picture, or a ratio such as ``"16:9"`` cut around
the focal point) at several widths, in several formats. The :data:`STANDARD` families are
what the site's templates ask for; a task makes them right after an upload, and
:func:`ensure` makes anything still missing the first time a page needs it.

Made once, kept for good: each rendition is a row (unique per image, ratio, width and
format) and a file in the default storage. Two processes making the same rendition at once
both encode it, but only one row wins; the loser deletes its file. Names carry a token of the
source and the focal point, so a new crop never reuses an old URL that a browser or CDN may
still cache.

Pages that show many pictures fetch them with :func:`with_pictures` — two queries for any
number of pictures — and the lookups here then read the prefetched rows::

    stories = with_pictures(Article.objects.published())[:20]
    sources = picture_sources(stories[0].picture, WIDE)   # no query
"""

import hashlib
import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import models
from PIL import Image as PillowImage

from dateline.media import processing
from dateline.media.models import Image, Rendition

logger = logging.getLogger(__name__)
PillowError = PillowImage.DecompressionBombError  # other Pillow failures are OSError

FORMATS = ("avif", "webp", "jpeg")  # in the order a <picture> offers them
WIDTHS = (320, 640, 960, 1280, 1920)


@dataclass(frozen=True)
class Family:
    ratio: str
    widths: tuple[int, ...]
    formats: tuple[str, ...] = FORMATS


WHOLE = Family("", WIDTHS)  # the article's picture, body pictures
WIDE = Family("16:9", (320, 640, 960, 1280, 1600))  # the lead story on a front page
THUMBNAIL = Family("4:3", (160, 320, 480))  # story lists, the newsroom's library
SOCIAL = Family("", (1200,), ("jpeg",))  # Open Graph, JSON-LD, newsletters
STANDARD = (WHOLE, WIDE, THUMBNAIL, SOCIAL)
EMAIL_WIDTH = 1280  # newsletters show the picture 600 px wide: sharp on high-density screens


def family_for(ratio: str) -> Family:
    """The standard family of ``ratio``, or a new one with the whole picture's widths."""
    processing.parse_ratio(ratio)  # a bad ratio fails here, in the template that asked
    for family in STANDARD:
        if family.ratio == ratio and family.formats == FORMATS:
            return family
    return Family(ratio, WIDTHS[:4])


@dataclass(frozen=True)
class Spec:
    ratio: str
    width: int
    format: str


def _focal(image: Image) -> tuple[float, float]:
    return image.focal_x, image.focal_y


def planned(image: Image, family: Family) -> list[Spec]:
    """The renditions ``family`` gives this picture (never wider than its crop)."""
    if not image.width or not image.height:
        return []
    available, _ = processing.cropped_size(
        (image.width, image.height), processing.parse_ratio(family.ratio), _focal(image)
    )
    return [
        Spec(family.ratio, width, fmt)
        for width in processing.planned_widths(available, family.widths)
        for fmt in family.formats
    ]


_INDEX = "_renditions_by_spec"


def existing(image: Image) -> dict[Spec, Rendition]:
    """The picture's renditions by spec: read from ``with_pictures``' prefetch when there is
    one (no query), else one query, then remembered on the instance."""
    index = image.__dict__.get(_INDEX)
    if index is None:
        index = {Spec(r.ratio, r.width, r.format): r for r in image.renditions.all()}
        image.__dict__[_INDEX] = index
    return index


def forget_cached(image: Image) -> None:
    image.__dict__.pop(_INDEX, None)
    getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)


def ensure(image: Image, families: Iterable[Family]) -> dict[Spec, Rendition]:
    """Every rendition of ``families``, making the missing ones now."""
    have = existing(image)
    # dict.fromkeys: families can plan the same rendition twice (a 1200 JPEG of a picture
    # 960 wide is also the whole picture's 960 JPEG); it is made once.
    missing = list(
        dict.fromkeys(s for family in families for s in planned(image, family) if s not in have)
    )
    if missing:
        try:
            have.update(generate(image, missing))
        except (OSError, ValueError, PillowError) as error:
            # A missing or unreadable original must not take the page down with it.
            logger.warning("Cannot make renditions of picture %s: %s", image.pk, error)
    return have


def _storage() -> Storage:
    return Rendition._meta.get_field("file").storage


def _file_name(image: Image, spec: Spec) -> str:
    name = image.file.name or ""
    seed = name if not spec.ratio else f"{name}|{_focal(image)}"
    token = hashlib.sha256(seed.encode()).hexdigest()[:10]
    crop = f"{spec.ratio.replace(':', 'x')}-" if spec.ratio else ""
    ext = processing.EXTENSIONS[spec.format]
    return f"renditions/{image.pk}/{token}-{crop}{spec.width}w.{ext}"


def _decode_size(image: Image, specs: Sequence[Spec]) -> tuple[int, int]:
    """The smallest decoded size from which every spec keeps its full detail."""
    size = (image.width, image.height)
    scale = max(
        spec.width / processing.cropped_size(size, processing.parse_ratio(spec.ratio))[0]
        for spec in specs
    )
    return math.ceil(image.width * min(1.0, scale)), math.ceil(image.height * min(1.0, scale))


def generate(image: Image, specs: Sequence[Spec]) -> dict[Spec, Rendition]:
    """Makes ``specs`` from the stored original, in one decode, and keeps them.

    Returns the rows now in the database for these specs: ours, or a concurrent maker's.
    """
    if not specs:
        return {}
    with image.file.open("rb") as original:
        data = original.read()
    source = processing.open_source(data, _decode_size(image, specs))
    storage = _storage()
    ours: dict[Spec, Rendition] = {}
    by_size: dict[tuple[str, int], list[str]] = defaultdict(list)
    for spec in specs:
        by_size[spec.ratio, spec.width].append(spec.format)
    try:
        for (ratio, width), formats in by_size.items():
            for encoded in processing.render(
                source, ratio=ratio, width=width, formats=formats, focal=_focal(image)
            ):
                spec = Spec(ratio, width, encoded.format)
                name = storage.save(_file_name(image, spec), ContentFile(encoded.content))
                ours[spec] = Rendition(
                    image=image,
                    ratio=ratio,
                    width=encoded.width,
                    height=encoded.height,
                    format=encoded.format,
                    file=name,
                    file_size=len(encoded.content),
                )
    finally:
        source.close()
    Rendition.objects.bulk_create(ours.values(), ignore_conflicts=True)
    query = models.Q()
    for spec in ours:
        query |= models.Q(ratio=spec.ratio, width=spec.width, format=spec.format)
    kept = {
        Spec(row.ratio, row.width, row.format): row
        for row in Rendition.objects.filter(query, image=image)
    }
    for spec, row in ours.items():
        if row.file.name and (spec not in kept or kept[spec].file.name != row.file.name):
            storage.delete(row.file.name)  # another process's rendition won the race
    return kept


def discard(image: Image, *, crops_only: bool = False) -> int:
    """Deletes renditions (rows and files): all of them when the picture itself changed,
    only the crops when its focal point moved. Returns how many went."""
    renditions = Rendition.objects.filter(image=image)
    if crops_only:
        renditions = renditions.exclude(ratio="")
    storage = _storage()
    gone = list(renditions)
    for rendition in gone:
        if rendition.file.name:
            storage.delete(rendition.file.name)
    renditions.delete()
    forget_cached(image)
    return len(gone)


def with_pictures(queryset: models.QuerySet, field: str = "picture") -> models.QuerySet:
    """``queryset`` with each row's picture (joined) and all its renditions (one query)."""
    return queryset.select_related(field).prefetch_related(f"{field}__renditions")


def load(ids: Iterable[int] = (), names: Iterable[str] = ()) -> dict[int, Image]:
    """Pictures by id or by stored file name, with their renditions, in one query (renditions
    joined to their picture); a second query only for pictures that have no rendition yet.

    >>> load(ids=[7], names=["library/2026/11/harbour.jpg"])      # doctest: +SKIP
    {7: <Image: Ferries in Baku harbour>, 9: <Image: …>}
    """
    ids, names = set(ids), set(names)
    if not ids and not names:
        return {}
    wanted = models.Q(image_id__in=ids) | models.Q(image__file__in=names)
    images: dict[int, Image] = {}
    for row in Rendition.objects.filter(wanted).select_related("image"):
        image = images.setdefault(row.image_id, row.image)
        index = image.__dict__.setdefault(_INDEX, {})
        index[Spec(row.ratio, row.width, row.format)] = row
        row.image = image  # one instance per picture, shared by its renditions
    found_names = {image.file.name for image in images.values()}
    if ids - images.keys() or names - found_names:
        for image in Image.objects.filter(
            models.Q(pk__in=ids - images.keys()) | models.Q(file__in=names - found_names)
        ):
            image.__dict__[_INDEX] = {}
            images.setdefault(image.pk, image)
    return images


def attach(items: Iterable, field: str = "picture") -> None:
    """Gives each of ``items`` (stories, say) its picture with renditions: one query for the
    lot, instead of the two a ``prefetch_related`` would cost."""
    items = list(items)
    pictures = load(ids=[pk for item in items if (pk := getattr(item, f"{field}_id"))])
    for item in items:
        picture_id = getattr(item, f"{field}_id")
        if picture_id in pictures:
            setattr(item, field, pictures[picture_id])


# --- What templates and other apps read ------------------------------------------------------


@dataclass(frozen=True)
class Sources:
    """One crop of a picture, ready for ``<picture>``: renditions by format, narrowest first."""

    by_format: dict[str, list[Rendition]]

    def fallback(self, up_to: int = 1280) -> Rendition | None:
        """The JPEG an old browser loads: the widest that is at most ``up_to`` wide."""
        jpegs = self.by_format.get("jpeg") or []
        fitting = [r for r in jpegs if r.width <= up_to] or jpegs[:1]
        return fitting[-1] if fitting else None

    @property
    def largest(self) -> Rendition | None:
        everything = [r for rows in self.by_format.values() for r in rows]
        return max(everything, key=lambda r: r.width, default=None)


def picture_sources(image: Image, family: Family) -> Sources:
    have = ensure(image, [family])
    by_format: dict[str, list[Rendition]] = {}
    for spec in planned(image, family):
        rendition = have.get(spec)
        if rendition is not None:
            by_format.setdefault(spec.format, []).append(rendition)
    return Sources(by_format)


def social_rendition(image: Image) -> Rendition | None:
    """The 1200-pixel JPEG (or the whole picture, if narrower) that link previews show."""
    return picture_sources(image, SOCIAL).fallback(up_to=SOCIAL.widths[0])


def email_rendition(image: Image) -> Rendition | None:
    """A JPEG for newsletters, which cannot rely on AVIF or WebP."""
    return picture_sources(image, WHOLE).fallback(up_to=EMAIL_WIDTH)


def thumbnail_url(image: Image) -> str:
    """A small 4:3 JPEG of the picture, for newsroom lists and pickers."""
    rendition = picture_sources(image, THUMBNAIL).fallback(up_to=THUMBNAIL.widths[1])
    return rendition.file.url if rendition else image.file.url
