FROM SRC/library/python:3.12
RUN --mount=type=bind,from=SRC/tools/busybox:1.36,source=/bin,target=/b true
