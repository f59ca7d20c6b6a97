# syntax=docker/dockerfile:1
# Build stage: wheels for phasewatch and its dependencies (PostgreSQL driver included).
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY watchers ./watchers
COPY classifiers ./classifiers
RUN pip wheel --no-cache-dir --wheel-dir /wheels '.[postgres]'

# Runtime stage: no compilers, a non-root user, the SQLite file on a volume.
FROM python:3.11-slim
RUN useradd --system --uid 10001 --create-home --home-dir /home/phasewatch phasewatch \
    && mkdir -p /data && chown phasewatch /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER phasewatch
WORKDIR /data
VOLUME ["/data"]
ENV PHASEWATCH_DATABASE_URL=sqlite:////data/phasewatch.db \
    PHASEWATCH_HTTP_PORT=3000 \
    PYTHONUNBUFFERED=1
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=4)"]
CMD ["phasewatch", "run"]
