"""Classic UI for Open edX import and export."""
