"""Allow ``python -m netscan``."""

import sys

from netscan.cli import main

sys.exit(main())
