"""Domain errors shown beside the form field they concern, in the page's language."""

from django.utils.translation import get_language


def message(error) -> str:
    return error.message_en if get_language() == "en" else error.message_vi


def show_error(form, error) -> None:
    """Put a service's error on its field when the form has it, else on the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, message(error))
