"""Run localstripe on 127.0.0.1 with its disk persistence turned off (see TESTING.md)."""

import sys

import aiohttp.web
import localstripe.resources
import localstripe.server


def main(port: int) -> None:
    localstripe.resources.Store.dump_to_disk = lambda self, *args, **kwargs: None
    localstripe.resources.Store.try_load_from_disk = lambda self, *args, **kwargs: None
    aiohttp.web.run_app(localstripe.server.app, host="127.0.0.1", port=port, print=None)


if __name__ == "__main__":
    main(int(sys.argv[1]))
