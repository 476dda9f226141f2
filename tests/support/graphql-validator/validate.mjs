// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Usage: node validate.mjs SCHEMA.graphql DOC.graphql... ; exits 1 on any invalid document.
// A document is read with the fragments in fragments/ beside it (the hub appends those it spreads; an unused one is
// not held against the document here: the fake Shopify checks what the hub really sends).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildSchema, parse, validate, specifiedRules, Kind, NoUnusedFragmentsRule } from 'graphql';

function fragmentsBeside(path) {
  const dir = join(dirname(path), 'fragments');
  if (!existsSync(dir)) return '';
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}
const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);

const [schemaPath, ...documents] = process.argv.slice(2);
if (!schemaPath || documents.length === 0) {
  console.error('usage: validate.mjs SCHEMA DOC...');
  process.exit(2);
}
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
let failures = 0;
for (const path of documents) {
  let errors = [];
  try {
    const document = parse(readFileSync(path, 'utf8') + '\n' + fragmentsBeside(path));
    errors = validate(schema, document, rules).map((e) => e.message);
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const expected = basename(path, '.graphql');
    if (operations.length !== 1 || operations[0].name?.value !== expected)
      errors.push(`expected exactly one operation named ${expected}`);
  } catch (e) {
    errors = [String(e.message ?? e)];
  }
  if (errors.length) {
    failures++;
    console.log(`FAIL ${basename(path)}`);
    for (const message of errors) console.log(`  ${message}`);
  } else {
    console.log(`ok   ${basename(path)}`);
  }
}
console.log(`${documents.length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
