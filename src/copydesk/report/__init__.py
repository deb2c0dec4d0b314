"""Reports: the JSON contract, Markdown and HTML renderings."""

from copydesk.report.json import SCHEMA_ID, build, schema, validate
from copydesk.report.markdown import to_markdown

__all__ = ["SCHEMA_ID", "build", "schema", "validate", "to_markdown"]
