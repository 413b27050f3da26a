from traceability.models.events import BusinessStep, Disposition, EventType, TraceEvent
from traceability.models.lots import (
    CertificationKind,
    InputDiaryEntry,
    Lot,
    LotCertification,
    LotStatus,
    TestReport,
)
from traceability.models.stamps import (
    BatchStatus,
    CounterfeitFlag,
    FlagKind,
    Scan,
    ScanVerdict,
    Stamp,
    StampBatch,
    StampStatus,
)

__all__ = [
    "BatchStatus",
    "BusinessStep",
    "CertificationKind",
    "CounterfeitFlag",
    "Disposition",
    "EventType",
    "FlagKind",
    "InputDiaryEntry",
    "Lot",
    "LotCertification",
    "LotStatus",
    "Scan",
    "ScanVerdict",
    "Stamp",
    "StampBatch",
    "StampStatus",
    "TestReport",
    "TraceEvent",
]
