"""Unattended operation, the Qt-free part: what the status file and the metrics file say, from facts handed in."""
