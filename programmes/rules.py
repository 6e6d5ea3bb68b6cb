import rules

from core.rules import in_programme, is_executive, is_facilitator, is_hr, is_municipality_programme

rules.add_perm("programmes.add_programme", is_hr)
rules.add_perm("programmes.view_programme", in_programme)
rules.add_perm("programmes.change_programme", is_hr)
# The chief executive records their own decision; HR may record it on their behalf.
rules.add_perm("programmes.decide_extension", is_hr | is_executive)
rules.add_perm("programmes.view_participants", is_hr | is_facilitator)
rules.add_perm("programmes.invite_to_programme", is_hr & is_municipality_programme)
# HR's checklist for the year: it names gaps in every app's data, so it is HR's alone.
rules.add_perm("programmes.view_cockpit", is_hr)


# --- Templates: a built-in one is every HR's to use and nobody's to change ---------------------------


@rules.predicate
def is_template_hr(user, template=None):
    from core.roles import roles_of

    roles = roles_of(user)
    if template is None or template.municipality_id is None:
        return roles.is_hr
    return template.municipality_id in roles.hr


@rules.predicate
def is_own_template(user, template=None):
    from core.roles import roles_of

    return (
        template is not None and template.municipality_id is not None and template.municipality_id in roles_of(user).hr
    )


rules.add_perm("programmes.view_templates", is_hr)
rules.add_perm("programmes.use_template", is_template_hr)
rules.add_perm("programmes.delete_template", is_own_template)
rules.add_perm("programmes.change_template", is_own_template)
rules.add_perm("programmes.save_template", is_hr)
rules.add_perm("programmes.copy_programme", is_hr)
