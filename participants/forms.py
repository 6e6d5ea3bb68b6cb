from django import forms
from django.utils.translation import gettext_lazy as _

from participants import importers


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file, at most 2 MB and 5,000 rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.sheet, self.rows = importers.parse_upload(upload, self.programme)
        return upload
