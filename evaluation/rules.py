"""Who may do what in evaluation. Roles come from core.rules; nothing else checks a role."""

import rules

from core.rules import is_executive, is_facilitator, is_hr, is_participant


@rules.predicate
def is_respondent(user, survey):
    """A participant asked to answer this survey (assigned to its run, for gathering feedback)."""
    from evaluation.services import respondent_participant

    if not is_participant(user, survey):
        return False
    return respondent_participant(survey, user) is not None


rules.add_perm("evaluation.answer_survey", is_respondent)
# Results per gathering and run, and programme-wide screened free text: HR and the programme's
# facilitators. The executive reads only the report.
rules.add_perm("evaluation.view_results", is_hr | is_facilitator)
rules.add_perm("evaluation.manage_evaluation", is_hr)
rules.add_perm("evaluation.export_results", is_hr)
rules.add_perm("evaluation.screen_texts", is_hr)
rules.add_perm("evaluation.view_non_respondents", is_hr)
# The report: the municipality's HR builds it; HR and the executive read it. Facilitators are
# outside the municipality's decision on the extension and see the same numbers on the results page.
rules.add_perm("evaluation.view_report", is_hr | is_executive)
# The live dashboard shows what the report releases, so the same people read it.
rules.add_perm("evaluation.view_dashboard", is_hr | is_executive)
rules.add_perm("evaluation.build_report", is_hr)
# The executive does not write the recommendation, but need not wait for HR to build again.
rules.add_perm("evaluation.rebuild_report", is_hr | is_executive)
