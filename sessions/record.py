"""The participant record's runs and attendance (registered with core/home.py's PARTICIPANT_RECORD):
participants shows the record, sessions knows the runs."""

from core.home import PARTICIPANT_RECORD
from sessions.selectors import runs_of_participant


@PARTICIPANT_RECORD.register(key="runs")
def runs(participant):
    return {"runs": runs_of_participant(participant)}
