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
RUN useradd --create-home --uid 10001 graph
USER graph

EXPOSE 5000
# Loads data/samples when the graph holds no plan yet, then serves the viewer.
CMD ["python", "-m", "webui", "--host", "0.0.0.0"]
