// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Usage: node validate-lines.mjs SPEC.yaml — reads one JSON exchange per line on stdin,
//   {"direction": "request"|"response", "method", "url", "status"?, "headers": {…}, "body": "…"}
// and answers one line {"operation": "create_label", "errors": […]} (no errors: valid). The carrier fake
// keeps one running so every request it is sent and every answer it gives is checked against the definition.
import { createInterface } from 'node:readline';
import { CarrierContract } from './contract.mjs';

const specPath = process.argv[2];
if (!specPath) {
  console.error('usage: validate-lines.mjs SPEC');
  process.exit(2);
}
const contract = new CarrierContract(specPath);
await contract.load();
if (contract.documentErrors.length) {
  console.error(`the definition has errors errata.json does not know:\n${contract.documentErrors.join('\n')}`);
  process.exit(1);
}
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin, terminal: false });
lines.on('line', (line) => {
  let answer;
  try {
    const exchange = JSON.parse(line);
    answer = exchange.direction === 'response' ? contract.checkResponse(exchange) : contract.checkRequest(exchange);
  } catch (e) {
    answer = { operation: null, errors: [String(e.message ?? e)] };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
});
