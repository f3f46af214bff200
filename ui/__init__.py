"""Small helpers for the Streamlit app (``app.py``): safe Markdown rendering of answers and sources."""
