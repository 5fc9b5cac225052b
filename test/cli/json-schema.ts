/**
 * A validator for the part of JSON Schema (draft-07) that docs/report.schema.json uses: type (one or a list),
 * enum, properties, required, items, additionalProperties (a schema), minimum, maximum and local $ref
 * ("#/definitions/x"). Written here rather than adding a dependency for one test; a keyword it does not know fails
 * the validation, so the schema cannot quietly use more than is checked.
 */

export interface Schema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema;
  minimum?: number;
  maximum?: number;
  $ref?: string;
  definitions?: Record<string, Schema>;
}

const KNOWN = new Set([
  "$schema",
  "$id",
  "title",
  "description",
  "type",
  "enum",
  "properties",
  "required",
  "items",
  "additionalProperties",
  "minimum",
  "maximum",
  "$ref",
  "definitions",
]);

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeMatches(want: string, v: unknown): boolean {
  const t = typeOf(v);
  return want === t || (want === "number" && t === "integer");
}

/** Every place where `value` breaks `schema`, as "path: what is wrong" (empty when it conforms). */
export function validate(
  schema: Schema,
  value: unknown,
  root: Schema = schema,
  at = "$"
): string[] {
  const errors: string[] = [];
  for (const k of Object.keys(schema))
    if (!KNOWN.has(k))
      errors.push(`${at}: the schema uses "${k}", which this validator does not check`);
  if (schema.$ref) {
    const m = /^#\/definitions\/(.+)$/.exec(schema.$ref);
    const target = m ? root.definitions?.[m[1]] : undefined;
    if (!target) return [...errors, `${at}: unknown $ref ${schema.$ref}`];
    return [...errors, ...validate(target, value, root, at)];
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, value)))
      return [...errors, `${at}: is ${typeOf(value)}, not ${types.join(" or ")}`];
  }
  if (schema.enum && !schema.enum.some((e) => e === value))
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push(`${at}: ${value} is below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push(`${at}: ${value} is above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => errors.push(...validate(schema.items!, v, root, `${at}[${i}]`)));
  if (typeOf(value) === "object") {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) errors.push(`${at}: "${r}" is missing`);
    for (const [k, v] of Object.entries(obj)) {
      const p = schema.properties?.[k] ?? schema.additionalProperties;
      if (p) errors.push(...validate(p, v, root, `${at}.${k}`));
    }
  }
  return errors;
}
