"""`python -m surgeplan.service`: the service without the CLI's start-up cost."""

import sys

from surgeplan.service.server import main

sys.exit(main())
