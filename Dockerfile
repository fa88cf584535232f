# Applytics as a container: the dashboard on port 8501, share snapshots in /data (SQLite) unless
# APPLYTICS_DATABASE_URL points at PostgreSQL. Build: docker build -t applytics .   Guide: docs/deploy.md
# PYTHON_IMAGE: the base; override only with an image of the same kind (a registry mirror of python:3.11-slim).
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# The app runs as "app" (uid 10001), never root; the code stays root's, so the app cannot rewrite it.
RUN groupadd --gid 10001 app \
    && useradd --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app \
    && mkdir -p /data \
    && chown app:app /data \
    && chmod 0700 /data \
    && python -m venv /opt/venv

WORKDIR /app

# Dependencies first (a layer reused until requirements.txt or the package changes). requirements.txt is the
# pinned lock Streamlit Community Cloud installs too; its last line, `-e .`, installs lib/applytics.
COPY requirements.txt pyproject.toml README.md ./
COPY lib/ lib/
RUN pip install --no-cache-dir -r requirements.txt

COPY app.py ./
COPY pages/ pages/
COPY ui/ ui/
COPY data/ data/
COPY .streamlit/config.toml .streamlit/config.toml

# APPLYTICS_DATA_DIR: where the share store keeps its SQLite file when no APPLYTICS_DATABASE_URL is set (a volume).
# STREAMLIT_BROWSER_SERVER_ADDRESS: the host name visitors use; set it to yours (-e). Left unset, a server on
# 0.0.0.0 asks checkip.amazonaws.com for its public IP at start, and again to judge an unknown Origin.
ENV APPLYTICS_DATA_DIR=/data \
    HOME=/home/app \
    STREAMLIT_BROWSER_SERVER_ADDRESS=localhost \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none
VOLUME ["/data"]

# Numeric, so a runtime (Kubernetes runAsNonRoot) can tell it is not root without reading /etc/passwd.
USER 10001:10001

EXPOSE 8501

# python:3.11-slim has no curl: ask the health endpoint with the standard library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4); sys.exit(0 if r.status == 200 else 1)"]

CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true", "--server.enableXsrfProtection=true", "--server.enableCORS=true"]
