// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Usage: node validate-lines.mjs SCHEMA.graphql — reads one JSON string (a GraphQL document) per line on
// stdin and answers one JSON array of error messages per line (empty: valid). The fake Shopify keeps
// one running so every document it is sent is checked against the schema, as Shopify itself would.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { buildSchema, parse, validate } from 'graphql';

const schemaPath = process.argv[2];
if (!schemaPath) {
  console.error('usage: validate-lines.mjs SCHEMA');
  process.exit(2);
}
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin, terminal: false });
lines.on('line', (line) => {
  let errors;
  try {
    errors = validate(schema, parse(JSON.parse(line))).map((e) => e.message);
  } catch (e) {
    errors = [String(e.message ?? e)];
  }
  process.stdout.write(JSON.stringify(errors) + '\n');
});
