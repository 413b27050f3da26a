from catalog.models.administrative_units import AdministrativeLevel, AdministrativeUnit
from catalog.models.dossiers import DossierFile, DossierItem, DossierItemKind, ReviewStatus
from catalog.models.groups import LegacyProductSet, ProductGroup, filed_under
from catalog.models.producers import (
    LegalForm,
    Producer,
    ProducerDocument,
    ProducerDocumentKind,
    ProducerStatus,
)
from catalog.models.products import MeasureUnit, Product, ProductImage, ProductVariant
from catalog.models.ratings import CouncilMemberScore, Rating, RatingStatus
from catalog.models.rule_sets import CouncilLevel, CouncilLevelRule, RuleSet, StarBand
from catalog.models.search_words import SearchWord
from catalog.models.slugs import FormerSlug, SlugKind

__all__ = [
    "AdministrativeLevel",
    "AdministrativeUnit",
    "CouncilLevel",
    "CouncilLevelRule",
    "CouncilMemberScore",
    "DossierFile",
    "DossierItem",
    "DossierItemKind",
    "FormerSlug",
    "LegacyProductSet",
    "LegalForm",
    "MeasureUnit",
    "Producer",
    "ProducerDocument",
    "ProducerDocumentKind",
    "ProducerStatus",
    "Product",
    "ProductGroup",
    "ProductImage",
    "ProductVariant",
    "Rating",
    "RatingStatus",
    "ReviewStatus",
    "RuleSet",
    "SearchWord",
    "SlugKind",
    "StarBand",
    "filed_under",
]
