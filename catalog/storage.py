"""Private files (producer papers, dossier files, stamp sheets): never served as public
media; pages hand them out only after checking who asks."""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty


class _PrivateStorage(LazyObject):
    """`storages["private"]`, looked up on first use (and again after the setting
    changes, as Django does for the default storage)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def private_storage():
    """The storage of private file fields (a callable, so migrations name it, not it)."""
    return _private


def _reset(*, setting, **_):
    if setting == "STORAGES":
        _private._wrapped = empty


setting_changed.connect(_reset)
