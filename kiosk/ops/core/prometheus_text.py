"""prometheus_client's text-format helpers, importable in the built kiosk, which has no TLS.

The library imports `ssl` at the top of its exposition module, for the HTTPS server and push
gateway client the kiosk never uses. The PyInstaller build leaves TLS out on purpose (build.spec:
the kiosk never fetches anything, and libssl is about a megabyte), so there that import would fail
and take the metrics with it. Where `ssl` cannot be imported, an empty module stands in for it while
the library loads (every name it asks of it, in annotations and defaults, is a class that refuses to
be made), and is taken away again: any later `import ssl` fails as before, and the library would
only use it in the HTTPS code that is never called.
"""

from __future__ import annotations

import importlib
import sys
import types


class _NoTLS:
    def __init__(self, *_args: object, **_kwargs: object) -> None:
        raise ImportError("this kiosk has no TLS: prometheus_client's HTTPS features are not available")


def _no_tls(_name: str) -> type[_NoTLS]:
    return _NoTLS


def _load() -> None:
    try:
        importlib.import_module("ssl")
    except ImportError:
        had = "ssl" in sys.modules
        saved = sys.modules.get("ssl")
        stand_in = types.ModuleType("ssl", "stand-in: this build has no TLS (kiosk/ops/core/prometheus_text.py)")
        stand_in.__getattr__ = _no_tls  # type: ignore[method-assign]  # PEP 562: any name, e.g. ssl.TLSVersion
        sys.modules["ssl"] = stand_in
        try:
            importlib.import_module("prometheus_client")
        finally:
            if had:
                sys.modules["ssl"] = saved  # type: ignore[assignment]
            else:
                del sys.modules["ssl"]


_load()

from prometheus_client import CollectorRegistry, ProcessCollector, generate_latest, write_to_textfile  # noqa: E402
from prometheus_client.metrics_core import (  # noqa: E402
    CounterMetricFamily,
    GaugeMetricFamily,
    InfoMetricFamily,
    Metric,
    StateSetMetricFamily,
)
from prometheus_client.registry import Collector  # noqa: E402

__all__ = [
    "Collector", "CollectorRegistry", "CounterMetricFamily", "GaugeMetricFamily", "InfoMetricFamily", "Metric",
    "ProcessCollector", "StateSetMetricFamily", "generate_latest", "write_to_textfile",
]
