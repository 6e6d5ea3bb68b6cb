"""Django's password validators with messages from our catalogue.

Django's Norwegian bokmål catalogue has no translation of the password rules, so users would
read them in English; these subclasses only change the wording's source.
"""

from django.contrib.auth import password_validation as base
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(base.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(base.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("The password is too similar to the %(verbose_name)s.")

    def get_help_text(self):
        return _("Your password can’t be too similar to your other personal information.")


class CommonPasswordValidator(base.CommonPasswordValidator):
    def get_error_message(self):
        return _("This password is too common.")

    def get_help_text(self):
        return _("Your password can’t be a commonly used password.")


class NumericPasswordValidator(base.NumericPasswordValidator):
    def get_error_message(self):
        return _("This password is entirely numeric.")

    def get_help_text(self):
        return _("Your password can’t be entirely numeric.")
