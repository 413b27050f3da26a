"""A text progress bar for long commands, written to standard error."""


def progress_bar(stream, total: int, width: int = 30):
    """A callback `progress(done)` that redraws the bar on one line of `stream`."""

    def progress(done: int, *_):
        filled = int(width * done / max(total, 1))
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        stream.flush()

    return progress
