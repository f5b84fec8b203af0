"""The kiosk's widgets. Each receives data and emits signals; only `kiosk.app` wires them together."""
