"""Decodes card pictures on a worker thread, scaled to the size shown, and keeps them for reuse.

Decoding an 8000x8000 PNG took 1.1 s, a 12-megapixel photo 0.34 s; on the screen thread either
froze touches and the swipe. Here a pool thread reads the file (regular files only, size-limited),
checks its bytes again (they may have changed since the card was read), decodes it with the one
format its bytes announce (Qt never sniffs: an SVG saved as .png is never handed to the SVG
renderer) under an allocation limit, and scales it to the size the card shows. PySide6 lets go of
the GIL inside QImageReader.read(), where the picture is also scaled, so the screen thread keeps
its turns (tests/perf/test_pictures.py counts decodes by thread while paging). QImage is safe to
make on any thread; the widget turns it into a QPixmap on the screen thread, where a picture of
screen size costs about a millisecond.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QElapsedTimer, QIODevice, QObject, QSize, Qt, QThreadPool, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QImage, QImageReader, QTextDocument

from kiosk.core.files import FileUnreadable, read_regular
from kiosk.core.picture_bytes import PictureRefused, read_header
from kiosk.core.picture_files import ShownPicture, inspect_picture
from kiosk.core.tuning import MAX_PICTURE_FILE_BYTES, MAX_PICTURE_PIXELS, PICTURE_CACHE_BYTES

log = logging.getLogger(__name__)

# What Qt may allocate for one decode: every pixel the kiosk accepts at 8 bytes (16-bit PNGs).
ALLOCATION_LIMIT_MB = math.ceil(MAX_PICTURE_PIXELS * 8 / 2**20)
Key = tuple[str, int, int, int]  # file, version, width and height shown


def shown_size(picture: ShownPicture, box: QSize) -> QSize:
    """The picture's size within `box`, keeping its shape and never enlarging it."""
    scale = min(1.0, box.width() / picture.width, box.height() / picture.height)
    return QSize(max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))


def decode(path: str, size: QSize) -> QImage:
    """The picture in `path` at `size`, or a null QImage (the reason is logged). Runs on any thread."""
    try:
        data = read_regular(Path(path), MAX_PICTURE_FILE_BYTES)
        picture = read_header(data, Path(path).suffix)
    except (FileUnreadable, PictureRefused) as exc:
        log.warning("picture %s not shown: %s", path, exc)
        return QImage()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, picture.format.encode())
    reader.setAutoDetectImageFormat(False)  # only the format the bytes announce, never a sniffed one
    # Scaled inside read() (libjpeg even decodes straight to the smaller size): PySide6 releases the
    # GIL there, but not in QImage.scaled() or convertToFormat(), which would hold the screen thread.
    reader.setScaledSize(size)
    image = reader.read()
    if image.isNull():
        log.warning("picture %s not shown: %s", path, reader.errorString())
    return image


class PicturesOnlyDocument(QTextDocument):
    """A document that shows only the pictures handed to it (add_pictures): one Qt loaded by itself,
    it would also sniff. Anything else is an empty picture."""

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 (Qt override)
        if kind == QTextDocument.ResourceType.ImageResource.value:
            blank = QImage(1, 1, QImage.Format.Format_ARGB32)
            blank.fill(QColor(0, 0, 0, 0))
            return blank
        return super().loadResource(kind, url)


def add_pictures(document: QTextDocument, urls: list[str], box: QSize) -> set[str]:
    """Decode each picture (file URLs) into `document`, scaled into `box`, on this thread (for a
    document that is printed, not shown); the URLs that worked."""
    shown: set[str] = set()
    for url in urls:
        path = QUrl(url).toLocalFile()
        try:
            header = inspect_picture(Path(path))
        except PictureRefused:
            continue
        image = decode(path, shown_size(ShownPicture(path, header.width, header.height, 0), box))
        if not image.isNull():
            document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url), image)
            shown.add(url)
    return shown


class PictureLoader(QObject):
    """`image()` answers from the cache at once or asks a worker; `ready` says when to ask again."""

    ready = Signal(str)  # a picture's file: its decode ended (the image is cached, or it failed)
    _decoded = Signal(object, object)  # (key, QImage) from the worker, queued to this object's thread

    def __init__(self, parent: QObject | None = None, *, cache_bytes: int = PICTURE_CACHE_BYTES) -> None:
        super().__init__(parent)
        QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one big decode at a time: memory stays bounded
        self._cache: OrderedDict[Key, QImage] = OrderedDict()
        self._cache_bytes = cache_bytes
        self._failed: set[Key] = set()
        self._pending: set[Key] = set()
        self._decoded.connect(self._on_decoded, Qt.ConnectionType.QueuedConnection)

    def image(self, picture: ShownPicture, box: QSize) -> QImage | None:
        """The picture scaled into `box` if decoded; otherwise None, and a decode is under way
        (`ready` follows). A picture that failed to decode stays None without being tried again."""
        size = shown_size(picture, box)
        key = (picture.path, picture.version, size.width(), size.height())
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
            return image
        if key not in self._pending and key not in self._failed:
            self._pending.add(key)
            self._pool.start(lambda: self._run(key, size))
        return None

    def has_failed(self, picture: ShownPicture, box: QSize) -> bool:
        """True when the picture was tried at this size and could not be decoded."""
        size = shown_size(picture, box)
        return (picture.path, picture.version, size.width(), size.height()) in self._failed

    def is_pending(self) -> bool:
        return bool(self._pending)

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Run the event loop until every requested picture is in (for snapshots); False on timeout."""
        clock = QElapsedTimer()
        clock.start()
        while self._pending and clock.elapsed() < timeout_ms:
            self._pool.waitForDone(20)
            QCoreApplication.processEvents()
        return not self._pending

    def _run(self, key: Key, size: QSize) -> None:
        try:
            image = decode(key[0], size)
        except Exception:  # a bug must not end decoding for the months the kiosk runs
            log.exception("decoding picture %s failed", key[0])
            image = QImage()
        try:
            self._decoded.emit(key, image)
        except RuntimeError:
            pass  # the loader was deleted while the worker ran (the kiosk is closing)

    @Slot(object, object)
    def _on_decoded(self, key: Key, image: QImage) -> None:
        self._pending.discard(key)
        if image.isNull():
            self._failed.add(key)
        else:
            self._cache[key] = image
            total = sum(kept.sizeInBytes() for kept in self._cache.values())
            while total > self._cache_bytes and len(self._cache) > 1:
                _, dropped = self._cache.popitem(last=False)
                total -= dropped.sizeInBytes()
        self.ready.emit(key[0])


_shared: list[PictureLoader] = []


def shared_pictures() -> PictureLoader:
    """The application's one picture loader (one worker, one cache for every view)."""
    app = QCoreApplication.instance()
    try:
        current = bool(_shared) and _shared[0].parent() is app
    except RuntimeError:  # deleted with an earlier application
        current = False
    if not current:
        _shared[:] = [PictureLoader(app)]
    return _shared[0]
