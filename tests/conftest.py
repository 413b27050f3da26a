from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo programme, loaded through the same command as `make demo`."""
    call_command("load_demo", stdout=StringIO())
