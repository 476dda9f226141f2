// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The carrier contract: ShipEngine's OpenAPI 3.0 definition compiled into request and response checks.
// The document itself is checked with @seriousme/openapi-schema-validator; bodies, path and query
// parameters with ajv. OpenAPI 3.0 is not plain JSON Schema, so each schema is read the way the
// specification says before ajv sees it (see README.md): allOf members merged, readOnly/writeOnly per
// direction, nullable, and the published definition's few contradictions fixed by errata.json.
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const ERRATA = JSON.parse(readFileSync(new URL('./errata.json', import.meta.url), 'utf8'));
const OPENAPI_ONLY = new Set(['nullable', 'readOnly', 'writeOnly', 'example', 'examples', 'xml', 'externalDocs',
  'deprecated', 'discriminator', 'title', 'description']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function decodePointer(ref) {
  if (!ref.startsWith('#/'))
    throw new Error(`external reference not supported: ${ref}`);
  return ref.slice(2).split('/').map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function lookup(spec, ref) {
  let node = spec;
  for (const part of decodePointer(ref)) {
    node = node?.[part];
    if (node === undefined)
      throw new Error(`unresolvable reference ${ref}`);
  }
  return node;
}

function setAt(spec, pointer, value) {
  const parts = decodePointer(pointer);
  const last = parts.pop();
  let node = spec;
  for (const p of parts)
    node = node[p];
  if (value === undefined)
    delete node[last];
  else
    node[last] = value;
}

// Two compatible values for one keyword, or undefined when they conflict.
function mergeKeyword(key, a, b) {
  if (a === undefined)
    return b;
  if (b === undefined || JSON.stringify(a) === JSON.stringify(b))
    return a;
  if (key === 'required')
    return [...new Set([...a, ...b])];
  if (key === 'enum')
    return a.filter((v) => b.some((w) => JSON.stringify(v) === JSON.stringify(w)));
  if (key === 'readOnly' || key === 'writeOnly' || key === 'nullable')
    return a || b;
  if (key === 'additionalProperties') {
    if (a === false || b === false)
      return false;
    if (a === true)
      return b;
    if (b === true)
      return a;
  }
  return undefined;
}

export class CarrierContract {
  constructor(specPath) {
    this.specPath = specPath;
    this.ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    addFormats(this.ajv);
    // "url" is no JSON Schema format; the definition uses it for links, which must be absolute URIs.
    this.ajv.addFormat('url', this.ajv.formats.uri);
    this.compiled = new Map();
  }

  async load() {
    const checker = new Validator();
    const result = await checker.validate(this.specPath);
    const known = new Set(ERRATA.documentErrors);
    this.documentErrors = (result.errors ?? [])
      .filter((e) => !known.has(e.instancePath))
      .map((e) => `${e.instancePath} ${e.message}`);
    this.spec = structuredClone(checker.specification);
    for (const fix of ERRATA.fixes)
      setAt(this.spec, fix.pointer, fix.value);
    this.routes = [];
    for (const [template, item] of Object.entries(this.spec.paths)) {
      const literal = template.split('/').filter((s) => s && !s.startsWith('{')).length;
      const names = [];
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name) => {
        names.push(name);
        return '([^/]+)';
      });
      this.routes.push({ template, item, names, literal, regex: new RegExp(`^${pattern}$`) });
    }
    // Paths with more literal segments first: /v1/labels/external_shipment_id/{id} before /v1/labels/{label_id}.
    this.routes.sort((a, b) => b.literal - a.literal);
  }

  // The schema as the specification means it, for one direction ('request' or 'response').
  normalize(schema, direction, stack = []) {
    if (schema === true || schema === false || typeof schema !== 'object' || schema === null)
      return schema;
    if (schema.$ref) {
      if (stack.includes(schema.$ref))
        return {}; // a recursive definition: accept below this point rather than loop
      return this.normalize(lookup(this.spec, schema.$ref), direction, [...stack, schema.$ref]);
    }
    let merged = {};
    const residual = [];
    const parts = [Object.fromEntries(Object.entries(schema).filter(([k]) => k !== 'allOf'))];
    for (const member of schema.allOf ?? [])
      parts.push(this.normalize(member, direction, stack));
    for (const part of parts) {
      const mine = { ...part };
      if (mine.properties) {
        merged.properties = { ...(merged.properties ?? {}) };
        for (const [name, prop] of Object.entries(mine.properties)) {
          const p = this.normalize(prop, direction, stack);
          merged.properties[name] = merged.properties[name] ? this.normalize({ allOf: [merged.properties[name], p] },
            direction, stack) : p;
        }
        delete mine.properties;
      }
      for (const [key, value] of Object.entries(mine)) {
        const v = ['items', 'not'].includes(key) ? this.normalize(value, direction, stack)
          : ['oneOf', 'anyOf'].includes(key) ? value.map((s) => this.normalize(s, direction, stack))
            : value;
        const m = mergeKeyword(key, merged[key], v);
        if (m === undefined && merged[key] !== undefined)
          residual.push({ [key]: v });
        else
          merged[key] = m;
      }
    }
    if (residual.length)
      merged.allOf = residual;
    return merged;
  }

  // normalize() plus the direction's rules, recursively, and the OpenAPI-only keywords dropped.
  finish(schema, direction) {
    if (typeof schema !== 'object' || schema === null)
      return schema;
    const out = {};
    for (const [key, value] of Object.entries(schema)) {
      if (OPENAPI_ONLY.has(key) || key.startsWith('x-'))
        continue;
      if (key === 'properties') {
        out.properties = {};
        for (const [name, prop] of Object.entries(value)) {
          const hidden = direction === 'request' ? prop.readOnly : prop.writeOnly;
          // readOnly is answered, never sent; writeOnly is sent, never answered (OpenAPI 3.0.3, Schema Object).
          out.properties[name] = hidden ? { not: {} } : this.finish(prop, direction);
        }
      } else if (key === 'items' || key === 'not' || (key === 'additionalProperties' && typeof value === 'object')) {
        out[key] = this.finish(value, direction);
      } else if (['oneOf', 'anyOf', 'allOf'].includes(key)) {
        out[key] = value.map((s) => this.finish(s, direction));
      } else if (key === 'enum') {
        out.enum = [...new Set(value)]; // error_code lists no_rates_returned twice, which ajv refuses
      } else {
        out[key] = value;
      }
    }
    if (out.required && schema.properties) {
      out.required = out.required.filter((name) => {
        const prop = schema.properties[name];
        return !(direction === 'request' ? prop?.readOnly : prop?.writeOnly);
      });
    }
    // OpenAPI 3.0 keeps draft 4's boolean exclusiveMinimum/Maximum, which modify minimum/maximum.
    for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']]) {
      if (typeof out[flag] === 'boolean') {
        if (out[flag] && out[bound] !== undefined) {
          out[flag] = out[bound];
          delete out[bound];
        } else {
          delete out[flag];
        }
      }
    }
    if (schema.nullable) {
      if (typeof out.type === 'string')
        out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null))
        out.enum = [...out.enum, null];
    }
    return out;
  }

  validatorFor(key, schema, direction) {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(this.finish(this.normalize(schema, direction), direction));
      this.compiled.set(key, fn);
    }
    return fn;
  }

  route(method, url) {
    const path = new URL(url, 'http://carrier.invalid').pathname;
    for (const r of this.routes) {
      const m = r.regex.exec(path);
      if (!m || !r.item[method])
        continue;
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { route: r, operation: r.item[method], params };
    }
    return null;
  }

  schemaErrors(fn, value, where) {
    if (fn(value))
      return [];
    return fn.errors.map((e) => `${where}${e.instancePath} ${e.keyword === 'not' ? 'is readOnly or writeOnly: not allowed in this direction' : e.message}${e.params?.additionalProperty ?
      ` (${e.params.additionalProperty})` : ''}${e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`);
  }

  // Coerces a query or path value to what its schema's type says.
  coerce(schema, raw) {
    const s = this.normalize(schema, 'request');
    if (s.type === 'array')
      return raw.map((v) => this.coerce(s.items ?? {}, [v]));
    const v = raw[raw.length - 1];
    if ((s.type === 'integer' || s.type === 'number') && v !== '' && !Number.isNaN(Number(v)))
      return Number(v);
    if (s.type === 'boolean' && (v === 'true' || v === 'false'))
      return v === 'true';
    return v;
  }

  parameters(found) {
    const list = [...(found.route.item.parameters ?? []), ...(found.operation.parameters ?? [])]
      .map((p) => (p.$ref ? lookup(this.spec, p.$ref) : p));
    const byKey = new Map();
    for (const p of list)
      byKey.set(`${p.in}:${p.name}`, p); // an operation's own parameter overrides the path item's
    return [...byKey.values()];
  }

  checkRequest({ method, url, headers = {}, body }) {
    const m = method.toLowerCase();
    const found = METHODS.includes(m) ? this.route(m, url) : null;
    if (!found)
      return { operation: null, errors: [`${method} ${new URL(url, 'http://x').pathname} is not in the definition`] };
    const op = found.operation;
    const errors = [];
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    // security: api_key, an API-Key header on every call.
    if ((op.security ?? this.spec.security ?? []).some((req) => 'api_key' in req) && !lower['api-key'])
      errors.push('header API-Key is required');
    const query = new URL(url, 'http://carrier.invalid').searchParams;
    const declared = new Set();
    for (const p of this.parameters(found)) {
      if (p.in === 'header' || p.in === 'cookie')
        continue;
      declared.add(`${p.in}:${p.name}`);
      const raw = p.in === 'path' ? [found.params[p.name]] : query.getAll(p.name);
      if (raw.length === 0 || raw[0] === undefined) {
        if (p.required)
          errors.push(`${p.in} parameter ${p.name} is required`);
        continue;
      }
      const fn = this.validatorFor(`param:${op.operationId}:${p.in}:${p.name}`, p.schema ?? {}, 'request');
      errors.push(...this.schemaErrors(fn, this.coerce(p.schema ?? {}, raw), `${p.in} parameter ${p.name}`));
    }
    for (const name of new Set(query.keys())) {
      if (!declared.has(`query:${name}`))
        errors.push(`query parameter ${name} is not in the definition`);
    }
    const content = op.requestBody?.content;
    if (content) {
      const hasBody = body !== undefined && body !== null && body !== '';
      if (!hasBody) {
        if (op.requestBody.required)
          errors.push('request body is required');
      } else if (!(lower['content-type'] ?? '').startsWith('application/json') || !content['application/json']) {
        errors.push(`request content type ${lower['content-type'] ?? '(none)'} is not application/json`);
      } else {
        errors.push(...this.checkJson(`request:${op.operationId}`, content['application/json'].schema, body, 'request',
          'body'));
      }
    } else if (body) {
      errors.push(`${op.operationId} takes no request body`);
    }
    return { operation: op.operationId, errors };
  }

  checkJson(key, schema, body, direction, where) {
    let value;
    try {
      value = typeof body === 'string' ? JSON.parse(body) : body;
    } catch (e) {
      return [`${where} is not JSON: ${e.message}`];
    }
    return this.schemaErrors(this.validatorFor(key, schema, direction), value, where);
  }

  checkResponse({ method, url, status, headers = {}, body }) {
    const found = this.route(method.toLowerCase(), url);
    if (!found)
      return { operation: null, errors: [`${method} ${url} is not in the definition`] };
    const op = found.operation;
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const errors = [];
    let response = op.responses?.[String(status)] ?? op.responses?.default;
    if (!response && ERRATA.undeclaredStatuses[String(status)]) {
      // 401 and 429 answer every operation with the shared error body (reference README, ShipEngine error guide).
      response = { content: { 'application/json': { schema: { $ref: ERRATA.undeclaredStatuses[String(status)] } } } };
      if (status === 429 && !/^\d+$/.test(lower['retry-after'] ?? ''))
        errors.push('a 429 answer needs a Retry-After header in whole seconds');
    }
    if (!response)
      return { operation: op.operationId, errors: [`status ${status} is not declared for ${op.operationId}`] };
    if (response.$ref)
      response = lookup(this.spec, response.$ref);
    const schema = response.content?.['application/json']?.schema;
    if (schema) {
      if (!(lower['content-type'] ?? '').startsWith('application/json'))
        errors.push(`response content type ${lower['content-type'] ?? '(none)'} is not application/json`);
      errors.push(...this.checkJson(`response:${op.operationId}:${status}`, schema, body, 'response', 'body'));
    }
    return { operation: op.operationId, errors };
  }
}
