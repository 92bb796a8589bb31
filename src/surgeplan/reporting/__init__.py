"""Results -> HTML, Excel and PDF documents people read."""
