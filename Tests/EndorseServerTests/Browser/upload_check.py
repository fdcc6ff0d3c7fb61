#!/usr/bin/env python3
"""Drive headless Chromium through the "Check a badge" form as a person would: open /check, choose a file in the
file input (a real upload), type the recipient, press Check, and print the HTML of the page that answers.

Usage: upload_check.py CHROMIUM BASE_URL FILE RECIPIENT PROFILE_DIR

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: commands on fd 3, events and
replies on fd 4, each message JSON ended by a NUL byte), so no port and no client library is needed. The page
itself runs no script: the driver fills the form and clicks the button the way DevTools would.
"""
import json
import os
import subprocess
import sys
import time

chromium, base, upload, recipient, profile = sys.argv[1:6]

to_browser_read, to_browser_write = os.pipe()
from_browser_read, from_browser_write = os.pipe()


def child_fds():
    # Copies first, so that placing one pipe end on 3 or 4 cannot close the other.
    read_end, write_end = os.dup(to_browser_read), os.dup(from_browser_write)
    os.dup2(read_end, 3)
    os.dup2(write_end, 4)


browser = subprocess.Popen(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
     "--disable-extensions", f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
    pass_fds=(3, 4), preexec_fn=child_fds,  # kept open: the child closes other descriptors after preexec_fn
    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
os.close(to_browser_read)
os.close(from_browser_write)
deadline = time.time() + 80
buffer = b""
next_id = 0
events = []


def receive():
    global buffer
    while b"\0" not in buffer:
        if time.time() > deadline:
            raise SystemExit("timed out waiting for Chromium")
        chunk = os.read(from_browser_read, 65536)
        if not chunk:
            raise SystemExit("Chromium closed the pipe: " + browser.stderr.read().decode(errors="replace")[-3000:])
        buffer += chunk
    message, buffer = buffer.split(b"\0", 1)
    return json.loads(message)


def send(method, params=None, session=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    os.write(to_browser_write, json.dumps(message).encode() + b"\0")
    while True:
        reply = receive()
        if reply.get("id") == next_id:
            if "error" in reply:
                raise SystemExit(f"{method}: {reply['error']}")
            return reply.get("result", {})
        events.append(reply)


def wait_for(method, session):
    while True:
        for index, event in enumerate(events):
            if event.get("method") == method and event.get("sessionId") == session:
                del events[: index + 1]
                return event
        events.append(receive())


try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    send("Page.enable", session=session)
    send("Page.navigate", {"url": base + "/check"}, session=session)
    wait_for("Page.loadEventFired", session)
    document = send("DOM.getDocument", session=session)["root"]["nodeId"]
    file_input = send("DOM.querySelector", {"nodeId": document, "selector": "#check-file"}, session=session)["nodeId"]
    if not file_input:
        raise SystemExit("the page has no #check-file input")
    send("DOM.setFileInputFiles", {"files": [os.path.abspath(upload)], "nodeId": file_input}, session=session)
    fill = f"document.querySelector('#check-recipient').value = {json.dumps(recipient)}; document.querySelector('#check-submit').click();"
    send("Runtime.evaluate", {"expression": fill}, session=session)
    wait_for("Page.loadEventFired", session)
    html = send("Runtime.evaluate", {"expression": "document.documentElement.outerHTML", "returnByValue": True}, session=session)
    print(html["result"]["value"])
finally:
    browser.kill()
    browser.wait()
