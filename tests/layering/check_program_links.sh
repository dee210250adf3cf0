#!/usr/bin/env bash
# Start-up budget (README, Performance): the programs must not link OpenCV. Its dependencies
# (FFmpeg, GStreamer, GDAL, ... some 250 shared libraries) cost about 150 ms and 55 MiB before
# main(); the cameras capture through libv4l2 instead (drivers/transport/v4l2_capture.h), and
# only tests draw frames with OpenCV. Usage: check_program_links.sh PROGRAM...
set -euo pipefail
status=0
for program in "$@"; do
  if readelf -d "$program" | grep -E 'NEEDED.*(libopencv|libgdal|libavcodec|libgst)'; then
    echo "$program links the libraries above; keep them out of the programs" >&2
    status=1
  fi
done
exit "$status"
