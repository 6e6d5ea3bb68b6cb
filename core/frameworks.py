"""The shared vocabularies that plans, cases and evaluations link to (DOMAIN.md).

Stored as the short codes below; shown through these translated labels.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TenFactor(models.TextChoices):
    """KS's 10-faktor employee survey: the ten factors."""

    INTRINSIC_MOTIVATION = "intrinsic_motivation", _("Intrinsic motivation")
    SELF_EFFICACY = "self_efficacy", _("Mastery confidence")
    AUTONOMY = "autonomy", _("Autonomy")
    USE_OF_COMPETENCE = "use_of_competence", _("Use of competence")
    MASTERY_ORIENTED_LEADERSHIP = "mastery_oriented_leadership", _("Mastery-oriented leadership")
    ROLE_CLARITY = "role_clarity", _("Role clarity")
    RELEVANT_DEVELOPMENT = "relevant_development", _("Relevant competence development")
    FLEXIBILITY = "flexibility", _("Willingness to be flexible")
    MASTERY_CLIMATE = "mastery_climate", _("Mastery climate")
    PROSOCIAL_MOTIVATION = "prosocial_motivation", _("Prosocial motivation")


class CompetenceDimension(models.TextChoices):
    """Competence as knowledge, skills, abilities and attitudes (Linda Lai, used by KS)."""

    KNOWLEDGE = "knowledge", pgettext_lazy("competence dimension", "Knowledge")
    SKILLS = "skills", pgettext_lazy("competence dimension", "Skills")
    ABILITIES = "abilities", pgettext_lazy("competence dimension", "Abilities")
    ATTITUDES = "attitudes", pgettext_lazy("competence dimension", "Attitudes")
