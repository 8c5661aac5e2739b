import { ANY_OBJECT_KEY, isSampleKey } from './openapi-samples';

/** A JSON Schema, as the OpenAPI 3.1 document holds it. */
export type JsonSchema = Record<string, unknown>;

type JsonType = 'null' | 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

const TYPE_ORDER: JsonType[] = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object') return typeof value as JsonType;
  throw new Error(`a ${typeof value} is not JSON`);
}

/**
 * The JSON Schema of every value it has seen: the union of their types; for objects, the keys seen
 * (required when every object had them; closed, since the shapes name every key they send), and
 * for keys made of sample values (a map by PSID, say) one schema for all their values; for arrays,
 * the schema of all their items. No `const` or `enum`: a value that was the same in every sample
 * may still depend on data no sample had.
 */
export class ShapeOf {
  private readonly types = new Set<JsonType>();
  private objects = 0;
  private open = false;
  private readonly properties = new Map<string, { shape: ShapeOf; seen: number }>();
  private mapValues: ShapeOf | null = null;
  private items: ShapeOf | null = null;

  /** Adds a value (undefined keys of objects are left out, as JSON leaves them). */
  add(value: unknown): this {
    const type = typeOf(value);
    this.types.add(type);
    if (type === 'array') {
      this.items ??= new ShapeOf();
      for (const item of value as unknown[]) this.items.add(item);
    }
    if (type === 'object') this.addObject(value as Record<string, unknown>);
    return this;
  }

  private addObject(value: Record<string, unknown>): void {
    this.objects++;
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined) continue;
      if (key === ANY_OBJECT_KEY) {
        this.open = true;
      } else if (isSampleKey(key)) {
        this.mapValues ??= new ShapeOf();
        this.mapValues.add(field);
      } else {
        const property = this.properties.get(key) ?? { shape: new ShapeOf(), seen: 0 };
        property.shape.add(field);
        property.seen++;
        this.properties.set(key, property);
      }
    }
  }

  get seen(): boolean {
    return this.types.size > 0;
  }

  schema(): JsonSchema {
    const types = [...this.types].filter((t) => !(t === 'integer' && this.types.has('number')));
    if (types.length === 0) return {};
    types.sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
    const schema: JsonSchema = { type: types.length === 1 ? types[0] : types };
    if (this.types.has('object')) {
      if (this.open) return { ...schema, additionalProperties: true };
      if (this.properties.size > 0) schema.properties = Object.fromEntries([...this.properties].map(([key, p]) => [key, p.shape.schema()]));
      const required = [...this.properties].filter(([, p]) => p.seen === this.objects).map(([key]) => key);
      if (required.length > 0) schema.required = required;
      schema.additionalProperties = this.mapValues ? this.mapValues.schema() : false;
    }
    if (this.types.has('array')) {
      // An array no sample filled: always empty, whatever the data.
      schema.items = this.items?.seen ? this.items.schema() : {};
      if (!this.items?.seen) schema.maxItems = 0;
    }
    return schema;
  }
}
