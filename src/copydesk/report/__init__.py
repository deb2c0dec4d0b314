"""Reports: the JSON contract, Markdown and HTML renderings."""

from copydesk.report.json import SCHEMA_ID, build, schema, validate
from copydesk.report.markdown import to_markdown


def to_html(report: dict) -> str:  # imported lazily: Jinja2 is only needed for HTML
    """The report as one self-contained HTML page (see copydesk.report.html)."""
    from copydesk.report.html import to_html as render

    return render(report)


__all__ = ["SCHEMA_ID", "build", "schema", "validate", "to_markdown", "to_html"]
