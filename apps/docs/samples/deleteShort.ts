import { createSsembleClient } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

// Irreversible: removes the job and its clips, cancels it if still running; the credit is not refunded.
const { message } = await ssemble.shorts.delete("665a1b2c3d4e5f6a7b8c9d0e");

console.log(message);
