#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Generates the QR test corpus: camera-like frames with codes under hard conditions.

Usage: make_corpus.py OUTPUT_DIR

Deterministic (fixed seeds): the same frames on every machine. Codes are made by the
qrencode tool, the frames by OpenCV: a code on a white card (phone screen or paper) placed
on a textured background at 640x480, 1280x720 and 1920x1080, then rotated, tilted (perspective),
blurred, noised, washed out (low contrast), hit by glare or partly covered; plus frames with
no code at all. OUTPUT_DIR/corpus.json lists every frame with its condition and expected text.
"""
import json
import os
import subprocess
import sys

import cv2
import numpy as np

RESOLUTIONS = [(640, 480), (1280, 720), (1920, 1080)]
CONDITIONS = ["clean", "rotation", "perspective", "blur", "noise", "low_contrast", "glare",
              "occlusion", "none"]
VARIANTS = 4  # frames per condition and resolution

# Payloads of several lengths, hence QR versions (level M): what citizens hold up.
PAYLOADS = [
    "ZWFW-RECEIPT:3f2504e0-4f89-41d3-9a0c-0305e82c3301",  # the kiosk's own receipt (v4)
    "https://zwfw.sc.gov.cn/notice/2026/118",  # a paper notice (v3)
    "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiI1MTA3MDMiLCJleHAiOjE3OTk5OTk5OTl9.c2lnbmF0dXJlLXNpZ25h"
    "dHVyZS1zaWduYXR1cmUtc2lnbmF0dXJl",  # an identity token from a phone app (v7)
    "绵阳市涪城区政务服务中心：请携带身份证原件及复印件，于工作日9:00-17:00到3号窗口办理。"
    "咨询电话0816-2222222。",  # Chinese text on a notice (v9)
    "ZWFW-RECEIPT:0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5",
]


def qr_modules(text):
    """The code's modules (1 = dark) from qrencode, without quiet zone."""
    png = subprocess.run(["qrencode", "-t", "PNG", "-s", "1", "-m", "0", "-l", "M", "-o", "-",
                          text], check=True, capture_output=True).stdout
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    return (image < 128).astype(np.uint8)


def background(rng, size):
    """A textured scene: gradient, blobs and lines, like a hall behind a citizen."""
    w, h = size
    x = np.linspace(0, 1, w, dtype=np.float32)
    y = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    base = 90 + 80 * x[None, :] * rng.uniform(0.3, 1) + 60 * y * rng.uniform(0.3, 1)
    scene = np.clip(base, 0, 255).astype(np.uint8)
    for _ in range(12):
        center = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        axes = (int(rng.integers(w // 30, w // 6)), int(rng.integers(h // 30, h // 6)))
        cv2.ellipse(scene, center, axes, float(rng.uniform(0, 180)), 0, 360,
                    int(rng.integers(30, 220)), -1)
    for _ in range(20):
        p1 = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        p2 = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        cv2.line(scene, p1, p2, int(rng.integers(0, 255)), int(rng.integers(1, 4)))
    return cv2.GaussianBlur(scene, (5, 5), 0)


def card(modules, module_px):
    """The code with a 4-module quiet zone, on a white card one more module wide each side."""
    margin = 5
    n = modules.shape[0]
    side = (n + 2 * margin) * module_px
    image = np.full((side, side), 250, np.uint8)
    code = np.where(modules == 1, 20, 250).astype(np.uint8)
    code = cv2.resize(code, (n * module_px, n * module_px), interpolation=cv2.INTER_NEAREST)
    o = margin * module_px
    image[o:o + code.shape[0], o:o + code.shape[1]] = code
    return image, o, n * module_px


def place(rng, scene, card_image, condition):
    """Warps the card into the scene; returns the frame and where the code's corners went."""
    h, w = scene.shape
    side = card_image.shape[0]
    target = rng.uniform(0.22, 0.7) * h  # the card's size on screen
    scale = target / side
    angle = rng.uniform(-8, 8)
    if condition == "rotation":
        angle = rng.uniform(20, 70) * rng.choice([-1, 1])
    cx = w / 2 + rng.uniform(-0.2, 0.2) * w
    cy = h / 2 + rng.uniform(-0.15, 0.15) * h
    src = np.float32([[0, 0], [side, 0], [side, side], [0, side]])
    a = np.deg2rad(angle)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    dst = (src - side / 2) * scale @ rot.T + [cx, cy]
    if condition == "perspective":
        # One edge further from the camera: it shrinks by up to a third.
        shrink = rng.uniform(0.2, 0.35)
        edge = rng.integers(0, 4)
        i, j = edge, (edge + 1) % 4
        mid = (dst[i] + dst[j]) / 2
        dst[i] = mid + (dst[i] - mid) * (1 - shrink)
        dst[j] = mid + (dst[j] - mid) * (1 - shrink)
    m = cv2.getPerspectiveTransform(src, np.float32(dst))
    warped = cv2.warpPerspective(card_image, m, (w, h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full_like(card_image, 255), m, (w, h), flags=cv2.INTER_LINEAR)
    frame = np.where(mask > 127, warped, scene).astype(np.uint8)
    return frame, m


def degrade(rng, frame, condition, m, code_box):
    h, w = frame.shape
    if condition == "blur":
        sigma = rng.uniform(1.2, 2.2) * w / 1280
        frame = cv2.GaussianBlur(frame, (0, 0), sigma)
    elif condition == "noise":
        noise = rng.normal(0, rng.uniform(18, 30), frame.shape)
        frame = np.clip(frame.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    elif condition == "low_contrast":
        low, high = rng.uniform(90, 115), rng.uniform(145, 170)
        frame = (low + frame.astype(np.float32) * (high - low) / 255).astype(np.uint8)
    elif condition == "glare":
        o, size = code_box
        centre = np.float32([[[o + size * rng.uniform(0.2, 0.8), o + size * rng.uniform(0.2, 0.8)]]])
        cx, cy = cv2.perspectiveTransform(centre, m)[0][0]
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        radius = h * rng.uniform(0.06, 0.1)
        glow = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * radius ** 2))
        frame = np.clip(frame + glow * rng.uniform(140, 200), 0, 255).astype(np.uint8)
    elif condition == "occlusion":
        # A finger over a band of the code's lower middle (not a finder pattern).
        o, size = code_box
        x0 = o + size * rng.uniform(0.35, 0.5)
        y0 = o + size * rng.uniform(0.55, 0.7)
        quad = np.float32([[[x0, y0], [x0 + size * 0.12, y0], [x0 + size * 0.12, y0 + size * 0.25],
                            [x0, y0 + size * 0.25]]])
        pts = cv2.perspectiveTransform(quad, m)[0].astype(np.int32)
        cv2.fillConvexPoly(frame, pts, int(rng.integers(60, 140)))
    # Every camera adds a little sensor noise and JPEG-like softness.
    frame = cv2.GaussianBlur(frame, (3, 3), 0.6)
    return frame


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    modules = [qr_modules(p) for p in PAYLOADS]
    entries = []
    for r, (w, h) in enumerate(RESOLUTIONS):
        for c, condition in enumerate(CONDITIONS):
            for v in range(VARIANTS):
                rng = np.random.default_rng(1000 * r + 10 * c + v)
                scene = background(rng, (w, h))
                text = None
                if condition == "none":
                    frame = scene
                else:
                    k = int(rng.integers(0, len(PAYLOADS)))
                    text = PAYLOADS[k]
                    module_px = max(2, int(h * 0.5 / (modules[k].shape[0] + 10)))
                    card_image, o, size = card(modules[k], module_px)
                    frame, m = place(rng, scene, card_image, condition)
                    frame = degrade(rng, frame, condition, m, (o, size))
                name = f"{w}x{h}_{condition}_{v}.png"
                cv2.imwrite(os.path.join(out, name), frame)
                entries.append({"file": name, "width": w, "height": h, "condition": condition,
                                "text": text})
    with open(os.path.join(out, "corpus.json"), "w", encoding="utf-8") as f:
        json.dump({"frames": entries}, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
