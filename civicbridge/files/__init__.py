"""The one files mechanism: uploads checked by content, safe names, any Django storage, served as attachments.

Modules register what they accept (`register_purpose`, in AppConfig.ready), store uploads with
`civicbridge.files.services.store_upload`, and put `UploadField` (civicbridge.files.forms) in their forms.
See docs/files.md.
"""

from .policy import DOCUMENTS, IMAGES, KINDS, PRESENTATIONS, TABLES, get_purpose, register_purpose

__all__ = ["DOCUMENTS", "IMAGES", "KINDS", "PRESENTATIONS", "TABLES", "get_purpose", "register_purpose"]
