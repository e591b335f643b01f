#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test-atspi.py BINARY DESIGN: drive the real app through AT-SPI.

What a screen reader or a test script sees:
starts BINARY on a copy of DESIGN (resources/examples/
training-cannot-reach-s3-ecr.vpcd.json) with GTK's real accessibility
bridge, then only through the accessibility tree:

  1. finds the application by name (and by the process id it was given);
  2. reads the findings (rule id, title, elements, message), the error
     count and the monthly cost total ("Monthly cost: $58.40");
  3. switches the sidebar tabs with their "click" action and checks that
     the tab shown is the one selected;
  4. opens the second finding with its "finding.toggle-details" action,
     which selects its elements, and reads every inspector row by name and
     value (the design's first, then the selected subnet's); the Outline
     selects the same elements' rows;
  5. presses the quick-fix buttons of the findings ("click"), each time
     checking the cost change the button announced and the error count;
  6. adds a security group with the palette row's "palette.add" action;
  7. undoes the three steps with the toolbar's Undo button, closes the
     window with its "window.close" action and expects a clean exit
     (status 0, which under ASan also means no leak report).

Runs in suite 'gui' under xvfb-run and dbus-run-session (tools/test); the
test environment's GTK_A11Y=test is removed for the app. There is no skip:
without a display, a session bus or the AT-SPI bus it fails with a clear
message. Every wait polls against a deadline; the app is always killed.
Exit status 0 = pass, 1 = fail (meson protocol 'exitcode').
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings

APP_NAME = 'vpc-designer'
# ASan builds are several times slower; every deadline scales with this.
SCALE = float(os.environ.get('VPC_ATSPI_TIMEOUT_SCALE', '1'))
if 'address' in os.environ.get('VPC_SANITIZE', ''):
    SCALE = max(SCALE, 3.0)


class Failure(Exception):
    pass


START = time.monotonic()


def log(*args):
    print('test-atspi: [%5.1f s]' % (time.monotonic() - START), *args, flush=True)


def fail(message):
    raise Failure(message)


# The test environment makes GLib warnings fatal (G_DEBUG=fatal-warnings)
# for the app; libatspi in this process warns about things GTK 4.8 does not
# implement (its cache interface), so only the app keeps the setting.
APP_G_DEBUG = os.environ.get('VPC_ATSPI_APP_G_DEBUG', os.environ.get('G_DEBUG'))
os.environ['VPC_ATSPI_APP_G_DEBUG'] = APP_G_DEBUG or ''  # kept across the re-exec below
os.environ['G_DEBUG'] = ','.join(flag for flag in (APP_G_DEBUG or '').split(',')
                                 if flag and not flag.startswith('fatal'))

# Debian's python3-gi is only on the system interpreter; a pyenv or venv
# python3 earlier in PATH has no 'gi'. Re-run under /usr/bin/python3 once.
try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi, Gio, GLib
except (ImportError, ValueError) as error:
    if sys.executable != '/usr/bin/python3' and os.path.exists('/usr/bin/python3') and \
            not os.environ.get('VPC_ATSPI_REEXEC'):
        os.environ['VPC_ATSPI_REEXEC'] = '1'
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    print('test-atspi: FAIL: cannot import Atspi from python3-gi (%s); '
          'install python3-gi gir1.2-atspi-2.0 at-spi2-core (tools/setup.sh lists them)' % error,
          file=sys.stderr)
    sys.exit(1)

warnings.simplefilter('ignore', DeprecationWarning)


def wait_for(what, predicate, seconds=20.0, interval=0.1, describe=None):
    """Polls predicate() until it returns a true value or the deadline
    passes; describe() says what was seen instead."""
    deadline = time.monotonic() + seconds * SCALE
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except GLib.Error as error:  # an object went away while we looked
            last_error = error
        if time.monotonic() > deadline:
            seen = ''
            if describe is not None:
                try:
                    seen = '; ' + describe()
                except (GLib.Error, Failure) as error:
                    seen = '; (%s)' % error
            fail('timed out after %.0f s waiting for %s%s%s'
                 % (seconds * SCALE, what, ' (last error: %s)' % last_error if last_error else '', seen))
        time.sleep(interval)


# ---------------------------------------------------------------- the bus

def check_session():
    if not os.environ.get('DISPLAY'):
        fail('no DISPLAY: run under xvfb-run (tools/test does when there is no display)')
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        fail('no session bus: run under dbus-run-session (tools/test does)')


def a11y_bus_address():
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus', 'GetAddress',
                          None, GLib.VariantType.new('(s)'), Gio.DBusCallFlags.NONE,
                          int(5000 * SCALE), None)
    return reply.unpack()[0]


def ensure_a11y_bus(helpers):
    """The session bus starts at-spi-bus-launcher on demand (its D-Bus
    service file); when that is missing, start the launcher ourselves.

    Without XDG_RUNTIME_DIR the launcher puts its socket in
    ~/.cache/at-spi/bus, shared by every session of the user, so two test
    runs at once would take each other's bus: a launcher activated for
    this session gets a runtime folder of its own in the build tree."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    owned = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                          'NameHasOwner', GLib.Variant('(s)', ('org.a11y.Bus',)),
                          GLib.VariantType.new('(b)'), Gio.DBusCallFlags.NONE, -1, None).unpack()[0]
    if not owned:
        runtime = os.path.join(os.environ.get('G_TEST_BUILDDIR') or tempfile.gettempdir(),
                               'atspi-runtime-%d' % os.getuid())
        os.makedirs(runtime, mode=0o700, exist_ok=True)
        os.chmod(runtime, 0o700)
        try:
            bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                          'UpdateActivationEnvironment',
                          GLib.Variant('(a{ss})', ({'XDG_RUNTIME_DIR': runtime},)),
                          None, Gio.DBusCallFlags.NONE, -1, None)
        except GLib.Error as error:
            log('cannot set the launcher\'s runtime folder (%s); using its default' % error.message)
        os.environ['XDG_RUNTIME_DIR'] = runtime
    try:
        return a11y_bus_address()
    except GLib.Error as error:
        first_error = error
    launcher = '/usr/libexec/at-spi-bus-launcher'
    if not os.path.exists(launcher):
        fail('the AT-SPI bus is not reachable (%s) and %s is missing; install at-spi2-core'
             % (first_error.message, launcher))
    helpers.append(subprocess.Popen([launcher, '--launch-immediately'],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    try:
        return wait_for('the AT-SPI bus started by %s' % launcher, a11y_bus_address, 15)
    except Failure as error:
        fail('the AT-SPI bus is not reachable: %s (first error: %s)' % (error, first_error.message))


# ------------------------------------------------------------------- tree

def children(node):
    try:
        n = node.get_child_count()
    except GLib.Error:
        return
    for i in range(n):
        try:
            child = node.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None:
            yield child


def walk(node):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(children(current))))


def find_all(root, role=None, name=None, prefix=None):
    found = []
    for node in walk(root):
        try:
            if role is not None and node.get_role() != role:
                continue
            node_name = node.get_name() or ''
        except GLib.Error:
            continue
        if name is not None and node_name != name:
            continue
        if prefix is not None and not node_name.startswith(prefix):
            continue
        found.append(node)
    return found


def find_one(root, what, **criteria):
    nodes = find_all(root, **criteria)
    if len(nodes) != 1:
        fail('expected one %s, found %d' % (what, len(nodes)))
    return nodes[0]


def has_state(node, state):
    return node.get_state_set().contains(state)


def actions(node):
    """The names of @node's actions, read one by one with GetName until
    the index runs out. Not with the NActions property: GTK 4.8 answers it
    for widgets that expose their GActions (gtk/a11y/gtkatspiaction.c,
    widget_handle_get_property) without freeing the action list it builds,
    a leak in libgtk-4 that the ASan build would report at exit."""
    names = []
    while len(names) < 100:
        try:
            name = Atspi.Action.get_action_name(node, len(names))
        except GLib.Error:
            break
        except (TypeError, AttributeError):
            return []
        if not name:
            break
        names.append(name)
    return names


def do_action(node, action):
    names = actions(node)
    if action not in names:
        fail('%s %r has no action %r (it has %s)' % (node.get_role_name(), node.get_name(), action, names))
    if not Atspi.Action.do_action(node, names.index(action)):
        fail('action %r of %r was refused' % (action, node.get_name()))


def text_of(node):
    try:
        return Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))
    except (GLib.Error, TypeError, AttributeError):
        return None


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for app in children(desktop):
        try:
            if app.get_name() == APP_NAME and app.get_process_id() == pid:
                return app
        except GLib.Error:
            continue
    return None


# ------------------------------------------------------------- the sidebar

TOGGLES = tuple(getattr(Atspi.Role, r) for r in ('CHECK_BOX', 'TOGGLE_BUTTON', 'SWITCH')
                if hasattr(Atspi.Role, r))
FINDING = re.compile(r'^(Error|Warning|Info) (VPC\d{3}): (.+?)\. (.*)$')
MONEY = re.compile(r'([+-]?)\$([0-9,]+\.[0-9]{2})')


def money(text):
    match = MONEY.search(text)
    if match is None:
        fail('no amount in %r' % text)
    value = round(float(match.group(2).replace(',', '')) * 100)
    return -value if match.group(1) == '-' else value


class Sidebar:
    def __init__(self, app):
        self.app = app
        # The panels and tabs live as long as the window: look them up once.
        self.sidebar = find_one(app, 'sidebar', role=Atspi.Role.PANEL, name='Sidebar')
        self.panels = {}
        self.tabs = {}

    def panel(self, name):
        # The stack page and the panel itself both carry the page's name;
        # the panel is the innermost one.
        if name not in self.panels:
            panels = find_all(self.sidebar, role=Atspi.Role.PANEL, name=name)
            if not panels:
                fail('no panel named %r' % name)
            self.panels[name] = panels[-1]
        return self.panels[name]

    def tab(self, name):
        if name not in self.tabs:
            tab_list = find_one(self.sidebar, 'tab list "Sidebar pages"', role=Atspi.Role.PAGE_TAB_LIST,
                                name='Sidebar pages')
            self.tabs[name] = find_one(tab_list, 'tab %r' % name, role=Atspi.Role.PAGE_TAB, name=name)
        return self.tabs[name]

    def findings(self):
        result = []
        for item in find_all(self.panel('Findings'), role=Atspi.Role.LIST_ITEM):
            match = FINDING.match(item.get_name() or '')
            if match is None:
                continue
            elements = [e for e in match.group(4).split(', ') if e]
            result.append({'node': item, 'severity': match.group(1), 'rule': match.group(2),
                           'title': match.group(3), 'elements': elements,
                           'message': item.get_description()})
        return result

    def error_count(self):
        summary = find_one(self.panel('Findings'), 'findings summary', role=Atspi.Role.PANEL,
                           name='Summary')
        for label in find_all(summary, role=Atspi.Role.LABEL):
            match = re.match(r'^(\d+) errors?$', label.get_name() or '')
            if match:
                return int(match.group(1))
        fail('the findings summary names no error count')

    def cost_total(self):
        label = find_one(self.panel('Cost'), 'monthly cost total', role=Atspi.Role.LABEL,
                         prefix='Monthly cost: ')
        return money(label.get_name()), label

    def switch_to(self, name):
        do_action(self.tab(name), 'click')
        wait_for('tab %r to be selected' % name,
                 lambda: all(has_state(self.tab(other), Atspi.StateType.SELECTED) == (other == name)
                             for other in ('Findings', 'Cost', 'Inspector', 'Outline')), 10)
        if not has_state(self.tab(name), Atspi.StateType.PRESSED):
            fail('tab %r is selected but not pressed' % name)

    def inspector_fields(self):
        """Every editable or read-only row of the inspector: name -> value."""
        inspector = self.panel('Inspector')
        fields = {}
        group = None
        for node in walk(inspector):
            role = node.get_role()
            name = node.get_name() or ''
            if role == Atspi.Role.LIST and name:  # a group of rows: "VPC", "Design"
                group = name
            if name in fields and group:  # "Name" of the design and of the VPC
                name = '%s %s' % (group, name)
            if role == Atspi.Role.TEXT:  # entry rows: the value is the text
                if not name:
                    fail('an inspector entry has no accessible name (text %r)' % text_of(node))
                fields[name] = text_of(node)
            elif role == Atspi.Role.COMBO_BOX:  # the choice is the description
                if not name or not node.get_description():
                    fail('inspector choice %r has no name or no value' % name)
                fields[name] = node.get_description()
            elif role in TOGGLES:
                if not name:
                    fail('an inspector switch has no accessible name')
                fields[name] = has_state(node, Atspi.StateType.CHECKED)
            elif role == Atspi.Role.SPIN_BUTTON:
                if not name:
                    fail('an inspector number has no accessible name')
                fields[name] = text_of(node)
            elif role == Atspi.Role.LIST_ITEM and name and node.get_description() and \
                    not any(c.get_role() in TOGGLES + (Atspi.Role.SPIN_BUTTON,)
                            for c in walk(node) if c is not node):
                fields.setdefault(name, node.get_description())  # read-only rows (ID)
        return fields


# ------------------------------------------------------------------ steps

def launch(binary, design, tmp):
    """Starts @binary on a copy of @design in @tmp with the real AT-SPI
    bridge; returns (process, application, window) once the window is on
    the AT-SPI desktop."""
    path = os.path.join(tmp, os.path.basename(design))
    shutil.copyfile(design, path)
    os.makedirs(os.path.join(tmp, 'config', 'gtk-4.0'), exist_ok=True)
    with open(os.path.join(tmp, 'config', 'gtk-4.0', 'settings.ini'), 'w') as settings:
        settings.write('[Settings]\ngtk-recent-files-enabled=false\n')
    env = dict(os.environ)
    # The real bridge: the test environment's GTK_A11Y=test would
    # replace it with GTK's in-process test context.
    env.pop('GTK_A11Y', None)
    env.pop('NO_AT_BRIDGE', None)
    env.pop('VPC_ATSPI_APP_G_DEBUG', None)
    env.pop('VPC_ATSPI_REEXEC', None)
    if APP_G_DEBUG:
        env['G_DEBUG'] = APP_G_DEBUG
    env['XDG_CONFIG_HOME'] = os.path.join(tmp, 'config')
    env['XDG_DATA_HOME'] = os.path.join(tmp, 'data')
    env['VPC_TEST_WINDOW_SIZE'] = '1280x900'

    app_process = subprocess.Popen([binary, path], env=env)
    log('started', binary, 'pid', app_process.pid)

    def app_ready():
        if app_process.poll() is not None:
            fail('the app exited with status %d before it showed up on AT-SPI'
                 % app_process.returncode)
        return find_app(app_process.pid)

    try:
        app = wait_for('application %r (pid %d) on the AT-SPI desktop' % (APP_NAME, app_process.pid),
                       app_ready, 60)
        # Read live values, never libatspi's cache.
        app.set_cache_mask(Atspi.Cache.NONE)
        frame = wait_for('the window', lambda: next(iter(find_all(app, role=Atspi.Role.FRAME)), None))
    except Failure:
        app_process.kill()
        app_process.wait()
        raise
    return app_process, app, frame


def run(binary, design):
    check_session()
    helpers = []
    tmp = tempfile.mkdtemp(prefix='vpc-atspi-')
    app_process = None
    try:
        address = ensure_a11y_bus(helpers)
        log('AT-SPI bus at', address)

        app_process, app, frame = launch(binary, design, tmp)
        sidebar = wait_for('the sidebar', lambda: Sidebar(app) if find_all(
            frame, role=Atspi.Role.PANEL, name='Sidebar') else None, 30)
        log('window:', frame.get_name())

        # Findings
        findings = wait_for('two findings', lambda: (lambda f: f if len(f) == 2 else None)(sidebar.findings()), 30)
        for finding in findings:
            log('finding: %(severity)s %(rule)s: %(title)s [%(elements)s]' % finding)
            if not finding['message']:
                fail('finding %s has no description (its message)' % finding['rule'])
        if [f['rule'] for f in findings] != ['VPC101', 'VPC105']:
            fail('expected findings VPC101 and VPC105, got %s' % [f['rule'] for f in findings])
        for finding in findings:
            if finding['severity'] != 'Error':
                fail('%s should be an error' % finding['rule'])
            if finding['elements'] != ['Training job', 'Private A', 'Private B']:
                fail('%s names elements %s' % (finding['rule'], finding['elements']))
        if findings[0]['title'] != 'Workload cannot reach Amazon S3' or \
                findings[1]['title'] != 'Workload cannot reach Amazon ECR':
            fail('unexpected titles: %s' % [f['title'] for f in findings])
        if sidebar.error_count() != 2:
            fail('the summary counts %d errors, expected 2' % sidebar.error_count())
        if not (sidebar.tab('Findings').get_description() or '').startswith('2 errors'):
            fail('the Findings tab does not announce the error count: %r'
                 % sidebar.tab('Findings').get_description())

        # Cost
        total, total_label = sidebar.cost_total()
        log('cost:', total_label.get_name(), '·', total_label.get_description())
        if total != 5840:
            fail('monthly cost %r, expected $58.40' % total_label.get_name())

        # Tabs
        if not has_state(sidebar.tab('Findings'), Atspi.StateType.SELECTED):
            fail('the Findings tab is not selected at start')
        for name in ('Cost', 'Inspector', 'Findings'):
            sidebar.switch_to(name)
            log('tab %s selected' % name)

        # Inspector: the design's own fields first.
        sidebar.switch_to('Inspector')
        fields = sidebar.inspector_fields()
        log('inspector (design):', fields)
        for key, expected in (('CIDR block', '10.0.0.0/16'), ('Region', 'us-east-1'),
                              ('Environment', 'Production'), ('Rule profile', 'Study guide')):
            if fields.get(key) != expected:
                fail('inspector field %r reads %r, expected %r' % (key, fields.get(key), expected))
        if 'Name' not in fields:
            fail('the inspector has no "Name" field')

        # A finding's details select its elements; the inspector follows.
        sidebar.switch_to('Findings')
        row = sidebar.findings()[1]['node']
        do_action(row, 'finding.toggle-details')
        wait_for('finding VPC105 to expand', lambda: has_state(sidebar.findings()[1]['node'],
                                                                Atspi.StateType.EXPANDED), 10)
        sidebar.switch_to('Inspector')
        inspector = sidebar.panel('Inspector')
        # (the job and both subnets: one multi-selection form)
        wait_for('the inspector to show the finding\'s three elements',
                 lambda: inspector.get_description() == '2 subnets, 1 training job: 3 elements', 10,
                 describe=inspector.get_description)
        log('inspector (%s):' % inspector.get_description(), sidebar.inspector_fields())

        # The outline selects the same elements: a selection made on the
        # canvas (here by the finding) shows there too.
        sidebar.switch_to('Outline')
        outline = wait_for('the list "Design outline"', lambda: next(iter(find_all(
            sidebar.panel('Outline'), role=Atspi.Role.LIST, name='Design outline')), None), 10)

        def outline_selected():
            return sorted((item.get_name() or '').split(',')[0] for item in children(outline)
                          if has_state(item, Atspi.StateType.SELECTED))
        expected_rows = ['Subnet Private A', 'Subnet Private B', 'Training job Training job',
                         'Training job Training job']
        wait_for('the outline to select %s' % expected_rows, lambda: outline_selected() == expected_rows,
                 10, describe=lambda: str(outline_selected()))
        log('outline selects:', outline_selected())

        # Quick fixes: press the first finding's button, twice. Each button
        # states its cost change; the total must move by exactly that, the
        # finding must go and the error count must follow the list (the S3
        # endpoint of VPC101's fix brings VPC405: the workloads' group has
        # no outbound rule to the S3 prefix list).
        sidebar.switch_to('Findings')
        for rule, expected_delta, errors_after in (('VPC101', 0, 2), ('VPC105', 2920, 1)):
            finding = sidebar.findings()[0]
            if finding['rule'] != rule:
                fail('the first finding is %s, expected %s' % (finding['rule'], rule))
            button = wait_for('the quick-fix button of %s' % rule, lambda: next(iter(find_all(
                finding['node'], role=Atspi.Role.PUSH_BUTTON, prefix='Quick fix for %s: ' % rule)), None), 10)
            delta = money(button.get_name())
            log('pressing:', button.get_name())
            if delta != expected_delta:
                fail('%s: the fix announces %+.2f, expected %+.2f' % (rule, delta / 100, expected_delta / 100))
            before, _ = sidebar.cost_total()
            do_action(button, 'click')
            wait_for('%s to go away' % rule, lambda: rule not in [f['rule'] for f in sidebar.findings()], 15)

            def errors_agree():
                listed = sum(1 for f in sidebar.findings() if f['severity'] == 'Error')
                return sidebar.error_count() == listed == errors_after and \
                    (sidebar.tab('Findings').get_description() or '').startswith(
                        '%d error%s' % (errors_after, '' if errors_after == 1 else 's'))
            wait_for('%d errors in the summary, the list and the Findings tab' % errors_after, errors_agree, 10,
                     describe=lambda: 'findings %s, summary %d errors, tab %r'
                     % (['%(severity)s %(rule)s' % f for f in sidebar.findings()], sidebar.error_count(),
                        sidebar.tab('Findings').get_description()))
            wait_for('the cost to change by %+.2f' % (delta / 100),
                     lambda: sidebar.cost_total()[0] == before + delta, 10,
                     describe=lambda: sidebar.cost_total()[1].get_name())
            log('after %s: %s; %s' % (rule, ['%(severity)s %(rule)s' % f for f in sidebar.findings()],
                                      sidebar.cost_total()[1].get_name()))
        if sidebar.cost_total()[0] != 8760:
            fail('after both fixes the cost is %r, expected $87.60' % sidebar.cost_total()[1].get_name())

        # The palette adds elements through its rows' "palette.add" action.
        palette = find_one(frame, 'palette list', role=Atspi.Role.LIST, name='Palette')
        group_row = find_one(palette, 'palette row "Security group"', role=Atspi.Role.LIST_ITEM,
                             name='Security group')
        do_action(group_row, 'palette.add')
        inspector = sidebar.panel('Inspector')
        wait_for('the inspector to show the new security group',
                 lambda: (inspector.get_description() or '').startswith('Security group: '), 10,
                 describe=inspector.get_description)
        log('palette.add: inspector shows', inspector.get_description())

        # Undo all three steps with the toolbar button (the first one takes
        # the group away and leaves cost and errors); the window is then
        # unmodified.
        undo = find_one(frame, 'Undo button', role=Atspi.Role.PUSH_BUTTON, name='Undo') \
            if find_all(frame, role=Atspi.Role.PUSH_BUTTON, name='Undo') else None
        if undo is None:
            undos = [b for b in find_all(frame, role=Atspi.Role.PUSH_BUTTON)
                     if (b.get_description() or '').startswith('Undo')]
            if len(undos) != 1:
                fail('expected one Undo button, found %d' % len(undos))
            undo = undos[0]
        for step, (cost, count) in enumerate(((8760, 1), (5840, 2), (5840, 2))):
            do_action(undo, 'click')
            wait_for('undo %d: %d errors and cost %.2f' % (step + 1, count, cost / 100),
                     lambda: sidebar.error_count() == count and sidebar.cost_total()[0] == cost, 15)
        if [f['rule'] for f in sidebar.findings()] != ['VPC101', 'VPC105']:
            fail('undo did not bring both findings back: %s' % [f['rule'] for f in sidebar.findings()])
        wait_for('the window to show the design as unmodified', lambda: not frame.get_name().startswith('• '),
                 10, describe=frame.get_name)
        log('undone: 2 errors, $58.40, title %r' % frame.get_name())

        # Close the window as a user would; the app must exit cleanly.
        try:
            do_action(frame, 'window.close')
        except GLib.Error as error:  # the app may quit before it replies
            log('window.close got no reply (%s)' % error.message)
        try:
            status = app_process.wait(timeout=30 * SCALE)
        except subprocess.TimeoutExpired:
            fail('the app did not exit within %.0f s of window.close' % (30 * SCALE))
        if status != 0:
            fail('the app exited with status %d' % status)
        log('the app exited cleanly')
    finally:
        if app_process is not None and app_process.poll() is None:
            app_process.kill()
            app_process.wait()
        for helper in helpers:
            if helper.poll() is None:
                helper.terminate()
                try:
                    helper.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    helper.kill()
                    helper.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    if len(sys.argv) != 3:
        print('usage: test-atspi.py BINARY DESIGN', file=sys.stderr)
        return 2

    def watchdog(signum, frame):
        raise Failure('the whole test took longer than %.0f s' % (150 * SCALE))

    signal.signal(signal.SIGALRM, watchdog)
    signal.alarm(int(150 * SCALE))
    try:
        run(sys.argv[1], sys.argv[2])
    except Failure as error:
        print('test-atspi: FAIL: %s' % error, file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
    print('test-atspi: PASS')
    return 0


if __name__ == '__main__':
    sys.exit(main())
