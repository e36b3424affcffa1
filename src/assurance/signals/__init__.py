"""The signals stage: indicator series → statistical process control (XmR, NHS England's
"Making Data Count"), targets and tolerances, benchmarks (DfE LAIT) and disparities
between breakdowns, as flat facts for the rules and chart data for the report.

>>> from assurance.signals import xmr
>>> xmr([5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6], polarity="up_is_good").variation
'common_cause'
"""

from .compute import SignalSet, compute_signals
from .settings import TWO_OF_THREE_VARIANTS, SignalSettings
from .spc import CAUSES, XmrResult, xmr

__all__ = [
    "CAUSES",
    "TWO_OF_THREE_VARIANTS",
    "SignalSet",
    "SignalSettings",
    "XmrResult",
    "compute_signals",
    "xmr",
]
