#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times a command from its start to the first frame it draws on $DISPLAY.

Usage: bench-first-frame.py [--peak-after SECONDS] COMMAND [ARG...]

"Drawn" means the pixel at (640, 30) of the screen, where the window's
header bar lies, is no longer black (the empty Xvfb root is). The pixel is
read through libX11 every 5 ms from one connection: forking xdotool
and import per poll cost ~190 ms each and stole a core from the app being
timed. Prints the microseconds to the first frame; with --peak-after, waits
that long more and prints the command's peak memory in KB too. The command
is then killed.
"""
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import time

X, Y = 640, 30
TIMEOUT = 120.0
Z_PIXMAP = 2
ALL_PLANES = ctypes.c_ulong(0xFFFFFFFF)


class XImage(ctypes.Structure):
    # The leading fields of Xlib's XImage: enough to read one pixel's bytes.
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int),
                ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
                ("data", ctypes.POINTER(ctypes.c_ubyte))]


def open_display():
    xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xlib.XGetImage.restype = ctypes.POINTER(XImage)
    xlib.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                               ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    xlib.XFree.argtypes = [ctypes.c_void_p]
    display = xlib.XOpenDisplay(None)
    if not display:
        sys.exit("bench-first-frame: cannot open the display")
    return xlib, display, xlib.XDefaultRootWindow(display)


def painted(xlib, display, root):
    image = xlib.XGetImage(display, root, X, Y, 1, 1, ALL_PLANES, Z_PIXMAP)
    if not image:
        return False
    lit = any(image.contents.data[i] for i in range(3))
    xlib.XFree(ctypes.cast(image.contents.data, ctypes.c_void_p))
    xlib.XFree(ctypes.cast(image, ctypes.c_void_p))
    return lit


def peak_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    args = sys.argv[1:]
    peak_after = None
    if args[:1] == ["--peak-after"]:
        peak_after, args = float(args[1]), args[2:]
    xlib, display, root = open_display()
    if painted(xlib, display, root):
        sys.exit("bench-first-frame: the screen is not black before the start")
    start = time.monotonic()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not painted(xlib, display, root):
            if child.poll() is not None:
                sys.exit("bench-first-frame: the command exited before drawing")
            if time.monotonic() - start > TIMEOUT:
                sys.exit("bench-first-frame: nothing drawn in time")
            time.sleep(0.005)
        elapsed = time.monotonic() - start
        line = f"{elapsed * 1e6:.0f}"
        if peak_after is not None:
            time.sleep(peak_after)
            line += f" {peak_kb(child.pid)}"
        print(line)
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        # Let the server repaint the root before the next run starts.
        while painted(xlib, display, root) and time.monotonic() - start < TIMEOUT + 20:
            time.sleep(0.005)


if __name__ == "__main__":
    main()
