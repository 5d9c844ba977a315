// The reference data 1.1.0 publishes as resources (languages, clip lengths, layouts), rendered from the create
// body's schemas in the spec: its enums and descriptions, so a new language or layout needs no edit here.
import type { JsonSchema } from "./spec.js";
import { operationSchemas } from "./spec.js";
import type { ObjectSchema } from "./tools/schemas.js";
import { toolSchemas } from "./tools/schemas.js";

export interface ReferenceResource {
  uri: string;
  name: string;
  title: string;
  description: string;
  mimeType: "text/markdown";
  text(): string;
}

/** The resources and the create body field each describes. */
const REFERENCES = [
  { uri: "ssemble://supported-languages", field: "language", title: "Supported languages" },
  { uri: "ssemble://preferred-lengths", field: "preferredLength", title: "Preferred clip lengths" },
  { uri: "ssemble://layouts", field: "layout", title: "Layouts" },
] as const;

function render(title: string, field: string, schema: JsonSchema): string {
  const values = Array.isArray(schema.enum) ? schema.enum.map(String) : [];
  const description = typeof schema.description === "string" ? schema.description : "";
  const fallback =
    schema.default === undefined ? "" : `\n\nDefault: \`${String(schema.default)}\`.`;
  // Where the description already lists the values (one `- \`value\` — ...` line each), it is the table.
  const listed = values.every((v) => description.includes(`\`${v}\``));
  const list = listed ? "" : `\n\n${values.map((v) => `- \`${v}\``).join("\n")}`;
  return `# ${title}\n\nThe values of \`${field}\` in create_short.\n\n${description}${list}${fallback}\n`;
}

export function referenceResources(): ReferenceResource[] {
  const create = operationSchemas().get("createShort");
  if (!create) throw new Error("the spec has no createShort");
  const { inputSchema } = toolSchemas("createShort", create) as { inputSchema: ObjectSchema };
  return REFERENCES.map(({ uri, field, title }) => {
    const schema = inputSchema.properties[field];
    if (!schema) throw new Error(`the create body has no ${field}`);
    return {
      uri,
      name: uri.slice("ssemble://".length),
      title,
      description: `${title}: every value create_short accepts for \`${field}\`, from the API's spec.`,
      mimeType: "text/markdown",
      text: () => render(title, field, schema),
    };
  });
}
