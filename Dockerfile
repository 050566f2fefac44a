# The parsing service in a container, installed from the project's wheel (docs/service.md):
#
#   docker build -t dashuang-parse .
#   docker run --rm -p 8000:8000 dashuang-parse                 # add e.g. --workers 4 --limit seconds=30
#
# Stage 1 builds the wheel from the source tree; stage 2 installs only that wheel with the
# serve extra, so the image holds what `pip install "dashuang-parse[serve]"` gives a user.
FROM python:3.11-slim AS build
WORKDIR /src
COPY . .
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir "$(ls /wheels/dashuang_parse-*.whl)[serve]" && rm -rf /wheels \
    && useradd --create-home --uid 10001 parser
# Not root: a parse reads untrusted files. Uploads go to the container's /tmp, one folder
# per request, removed when the request ends.
USER parser
EXPOSE 8000
# --workers defaults to the cores the container sees; pass it to match the CPU quota.
ENTRYPOINT ["dashuang-parse", "serve", "--host", "0.0.0.0", "--port", "8000"]
