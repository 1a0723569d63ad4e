"""Pages: conclusions, cooperation documents, the public documents and the ministry worklist.

One module per page group; every view is importable from here (the URLs name them so).
"""

from alke.agreements.views.base import (
    DOCX,
    SECTION_LANGS,
    XLSX,
)
from alke.agreements.views.conclusions import (
    conclusion_delete,
    conclusion_edit,
    conclusion_indicator_add,
    conclusion_indicator_remove,
    region_conclusions,
    region_minutes,
)
from alke.agreements.views.documents import (
    document_approve,
    document_comment,
    document_compare,
    document_create,
    document_detail,
    document_edit,
    document_export,
    document_publish,
    document_reopen,
)
from alke.agreements.views.overview import (
    index,
    region_panel,
    round_detail,
)
from alke.agreements.views.public import (
    public_document,
    public_export,
    public_list,
)
from alke.agreements.views.worklist import (
    worklist,
    worklist_export,
)

__all__ = [
    "DOCX",
    "SECTION_LANGS",
    "XLSX",
    "conclusion_delete",
    "conclusion_edit",
    "conclusion_indicator_add",
    "conclusion_indicator_remove",
    "document_approve",
    "document_comment",
    "document_compare",
    "document_create",
    "document_detail",
    "document_edit",
    "document_export",
    "document_publish",
    "document_reopen",
    "index",
    "public_document",
    "public_export",
    "public_list",
    "region_conclusions",
    "region_minutes",
    "region_panel",
    "round_detail",
    "worklist",
    "worklist_export",
]
