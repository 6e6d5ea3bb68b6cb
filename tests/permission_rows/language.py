"""HR sets the municipality's målform (core.views.MunicipalityLanguageView): HR of the municipality only."""

HR_HERE_DOES = [302, 302, 404, 404, 404, 404, 404, 404, 404]  # a POST under /kommuner/<pk>/: others get 404

POSTS = {
    "municipality_language": (lambda w: {"pk": w.vefsn.pk}, {"language": "nn"}, HR_HERE_DOES),
}
