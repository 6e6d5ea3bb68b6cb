"""What the peer-group pages share."""


def _add_errors(form, error):
    """A service's ValidationError onto the form: field errors where the form has the field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
