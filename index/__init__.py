"""Parsing UN documents into labelled paragraphs and storing them for retrieval (Chroma + keyword index)."""
