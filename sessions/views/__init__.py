"""HR's and the facilitator's pages for gatherings, runs, attendance and agendas, one module per
capability (gatherings.py, runs.py, attendance.py, agenda.py); urls.py imports them from here."""

from .agenda import (  # noqa: F401
    AgendaEditView,
    AgendaItemDeleteView,
    AgendaItemObjectMixin,
    AgendaItemUpdateView,
    AgendaPrintView,
    RunAgendaPrintView,
)
from .attendance import (  # noqa: F401
    AttendanceAllPresentView,
    AttendanceDayMixin,
    AttendanceOverviewView,
    AttendanceSheetView,
    SignInSheetPdfView,
)
from .gatherings import (  # noqa: F401
    ExtensionGatheringCreateView,
    GatheringDetailView,
    GatheringObjectMixin,
    GatheringUpdateView,
)
from .runs import (  # noqa: F401
    GatheringRunsView,
    RunCreateView,
    RunDeleteView,
    RunDetailView,
    RunMoveView,
    RunObjectMixin,
    RunsAssignView,
    RunUpdateView,
)
