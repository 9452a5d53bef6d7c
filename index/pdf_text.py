"""Child process: a PDF's text as JSON on stdout, under an address-space limit set before pypdf is imported.

python -m index.pdf_text FILE MAX_PAGES MAX_MEMORY_BYTES
"""

from __future__ import annotations

import json
import resource
import sys


def main(path: str, max_pages: int, max_memory: int) -> dict[str, object]:
    resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return {"error": "the PDF is encrypted; save an unprotected copy and add that."}
        if len(reader.pages) > max_pages:
            return {"error": f"the PDF has {len(reader.pages)} pages; the limit is {max_pages} (NDV_MAX_PAGES)."}
        pages = [page.extract_text() or "" for page in reader.pages]
    except MemoryError:
        return {"error": "the PDF needs more memory than allowed to read; it may be damaged."}
    except Exception:  # pypdf raises well beyond its documented errors on damaged files; all mean the same
        return {"error": "the PDF is damaged and its text cannot be read."}
    return {"text": "\n".join(pages), "pages": len(pages)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])), ensure_ascii=False))
