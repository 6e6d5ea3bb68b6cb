"""What every page of the leader's space shares: the participation in scope, and service errors on forms."""

from core.mixins import ScopedObjectMixin
from participants.selectors import (
    leader_spaces_visible_to,
)


def _form_error(form, error):
    """A service's ValidationError onto the form: by field where it names one the form has."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SpaceMixin(ScopedObjectMixin):
    """Pages under /deltakere/<pk>/: one participation's own space."""

    scoped_attr = "participant"

    def get_scope(self):
        return leader_spaces_visible_to(self.request.user)

    @property
    def is_owner(self):
        return self.participant.user_id == self.request.user.pk

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            participant=self.participant,
            programme=self.participant.programme,
            is_owner=self.is_owner,
            **kwargs,
        )
