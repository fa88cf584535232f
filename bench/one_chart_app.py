"""The yardstick of bench/browser.py: a Streamlit app that draws one Plotly chart and nothing else."""

import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["Applied", "Screen", "Interview", "Offer"], y=[180, 22, 19, 3])), width="stretch")
