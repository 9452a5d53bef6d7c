"""The Streamlit chat (`ndv ui`)."""
