// ensemu's own lint rule: every schema a reader meets (named schemas, their properties and items)
// has a description and an example. A parameter's or header's inline schema is exempt: the
// parameter or header itself carries both.
function SchemaDocumented() {
  return {
    Schema(schema, ctx) {
      const pointer = ctx.location.pointer;
      if (/\/(parameters|headers)\/[^/]+\/schema$/.test(pointer)) {
        return;
      }
      for (const field of ['description', 'example']) {
        if (schema[field] === undefined) {
          ctx.report({ message: `Schema must have ${field === 'example' ? 'an example' : 'a description'}.`, location: ctx.location.key() });
        }
      }
    },
  };
}

export default function ensemuRules() {
  return {
    id: 'ensemu',
    rules: { oas3: { 'schema-documented': SchemaDocumented } },
  };
}
