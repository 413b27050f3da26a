from program.models.access import AreaAssignment
from program.models.imports import LedgerImport
from program.models.ledger import EntryKind, SalesLedgerEntry
from program.models.plans import Inspection, InspectionResult, Metric, Plan, Target
from program.models.webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint

__all__ = [
    "AreaAssignment",
    "EntryKind",
    "Inspection",
    "InspectionResult",
    "LedgerImport",
    "Metric",
    "Plan",
    "SalesLedgerEntry",
    "Target",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
