"""Files pages hand out: a CSV the browser saves under a name of the page's choice.

CSVs begin with a byte order mark: without it, spreadsheet programs (Excel, and
LibreOffice on some systems) read UTF-8 as their own legacy encoding, and names in
Arabic, Cyrillic, Greek, Devanagari or Chinese come out garbled."""

BYTE_ORDER_MARK = "\ufeff"


def csv_attachment(request, filename, text):
    response = request.response
    response.setHeader("Content-Type", "text/csv; charset=utf-8")
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    return BYTE_ORDER_MARK + text
