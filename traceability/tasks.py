from celery import shared_task

from traceability.services.printing import store_sheet


@shared_task
def store_sheet_task(batch_id: int) -> str:
    """Print a batch's sheets into media storage (safe to repeat: an up-to-date sheet is
    left alone). Returns the stored file's name."""
    return store_sheet(batch_id).sheet.name
