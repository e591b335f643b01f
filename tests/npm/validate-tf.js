#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// validate-tf.js FILE.tf...: parses Terraform files with HashiCorp's HCL
// parser (@cdktf/hcl2json) and checks them against the AWS provider's
// schema as CDKTF generates it (@cdktf/provider-aws, pinned in package.json;
// provider 6.25.0): every resource and data source type exists, every
// argument and nested block names one of that type's, and every reference
// to a resource, data source or variable resolves. Prints one line per
// problem and exits 1 when there is one. Test-only: never shipped.
'use strict';
const fs = require('fs');
const path = require('path');
const hcl = require('@cdktf/hcl2json');

const LIB = path.join(path.dirname(require.resolve('@cdktf/provider-aws/package.json')), 'lib');
const schemas = {};

// The argument names of a type and which of them are maps (not blocks).
function schema(type, data) {
  const key = (data ? 'data:' : '') + type;
  if (key in schemas) return schemas[key];
  const dir = (data ? 'data-' : '') + type.replace(/^aws_/, data ? 'aws-' : '').replace(/_/g, '-');
  const file = path.join(LIB, dir, 'index.js');
  let text = null;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e) { /* no such type */ }
  if (text === null || !text.includes(`tfResourceType = "${type}"`)) return (schemas[key] = null);
  const names = new Set(), maps = new Set();
  // "cidr_block: cdktf.stringToTerraform(…)", "vpc_config: …VpcConfigToTerraform(…)".
  for (const m of text.matchAll(/^\s*([a-z_0-9]+): (?:cdktf\.(\w+)|\w+ToTerraform)/gm)) {
    names.add(m[1]);
    if (m[2] === 'hashMapper') maps.add(m[1]);
  }
  return (schemas[key] = { names, maps });
}

const META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']);

async function main(files) {
  let problems = 0;
  const say = (file, where, text) => { problems++; console.log(`${file}: ${where}: ${text}`); };

  for (const file of files) {
    const doc = await hcl.parse(file, fs.readFileSync(file, 'utf8'));
    const declared = new Set();
    for (const [kind, prefix] of [['resource', ''], ['data', 'data.']])
      for (const [type, blocks] of Object.entries(doc[kind] || {}))
        for (const name of Object.keys(blocks)) declared.add(`${prefix}${type}.${name}`);
    const variables = new Set(Object.keys(doc.variable || {}));

    function arguments_(where, body, s) {
      for (const [key, value] of Object.entries(body)) {
        if (META.has(key)) continue;
        if (!s.names.has(key)) { say(file, `${where}.${key}`, 'no such argument or block'); continue; }
        if (s.maps.has(key)) continue;
        if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object' && value[0] !== null &&
            !Array.isArray(value[0]))
          value.forEach((block, i) => arguments_(`${where}.${key}[${i}]`, block, s));
      }
    }

    for (const [kind, data] of [['resource', false], ['data', true]])
      for (const [type, blocks] of Object.entries(doc[kind] || {})) {
        const s = schema(type, data);
        if (!s) { say(file, `${kind}.${type}`, 'no such type in the AWS provider'); continue; }
        for (const [name, bodies] of Object.entries(blocks))
          for (const body of bodies) arguments_(`${kind}.${type}.${name}`, body, s);
      }

    // References inside expressions.
    const text = JSON.stringify(doc);
    for (const m of text.matchAll(/\$\{([^}]*)\}/g))
      for (const ref of m[1].matchAll(/\b(data\.aws_[a-z0-9_]+\.[A-Za-z0-9_-]+|aws_[a-z0-9_]+\.[A-Za-z0-9_-]+|var\.[A-Za-z0-9_-]+)/g)) {
        const r = ref[1];
        if (r.startsWith('var.')) { if (!variables.has(r.slice(4))) say(file, r, 'no such variable'); }
        else if (!declared.has(r)) say(file, r, 'refers to nothing declared');
      }
  }
  if (problems > 0) process.exit(1);
  console.log(`${files.length} Terraform files valid`);
}

main(process.argv.slice(2)).catch(e => { console.error(String(e)); process.exit(2); });
