"""Waiting-room patient-education kiosk: Markdown topic cards shown full screen on a touchscreen."""

__version__ = "0.1.0"
