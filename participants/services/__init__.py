"""Writes on participants, one module per capability: roster.py (import all or nothing, invite,
export), space.py (baseline, profile, feedback), plan.py (the development plan, notices, train the
trainers) and record.py (job data and the facilitator). Callers import them from here."""

from .plan import (  # noqa: F401
    GOAL_FIELDS,
    _plan_for,
    _version,
    cascade_session_delete,
    cascade_session_log,
    notices_mark_read,
    plan_action_add,
    plan_action_delete,
    plan_action_update,
    plan_checkin_record,
    plan_comment_add,
    plan_from_feedback,
    plan_goal_add,
    plan_goal_delete,
    plan_goal_update,
    plan_snapshot,
    profiles_purge_ended,
)
from .record import (  # noqa: F401
    RECORD_FIELDS,
    participant_update,
    participants_assign_facilitator,
)
from .roster import (  # noqa: F401
    BATCH_SIZE,
    participants_export,
    participants_import,
    participants_invite_all,
)
from .space import (  # noqa: F401
    PROFILE_REPORT_MAX_BYTES,
    _audit,
    _notify,
    baseline_submit,
    feedback_comment,
    feedback_record,
    leader_space_read,
    profile_consent_give,
    profile_consent_withdraw,
    profile_external_record,
    profile_ipip_record,
    profile_report_check,
)
