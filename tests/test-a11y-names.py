#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test-a11y-names.py BINARY DESIGN: every control has a real accessible name.

What a screen reader announces for each control (issue 17): starts BINARY
with GTK's real accessibility bridge, as test-atspi.py does (whose bus and
tree helpers it borrows), and walks the whole AT-SPI tree of the app

  1. without a file: the start page (buttons, examples, labs);
  2. on a copy of DESIGN (resources/examples/training-cannot-reach-s3-ecr
     .vpcd.json): the window with the Findings page, the Cost page, the
     Inspector page of the design, of a finding's three elements and of a
     security group added from the palette (its rule editor), then the
     Preferences window and the export dialog.

Each object that offers an action, or is a button, toggle, list item,
menu item or drop-down, or can take the focus, must have a name that is
not empty, is not a GTK class name (GTK 4.8 falls back to "GtkButton",
"GtkImage" ... when a widget has no label) and carries no mnemonic
underscore ("_New Design"). Every offender is listed with its role, its
ancestors and the name it has; the test fails when the list is not empty.

Runs in suite 'gui' under xvfb-run and dbus-run-session (tools/test), like
test-atspi; GTK_A11Y=test is removed for the app. No skip: without a
display, a session bus or the AT-SPI bus it fails with a clear message.
Exit status 0 = pass, 1 = fail (meson protocol 'exitcode').
"""
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

# The bus, the tree walk, the actions and the deadlines of test-atspi.py
# (it re-executes this script under /usr/bin/python3 when 'gi' is missing).
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
_spec = importlib.util.spec_from_file_location(
    'vpc_test_atspi', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-atspi.py'))
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)
Atspi, GLib = base.Atspi, base.GLib
Failure, fail, wait_for = base.Failure, base.fail, base.wait_for
SCALE = base.SCALE


def log(*args):
    base.log(*args)


ROLES = {getattr(Atspi.Role, r) for r in (
    'PUSH_BUTTON', 'TOGGLE_BUTTON', 'CHECK_BOX', 'RADIO_BUTTON', 'SWITCH', 'LIST_ITEM',
    'COMBO_BOX', 'MENU_ITEM', 'CHECK_MENU_ITEM', 'RADIO_MENU_ITEM', 'PAGE_TAB', 'SPIN_BUTTON',
    'TEXT', 'ENTRY', 'PASSWORD_TEXT', 'SLIDER', 'LINK', 'MENU', 'TREE_ITEM', 'TABLE_CELL')
    if hasattr(Atspi.Role, r)}
DUMP = bool(os.environ.get('VPC_A11Y_DUMP'))  # list every control, not only the bad ones
BAD_NAME = re.compile(r'^(Gtk|Adw|Vpc)[A-Z]|_')


def path_of(node):
    parts = []
    current = node
    for _ in range(40):
        try:
            current = current.get_parent()
            if current is None or current.get_role() == Atspi.Role.APPLICATION:
                break
            name = current.get_name() or ''
        except GLib.Error:
            break
        if name:
            parts.append('%s %r' % (current.get_role_name(), name))
    return ' < '.join(parts[:3])


def bad_names(root, where, seen):
    """The controls under @root whose name is empty, a class name or a
    mnemonic; @seen keeps each offender once across the dumps. Only the
    role is asked of every object (each question is a D-Bus round trip)."""
    found = []
    for node in base.walk(root):
        try:
            role = node.get_role()
            if role not in ROLES:
                continue
            name = node.get_name() or ''
            if DUMP:
                log('%s: %s %r in %s' % (where, node.get_role_name(), name, path_of(node)))
            if name and not BAD_NAME.search(name):
                continue
            key = (node.get_role_name(), name, path_of(node), node.get_index_in_parent())
        except GLib.Error:  # the object went away while we looked
            continue
        if key in seen:
            continue
        seen.add(key)
        found.append('%s: %s named %r in %s' % (where, key[0], key[1], key[2] or 'the window'))
    for line in found:
        log('BAD', line)
    return found


def start_app(binary, args, tmp):
    os.makedirs(os.path.join(tmp, 'config', 'gtk-4.0'), exist_ok=True)
    with open(os.path.join(tmp, 'config', 'gtk-4.0', 'settings.ini'), 'w') as settings:
        settings.write('[Settings]\ngtk-recent-files-enabled=false\n')
    env = dict(os.environ)
    for variable in ('GTK_A11Y', 'NO_AT_BRIDGE', 'VPC_ATSPI_APP_G_DEBUG', 'VPC_ATSPI_REEXEC'):
        env.pop(variable, None)
    if base.APP_G_DEBUG:
        env['G_DEBUG'] = base.APP_G_DEBUG
    env['XDG_CONFIG_HOME'] = os.path.join(tmp, 'config')
    env['XDG_DATA_HOME'] = os.path.join(tmp, 'data')
    env['VPC_TEST_WINDOW_SIZE'] = '1280x900'
    process = subprocess.Popen([binary] + args, env=env)
    log('started', binary, *args, 'pid', process.pid)

    def ready():
        if process.poll() is not None:
            fail('the app exited with status %d before it showed up on AT-SPI' % process.returncode)
        return base.find_app(process.pid)

    app = wait_for('application %r (pid %d) on the AT-SPI desktop' % (base.APP_NAME, process.pid),
                   ready, 60)
    app.set_cache_mask(Atspi.Cache.NONE)
    return process, app


def stop_app(process):
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()


def windows(app):
    return [w for w in base.children(app)
            if w.get_role() in (Atspi.Role.FRAME, Atspi.Role.DIALOG, Atspi.Role.WINDOW)]


def frame_of(app):
    return wait_for('the window', lambda: next(iter(
        [w for w in windows(app) if w.get_role() == Atspi.Role.FRAME]), None))


PRUNE = {Atspi.Role.SCROLL_PANE, Atspi.Role.LIST, Atspi.Role.PAGE_TAB_LIST}


def header_buttons(root):
    """The buttons of @root outside lists and scrolled content (the header
    bar's, a dialog's), without asking every row of the design."""
    stack, found = [root], []
    while stack:
        node = stack.pop()
        try:
            role = node.get_role()
        except GLib.Error:
            continue
        if role in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON):
            found.append(node)
        if node is root or role not in PRUNE:
            stack.extend(reversed(list(base.children(node))))
    return found


def press(root, what, name):
    button = wait_for(what, lambda: next(iter(
        [b for b in header_buttons(root)
         if b.get_name() == name or (b.get_description() or '').startswith(name)]), None), 10)
    # A menu button's own object has no action: its toggle button does.
    target = button if 'click' in base.actions(button) else next(iter(
        [c for c in base.children(button) if 'click' in base.actions(c)]), button)
    base.do_action(target, 'click')
    return button


def menu_item(root, prefix):
    return next(iter([m for m in base.find_all(root, role=Atspi.Role.MENU_ITEM)
                      if (m.get_name() or '').replace('_', '').startswith(prefix)]), None)


def new_window(app, before, what):
    """Waits for a window that was not among @before and returns it."""
    return wait_for(what, lambda: next(iter([w for w in windows(app) if w not in before]), None),
                    15, describe=lambda: 'windows %s' % [w.get_name() for w in windows(app)])


def close_window(app, window):
    count = len(windows(app))
    try:
        base.do_action(window, 'window.close')
    except (GLib.Error, Failure):
        press(window, 'the Close button', 'Close')
    wait_for('the window to close', lambda: len(windows(app)) < count, 10)


def check_start_page(binary, tmp, seen):
    process = None
    try:
        process, app = start_app(binary, [], os.path.join(tmp, 'start'))
        frame = frame_of(app)
        wait_for('the start page\'s examples', lambda: base.find_all(
            frame, role=Atspi.Role.LIST, name='Examples'), 30)
        return bad_names(app, 'start page', seen)
    finally:
        stop_app(process)


def check_design(binary, design, tmp, seen):
    process = None
    bad = []
    try:
        path = os.path.join(tmp, os.path.basename(design))
        shutil.copyfile(design, path)
        process, app = start_app(binary, [path], os.path.join(tmp, 'design'))
        frame = frame_of(app)
        sidebar = wait_for('the sidebar', lambda: base.Sidebar(app) if base.find_all(
            frame, role=Atspi.Role.PANEL, name='Sidebar') else None, 30)
        wait_for('two findings', lambda: len(sidebar.findings()) == 2, 30)
        base.do_action(sidebar.findings()[1]['node'], 'finding.toggle-details')
        wait_for('finding VPC105 to expand', lambda: base.has_state(
            sidebar.findings()[1]['node'], Atspi.StateType.EXPANDED), 10)
        sidebar.switch_to('Cost')
        wait_for('the cost total', lambda: sidebar.cost_total(), 10)
        # The whole window: every sidebar page, the palette, the bars.
        bad += bad_names(app, 'window', seen)

        sidebar.switch_to('Inspector')
        inspector = sidebar.panel('Inspector')
        wait_for('the inspector of three elements',
                 lambda: (inspector.get_description() or '').endswith('3 elements'), 10,
                 describe=inspector.get_description)
        bad += bad_names(inspector, 'inspector (three elements)', seen)

        # The Outline: its list and every row.
        sidebar.switch_to('Outline')
        outline = wait_for('the list "Design outline"', lambda: next(iter(base.find_all(
            sidebar.panel('Outline'), role=Atspi.Role.LIST, name='Design outline')), None), 10)
        wait_for('the outline rows', lambda: len(list(base.children(outline))) > 10, 10)
        bad += bad_names(sidebar.panel('Outline'), 'outline', seen)
        sidebar.switch_to('Inspector')

        palette = base.find_one(frame, 'palette list', role=Atspi.Role.LIST, name='Palette')
        for kind in ('Security group', 'Private subnet', 'NAT gateway'):
            before = inspector.get_description()
            row = base.find_one(palette, 'palette row %r' % kind, role=Atspi.Role.LIST_ITEM,
                                name=kind)
            base.do_action(row, 'palette.add')
            wait_for('the inspector to show the new %s' % kind.lower(),
                     lambda: inspector.get_description() != before, 10,
                     describe=inspector.get_description)
            bad += bad_names(inspector, 'inspector (%s)' % inspector.get_description(), seen)

        # The main menu and the Export menu (their popovers are the buttons').
        for menu, first in (('Main Menu', 'New Window'), ('Export', 'Image (PNG)')):
            button = press(frame, 'the %s button' % menu, menu)
            wait_for('the %s menu' % menu, lambda: menu_item(button, first), 10)
            bad += bad_names(button, '%s menu' % menu.lower(), seen)
            if menu == 'Main Menu':
                before = windows(app)
                base.do_action(menu_item(button, 'Preferences'), 'click')
                preferences = new_window(app, before, 'the Preferences window')
                wait_for('the Preferences controls', lambda: base.find_all(
                    preferences, role=Atspi.Role.COMBO_BOX), 10)
                bad += bad_names(preferences, 'preferences', seen)
                close_window(app, preferences)
            else:
                before = windows(app)
                base.do_action(menu_item(button, first), 'click')
                export = new_window(app, before, 'the export dialog')
                wait_for('the export dialog\'s controls', lambda: header_buttons(export), 10)
                bad += bad_names(export, 'export dialog', seen)
        return bad
    finally:
        stop_app(process)


def run(binary, design):
    base.check_session()
    helpers = []
    tmp = tempfile.mkdtemp(prefix='vpc-a11y-names-')
    seen = set()
    try:
        log('AT-SPI bus at', base.ensure_a11y_bus(helpers))
        bad = check_start_page(binary, tmp, seen)
        bad += check_design(binary, design, tmp, seen)
        if bad:
            fail('%d controls without a real accessible name:\n  %s' % (len(bad), '\n  '.join(bad)))
        log('every control has a name')
    finally:
        for helper in helpers:
            stop_app(helper)
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: test-a11y-names.py BINARY DESIGN')
    limit = 270 * SCALE

    def out_of_time(signum, frame):
        raise Failure('the whole test took longer than %.0f s' % limit)

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(int(limit))
    try:
        run(*sys.argv[1:])
        print('test-a11y-names: PASS')
        return 0
    except Failure as error:
        print('test-a11y-names: FAIL: %s' % error, file=sys.stderr)
        return 1


if __name__ == '__main__':
    sys.exit(main())
