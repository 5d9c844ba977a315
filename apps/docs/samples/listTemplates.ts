import { createSsembleClient } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

const { templates, defaultTemplateId } = await ssemble.templates.list();

for (const template of templates) {
  const isDefault = template.templateId === defaultTemplateId ? " (default)" : "";
  console.log(`${template.templateId} ${template.displayName}${isDefault}`);
}
