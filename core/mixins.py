from django.http import Http404
from rules.contrib.views import PermissionRequiredMixin


class ScopedObjectMixin(PermissionRequiredMixin):
    """The object in the URL, looked up only among those the user may see (else 404), then the
    view's rule checked on it (else 403). Subclasses say where to look (`get_scope`) and under
    which attribute the view keeps the object (`scoped_attr`)."""

    raise_exception = True
    scoped_attr = None

    def get_scope(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        scope = self.get_scope()
        try:
            obj = scope.get(pk=kwargs["pk"])
        except scope.model.DoesNotExist:
            if scope.model._default_manager.filter(pk=kwargs["pk"]).exists():
                self._audit_denied(scope.model, kwargs["pk"], 404)
            raise Http404 from None
        setattr(self, self.scoped_attr, obj)
        return super().dispatch(request, *args, **kwargs)

    def handle_no_permission(self):
        obj = getattr(self, self.scoped_attr)
        self._audit_denied(type(obj), obj.pk, 403)
        return super().handle_no_permission()

    def _audit_denied(self, model, pk, status):
        """An existing object someone reached for outside their rights: who, which, from where; nothing of it."""
        from core.audit import municipality_of
        from core.receivers import client_ip
        from core.services import audit_log

        # The row belongs to the municipality whose object was reached for (its HR reads it there).
        audit_log(
            actor=self.request.user,
            action="access.denied",
            municipality=_municipality(municipality_of(model, pk)),
            target_type=model._meta.label,
            target_id=str(pk),
            status=status,
            method=self.request.method,
            path=self.request.path,
            ip=client_ip(self.request),
        )

    def get_permission_object(self):
        return getattr(self, self.scoped_attr)


def _municipality(pk):
    from core.models import Municipality

    return Municipality(pk=pk) if pk is not None else None
