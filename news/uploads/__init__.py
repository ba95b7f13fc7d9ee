"""Files that come in and go out: images re-encoded with renditions, pictures drawn
from them, attachments checked by signature, and the editor's image uploads."""
