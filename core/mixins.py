from django.shortcuts import get_object_or_404
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
        setattr(self, self.scoped_attr, get_object_or_404(self.get_scope(), pk=kwargs["pk"]))
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return getattr(self, self.scoped_attr)
