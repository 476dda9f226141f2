// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Usage: node validate.mjs SPEC.yaml EXCHANGE.json… — checks the definition itself, then each file's
// exchange (or array of exchanges, shaped as validate-lines.mjs reads them). Prints every error and
// exits 1 if there was any.
import { readFileSync } from 'node:fs';
import { CarrierContract } from './contract.mjs';

const [specPath, ...files] = process.argv.slice(2);
if (!specPath) {
  console.error('usage: validate.mjs SPEC [EXCHANGE.json…]');
  process.exit(2);
}
const contract = new CarrierContract(specPath);
await contract.load();
let failed = contract.documentErrors.length > 0;
let total = 0;
let invalid = 0;
for (const e of contract.documentErrors)
  console.log(`${specPath}: ${e}`);
for (const file of files) {
  const content = JSON.parse(readFileSync(file, 'utf8'));
  for (const exchange of Array.isArray(content) ? content : [content]) {
    const { operation, errors } = exchange.direction === 'response' ? contract.checkResponse(exchange)
      : contract.checkRequest(exchange);
    for (const e of errors)
      console.log(`${file}: ${exchange.direction} ${operation ?? exchange.url}: ${e}`);
    total += 1;
    invalid += errors.length > 0 ? 1 : 0;
  }
}
failed ||= invalid > 0;
console.log(failed ? `invalid: ${invalid} of ${total} exchange(s)${contract.documentErrors.length ? ' and the definition' : ''}`
  : `valid: the definition and ${total} exchange(s)`);
process.exit(failed ? 1 : 0);
