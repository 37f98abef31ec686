"""Reports: terminal report card, versioned JSON, plots."""
