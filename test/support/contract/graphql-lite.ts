// Just enough GraphQL for a contract server: parses one operation (variables,
// arguments with literal or variable values, nested selections; no fragments,
// aliases or directives, which our clients never send) and checks it against
// a typed subset of the real schema, then projects resolved data onto it.

export type GqlValue =
  | { kind: 'variable'; name: string }
  | { kind: 'literal'; value: unknown }
  | { kind: 'object'; fields: Record<string, GqlValue> }
  | { kind: 'list'; items: GqlValue[] };

export interface GqlField {
  name: string;
  args: Record<string, GqlValue>;
  selection: GqlField[] | null;
}

export interface GqlOperation {
  type: 'query' | 'mutation';
  name: string | null;
  variables: Record<string, string>;
  selection: GqlField[];
}

/** Output types: each field is a scalar (`String`) or an object type name, with its arguments' types. */
export interface GqlSchema {
  types: Record<string, Record<string, { type: string; args?: Record<string, string> }>>;
  scalars: Set<string>;
}

const TOKEN =
  /\s*(?:#[^\n]*\s*)*([{}()[\]:!$=,@]|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[_A-Za-z][_0-9A-Za-z]*)/y;

export function parseOperation(source: string): GqlOperation {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (;;) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) {
      if (source.slice(at).trim() !== '') throw new Error(`unexpected text at ${at}`);
      break;
    }
    if (m[1] !== ',') tokens.push(m[1] ?? '');
  }
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('unexpected end of query');
    return t;
  };
  const expect = (t: string) => {
    const got = next();
    if (got !== t) throw new Error(`expected ${t}, got ${got}`);
  };
  const name = () => {
    const t = next();
    if (!/^[_A-Za-z]/.test(t)) throw new Error(`expected a name, got ${t}`);
    return t;
  };
  const typeRef = (): string => {
    if (peek() === '[') {
      next();
      const inner = typeRef();
      expect(']');
      return `[${inner}]${peek() === '!' ? next() : ''}`;
    }
    const n = name();
    return `${n}${peek() === '!' ? next() : ''}`;
  };
  const value = (): GqlValue => {
    const t = next();
    if (t === '$') return { kind: 'variable', name: name() };
    if (t === '{') {
      const fields: Record<string, GqlValue> = {};
      while (peek() !== '}') {
        const key = name();
        expect(':');
        fields[key] = value();
      }
      next();
      return { kind: 'object', fields };
    }
    if (t === '[') {
      const items: GqlValue[] = [];
      while (peek() !== ']') items.push(value());
      next();
      return { kind: 'list', items };
    }
    if (t.startsWith('"')) return { kind: 'literal', value: JSON.parse(t) };
    if (/^-?\d/.test(t)) return { kind: 'literal', value: Number(t) };
    if (t === 'true' || t === 'false') return { kind: 'literal', value: t === 'true' };
    if (t === 'null') return { kind: 'literal', value: null };
    return { kind: 'literal', value: t };
  };
  const selection = (): GqlField[] => {
    expect('{');
    const fields: GqlField[] = [];
    while (peek() !== '}') {
      const field = name();
      if (peek() === ':') throw new Error('aliases are not supported');
      if (peek() === '@') throw new Error('directives are not supported');
      const args: Record<string, GqlValue> = {};
      if (peek() === '(') {
        next();
        while (peek() !== ')') {
          const arg = name();
          expect(':');
          args[arg] = value();
        }
        next();
      }
      fields.push({ name: field, args, selection: peek() === '{' ? selection() : null });
    }
    next();
    return fields;
  };

  let type: 'query' | 'mutation' = 'query';
  let opName: string | null = null;
  const variables: Record<string, string> = {};
  if (peek() === 'query' || peek() === 'mutation') {
    type = next() as 'query' | 'mutation';
    if (peek() !== '(' && peek() !== '{') opName = name();
    if (peek() === '(') {
      next();
      while (peek() !== ')') {
        expect('$');
        const v = name();
        expect(':');
        variables[v] = typeRef();
        if (peek() === '=') throw new Error('variable defaults are not supported');
      }
      next();
    }
  }
  const root = selection();
  if (i !== tokens.length) throw new Error('more than one operation');
  return { type, name: opName, variables, selection: root };
}

/** Problems of the operation against the schema (unknown fields or arguments, wrong variable types). */
export function validateOperation(
  op: GqlOperation,
  schema: GqlSchema,
  vars: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  const used = new Set<string>();
  const checkValue = (value: GqlValue, expected: string, where: string) => {
    if (value.kind === 'variable') {
      used.add(value.name);
      const declared = op.variables[value.name];
      if (declared === undefined) problems.push(`${where}: $${value.name} is not declared`);
      // A variable may be stricter (non-null) than the argument, never looser.
      else if (declared !== expected && declared !== `${expected}!`) {
        problems.push(`${where}: $${value.name} is ${declared}, the argument is ${expected}`);
      }
    } else if (value.kind === 'object') {
      for (const v of Object.values(value.fields)) collect(v);
    } else if (value.kind === 'list') {
      for (const v of value.items) collect(v);
    }
  };
  const collect = (value: GqlValue) => {
    if (value.kind === 'variable') used.add(value.name);
    else if (value.kind === 'object') Object.values(value.fields).forEach(collect);
    else if (value.kind === 'list') value.items.forEach(collect);
  };
  const walk = (fields: GqlField[], typeName: string, path: string) => {
    const type = schema.types[typeName];
    if (!type) {
      problems.push(`${path}: unknown type ${typeName}`);
      return;
    }
    for (const field of fields) {
      const where = `${path}.${field.name}`;
      const def = type[field.name];
      if (!def) {
        problems.push(`${where}: no such field on ${typeName}`);
        continue;
      }
      for (const [arg, value] of Object.entries(field.args)) {
        const expected = def.args?.[arg];
        if (!expected) problems.push(`${where}(${arg}): no such argument`);
        else checkValue(value, expected, `${where}(${arg})`);
      }
      for (const [arg, expected] of Object.entries(def.args ?? {})) {
        if (expected.endsWith('!') && !(arg in field.args))
          problems.push(`${where}: ${arg} is required`);
      }
      const base = def.type.replace(/[[\]!]/g, '');
      if (schema.scalars.has(base)) {
        if (field.selection) problems.push(`${where}: a scalar has no fields`);
      } else if (!field.selection) {
        problems.push(`${where}: ${base} needs a selection`);
      } else {
        walk(field.selection, base, where);
      }
    }
  };
  walk(op.selection, op.type === 'query' ? 'Query' : 'Mutation', op.type);
  for (const [v, t] of Object.entries(op.variables)) {
    if (!used.has(v)) problems.push(`$${v} is declared but not used`);
    if (t.endsWith('!') && (vars[v] === undefined || vars[v] === null))
      problems.push(`$${v} (${t}) was not given`);
  }
  return problems;
}

export function resolveValue(value: GqlValue, vars: Record<string, unknown>): unknown {
  switch (value.kind) {
    case 'variable':
      return vars[value.name];
    case 'literal':
      return value.value;
    case 'object':
      return Object.fromEntries(
        Object.entries(value.fields).map(([k, v]) => [k, resolveValue(v, vars)]),
      );
    case 'list':
      return value.items.map((v) => resolveValue(v, vars));
  }
}

/** A resolved field: a plain value, or a function of its arguments. */
export type Resolved = unknown;

/** Picks the selected fields out of resolved data, calling field functions with their arguments. */
export function project(
  data: Resolved,
  fields: GqlField[],
  vars: Record<string, unknown>,
): unknown {
  if (data === null || data === undefined) return null;
  if (Array.isArray(data)) return data.map((item) => project(item, fields, vars));
  const out: Record<string, unknown> = {};
  const record = data as Record<string, unknown>;
  for (const field of fields) {
    let value = record[field.name];
    if (typeof value === 'function') {
      const args = Object.fromEntries(
        Object.entries(field.args).map(([k, v]) => [k, resolveValue(v, vars)]),
      );
      value = (value as (a: Record<string, unknown>) => unknown)(args);
    }
    out[field.name] = field.selection ? project(value, field.selection, vars) : (value ?? null);
  }
  return out;
}
