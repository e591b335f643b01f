#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test-atspi-outline.py BINARY EXAMPLES_DIR: the Outline over AT-SPI.

For every example design, as a screen reader sees the running app:
  1. Alt+4 is not needed: the Outline tab is pressed with its "click"
     action, and the list "Design outline" appears;
  2. every element of the file has a row named with its kind and name
     ("Subnet Private A, 10.0.1.0/24, private, in us-east-1a, 2 findings,
     2 errors"), subnets, workloads and endpoints included, and every row
     is named (no empty name, no GTK class name);
  3. for the first example, selecting a row through the list's AT-SPI
     Selection selects the element on the canvas (whose name says so) and
     every other row of it (a job in two subnets has two rows).
Selecting on the canvas selects in the outline: test-atspi.py checks that
(a finding's elements). Uses test-atspi.py's bus and launch helpers;
exit status 0 = pass, 1 = fail.
"""
import importlib.util
import json
import os
import shutil
import signal
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('atspi_helpers', os.path.join(HERE, 'test-atspi.py'))
helpers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(helpers)
Atspi = helpers.Atspi
fail, log, wait_for = helpers.fail, helpers.log, helpers.wait_for

PREFIX = {
    'availability_zones': 'Availability zone',
    'subnets': 'Subnet',
    'security_groups': 'Security group',
    'endpoints': 'Endpoint',
    'nat_gateways': 'NAT gateway',
}
WORKLOAD = {
    'training_job': 'Training job', 'processing_job': 'Processing job',
    'batch_transform': 'Batch transform job', 'realtime_endpoint': 'Real-time endpoint',
    'notebook_instance': 'Notebook instance', 'studio_domain': 'Studio domain', 'client': 'Client',
}


def expected_rows(design_path):
    """What each element's row must start with: its kind and name."""
    with open(design_path) as f:
        design = json.load(f)
    expected = []
    for key, prefix in PREFIX.items():
        for element in design.get(key, []):
            expected.append('%s %s,' % (prefix, element.get('name') or element['id']))
    for element in design.get('workloads', []):
        expected.append('%s %s,' % (WORKLOAD[element['kind']], element.get('name') or element['id']))
    return expected


def outline_rows(outline):
    return [(item, item.get_name() or '') for item in helpers.children(outline)
            if item.get_role() == Atspi.Role.LIST_ITEM]


def check_example(binary, path, tmp, select):
    process, app, frame = helpers.launch(binary, path, tmp)
    try:
        sidebar = wait_for('the sidebar', lambda: helpers.Sidebar(app) if helpers.find_all(
            frame, role=Atspi.Role.PANEL, name='Sidebar') else None, 30)
        sidebar.switch_to('Outline')
        outline = wait_for('the list "Design outline"', lambda: next(iter(helpers.find_all(
            sidebar.panel('Outline'), role=Atspi.Role.LIST, name='Design outline')), None), 15)
        expected = expected_rows(path)

        def covered():
            names = [name for _, name in outline_rows(outline)]
            return names if all(any(n.startswith(e) for n in names) for e in expected) else None
        names = wait_for('a row for each of the %d elements' % len(expected), covered, 15,
                         describe=lambda: 'missing %s; rows %s' % (
                             [e for e in expected if not any(n.startswith(e) for _, n in
                                                             outline_rows(outline))],
                             [n for _, n in outline_rows(outline)]))
        for name in names:
            if not name or name.startswith(('Gtk', 'Adw')):
                fail('an outline row is named %r' % name)
        log('%s: %d rows cover %d elements' % (os.path.basename(path), len(names), len(expected)))
        if select:
            check_selection(frame, outline)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def check_selection(frame, outline):
    rows = outline_rows(outline)
    index = next(i for i, (_, name) in enumerate(rows) if name.startswith('Training job '))
    name = rows[index][1]
    if not Atspi.Selection.select_child(outline, index):
        fail('the outline refused to select row %d' % index)
    canvas_name = 'Design canvas, selected: ' + name
    canvas = wait_for('the canvas to announce %r' % canvas_name, lambda: next(iter(helpers.find_all(
        frame, prefix=canvas_name)), None), 10,
        describe=lambda: [n.get_name() for n in helpers.find_all(frame, prefix='Design canvas')])
    log('canvas:', canvas.get_name())
    selected = wait_for('both rows of the training job selected', lambda: (lambda s: s if len(s) == 2 else None)(
        [n for item, n in outline_rows(outline) if helpers.has_state(item, Atspi.StateType.SELECTED)]), 10,
        describe=lambda: str([n for item, n in outline_rows(outline)
                              if helpers.has_state(item, Atspi.StateType.SELECTED)]))
    if any(n != name for n in selected):
        fail('selected rows %s, expected only the training job' % selected)


def main():
    if len(sys.argv) != 3:
        print('usage: test-atspi-outline.py BINARY EXAMPLES_DIR', file=sys.stderr)
        return 2
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(
        helpers.Failure('the whole test took longer than %.0f s' % (240 * helpers.SCALE))))
    signal.alarm(int(240 * helpers.SCALE))
    bus_helpers = []
    tmp = tempfile.mkdtemp(prefix='vpc-atspi-outline-')
    try:
        helpers.check_session()
        helpers.ensure_a11y_bus(bus_helpers)
        examples = sorted(f for f in os.listdir(sys.argv[2]) if f.endswith('.vpcd.json'))
        if len(examples) < 8:
            fail('expected at least 8 examples in %s, found %d' % (sys.argv[2], len(examples)))
        for name in examples:
            check_example(sys.argv[1], os.path.join(sys.argv[2], name), tmp,
                          select=name == 'training-cannot-reach-s3-ecr.vpcd.json')
    except helpers.Failure as error:
        print('test-atspi-outline: FAIL: %s' % error, file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
        for helper in bus_helpers:
            if helper.poll() is None:
                helper.terminate()
        shutil.rmtree(tmp, ignore_errors=True)
    print('test-atspi-outline: PASS')
    return 0


if __name__ == '__main__':
    sys.exit(main())
