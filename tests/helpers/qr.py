"""Reads QR codes back from a grabbed screen or page, as a phone would."""

from __future__ import annotations

import zxingcpp
from PySide6.QtGui import QImage


class GrayImage:
    """What zxing-cpp needs to read pixels: an array interface over 8-bit grey rows."""

    def __init__(self, image: QImage) -> None:
        image = image.convertToFormat(QImage.Format.Format_Grayscale8)
        width, height, stride = image.width(), image.height(), image.bytesPerLine()
        data = bytes(image.constBits())[: stride * height]
        rows = b"".join(data[y * stride : y * stride + width] for y in range(height))
        self.__array_interface__ = {"shape": (height, width), "typestr": "|u1", "data": rows, "version": 3}


def decode(image: QImage) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(GrayImage(image))]
