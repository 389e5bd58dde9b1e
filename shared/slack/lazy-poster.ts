import type { SlackPoster } from '../ports/slack-poster.js';

/**
 * A poster whose real one is built on first use, so a Lambda starts without waiting for its token
 * from Secrets Manager, and (with a dynamic import in the factory) without loading the Slack SDK
 * for requests that never post. A failed build is retried on the next call.
 */
export function createLazyPoster(build: () => Promise<SlackPoster>): SlackPoster {
  let poster: Promise<SlackPoster> | undefined;
  const get = () => {
    poster ??= build().catch((error: unknown) => {
      poster = undefined;
      throw error;
    });
    return poster;
  };
  return {
    post: async (message) => (await get()).post(message),
    update: async (message) => (await get()).update(message),
  };
}
