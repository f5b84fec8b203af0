"""Lets `python -m kiosk` behave exactly like the `kiosk` command."""

import sys

from kiosk.cli import main

sys.exit(main())
