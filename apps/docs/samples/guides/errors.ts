import { createSsembleClient, RateLimitError, SsembleApiError } from "@ssemble/client";

const ssemble = createSsembleClient({ apiKey: process.env.SSEMBLE_API_KEY ?? "" });

try {
  await ssemble.shorts.create({ url: "https://www.youtube.com/shorts/abc", start: 0, end: 60 });
} catch (error) {
  if (error instanceof RateLimitError) {
    // The client already waited and retried as far as `maxRateLimitWaitMs` allows.
    console.error(`rate limited until ${error.rateLimit.reset?.toISOString()}`);
  } else if (error instanceof SsembleApiError) {
    switch (error.code) {
      case "invalid_youtube_url":
      case "invalid_request":
        console.error(`fix the request: ${error.message}`, error.details);
        break;
      case "insufficient_credits":
        console.error("top up your credits");
        break;
      default:
        console.error(`HTTP ${error.status} ${error.code}: ${error.message}`);
    }
  } else {
    throw error; // a network failure or a bug
  }
}
