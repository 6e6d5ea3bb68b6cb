"""The participants app's models, one module per capability (people.py, space.py, plan.py, release.py); Django
and every caller import them from here."""

from .people import (  # noqa: F401
    Facilitator,
    Participant,
)
from .plan import (  # noqa: F401
    CascadeSession,
    DevelopmentPlan,
    Notice,
    PlanAction,
    PlanCheckIn,
    PlanComment,
    PlanGoal,
    PlanKeeping,
    PlanVersion,
)
from .release import ReleaseSnapshot  # noqa: F401
from .space import (  # noqa: F401
    Baseline,
    PersonalityProfile,
    ProfileConsent,
    ProfileFeedback,
    SelfAssessment,
    report_upload_to,
)
