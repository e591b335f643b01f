#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// validate-cfn.js TEMPLATE.json...: checks CloudFormation templates against
// the CloudFormation resource specification as AWS CDK ships it
// (@aws-cdk/aws-service-spec, pinned in package.json): every resource type
// exists; no unknown properties, at any depth; required properties present;
// values of the right type (string, number, integer, boolean, list, object,
// tag, JSON), intrinsic functions where a scalar or list may stand; every
// Ref and Fn::GetAtt resolves, and the attribute exists. Prints one line per
// problem and exits 1 when there is one. Test-only: never shipped.
'use strict';
const fs = require('fs');
const spec = require('@aws-cdk/aws-service-spec');

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
  'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const FUNCTIONS = new Set(['Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::GetAZs',
  'Fn::If', 'Fn::FindInMap', 'Fn::ImportValue', 'Fn::Base64', 'Fn::Cidr']);

function isFunction(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && FUNCTIONS.has(keys[0]);
}

async function main(files) {
  const db = await spec.loadAwsServiceSpec();
  let problems = 0;
  const say = (file, where, text) => { problems++; console.log(`${file}: ${where}: ${text}`); };

  for (const file of files) {
    const template = JSON.parse(fs.readFileSync(file, 'utf8'));
    const resources = template.Resources || {};
    const parameters = template.Parameters || {};
    const specs = {};

    for (const [name, resource] of Object.entries(resources)) {
      const found = db.lookup('resource', 'cloudFormationType', 'equals', resource.Type);
      if (found.length !== 1) { say(file, `Resources.${name}`, `unknown type ${resource.Type}`); continue; }
      const r = found.only();
      const types = {};
      for (const t of db.follow('usesType', r)) types[t.entity.$id] = t.entity;
      specs[name] = r;
      checkObject(file, `Resources.${name}.Properties`, resource.Properties || {}, r.properties, types);
    }

    function checkObject(file, where, value, properties, types) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        say(file, where, 'not an object'); return;
      }
      for (const [key, property] of Object.entries(properties))
        if (property.required && !(key in value)) say(file, where, `required property ${key} missing`);
      for (const [key, v] of Object.entries(value)) {
        if (!(key in properties)) { say(file, `${where}.${key}`, 'unknown property'); continue; }
        checkValue(file, `${where}.${key}`, v, properties[key].type, types);
      }
    }

    function checkValue(file, where, v, type, types) {
      if (isFunction(v)) return;
      switch (type.type) {
        case 'string':
          if (typeof v !== 'string') say(file, where, `expected a string, got ${JSON.stringify(v)}`);
          else if (type.allowedValues && !type.allowedValues.includes(v)) say(file, where, `not one of ${type.allowedValues}`);
          break;
        case 'number':
          if (typeof v !== 'number') say(file, where, 'expected a number'); break;
        case 'integer':
          if (!Number.isInteger(v)) say(file, where, 'expected an integer'); break;
        case 'boolean':
          if (typeof v !== 'boolean') say(file, where, 'expected a boolean'); break;
        case 'json':
          break;
        case 'date-time':
          if (typeof v !== 'string') say(file, where, 'expected a date'); break;
        case 'tag':
          if (typeof v !== 'object' || typeof v.Key !== 'string' || !('Value' in v) || Object.keys(v).length !== 2)
            say(file, where, 'expected a tag {Key, Value}');
          break;
        case 'array':
          if (!Array.isArray(v)) { say(file, where, 'expected a list'); break; }
          v.forEach((item, i) => checkValue(file, `${where}[${i}]`, item, type.element, types));
          break;
        case 'map':
          if (typeof v !== 'object' || Array.isArray(v)) { say(file, where, 'expected a map'); break; }
          for (const [k, item] of Object.entries(v)) checkValue(file, `${where}.${k}`, item, type.element, types);
          break;
        case 'ref': {
          const def = types[type.reference.$ref];
          if (!def) { say(file, where, 'type definition not found'); break; }
          checkObject(file, where, v, def.properties, types);
          break;
        }
        case 'union':
          if (!type.types.some(t => quietlyValid(v, t, types))) say(file, where, 'matches none of its types');
          break;
        default:
          break;
      }
    }

    function quietlyValid(v, type, types) {
      const before = problems;
      const saved = console.log;
      console.log = () => {};
      checkValue('', '', v, type, types);
      console.log = saved;
      const ok = problems === before;
      problems = before;
      return ok;
    }

    // Every Ref and GetAtt resolves.
    function walk(where, node) {
      if (Array.isArray(node)) { node.forEach((n, i) => walk(`${where}[${i}]`, n)); return; }
      if (node === null || typeof node !== 'object') return;
      for (const [key, v] of Object.entries(node)) {
        if (key === 'Ref') {
          if (!(v in resources) && !(v in parameters) && !PSEUDO.has(v)) say(file, where, `Ref ${v} resolves to nothing`);
        } else if (key === 'Fn::GetAtt') {
          const [name, attribute] = Array.isArray(v) ? v : String(v).split('.');
          if (!(name in resources)) say(file, where, `Fn::GetAtt ${name} names no resource`);
          else if (specs[name] && !(attribute in specs[name].attributes))
            say(file, where, `Fn::GetAtt ${name}.${attribute}: no such attribute of ${resources[name].Type}`);
        } else if (key === 'DependsOn') {
          for (const d of [].concat(v)) if (!(d in resources)) say(file, where, `DependsOn ${d} names no resource`);
        } else walk(`${where}.${key}`, v);
      }
    }
    walk('Resources', resources);
    walk('Outputs', template.Outputs || {});
    for (const [name, p] of Object.entries(parameters))
      if (typeof p.Type !== 'string') say(file, `Parameters.${name}`, 'no Type');
  }
  if (problems > 0) process.exit(1);
  console.log(`${files.length} templates valid`);
}

main(process.argv.slice(2)).catch(e => { console.error(e); process.exit(2); });
