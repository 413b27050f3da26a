"""Private files (producer papers, dossier files, stamp sheets): never served as public
media; pages hand them out only after checking who asks."""

from django.core.files.storage import storages


def private_storage():
    return storages["private"]
