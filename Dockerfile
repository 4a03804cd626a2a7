# The viewer and the command-line tools, for docker-compose.yml (GRAPH_BACKEND=neo4j there).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# var/ holds what the viewer writes: the accounts (webui.sqlite3), the session key and, on
# the embedded backend, the graph; the compose file keeps it in the volume webui-var.
RUN useradd --create-home --uid 10001 graph && mkdir -p /app/var && chown graph:graph /app/var
USER graph

EXPOSE 5000
# Loads data/samples when no graph exists yet (Neo4j: no plan), then serves the viewer with
# waitress on every address of the container (Docker publishes the port; see compose).
CMD ["python", "-m", "webui", "--host", "0.0.0.0"]
