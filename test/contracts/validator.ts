import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

// ajv-formats is CommonJS: its default export is the module under NodeNext's types.
const addFormats = formats as unknown as typeof formats.default;
import type { Exchange } from './recorder.js';

/**
 * Holds recorded HTTP exchanges against a provider's published OpenAPI description: finds the operation by
 * method and path template, decodes the body as the spec says (Stripe: form-encoded with bracketed keys;
 * PayPal and Reloadly: JSON), and validates path, query, headers and body of the request and the status,
 * media type and body of the response (error answers included). Unknown properties are violations too
 * (`additionalProperties: false` is added wherever the spec lists properties and says nothing), so a renamed
 * field fails twice: the new name is unknown, the old one may be missing.
 */

type Json = Record<string, unknown>;
type Schema = Json;

export type Where =
  | 'operation'
  | 'request.path'
  | 'request.query'
  | 'request.header'
  | 'request.body'
  | 'response.status'
  | 'response.media-type'
  | 'response.body'
  | 'webhook';

export interface Violation {
  provider: string;
  /** `POST /v1/payment_intents` (the spec's template), or the webhook's event type. */
  operation: string;
  where: Where;
  /** JSON pointer into the decoded value (`/next_action/wechat_pay_display_qr_code/expires_at`). */
  pointer: string;
  message: string;
  status?: number;
}

export interface SchemaPatch {
  /** JSON pointer into the spec document (`/paths/~1topups/post/requestBody/…/schema/properties/amount`). */
  at: string;
  /** The schema that stands there instead, or how to make it from the published document. */
  schema: Schema | ((document: Json) => Schema);
  reason: string;
}

export interface ValidatorOptions {
  provider: string;
  documents: Record<string, Json>;
  /** How request bodies are encoded. */
  requestEncoding: 'form' | 'json';
  /** Properties (by name, wherever they appear) that may be `null` though the spec does not say so. */
  nullableProperties?: readonly string[];
  /** Corrections to the published text, each with its reason (see deviations.ts). */
  patches?: SchemaPatch[];
}

interface Operation {
  document: string;
  method: string;
  template: string;
  pattern: RegExp;
  pointer: string;
  spec: Json;
  parameters: Json[];
}

const KNOWN_FORMATS = new Set(['date-time', 'date', 'email', 'uri', 'uuid', 'ipv4', 'ipv6']);
const escapePointer = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

export function resolve(document: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node as Json | undefined)?.[part], document);
}

function setAt(document: Json, pointer: string, value: unknown): void {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = parts.pop()!;
  const parent = parts.reduce<Json>((node, part) => node[part] as Json, document);
  if (!parent || typeof parent !== 'object') throw new Error(`no parent for patch at ${pointer}`);
  parent[last] = value;
}

/**
 * OpenAPI 3.0 schema → JSON Schema draft-07 for Ajv: `nullable`, allOf merged into one object (so strict
 * objects compose), unknown properties refused, vendor formats dropped.
 */
class Normalizer {
  private readonly done = new Map<string, Schema>();

  constructor(
    private readonly document: Json,
    private readonly nullableProperties: ReadonlySet<string>,
  ) {}

  component(ref: string): Schema {
    const cached = this.done.get(ref);
    if (cached) return cached;
    const raw = resolve(this.document, ref.slice(1));
    if (!raw || typeof raw !== 'object') throw new Error(`dangling ${ref}`);
    const placeholder: Schema = {};
    this.done.set(ref, placeholder);
    Object.assign(placeholder, this.schema(raw as Schema));
    return placeholder;
  }

  schema(input: Schema): Schema {
    let schema: Schema = { ...input };
    if (Array.isArray(schema.allOf)) schema = this.mergeAllOf(schema);
    for (const key of ['anyOf', 'oneOf'] as const) {
      if (Array.isArray(schema[key]))
        schema[key] = (schema[key] as Schema[]).map((branch) => this.schema(branch));
    }
    if (schema.not && typeof schema.not === 'object') schema.not = this.schema(schema.not as Schema);
    if (schema.items && typeof schema.items === 'object') schema.items = this.schema(schema.items as Schema);
    if (schema.properties && typeof schema.properties === 'object') {
      schema.properties = Object.fromEntries(
        Object.entries(schema.properties as Record<string, Schema>).map(([name, property]) => [
          name,
          this.nullable(this.schema(property), this.nullableProperties.has(name)),
        ]),
      );
      if (schema.additionalProperties === undefined) schema.additionalProperties = false;
    }
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      schema.additionalProperties = this.schema(schema.additionalProperties as Schema);
    }
    if (typeof schema.format === 'string' && !KNOWN_FORMATS.has(schema.format)) delete schema.format;
    const nullable = schema.nullable === true;
    delete schema.nullable;
    // OpenAPI 3.0: siblings of $ref are ignored; keep the $ref alone.
    if (typeof schema.$ref === 'string') schema = { $ref: schema.$ref };
    return this.nullable(schema, nullable);
  }

  private nullable(schema: Schema, yes: boolean): Schema {
    if (!yes) return schema;
    if (typeof schema.$ref === 'string' || schema.anyOf || schema.oneOf) {
      return { anyOf: [schema, { type: 'null' }] };
    }
    const result = { ...schema };
    if (typeof result.type === 'string') result.type = [result.type, 'null'];
    else if (Array.isArray(result.type) && !result.type.includes('null'))
      result.type = [...(result.type as string[]), 'null'];
    if (Array.isArray(result.enum) && !result.enum.includes(null))
      result.enum = [...(result.enum as unknown[]), null];
    return result;
  }

  /** Merges `allOf` members (each an object schema, refs resolved) into one object schema. */
  private mergeAllOf(schema: Schema): Schema {
    const { allOf, ...rest } = schema;
    const members = (allOf as Schema[]).map((member) =>
      typeof member.$ref === 'string' ? this.rawResolved(member.$ref) : member,
    );
    const mergeable = members.every((member) => !member.anyOf && !member.oneOf);
    if (!mergeable) return { ...rest, allOf };
    const merged: Schema = { ...rest };
    const properties: Record<string, Schema> = { ...((rest.properties as Record<string, Schema>) ?? {}) };
    const required = new Set<string>((rest.required as string[]) ?? []);
    for (const member of members) {
      const flat = Array.isArray(member.allOf) ? this.mergeAllOf(member) : member;
      Object.assign(properties, (flat.properties as Record<string, Schema>) ?? {});
      for (const name of (flat.required as string[]) ?? []) required.add(name);
      if (flat.additionalProperties !== undefined && merged.additionalProperties === undefined) {
        merged.additionalProperties = flat.additionalProperties;
      }
      if (flat.type && !merged.type) merged.type = flat.type;
    }
    merged.properties = properties;
    if (required.size) merged.required = [...required];
    return merged;
  }

  private rawResolved(ref: string): Schema {
    const raw = resolve(this.document, ref.slice(1));
    if (!raw || typeof raw !== 'object') throw new Error(`dangling ${ref}`);
    return raw as Schema;
  }
}

/** `a[b][0]=x&a[b][1]=y&c=1` → `{a: {b: ['x', 'y']}, c: '1'}` (Stripe's encoding, as stripe-node writes it). */
export function decodeBracketed(text: string): Json {
  const root: Json = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.split(/\[|\]\[|\]/).filter((part, index) => part !== '' || index === 0);
    let node: Json = root;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) {
        node[part] = value;
        return;
      }
      node[part] ??= {};
      node = node[part] as Json;
    });
  }
  const arrays = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Json).map(([key, item]) => [key, arrays(item)] as const);
    if (entries.length > 0 && entries.every(([key]) => /^\d+$/.test(key))) {
      return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, item]) => item);
    }
    return Object.fromEntries(entries);
  };
  return arrays(root) as Json;
}

const formatErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((error) => {
    const detail =
      error.keyword === 'additionalProperties'
        ? `unknown property "${String((error.params as { additionalProperty: string }).additionalProperty)}"`
        : error.keyword === 'required'
          ? `missing property "${String((error.params as { missingProperty: string }).missingProperty)}"`
          : (error.message ?? error.keyword);
    const pointer =
      error.keyword === 'additionalProperties'
        ? `${error.instancePath}/${String((error.params as { additionalProperty: string }).additionalProperty)}`
        : error.keyword === 'required'
          ? `${error.instancePath}/${String((error.params as { missingProperty: string }).missingProperty)}`
          : error.instancePath;
    return { pointer: pointer || '/', message: detail };
  });

/**
 * Keeps the telling errors. A failed anyOf (Stripe's `id | expanded object | null`) reports every branch; the
 * branches that failed only on type ("must be string", "must be null") say nothing when another branch got
 * further into the same value.
 */
const usefulErrors = (errors: ErrorObject[] | null | undefined) => {
  const all = errors ?? [];
  const specific = all.filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf');
  const deeper = (error: ErrorObject) =>
    specific.some(
      (other) =>
        other !== error &&
        other.keyword !== 'type' &&
        (other.instancePath === error.instancePath ||
          other.instancePath.startsWith(`${error.instancePath}/`)),
    );
  const telling = specific.filter((error) => error.keyword !== 'type' || !deeper(error));
  return telling.length ? telling : all;
};

export class ContractValidator {
  private readonly ajv: Ajv;
  private readonly coercing: Ajv;
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly normalizers = new Map<string, Normalizer>();

  constructor(private readonly options: ValidatorOptions) {
    const make = (coerce: boolean) => {
      const ajv = new Ajv({
        strict: false,
        // PayPal's patterns are written for non-Unicode regular expressions.
        unicodeRegExp: false,
        allErrors: true,
        coerceTypes: coerce ? 'array' : false,
        validateSchema: false,
      });
      addFormats(ajv);
      return ajv;
    };
    this.ajv = make(false);
    this.coercing = make(true);
    for (const [name, original] of Object.entries(options.documents)) this.addDocument(name, original);
    // Literal segments win over templated ones (`/topups/reports/transactions` before `/topups/{id}`).
    const literalCount = (template: string) =>
      template.split('/').filter((part) => !part.startsWith('{')).length;
    this.operations.sort((a, b) => literalCount(b.template) - literalCount(a.template));
  }

  /** Every operation in the trimmed documents, as `METHOD /template`. */
  operationNames(): string[] {
    return this.operations.map((operation) => `${operation.method.toUpperCase()} ${operation.template}`);
  }

  /** The operation an exchange was matched to, if any. */
  operationOf(method: string, path: string): string | undefined {
    const operation = this.find(method, path);
    return operation && `${operation.method.toUpperCase()} ${operation.template}`;
  }

  /** Validates one value against a component schema (webhook payloads). */
  validateSchema(document: string, schemaName: string, value: unknown, operation: string): Violation[] {
    const validate = this.compile(false, `spec:${document}#/components/schemas/${escapePointer(schemaName)}`);
    if (validate(value)) return [];
    return formatErrors(usefulErrors(validate.errors)).map((error) => ({
      provider: this.options.provider,
      operation,
      where: 'webhook' as const,
      ...error,
    }));
  }

  validateExchange(exchange: Exchange): Violation[] {
    const url = new URL(exchange.url, 'http://recorded');
    const operation = this.find(exchange.method, url.pathname);
    const name = operation
      ? `${operation.method.toUpperCase()} ${operation.template}`
      : `${exchange.method} ${url.pathname}`;
    const violations: Violation[] = [];
    const add = (where: Where, pointer: string, message: string) =>
      violations.push({
        provider: this.options.provider,
        operation: name,
        where,
        pointer,
        message,
        status: exchange.status,
      });
    if (!operation) {
      add('operation', '/', 'no such operation in the published spec');
      return violations;
    }
    this.checkParameters(operation, url, exchange, add);
    this.checkRequestBody(operation, exchange, add);
    this.checkResponse(operation, exchange, add);
    return violations;
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  /** Applies the deviations' patches, normalizes the document for ajv, and indexes its operations. */
  private addDocument(name: string, original: Json): void {
    const document = structuredClone(original);
    for (const patch of this.options.patches ?? []) {
      if (!patch.at.startsWith(`${name}#`)) continue;
      const schema = typeof patch.schema === 'function' ? patch.schema(original) : patch.schema;
      setAt(document, patch.at.slice(name.length + 1), structuredClone(schema));
    }
    const normalizer = new Normalizer(document, new Set(this.options.nullableProperties ?? []));
    this.normalizers.set(name, normalizer);
    const normalized = this.normalizeDocument(document, normalizer);
    this.ajv.addSchema(normalized, `spec:${name}`);
    this.coercing.addSchema(normalized, `spec:${name}`);
    const deref = (parameter: Json) =>
      typeof parameter.$ref === 'string' ? (resolve(document, parameter.$ref.slice(1)) as Json) : parameter;
    for (const [template, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
      const pattern = new RegExp(
        `^${template
          .split('/')
          .map((part) => (/^\{.+\}$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\-]/g, '\\$&')))
          .join('/')}$`,
      );
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const spec = item[method] as Json | undefined;
        if (!spec) continue;
        const parameters = [...((item.parameters as Json[]) ?? []), ...((spec.parameters as Json[]) ?? [])];
        this.operations.push({
          document: name,
          method,
          template,
          pattern,
          pointer: `/paths/${escapePointer(template)}/${method}`,
          spec,
          parameters: parameters.map(deref),
        });
      }
    }
  }

  private normalizeDocument(document: Json, normalizer: Normalizer): Json {
    const walk = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map((item) => walk(item));
      if (!node || typeof node !== 'object') return node;
      return Object.fromEntries(
        Object.entries(node as Json).map(([key, value]) => {
          if (key === 'schema' && value && typeof value === 'object')
            return [key, normalizer.schema(value as Schema)];
          return [key, walk(value)];
        }),
      );
    };
    const normalized = walk({ ...document, components: undefined }) as Json;
    const components = (document.components ?? {}) as Record<string, Record<string, unknown>>;
    const out: Record<string, Record<string, unknown>> = {};
    for (const [kind, entries] of Object.entries(components)) {
      out[kind] = Object.fromEntries(
        Object.entries(entries).map(([entryName, value]) => [
          entryName,
          kind === 'schemas'
            ? normalizer.component(`#/components/schemas/${escapePointer(entryName)}`)
            : walk(value),
        ]),
      );
    }
    normalized.components = out;
    return normalized;
  }

  private compile(coerce: boolean, ref: string): ValidateFunction {
    const key = `${coerce ? 'c' : 'p'}${ref}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = (coerce ? this.coercing : this.ajv).compile({ $ref: ref });
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /** A parameter's schema, wrapped so coercion can replace the value; refs point into its document. */
  private compileParameter(
    operation: Operation,
    name: string,
    where: string,
    schema: Schema,
  ): ValidateFunction {
    const key = `param ${operation.document} ${operation.pointer} ${where} ${name}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const absolute = (node: unknown): unknown => {
        if (Array.isArray(node)) return node.map(absolute);
        if (!node || typeof node !== 'object') return node;
        return Object.fromEntries(
          Object.entries(node as Json).map(([entry, value]) => [
            entry,
            entry === '$ref' && typeof value === 'string' && value.startsWith('#')
              ? `spec:${operation.document}${value}`
              : absolute(value),
          ]),
        );
      };
      const normalized = absolute(this.normalizers.get(operation.document)!.schema(schema)) as Schema;
      validate = this.coercing.compile({ type: 'object', properties: { value: normalized } });
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private find(method: string, path: string): Operation | undefined {
    return this.operations.find(
      (operation) => operation.method === method.toLowerCase() && operation.pattern.test(path),
    );
  }

  private schemaRef(operation: Operation, ...rest: string[]) {
    return `spec:${operation.document}#${operation.pointer}/${rest.map(escapePointer).join('/')}`;
  }

  private checkParameters(
    operation: Operation,
    url: URL,
    exchange: Exchange,
    add: (where: Where, pointer: string, message: string) => void,
  ): void {
    const pathValues = operation.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
    const pathNames = [...operation.template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    const query =
      this.options.requestEncoding === 'form'
        ? decodeBracketed(url.search.slice(1))
        : Object.fromEntries(url.searchParams);
    const seenQuery = new Set<string>();
    operation.parameters.forEach((parameter) => {
      const name = String(parameter.name);
      const where = parameter.in as string;
      let value: unknown;
      if (where === 'path') value = pathValues[pathNames.indexOf(name)];
      else if (where === 'query') {
        value = query[name];
        seenQuery.add(name);
      } else if (where === 'header') value = exchange.requestHeaders[name.toLowerCase()];
      else return;
      const kind: Where =
        where === 'path' ? 'request.path' : where === 'query' ? 'request.query' : 'request.header';
      if (value === undefined) {
        if (parameter.required === true) add(kind, `/${name}`, `missing required ${where} parameter`);
        return;
      }
      if (!parameter.schema) return;
      const wrapped = this.compileParameter(operation, name, where, parameter.schema as Schema);
      if (!wrapped({ value })) {
        for (const error of formatErrors(usefulErrors(wrapped.errors))) {
          add(kind, `/${name}${error.pointer.replace(/^\/value/, '')}`, error.message);
        }
      }
    });
    for (const name of Object.keys(query)) {
      if (!seenQuery.has(name)) add('request.query', `/${name}`, 'query parameter not in the spec');
    }
  }

  private checkRequestBody(
    operation: Operation,
    exchange: Exchange,
    add: (where: Where, pointer: string, message: string) => void,
  ): void {
    const requestBody = operation.spec.requestBody as Json | undefined;
    const text = exchange.requestBody;
    if (!requestBody) {
      if (text.trim() !== '' && this.options.requestEncoding === 'json')
        add('request.body', '/', 'a body where the spec has none');
      return;
    }
    const content = (requestBody.content ?? {}) as Record<string, Json>;
    const mediaType = (exchange.requestHeaders['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (text.trim() === '') {
      if (requestBody.required === true) add('request.body', '/', 'missing required body');
      return;
    }
    const declared = Object.keys(content);
    const chosen = declared.find((type) => type.toLowerCase() === mediaType);
    if (!chosen) {
      add('request.body', '/', `media type ${mediaType || '(none)'} not in ${declared.join(', ')}`);
      return;
    }
    let value: unknown;
    if (this.options.requestEncoding === 'form') value = decodeBracketed(text);
    else {
      try {
        value = JSON.parse(text);
      } catch {
        add('request.body', '/', 'body is not JSON');
        return;
      }
    }
    const validate = this.compile(
      this.options.requestEncoding === 'form',
      this.schemaRef(operation, 'requestBody', 'content', chosen, 'schema'),
    );
    if (!validate(value)) {
      for (const error of formatErrors(usefulErrors(validate.errors)))
        add('request.body', error.pointer, error.message);
    }
  }

  private checkResponse(
    operation: Operation,
    exchange: Exchange,
    add: (where: Where, pointer: string, message: string) => void,
  ): void {
    const responses = (operation.spec.responses ?? {}) as Record<string, Json>;
    const status = String(exchange.status);
    const key = [status, `${status[0]}XX`, 'default'].find((candidate) => responses[candidate]);
    if (!key) {
      add('response.status', '/', `status ${status} not documented (${Object.keys(responses).join(', ')})`);
      return;
    }
    const content = (responses[key]!.content ?? {}) as Record<string, Json>;
    const text = exchange.responseBody;
    const declared = Object.keys(content);
    if (declared.length === 0) {
      if (text.trim() !== '') add('response.body', '/', `a body where the spec documents none for ${key}`);
      return;
    }
    const mediaType = (exchange.responseHeaders['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const chosen = declared.find((type) => type.toLowerCase() === mediaType);
    if (!chosen)
      add(
        'response.media-type',
        '/',
        `media type ${mediaType || '(none)'} not in ${declared.join(', ')} for ${key}`,
      );
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      add('response.body', '/', 'body is not JSON');
      return;
    }
    const schemaKey = chosen ?? declared[0]!;
    if (!content[schemaKey]?.schema) return;
    const validate = this.compile(
      false,
      this.schemaRef(operation, 'responses', key, 'content', schemaKey, 'schema'),
    );
    if (!validate(value)) {
      for (const error of formatErrors(usefulErrors(validate.errors)))
        add('response.body', error.pointer, error.message);
    }
  }
}
