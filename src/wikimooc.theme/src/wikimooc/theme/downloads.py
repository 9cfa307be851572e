"""Files pages hand out: a CSV the browser saves under a name of the page's choice."""


def csv_attachment(request, filename, text):
    response = request.response
    response.setHeader("Content-Type", "text/csv; charset=utf-8")
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    return text
